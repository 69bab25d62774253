import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";

import { NAV_GROUPS } from "@/components/app-shell/nav-items";

import { createOperator, sql } from "./support/db";
import { expectSignedInAs, signIn } from "./support/sign-in";
import { storageStateFor } from "./support/state";

// SPEC §7 against the running app: headers, CSP, the sign-in limit under a rotating
// X-Forwarded-For, redirects after sign-in, CSV exports.

/** Collects CSP violations, both the DOM event and Chromium's console report. */
async function watchCsp(page: Page) {
  const seen: string[] = [];
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) seen.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

function expectPageHeaders(headers: Record<string, string>, where: string) {
  const csp = headers["content-security-policy"];
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp, where).not.toContain("unsafe-eval");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
}

test.describe("security headers and CSP", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("every page of the navigation renders with its headers and no CSP violation", async ({ page }) => {
    const violations = await watchCsp(page);
    const nonces = new Set<string>();
    for (const item of NAV_GROUPS.flatMap((g) => g.items)) {
      const res = await page.goto(item.href);
      expect(res?.status(), item.href).toBe(200);
      const headers = res!.headers();
      expectPageHeaders(headers, item.href);
      nonces.add(/'nonce-([^']+)'/.exec(headers["content-security-policy"])![1]);
      await expect(page.locator("h1").first(), item.href).toBeVisible();
      // Hydrated: the client bundle ran under the policy (a click handler works).
      await page.getByRole("button", { name: "Toggle light or dark theme" }).click();
      expect(await violations(), item.href).toEqual([]);
    }
    // A fresh nonce per response, never one to reuse.
    expect(nonces.size).toBe(NAV_GROUPS.flatMap((g) => g.items).length);
  });

  test("a script injected into the page's HTML (stored XSS) does not run", async ({ page }) => {
    const violations = await watchCsp(page);
    // The attack: markup reaching the HTML as the server sent it, with the server's real headers.
    await page.route(
      (url) => url.pathname === "/",
      async (route) => {
        if (route.request().resourceType() !== "document") return route.fallback();
        const response = await route.fetch();
        const body = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
        await route.fulfill({ response, body });
      },
    );
    await page.goto("/");
    await expect(page.locator("h1").first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await expect.poll(violations).toContainEqual(expect.stringContaining("script-src"));
  });

  test("the API answers with nosniff and no-store, errors included", async ({ request }) => {
    for (const path of ["/api/v1/openapi.json", "/api/v1/me/promo-codes", "/api/v1/leaderboards"]) {
      const res = await request.get(path);
      expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers()["cache-control"], path).toContain("no-store");
    }
  });
});

test.describe("hostile addresses are a 4xx, never a 5xx", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  // Sent raw: a browser would re-encode them. Pages go through proxy.ts, the API through its wrapper.
  const ATTACKS = [
    "/players?q=%00",
    "/players?q=%ED%A0%80",
    "/players?q=9999999999",
    "/players/%E0%A4%A",
    "/players/9999999999",
    "/promo-codes/------------------------------------",
    "/affiliates/streamers/%00",
    "/api/v1/leaderboards/%E0%A4%A",
    "/api/v1/leaderboards/x?top=%00",
    "/api/v1/credits?after=99999999999999999999999.1",
  ];
  for (const path of ATTACKS) {
    test(`GET ${path}`, async ({ request }) => {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBeGreaterThanOrEqual(200);
      expect(res.status(), path).toBeLessThan(500);
    });
  }
});

test.describe("signed out", () => {
  test("the sign-in page has the headers and no CSP violation", async ({ page }) => {
    const violations = await watchCsp(page);
    const res = await page.goto("/sign-in");
    expectPageHeaders(res!.headers(), "/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email")).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test("the sign-in limit holds when X-Forwarded-For (and our own peer header) change every time", async ({ page }) => {
    const op = await createOperator("SUPPORT");
    const spoof = (i: number) => page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${i}`, "x-rollover-peer-address": `198.51.100.${i}` });
    for (let i = 1; i <= 5; i++) {
      await spoof(i);
      await signIn(page, op.email, "wrong-password");
      await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    }
    await spoof(6);
    await signIn(page, op.email, op.password);
    await expect(page.getByTestId("form-error")).toHaveText("Too many failed sign-ins. Wait 15 minutes and try again.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  // `/.//evil.example` is a path of this app once parsed (an unknown one: the 404 page).
  for (const [attack, lands] of [
    ["/\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/.//evil.example", "/evil.example"],
  ]) {
    test(`callbackUrl ${JSON.stringify(attack)} stays on the app after signing in`, async ({ page, baseURL }) => {
      // Were the app to leave, the browser would land here instead of failing to resolve the name.
      await page.route(
        (url) => url.hostname.endsWith("evil.example"),
        (route) => route.fulfill({ body: "<h1>evil</h1>", contentType: "text/html" }),
      );
      const op = await createOperator("SUPPORT");
      const expected = new URL(lands, baseURL).href;
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(attack)}`);
      await page.getByLabel("Email").fill(op.email);
      await page.getByLabel("Password").fill(op.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(expected);
      // Signed in, the page redirects on the server: the same rule.
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(attack)}`);
      await expect(page).toHaveURL(expected);
      if (lands === "/") await expectSignedInAs(page, "Support");
    });
  }
});

test("a password change signs out the operator's other browsers, not the one that changed it", async ({ browser }) => {
  const op = await createOperator("SUPPORT");
  const [mine, other] = [await browser.newContext(), await browser.newContext()];
  const [page, otherPage] = [await mine.newPage(), await other.newPage()];
  for (const p of [page, otherPage]) {
    await signIn(p, op.email, op.password);
    await expectSignedInAs(p, "Support");
  }
  await page.goto("/change-password");
  await page.getByLabel("Current password").fill(op.password);
  await page.getByLabel("New password", { exact: true }).fill("another-passw0rd-e2e");
  await page.getByLabel("Repeat the new password").fill("another-passw0rd-e2e");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectSignedInAs(page, "Support");

  await otherPage.goto("/players");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await page.goto("/players");
  await expectSignedInAs(page, "Support");
  await Promise.all([mine.close(), other.close()]);
});

test.describe("CSV exports", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("a bad or unknown streamer id is a 404 before any CSV", async ({ request }) => {
    for (const id of ["2147483648", "99999999999999999999", "abc", "1e3", "-1", "0", "2147483647"]) {
      const res = await request.get(`/affiliates/streamers/${id}/export`);
      expect(res.status(), id).toBe(404);
      expect(res.headers()["content-type"] ?? "", id).not.toContain("text/csv");
    }
  });

  test("a player named like a formula arrives as text in the drill-down CSV", async ({ request }) => {
    const [streamer] = await sql<{ ownerId: number; code: string }>(
      `SELECT c."ownerId", c.id AS code FROM "AffiliateCode" c JOIN "AffiliateStreamer" s ON s.id = c."ownerId" ORDER BY c."ownerId" LIMIT 1`,
    );
    const name = `=HYPERLINK("https://evil.example","e2e${Date.now()}")`;
    await sql(`INSERT INTO "User" (username, role, "affiliateCodeId") VALUES ($1, 'PLAYER', $2)`, [name, streamer.code]);
    const res = await request.get(`/affiliates/streamers/${streamer.ownerId}/export?q=${encodeURIComponent(name.slice(-16))}`);
    expect(res.status()).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r["Player"])).toEqual([`'${name}`]);
  });
});
