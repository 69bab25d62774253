import { readFile } from "node:fs/promises";

import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";

import { sql } from "./support/db";
import { storageStateFor } from "./support/state";

test.describe("affiliate reports as an affiliate manager", () => {
  test.use({ storageState: storageStateFor("AFFILIATE_MANAGER") });

  test("overview: KPIs from the view, sortable and searchable table", async ({ page }) => {
    await page.goto("/affiliates");
    const [k] = await sql<{ referrals: number }>(
      `SELECT sum("referralsCount")::int AS referrals FROM "AffiliateAggregatedInfo"`,
    );
    await expect(page.getByTestId("kpi-referrals")).toHaveText(k.referrals.toLocaleString("en-US"));
    await expect(page.getByRole("img", { name: "Commissions per day" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/affiliate-overview.png", fullPage: true });
    await page.getByRole("link", { name: "Referrals", exact: true }).click();
    await expect(page).toHaveURL(/sort=referrals/);
    await page.getByRole("textbox", { name: "Search affiliates" }).fill("LUCKYSTREAM");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.locator('[data-testid^="affiliate-row-"]')).toHaveCount(1);
    await expect(page.locator('[data-testid^="affiliate-row-"]')).toContainText("LUCKYSTREAM");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/affiliate-overview-phone.png", fullPage: true });
  });

  test("streamer report: a date range, then a CSV whose rows match the table", async ({ page }) => {
    await page.goto("/affiliates/streamers");
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/from=2020-01-01/);
    const rows = page.locator('[data-testid^="streamer-row-"]');
    await expect(rows).toHaveCount(3); // the seed's three streamers
    await page.screenshot({ path: "test-results/screens/streamer-report.png", fullPage: true });

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const csv = parse(await readFile(file, "utf8"), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const cells = await rows.nth(i).locator("td").allInnerTexts();
      expect(cells[0]).toContain(csv[i]["Streamer"]);
      // Money columns on screen are the CSV's exact figures rounded down to cents, as dollars.
      const usd = (v: string) => Number(v.replace(/(\.\d{2})\d+$/, "$1")).toLocaleString("en-US", { style: "currency", currency: "USD" });
      expect(cells.slice(4)).toEqual(
        ["Deposits USD", "Withdrawals USD", "Net deposits USD", "Wagered USD", "GGR USD", "Commissions USD", "Bonus USD", "Profit/loss USD"].map((h) =>
          usd(csv[i][h]),
        ),
      );
      expect(cells[1]).toBe(Number(csv[i]["Referrals"]).toLocaleString("en-US"));
    }

    await rows.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/affiliates\/streamers\/\d+/);
    await expect(page.getByRole("img", { name: "Profit/loss per day" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/streamer-drilldown.png", fullPage: true });
    const players = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export players CSV" }).click();
    const list = parse(await readFile(await (await players).path(), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toHaveProperty("Wagered USD");
  });

  test("creates a code for a player and marks its owner as a streamer", async ({ page }) => {
    const code = `E2E${Date.now().toString(36).toUpperCase()}`;
    const [owner] = await sql<{ id: number; username: string }>(
      `SELECT id, username FROM "User" WHERE role = 'PLAYER' AND NOT "isStreamer" AND id > 150 AND "affiliateCodeId" IS NULL AND NOT EXISTS (SELECT 1 FROM "AffiliateCode" c WHERE c."ownerId" = "User".id) ORDER BY id LIMIT 1`,
    );
    await page.goto("/affiliates/codes");
    await page.getByRole("button", { name: "New code" }).click();
    await page.getByLabel("Code", { exact: true }).fill(code.toLowerCase());
    await page.getByLabel("Owner (player id or username)").fill("nobody-by-this-name");
    await page.getByLabel("Commission rate").fill("0.35");
    await page.getByRole("button", { name: "Create code" }).click();
    await expect(page.getByText("No player with this id or username")).toBeVisible();
    await page.getByLabel("Owner (player id or username)").fill(String(owner.id));
    await page.getByRole("button", { name: "Create code" }).click();
    const row = page.getByTestId(`code-row-${code}`);
    await expect(row).toContainText(owner.username);
    await expect(row).toContainText("0.35");
    await row.getByLabel(`${owner.username} is a streamer`).check();
    await expect(page.getByText(`${owner.username} is now in the streamer report`)).toBeVisible();
    const [u] = await sql<{ isStreamer: boolean }>(`SELECT "isStreamer" FROM "User" WHERE id = $1`, [owner.id]);
    expect(u.isStreamer).toBe(true);
    await page.screenshot({ path: "test-results/screens/affiliate-codes.png", fullPage: true });
  });
});

test.describe("affiliate codes as a promo manager", () => {
  test.use({ storageState: storageStateFor("PROMO_MANAGER") });

  test("reads the reports but can't reach affiliate-code editing", async ({ page }) => {
    await page.goto("/affiliates/codes");
    await expect(page).toHaveURL(/\/forbidden/);
    await page.goto("/affiliates");
    await expect(page.getByRole("heading", { name: "Affiliate overview" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Affiliate codes" })).toHaveCount(0);
    const csv = await page.request.get("/affiliates/streamers/export");
    expect(csv.status()).toBe(200);
  });
});
