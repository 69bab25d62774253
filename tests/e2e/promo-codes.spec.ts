import { expect, test } from "@playwright/test";

import { sql } from "./support/db";
import { storageStateFor } from "./support/state";

const uniq = () => `E2E${Date.now().toString(36).toUpperCase()}`;

test.describe("promo codes as a promo manager", () => {
  test.use({ storageState: storageStateFor("PROMO_MANAGER") });

  test("creates a DEPOSIT promo with two whitelisted games and finds it in the list", async ({ page }) => {
    const code = uniq();
    await page.goto("/promo-codes/new");
    await page.getByLabel("Code", { exact: true }).fill(code.toLowerCase());
    await page.getByLabel("Title", { exact: true }).fill("E2E welcome: 100% up to $500");
    await expect(page.getByTestId("preview-bonus")).toHaveText("$100.00");
    await expect(page.getByTestId("preview-turnover")).toHaveText("$6,000.00");
    await page.screenshot({ path: "test-results/screens/promo-form.png", fullPage: true });
    await page.getByRole("button", { name: "Create promo" }).click();
    await expect(page).toHaveURL(/\/promo-codes\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: code })).toBeVisible();

    await page.getByRole("tab", { name: "Game whitelist" }).click();
    await page.getByLabel("Game to add").selectOption({ label: "Plinko — house" });
    await page.getByLabel("Game to add").selectOption({ label: "Dice — house" });
    await page.getByLabel("Weight for Dice").fill("0.5");
    await page.getByLabel("Max bet for Plinko").fill("25");
    await page.getByRole("button", { name: "Save whitelist" }).click();
    await expect(page.getByText("Whitelist saved")).toBeVisible();
    const rows = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "PromoGameWhitelist" w JOIN "PromoCode" p ON p.id = w."promoCodeId" WHERE p.code = $1`,
      [code],
    );
    expect(rows[0].n).toBe(2);

    await page.goto(`/promo-codes?q=${code}`);
    const row = page.getByTestId(`promo-row-${code}`);
    await expect(row).toContainText("Deposit");
    await expect(row).toContainText("Active");
    await expect(row).toContainText("100% up to $500.00");
    await page.screenshot({ path: "test-results/screens/promo-list.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/promo-list-phone.png", fullPage: true });
    await row.getByRole("link", { name: code }).click();
    await page.getByRole("tab", { name: "Game whitelist" }).click();
    await page.screenshot({ path: "test-results/screens/promo-whitelist-phone.png", fullPage: true });
  });

  test("a validation error shows next to its field and nothing is saved", async ({ page }) => {
    const code = uniq();
    await page.goto("/promo-codes/new");
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByLabel("Title", { exact: true }).fill("Broken");
    await page.getByLabel("Time to complete").fill("");
    await page.getByLabel("Match multiplier").fill("abc");
    await page.getByRole("button", { name: "Create promo" }).click();
    await expect(page.getByText("A deposit bonus needs time to complete")).toBeVisible();
    await expect(page.getByText("Match must be a number such as 12.50")).toBeVisible();
    expect((await sql(`SELECT 1 FROM "PromoCode" WHERE code = $1`, [code])).length).toBe(0);
  });

  test("a code held by a live promo is a field error; deactivating frees it", async ({ page }) => {
    await page.goto("/promo-codes/new");
    await page.getByLabel("Code", { exact: true }).fill("welcome100");
    await page.getByLabel("Title", { exact: true }).fill("Clash");
    await page.getByRole("button", { name: "Create promo" }).click();
    await expect(page.getByText("Code taken: a live promo uses it")).toBeVisible();
    await expect(page.getByLabel("Code", { exact: true })).toHaveAttribute("aria-invalid", "true");

    const code = uniq();
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByRole("button", { name: "Create promo" }).click();
    await expect(page.getByRole("heading", { name: code })).toBeVisible();
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(`${code} deactivated`)).toBeVisible();

    await page.goto("/promo-codes/new");
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByLabel("Title", { exact: true }).fill("Second life");
    await page.getByRole("button", { name: "Create promo" }).click();
    await expect(page.getByRole("heading", { name: code })).toBeVisible();
    const rows = await sql<{ isActive: boolean | null }>(`SELECT "isActive" FROM "PromoCode" WHERE code = $1 ORDER BY "createdAt"`, [code]);
    expect(rows.map((r) => r.isActive)).toEqual([null, true]);
  });
});

test.describe("promo codes as support", () => {
  test.use({ storageState: storageStateFor("SUPPORT") });

  test("sees a promo and its claims but no edit controls", async ({ page }) => {
    await page.goto("/promo-codes?q=WELCOME100");
    await page.getByRole("link", { name: "WELCOME100" }).click();
    await expect(page.getByTestId("promo-summary")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New promo" })).toHaveCount(0);
    await page.getByRole("tab", { name: /Claims/ }).click();
    await page.screenshot({ path: "test-results/screens/promo-claims-support.png", fullPage: true });
  });

  test("cancels a player's active bonus from the claims tab, with a reason", async ({ page }) => {
    await page.goto("/promo-codes?q=WELCOME100");
    await page.getByRole("link", { name: "WELCOME100" }).click();
    await page.getByRole("tab", { name: /Claims/ }).click();
    const row = page.getByTestId("claim-row-150");
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Cancel bonus" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel bonus" }).click();
    await expect(page.getByText("Give a reason")).toBeVisible();
    await page.getByLabel("Reason").fill("Duplicate account");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel bonus" }).click();
    await expect(page.getByText("Bonus cancelled")).toBeVisible();
    await expect(row).toContainText("Cancelled");
    const [claim] = await sql<{ status: string; cancelReason: string }>(
      `SELECT c.status, c."cancelReason" FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId" WHERE p.code = 'WELCOME100' AND c."userId" = 150`,
    );
    expect(claim).toEqual({ status: "CANCELLED", cancelReason: "Duplicate account" });
    const forfeits = await sql(`SELECT 1 FROM "LedgerEntry" WHERE "userId" = 150 AND kind = 'BONUS_FORFEIT'`);
    expect(forfeits).toHaveLength(1);
  });

  test("calling the edit action directly is refused", async ({ page, browser }) => {
    await page.goto("/promo-codes/new");
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();

    // Capture a real "save promo" server-action request as a promo manager (and stop it)...
    const [promo] = await sql<{ id: string; title: string }>(`SELECT id, title FROM "PromoCode" WHERE code = 'WELCOME100' AND "isActive"`);
    const manager = await browser.newContext({ storageState: storageStateFor("PROMO_MANAGER") });
    const managerPage = await manager.newPage();
    await managerPage.goto(`/promo-codes/${promo.id}`);
    await managerPage.getByLabel("Title", { exact: true }).fill("HACKED BY SUPPORT");
    let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
    await managerPage.route("**/*", async (route) => {
      const req = route.request();
      if (req.method() === "POST" && req.headers()["next-action"]) {
        captured = { url: req.url(), headers: req.headers(), body: req.postData() ?? "" };
        return route.abort();
      }
      return route.continue();
    });
    await managerPage.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => captured !== null).toBe(true);
    await manager.close();

    // ...and replay it with support's session: the server refuses and nothing changes.
    const c = captured!;
    const res = await page.request.post(c.url, {
      headers: { "next-action": c.headers["next-action"], "content-type": c.headers["content-type"], accept: "text/x-component" },
      data: c.body,
    });
    expect(await res.text()).toContain("You don't have access to this.");
    const after = await sql<{ title: string }>(`SELECT title FROM "PromoCode" WHERE id = $1`, [promo.id]);
    expect(after[0].title).toBe(promo.title);
  });
});
