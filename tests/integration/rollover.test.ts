import { beforeAll, describe, expect, it } from "vitest";

import { POST as cancelRoute } from "@/app/api/v1/me/promo-codes/[id]/cancel/route";
import { GET as myClaimsRoute } from "@/app/api/v1/me/promo-codes/route";
import { GET as creditsRoute } from "@/app/api/v1/credits/route";
import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { expireDueBonuses } from "@/lib/server/claims/lifecycle";
import { db } from "@/lib/server/db";
import { call, platformKey, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, sendBets, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, ERAS, makeGame, makePlayer, makePromo } from "@/tests/fixtures/factories";
import { CLOCK_WAIT_MS, withClock } from "@/tests/support/clock";

beforeAll(ensureCurrencies);

const SEC = 1000;

function byCursor(a: string, b: string) {
  const [ax, ai] = a.split(".").map(BigInt);
  const [bx, bi] = b.split(".").map(BigInt);
  return ax === bx ? (ai < bi ? -1 : ai > bi ? 1 : 0) : ax < bx ? -1 : 1;
}

async function claimed(promoOverrides: Parameters<typeof makePromo>[0] = {}) {
  const promo = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "10", timeSecondsToComplete: 3600, ...promoOverrides });
  const player = await makePlayer();
  const res = await call(claimRoute, { token: await playerToken(player.id), body: { code: promo.code } });
  expect(res.status).toBe(201);
  // Claimed an hour ago, so tests can date deposits and bets in the recent past.
  await db.userPromoCode.update({ where: { id: res.json.claim.id }, data: { createdAt: new Date(Date.now() - 3600 * SEC) } });
  return { promo, player, claimId: res.json.claim.id as string };
}

const progressOf = (userId: number) => db.userPromoCodeProgress.findFirstOrThrow({ where: { userId } });
const claimOf = (id: string) => db.userPromoCode.findUniqueOrThrow({ where: { id } });
const balance = async (userId: number, bucket: "CASH" | "BONUS") =>
  (await db.balance.findUnique({ where: { userId_currencyId_bucket: { userId, currencyId: "USDT", bucket } } }))?.amount.toFixed(2) ?? "0.00";

describe("deposit bonus lifecycle", () => {
  it("activates on the first qualifying deposit and snapshots the terms", async () => {
    const { player, claimId } = await claimed({ amount: "20", bonusMultiplier: "1.5", maxBonusUsdAmount: "100", wagerMultiplierToComplete: "30", timeSecondsToComplete: 90 });
    const t = new Date(Date.now() + 5 * SEC);
    await sendDeposits(deposit(player.id, "19.99", t)); // below the minimum: no activation
    expect((await claimOf(claimId)).status).toBe("CLAIMED");
    await sendDeposits(deposit(player.id, "80", t));
    const claim = await claimOf(claimId);
    expect(claim.status).toBe("ACTIVE");
    expect(claim.activatedAt?.toISOString()).toBe(t.toISOString());
    const p = await progressOf(player.id);
    expect(p.baseUsdAmount.toFixed(2)).toBe("80.00");
    expect(p.bonusUsdAmount.toFixed(2)).toBe("100.00"); // min(80 × 1.5, 100)
    expect(p.wagerUsdAmountToComplete.toFixed(2)).toBe("5400.00"); // (80 + 100) × 30
    expect(p.expiresAt.getTime() - t.getTime()).toBe(90 * SEC); // seconds, not ~1 s
    expect(await balance(player.id, "BONUS")).toBe("100.00");
    const grant = await db.ledgerEntry.findFirstOrThrow({ where: { userId: player.id, kind: "BONUS_GRANT" } });
    expect([grant.bucket, grant.sourceId, grant.amount.toFixed(2)]).toEqual(["BONUS", claimId, "100.00"]);
    // A later deposit never re-bases the ACTIVE bonus.
    await sendDeposits(deposit(player.id, "500", new Date(t.getTime() - 1000)));
    expect((await progressOf(player.id)).baseUsdAmount.toFixed(2)).toBe("80.00");
  });

  it("a deposit dated before the claim never activates it", async () => {
    const { player, claimId } = await claimed();
    await sendDeposits(deposit(player.id, "100", new Date(Date.now() - 2 * 3600 * SEC)));
    expect((await claimOf(claimId)).status).toBe("CLAIMED");
  });

  it("counts bets by whitelist weight, zero for other games, and max-bet violations", async () => {
    const [slots, live, other] = [await makeGame(), await makeGame(), await makeGame()];
    const { promo, player } = await claimed({ wagerMultiplierToComplete: "100" });
    await db.promoGameWhitelist.createMany({
      data: [
        { promoCodeId: promo.id, gameId: slots.id, wagerMultiplier: "1", maxBetAmount: "5" },
        { promoCodeId: promo.id, gameId: live.id, wagerMultiplier: "0.1" },
        { promoCodeId: promo.id, gameId: other.id, wagerMultiplier: "1", enabled: false },
      ],
    });
    const t = new Date();
    await sendDeposits(deposit(player.id, "100", t));
    const at = new Date(t.getTime() + SEC);
    await sendBets({ events: [bet(player.id, slots.id, "4", at), bet(player.id, slots.id, "6", at), bet(player.id, live.id, "10", at), bet(player.id, other.id, "50", at)] });
    const p = await progressOf(player.id);
    expect(p.wageredUsdAmount.toFixed(2)).toBe("5.00"); // 4 × 1 + 0 (over max) + 10 × 0.1 + 0 (disabled)
    expect(p.maxBetViolations).toBe(1);
  });

  it("with no whitelist every game counts at weight 1, and completion at exactly the target releases BONUS to CASH once", async () => {
    const game = await makeGame();
    const { player, claimId } = await claimed({ bonusMultiplier: "1", wagerMultiplierToComplete: "2" });
    const t = new Date();
    await sendDeposits(deposit(player.id, "10", t)); // bonus 10, target (10 + 10) × 2 = 40
    await sendBets({ events: [bet(player.id, game.id, "39.99", new Date(t.getTime() + SEC))] });
    expect((await claimOf(claimId)).status).toBe("ACTIVE");
    await sendBets({ events: [bet(player.id, game.id, "0.01", new Date(t.getTime() + 2 * SEC))] });
    expect((await claimOf(claimId)).status).toBe("COMPLETED");
    expect([await balance(player.id, "BONUS"), await balance(player.id, "CASH")]).toEqual(["0.00", "10.00"]);
    await sendBets({ events: [bet(player.id, game.id, "100", new Date(t.getTime() + 3 * SEC))] });
    expect(await db.ledgerEntry.count({ where: { userId: player.id, kind: "BONUS_RELEASE" } })).toBe(1);
    expect(await balance(player.id, "CASH")).toBe("10.00");
  });

  it("a zero wager multiplier completes at activation; bets stored since the deposit count at once", async () => {
    const game = await makeGame();
    const zero = await claimed({ wagerMultiplierToComplete: "0" });
    await sendDeposits(deposit(zero.player.id, "10", new Date()));
    expect((await claimOf(zero.claimId)).status).toBe("COMPLETED");

    const late = await claimed({ bonusMultiplier: "1", wagerMultiplierToComplete: "1" });
    const t = new Date(Date.now() - 60 * SEC);
    await sendBets({ events: [bet(late.player.id, game.id, "15", new Date(t.getTime() + SEC))] });
    await sendDeposits(deposit(late.player.id, "10", t)); // arrives after the bet it predates
    expect((await progressOf(late.player.id)).wageredUsdAmount.toFixed(2)).toBe("15.00");
  });

  it("a bet after expiresAt doesn't count and expires the bonus, forfeiting it", async () => {
    const game = await makeGame();
    const { player, claimId } = await claimed({ timeSecondsToComplete: 90 });
    const t = new Date(Date.now() - 200 * SEC);
    await sendDeposits(deposit(player.id, "10", t));
    await sendBets({ events: [bet(player.id, game.id, "5", new Date(t.getTime() + 89 * SEC)), bet(player.id, game.id, "7", new Date(t.getTime() + 90 * SEC))] });
    expect((await progressOf(player.id)).wageredUsdAmount.toFixed(2)).toBe("5.00");
    const claim = await claimOf(claimId);
    expect([claim.status, claim.isActive, claim.endedAt?.getTime()]).toEqual(["EXPIRED", null, t.getTime() + 90 * SEC]);
    const forfeit = await db.ledgerEntry.findFirstOrThrow({ where: { userId: player.id, kind: "BONUS_FORFEIT" } });
    expect(forfeit.amount.toFixed(2)).toBe("-10.00");
    expect(await balance(player.id, "BONUS")).toBe("0.00");
  });

  // The worker's expiry sweeps every bonus due by its cutoff, so this bonus and the cutoff live in an
  // era of their own (2005), and the sweep runs under the clock lock (tests/support/clock.ts).
  it("reads show an ACTIVE bonus past expiry as EXPIRED; the worker's expiry writes it once", async () => {
    await withClock(async () => {
      const { player, claimId } = await claimed({ timeSecondsToComplete: 60 });
      const t = ERAS.rolloverExpiry();
      await db.userPromoCode.update({ where: { id: claimId }, data: { createdAt: new Date(t - 3600 * SEC) } });
      await sendDeposits(deposit(player.id, "10", new Date(t)));
      const res = await call(myClaimsRoute, { method: "GET", token: await playerToken(player.id) });
      expect(res.json.claims[0]).toMatchObject({ id: claimId, status: "EXPIRED", progress: { bonusUsdAmount: "10.00", baseUsdAmount: "10.00" } });
      expect((await claimOf(claimId)).status).toBe("ACTIVE");
      const cutoff = new Date(t + 120 * SEC); // a minute past its expiry
      await db.$transaction((tx) => expireDueBonuses(tx, cutoff));
      await db.$transaction((tx) => expireDueBonuses(tx, cutoff));
      expect((await claimOf(claimId)).status).toBe("EXPIRED");
      expect(await db.ledgerEntry.count({ where: { userId: player.id, kind: "BONUS_FORFEIT" } })).toBe(1);
    });
  }, CLOCK_WAIT_MS);

  it("the player cancels an ACTIVE bonus (forfeit), and a second cancel is 409 NOT_CANCELLABLE", async () => {
    const { player, claimId } = await claimed();
    await sendDeposits(deposit(player.id, "10", new Date()));
    const token = await playerToken(player.id);
    const res = await call(cancelRoute, { token, params: { id: claimId } });
    expect(res.status).toBe(200);
    expect(await claimOf(claimId)).toMatchObject({ status: "CANCELLED", isActive: null, cancelReason: "Cancelled by player" });
    expect(await balance(player.id, "BONUS")).toBe("0.00");
    const again = await call(cancelRoute, { token, params: { id: claimId } });
    expect([again.status, again.json.error.code]).toEqual([409, "NOT_CANCELLABLE"]);
    const stranger = await makePlayer();
    const other = await claimed();
    expect((await call(cancelRoute, { token: await playerToken(stranger.id), params: { id: other.claimId } })).status).toBe(409);
    expect((await claimOf(other.claimId)).status).toBe("CLAIMED");
  });
});

describe("GET /api/v1/credits", () => {
  it("hands every ledger entry to the platform in order, page by page", async () => {
    const key = await platformKey("credits");
    const all: { id: string; cursor: string; userId: number }[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await call(creditsRoute, { method: "GET", token: key, path: `/api/v1/credits?limit=500${after ? `&after=${after}` : ""}` });
      expect(res.status).toBe(200);
      all.push(...res.json.credits);
      if (res.json.credits.length < 500) break;
      after = res.json.nextCursor;
    }
    const { player } = await claimed({ type: "INSTANT", amount: "3", timeSecondsToComplete: null });
    // An entry is served once every older transaction on the server has ended; poll briefly.
    let mine: { userId: number } | undefined;
    for (let i = 0; i < 100 && !mine; i++) {
      const next = await call(creditsRoute, { method: "GET", token: key, path: `/api/v1/credits?after=${all.at(-1)?.cursor ?? "0.0"}&limit=1000` });
      mine = next.json.credits.find((c: { userId: number }) => c.userId === player.id);
      if (!mine) await new Promise((r) => setTimeout(r, 200));
    }
    expect(mine).toMatchObject({ kind: "INSTANT_CREDIT", bucket: "CASH", currencyId: "USDT", amount: "3.00", usdAmount: "3.00" });
    const ids = all.map((c) => c.id);
    const cursors = all.map((c) => c.cursor);
    expect([...cursors].sort(byCursor)).toEqual(cursors);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await call(creditsRoute, { method: "GET", token: key, path: "/api/v1/credits?after=bogus" })).status).toBe(400);
  });
});
