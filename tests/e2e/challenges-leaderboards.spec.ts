import { expect, test } from "@playwright/test";

import { createPlatformKey, sql } from "./support/db";
import { storageStateFor } from "./support/state";

const uniq = () => Date.now().toString(36).toUpperCase();

test.describe("challenges, leaderboards and schedules as a promo manager", () => {
  test.use({ storageState: storageStateFor("PROMO_MANAGER") });

  test("creates a challenge through the form; a qualifying bet makes a winner to confirm", async ({
    page,
    request,
  }) => {
    const title = `E2E hit ${uniq()}`;
    await page.goto("/challenges/new");
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Target game").selectOption({ label: "Dice (house)" });
    await page.getByLabel("Minimum multiplier (×)").fill("5000");
    await page.getByLabel("Minimum bet (USD)").fill("2");
    await page.getByLabel("Reward", { exact: true }).fill("25");
    await page.getByLabel("Currency").selectOption("USDT");
    await expect(page.getByTestId("reward-usd")).toHaveText("≈ $25.00 at today's rate");
    await page.screenshot({ path: "test-results/screens/challenge-form.png", fullPage: true });
    await page.getByRole("button", { name: "Create challenge" }).click();
    await expect(page).toHaveURL(/\/challenges\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByTestId("winner-panel")).toContainText("No qualifying bet yet");

    // The platform pushes a qualifying bet (Dice is game 2 in the seed).
    const key = await createPlatformKey();
    const [player] = await sql<{ id: number; username: string }>(
      `SELECT id, username FROM "User" WHERE role = 'PLAYER' ORDER BY id LIMIT 1`,
    );
    const bet = {
      id: `e2e_ch_${uniq()}`,
      userId: player.id,
      gameId: 2,
      currencyId: "USDT",
      amount: "5",
      usdAmount: "5",
      payout: "30000",
      payoutMultiplier: "6000",
      createdAt: new Date().toISOString(),
    };
    const res = await request.post("/api/v1/events/bets", { headers: { authorization: `Bearer ${key}` }, data: bet });
    expect(res.status()).toBeLessThan(300);
    await page.reload();
    await expect(page.getByTestId("winner-panel")).toContainText(player.username);
    await page.getByRole("button", { name: "Confirm winner" }).click();
    await page.getByRole("button", { name: "Confirm and pay" }).click();
    await expect(page.getByTestId("winner-panel")).toContainText("reward paid");
    const paid = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "LedgerEntry" l JOIN "Challenge" c ON l."sourceId" = c.id::text WHERE c."defaultTitle" = $1 AND l.kind = 'CHALLENGE_REWARD'`,
      [title],
    );
    expect(paid[0].n).toBe(1);
    await page.screenshot({ path: "test-results/screens/challenge-winner.png", fullPage: true });
    await page.goto(`/challenges?q=${encodeURIComponent(title)}`);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/challenge-list.png", fullPage: true });
  });

  test("a prize table with overlapping ranges is refused beside the table, nothing saved", async ({ page }) => {
    const name = `E2E overlap ${uniq()}`;
    await page.goto("/leaderboards/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await expect(page.getByTestId("prize-pool")).toHaveText("$1,250.00");
    await page.getByLabel("Range 2 from").fill("1");
    await page.getByRole("button", { name: "Create leaderboard" }).click();
    await expect(page.getByText("Ranks 1–1 are in two prize ranges")).toBeVisible();
    expect((await sql(`SELECT 1 FROM "Leaderboard" WHERE name = $1`, [name])).length).toBe(0);
  });

  test("creates a schedule with a preview of the next five runs; enabling creates its boards", async ({ page }) => {
    const name = `E2E hourly ${uniq()}`;
    await page.goto("/leaderboards/schedules/new");
    await page.getByLabel("Schedule name").fill(name);
    await page.getByLabel("Board name template").fill("Hourly #{n}");
    await page.getByLabel("Repeats").selectOption("INTERVAL");
    await page.getByLabel("Every (seconds)").fill("3600");
    await page.getByLabel("Time zone").fill("Europe/Malta");
    await page.getByLabel(/First start/).fill("2026-01-01T00:00");
    const preview = page.getByTestId("runs-preview");
    await expect(preview.locator("li")).toHaveCount(5);
    await expect(preview).toContainText("Hourly #");
    await page.screenshot({ path: "test-results/screens/schedule-form.png", fullPage: true });
    await page.getByRole("button", { name: "Create schedule" }).click();
    await expect(page).toHaveURL(/\/leaderboards\/schedules\/[0-9a-f-]{36}$/);
    // Enabled: the current run's board and the next one exist at once.
    await expect(page.getByTestId("schedule-boards").locator("li")).toHaveCount(2);
    await expect(page.getByTestId("schedule-boards")).toContainText("Live");
    await expect(page.getByTestId("schedule-boards")).toContainText("Upcoming");
    await page.goto("/leaderboards/schedules");
    await page.screenshot({ path: "test-results/screens/schedule-list.png", fullPage: true });
    await page.getByRole("button", { name: `Disable ${name}` }).click();
    await expect(page.getByRole("button", { name: `Enable ${name}` })).toBeVisible();
    const [s] = await sql<{ enabled: boolean }>(`SELECT enabled FROM "LeaderboardSchedule" WHERE name = $1`, [name]);
    expect(s.enabled).toBe(false);
  });

  test("standings update on screen after bets are ingested", async ({ page, request }) => {
    const name = `E2E live ${uniq()}`;
    await page.goto("/leaderboards/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    const now = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
    await page.getByLabel("Starts (UTC)").fill(now);
    await page.getByRole("button", { name: "Create leaderboard" }).click();
    await expect(page).toHaveURL(/\/leaderboards\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("standings")).toContainText("No eligible bets yet");

    const key = await createPlatformKey();
    const players = await sql<{ id: number; username: string }>(
      `SELECT id, username FROM "User" WHERE role = 'PLAYER' ORDER BY id LIMIT 2`,
    );
    const bets = players.map((p, i) => ({
      id: `e2e_lb_${uniq()}_${i}`,
      userId: p.id,
      gameId: 2,
      currencyId: "USDT",
      amount: i === 0 ? "40" : "90",
      usdAmount: i === 0 ? "40" : "90",
      payout: "0",
      payoutMultiplier: "0",
      createdAt: new Date().toISOString(),
    }));
    const res = await request.post("/api/v1/events/bets", {
      headers: { authorization: `Bearer ${key}` },
      data: { events: bets },
    });
    expect(res.status()).toBeLessThan(300);
    // No reload: the page refetches by itself.
    await expect(page.getByTestId(`standing-${players[1].id}`)).toContainText("$90.00", { timeout: 15_000 });
    await expect(page.getByTestId("standings").locator("tr").first()).toContainText(players[1].username);
    await page.getByLabel("Find a player").fill(players[0].username);
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByTestId("player-position")).toContainText("#2");
    await page.screenshot({ path: "test-results/screens/standings.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/standings-phone.png", fullPage: true });
  });
});

test.describe("leaderboards as support", () => {
  test.use({ storageState: storageStateFor("SUPPORT") });

  test("reads boards and challenges without edit controls", async ({ page }) => {
    await page.goto("/leaderboards");
    await expect(page.getByRole("link", { name: "Weekly Wager Race" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New leaderboard" })).toHaveCount(0);
    await page.getByRole("link", { name: "Weekly Wager Race" }).click();
    await expect(page.getByTestId("standings").locator("tr").first()).toBeVisible();
    await page.goto("/challenges");
    await expect(page.getByRole("link", { name: "New challenge" })).toHaveCount(0);
    await page.goto("/challenges/new");
    await expect(page).toHaveURL(/\/forbidden/);
  });
});
