// The platform voids a bet after it completed a bonus: support sees the void on the player page
// (the bet struck through with its reason) and on the claims tab ("wagering since voided").
import { randomBytes } from "node:crypto";

import { expect, test } from "@playwright/test";

import { createPlatformKey, sql } from "./support/db";
import { storageStateFor } from "./support/state";
import { playerToken } from "./support/player-token";

test.use({ storageState: storageStateFor("SUPPORT") });

const uniq = () => randomBytes(4).toString("hex");

test("a voided bet shows on the player page and on the claims tab", async ({ page, request }) => {
  const key = await createPlatformKey("e2e voids");
  const platform = { authorization: `Bearer ${key}` };
  const tag = uniq();
  const userId = 800_000_000 + parseInt(tag.slice(0, 6), 16);
  const code = `VOID${tag}`.toUpperCase();

  // A player, a deposit promo (bonus 1×, wager 1× of deposit + bonus), a claim, a deposit of 10 and a
  // bet of 20 that completes it; then the platform voids the bet.
  expect((await request.post("/api/v1/events/users", { headers: platform, data: { id: userId, username: `void_${tag}` } })).status()).toBe(200);
  const [operator] = await sql<{ id: number }>(`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id LIMIT 1`);
  await sql(
    `INSERT INTO "PromoCode" ("createdById", title, type, code, amount, "currencyId", "bonusMultiplier", "wagerMultiplierToComplete", "timeSecondsToComplete")
     VALUES ($1, $2, 'DEPOSIT', $3, 0, 'USDT', 1, 1, 3600)`,
    [operator.id, `Void test ${tag}`, code],
  );
  const claim = await request.post("/api/v1/promo-codes/claim", { headers: { authorization: `Bearer ${await playerToken(userId)}` }, data: { code } });
  expect(claim.status()).toBe(201);
  const at = Date.now();
  const event = (ms: number) => new Date(at + ms).toISOString();
  const deposit = { id: `dep_${tag}`, userId, currencyId: "USDT", amount: "10", usdAmount: "10", createdAt: event(1000) };
  expect((await request.post("/api/v1/events/deposits", { headers: platform, data: deposit })).status()).toBe(200);
  const betId = `bet_${tag}`;
  const bet = { id: betId, userId, gameId: 1, currencyId: "USDT", amount: "20", usdAmount: "20", payout: "0", payoutMultiplier: "0", createdAt: event(2000) };
  expect((await request.post("/api/v1/events/bets", { headers: platform, data: bet })).status()).toBe(200);
  const rollback = { id: `rb_${tag}`, betId, reason: "ROUND_CANCELLED", createdAt: event(3000) };
  const voided = await request.post("/api/v1/events/bet-rollbacks", { headers: platform, data: rollback });
  expect((await voided.json()).results[0].status).toBe("applied");

  await page.goto(`/players/${userId}?tab=bets`);
  const row = page.getByTestId(`bet-row-${betId}`);
  await expect(row).toContainText("Voided");
  await expect(row).toContainText("ROUND_CANCELLED");
  await page.screenshot({ path: "test-results/screens/player-bets-voided.png", fullPage: true });

  await page.getByRole("tab", { name: /Claims/ }).click();
  await expect(page.getByTestId("voided-after-end")).toHaveText("completed with $20.00 of wagering since voided");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/player-claims-voided-phone.png", fullPage: true });
});
