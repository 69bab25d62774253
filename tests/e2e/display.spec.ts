import { expect, test, type Page } from "@playwright/test";

import { NAV_GROUPS } from "@/components/app-shell/nav-items";

import { storageStateFor } from "./support/state";

// Issue #13, what an operator notices on screen: tables that fit, round chart axes, straight money
// lines, a sidebar as tall as the page, an app icon that loads. Screenshots go to test-results/screens.

const WIDTHS = [1280, 390] as const;

/** "$2.5K" → 2500, "$1M" → 1e6, "-$500" → -500. */
function parseCompactUsd(text: string): number {
  const m = /^(-?)\$(\d+(?:\.\d+)?)([KMB]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a compact USD tick: ${text}`);
  const scale = { "": 1, K: 1e3, M: 1e6, B: 1e9 }[m[3] as "" | "K" | "M" | "B"];
  return (m[1] ? -1 : 1) * Number(m[2]) * scale;
}

function isNiceStep(step: number) {
  const power = 10 ** Math.floor(Math.log10(step));
  return [1, 2, 5, 10].some((n) => Math.abs(step / power - n) < 1e-9);
}

async function expectLastColumnVisible(page: Page, testId: string) {
  const table = page.locator("table").first();
  const lastHead = table.locator("thead th").last();
  await expect(lastHead).toBeVisible();
  const box = (await lastHead.boundingBox())!;
  const viewport = page.viewportSize()!;
  // Either it fits the viewport, or the table sits in a horizontal scroll container that can reach it.
  const container = await table.evaluate((t) => {
    const c = t.closest<HTMLElement>("[data-slot=table-container]")!;
    return { scrollWidth: c.scrollWidth, clientWidth: c.clientWidth, overflowX: getComputedStyle(c).overflowX, right: c.getBoundingClientRect().right };
  });
  expect(container.right, `${testId}: the scroll container itself fits`).toBeLessThanOrEqual(viewport.width + 0.5);
  if (box.x + box.width <= viewport.width + 0.5) return;
  expect(container.overflowX, `${testId}: overflowing table must scroll`).toMatch(/auto|scroll/);
  await table.evaluate((t) => t.closest<HTMLElement>("[data-slot=table-container]")!.scrollTo({ left: 1e6 }));
  const after = (await lastHead.boundingBox())!;
  expect(after.x + after.width, `${testId}: last column reachable by scrolling`).toBeLessThanOrEqual(container.right + 0.5);
}

test.describe("display", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  for (const width of WIDTHS) {
    test(`the promo list shows its last column at ${width}px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/promo-codes");
      await expect(page.locator("thead th").last()).toHaveText("Completion");
      await expectLastColumnVisible(page, `promo list ${width}px`);
      if (width === 1280) {
        // At desktop width it fits outright, nothing to scroll to.
        const box = (await page.locator("thead th").last().boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
        await expect(page.locator("[data-slot=table-container]").first()).not.toHaveAttribute("data-overflows");
      } else {
        // Narrower it scrolls, and says so: focusable, named, a shadow on the side with more.
        const container = page.getByRole("region", { name: "Table, scrolls sideways" }).first();
        await expect(container).toBeVisible();
        await expect(container).toHaveAttribute("tabindex", "0");
      }
      await page.screenshot({ path: `test-results/screens/display-promo-list-${width}.png`, fullPage: true });
    });
  }

  test("money chart axes tick at round values and lines are straight", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const path of ["/", "/affiliates", "/affiliates/streamers"]) {
      await page.goto(path);
      await expect(page.locator(".recharts-surface").first(), path).toBeVisible();
      const axes = page.locator(".recharts-yAxis, .recharts-xAxis");
      for (const axis of await axes.all()) {
        const labels = (await axis.locator(".recharts-cartesian-axis-tick-value").allTextContents()).map((t) => t.trim());
        if (!labels.length || !labels.every((t) => t.startsWith("$") || t.startsWith("-$"))) continue;
        const values = labels.map(parseCompactUsd);
        const steps = values.slice(1).map((v, i) => v - values[i]);
        expect(new Set(steps).size, `${path}: evenly spaced ${labels.join(", ")}`).toBeLessThanOrEqual(1);
        if (steps.length) expect(isNiceStep(steps[0]), `${path}: a 1/2/5 × 10^n step: ${labels.join(", ")}`).toBe(true);
      }
      for (const d of await page.locator(".recharts-line-curve").evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""))) {
        expect(d, `${path}: a straight line, no Bézier curve`).not.toMatch(/[CcSsQq]/);
      }
    }
    await page.goto("/");
    await page.screenshot({ path: "test-results/screens/display-dashboard.png", fullPage: true });
  });

  test("no page of the navigation is wider than a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const item of NAV_GROUPS.flatMap((g) => g.items)) {
      await page.goto(item.href);
      await expect(page.locator("h1").first(), item.href).toBeVisible();
      // Wide tables scroll inside their own box; the page itself never scrolls sideways. Polled: charts
      // measure their container after the first paint, so the settled layout is the one that counts.
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: item.href }).toBeLessThanOrEqual(390);
    }
    await page.goto("/audit-log");
    const diff = page.getByTestId("audit-diff").first();
    // The page streams in behind its loading skeleton: wait for the rows.
    await expect(diff).toBeVisible();
    expect((await diff.boundingBox())!.width, "the audit diff keeps a readable width").toBeGreaterThan(250);
    await page.screenshot({ path: "test-results/screens/display-audit-log-390.png" });
  });

  test("the sidebar's background spans a long page", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 700 });
    await page.goto("/audit-log");
    const sidebar = page.getByTestId("sidebar");
    const { pageHeight, sidebarHeight } = await sidebar.evaluate((el) => ({
      pageHeight: document.documentElement.scrollHeight,
      sidebarHeight: el.getBoundingClientRect().height,
    }));
    expect(pageHeight).toBeGreaterThan(700);
    expect(sidebarHeight).toBeGreaterThanOrEqual(pageHeight - 1);
    await page.screenshot({ path: "test-results/screens/display-audit-log-full.png", fullPage: true });
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page loads its icon and nothing 404s", async ({ page }) => {
    const missing: string[] = [];
    page.on("response", (res) => {
      if (res.status() >= 400) missing.push(`${res.status()} ${res.url()}`);
    });
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(icon).toMatch(/^\/icon\.svg/);
    const res = await page.request.get(icon!, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/svg+xml");
    // The browser's own favicon request, if it makes one, must not fail either.
    await page.waitForLoadState("networkidle");
    expect(missing).toEqual([]);
  });
});
