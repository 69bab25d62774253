import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { NAV_GROUPS } from "@/components/app-shell/nav-items";

import { storageStateFor } from "./support/state";

// Issue #13: axe on every page of the navigation plus a few detail pages, at desktop and phone
// width, for ADMIN. Serious and critical violations fail the suite; no rule is disabled.

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Detail pages reached from their list (ids differ per seed). */
const DETAIL_PAGES: { name: string; list: string; link: string }[] = [
  { name: "promo page", list: "/promo-codes?q=WELCOME100", link: "WELCOME100" },
  { name: "leaderboard standings", list: "/leaderboards", link: "Weekly Wager Race" },
];

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "");

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} — ${n.any[0]?.message ?? n.failureSummary ?? ""}`) }));
}

test.describe("accessibility (axe)", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  for (const size of WIDTHS) {
    test(`every page of the navigation at ${size.width}px has no serious or critical violation`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const found: Record<string, unknown> = {};
      for (const item of NAV_GROUPS.flatMap((g) => g.items)) {
        await page.goto(item.href);
        await expect(page.locator("h1").first(), item.href).toBeVisible();
        const v = await seriousViolations(page);
        if (v.length) found[item.href] = v;
        await page.screenshot({ path: `test-results/screens/a11y-${size.width}${slug(item.href)}.png`, fullPage: true });
      }
      for (const detail of DETAIL_PAGES) {
        await page.goto(detail.list);
        await page.getByRole("link", { name: detail.link, exact: true }).first().click();
        await expect(page.locator("h1").first()).toContainText(detail.link);
        const v = await seriousViolations(page);
        if (v.length) found[detail.name] = v;
        await page.screenshot({ path: `test-results/screens/a11y-${size.width}-${slug(detail.name)}.png`, fullPage: true });
      }
      expect(found).toEqual({});
    });
  }

  test("the sign-in page has no serious or critical violation", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto("/sign-in");
      expect(await seriousViolations(page), `sign-in at ${size.width}px`).toEqual([]);
      await page.screenshot({ path: `test-results/screens/a11y-${size.width}-sign-in.png`, fullPage: true });
    }
    await context.close();
  });
});
