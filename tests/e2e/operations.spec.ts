import { expect, test } from "@playwright/test";

import { createOperator, sql } from "./support/db";
import { signIn } from "./support/sign-in";
import { storageStateFor } from "./support/state";

test.describe("operations as an admin", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("the dashboard's numbers match the seeded data", async ({ page }) => {
    await page.goto("/");
    const [k] = await sql<{ active: number; pending: number; unclaimed: string; boards: number }>(`
      -- Live: active, started, not expired, a claim and some budget left (other specs leave scheduled and spent promos).
      SELECT (SELECT count(*)::int FROM "PromoCode" WHERE "isActive" AND ("expiresAt" IS NULL OR "expiresAt" > now())
                AND ("claimsLeft" IS NULL OR "claimsLeft" > 0) AND ("startsAt" IS NULL OR "startsAt" <= now())
                AND ("budgetUsdAmount" IS NULL OR "grantedUsdAmount" < "budgetUsdAmount")) AS active,
             (SELECT count(*)::int FROM "Challenge" WHERE "winnerId" IS NOT NULL AND "winnerConfirmedAt" IS NULL) AS pending,
             -- USD on screen is rounded down to cents (toward zero), never half-up.
             (SELECT trunc(COALESCE(sum("claimableAmount"), 0), 2)::text FROM "AffiliateUserStatsUsd") AS unclaimed,
             (SELECT count(*)::int FROM "Leaderboard" WHERE "startDate" <= now() AND "endDate" > now() AND status IN ('NOT_STARTED', 'ACTIVE')) AS boards`);
    await expect(page.getByTestId("kpi-active-promos")).toHaveText(String(k.active));
    await expect(page.getByTestId("kpi-pending-winners")).toHaveText(String(k.pending));
    await expect(page.getByTestId("kpi-boards")).toHaveText(String(k.boards));
    await expect(page.getByTestId("kpi-unclaimed")).toHaveText(
      Number(k.unclaimed).toLocaleString("en-US", { style: "currency", currency: "USD" }),
    );
    await expect(page.getByRole("img", { name: "Wagering volume per day" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/dashboard.png", fullPage: true });
    await page.getByTestId("kpi-active-promos").click();
    await expect(page).toHaveURL(/\/promo-codes\?status=active/);
    await page.goto("/");
    // The bonus-cost card opens the credits behind it, with the same total.
    const cost = await page.getByTestId("kpi-bonus-cost").innerText();
    await page.getByTestId("kpi-bonus-cost").click();
    await expect(page).toHaveURL(/\/credits\?kind=cost/);
    await expect(page.getByTestId("credits-total")).toHaveText(cost);
    await page.screenshot({ path: "test-results/screens/credits.png", fullPage: true });
    await page.goto("/");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/dashboard-phone.png", fullPage: true });
  });

  test("disables an operator: their next request is refused, and the audit log shows the change", async ({
    page,
    browser,
  }) => {
    const op = await createOperator("SUPPORT");
    const theirs = await browser.newContext({ storageState: undefined });
    const theirPage = await theirs.newPage();
    await signIn(theirPage, op.email, op.password);
    await expect(theirPage.getByTestId("operator-role")).toHaveText("Support");

    await page.goto("/settings/operators");
    const row = page.getByTestId(`operator-row-${op.email}`);
    await row.getByRole("button", { name: `Disable ${op.email}` }).click();
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(row).toContainText("Disabled");
    await page.screenshot({ path: "test-results/screens/operators.png", fullPage: true });

    // Their session is still in the cookie; the next request is refused anyway.
    await theirPage.goto("/players");
    await expect(theirPage).toHaveURL(/\/sign-in/);
    await theirs.close();

    await page.goto(`/audit-log?entity=User&entityId=${op.id}`);
    const diff = page.getByTestId("audit-diff").first();
    await expect(page.getByText("operator.disable")).toBeVisible();
    await expect(diff).toContainText("disabled");
    await expect(diff.locator(".line-through")).toHaveText("false");
    await expect(diff).toContainText("true");
    await page.screenshot({ path: "test-results/screens/audit-log.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/audit-log-phone.png", fullPage: true });
  });

  test("creates an operator who gets a one-time password; changes a role", async ({ page }) => {
    const email = `ops_${Date.now()}@rollover.test`;
    await page.goto("/settings/operators");
    await page.getByRole("button", { name: "New operator" }).click();
    await page.getByRole("dialog").getByLabel("Email").fill(email);
    await page.getByRole("dialog").getByLabel("Name").fill("Casey Ops");
    await page.getByRole("dialog").getByLabel("Role", { exact: true }).selectOption("AFFILIATE_MANAGER");
    await page.getByRole("button", { name: "Create operator" }).click();
    await expect(page.getByTestId("one-time-password")).toHaveText(/\S{12,}/);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByLabel(`Role of ${email}`).selectOption("SUPPORT");
    await expect(page.getByText(`${email} is now Support`)).toBeVisible();
    const [u] = await sql<{ role: string; mustChangePassword: boolean }>(
      `SELECT role::text, "mustChangePassword" FROM "User" WHERE email = $1`,
      [email],
    );
    expect(u).toEqual({ role: "SUPPORT", mustChangePassword: true });
  });

  test("adds a currency rate and sees it in force and in the history", async ({ page }) => {
    await page.goto("/settings/rates?currency=ETH");
    await page.getByLabel("USD per unit").fill("3456.78");
    await page.getByRole("button", { name: "Add rate" }).click();
    await expect(page.getByTestId("rate-ETH")).toContainText("3456.78");
    await expect(page.getByTestId("rate-history")).toContainText("3456.78");
    await page.getByLabel("USD per unit").fill("-1");
    await page.getByRole("button", { name: "Add rate" }).click();
    await expect(page.getByText("A rate such as 97250.5")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/rates.png", fullPage: true });
  });
});

test.describe("player lookup as support", () => {
  test.use({ storageState: storageStateFor("SUPPORT") });

  test("finds a player by username and sees balances, ledger, claims and links", async ({ page }) => {
    const [p] = await sql<{ id: number; username: string }>(`
      SELECT u.id, u.username FROM "User" u WHERE u.role = 'PLAYER' AND EXISTS (SELECT 1 FROM "LedgerEntry" l WHERE l."userId" = u.id)
      ORDER BY u.id LIMIT 1`);
    await page.goto("/players");
    await page.getByLabel("Player id or username").fill(p.username.slice(0, -1));
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("link", { name: p.username, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/players/${p.id}$`));
    await expect(page.getByTestId("balances")).toBeVisible();
    await expect(page.getByRole("tab", { name: /Ledger \(\d+\)/ })).toBeVisible();
    await page.getByRole("tab", { name: /Claims/ }).click();
    await page.screenshot({ path: "test-results/screens/player.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/player-phone.png", fullPage: true });
    // An exact id goes straight to the player.
    await page.goto(`/players?q=${p.id}`);
    await expect(page).toHaveURL(new RegExp(`/players/${p.id}$`));
  });

  test("can't reach the admin pages", async ({ page }) => {
    for (const path of ["/settings/operators", "/settings/rates", "/audit-log"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/forbidden/);
    }
  });
});
