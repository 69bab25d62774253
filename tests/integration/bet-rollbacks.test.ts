// Corrections: POST /api/v1/events/bet-rollbacks, through the route handlers (rollbacks with the typed
// client, so every answer is checked against the OpenAPI document). A voided bet must count nowhere:
// each test compares the derived figures with a recomputation from the bets still standing. On a
// real PostgreSQL this file runs on a database of its own, so the stats rebuild it compares with
// ingestion rewrites no other file's rollups under them.
import { beforeAll, describe, expect, it } from "vitest";

import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import type { listMyClaims } from "@/lib/server/claims/queries";
import { db } from "@/lib/server/db";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";
import { call, platformKey, playerToken } from "@/tests/fixtures/api";
import { apiClient, type components } from "@/tests/fixtures/api-client";
import { bet, deposit, rollback, sendBets, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makePlayer, makePromo, uniqueCode } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";
import { useOwnDatabase } from "@/tests/support/own-database";

// What the server returns must fit the documented bodies (a shape changed on one side fails `tsc`).
type TFits<A, B> = [A] extends [B] ? true : false;
type TAssert<T extends true> = T;
export type _MyClaimsFitTheDocument = TAssert<TFits<Awaited<ReturnType<typeof listMyClaims>>, components["schemas"]["MyClaimsResponse"]>>;

const SEC = 1000;
const HOUR = 3600 * SEC;
const DAY = 24 * HOUR;

useOwnDatabase("rollover_it_rb");
let platform: ReturnType<typeof apiClient>;
beforeAll(async () => {
  await ensureCurrencies();
  platform = apiClient(await platformKey("bet rollbacks test"));
});

type TRollback = ReturnType<typeof rollback>;
async function sendRollbacks(body: TRollback | { events: unknown[] }) {
  const res = await platform.POST("/api/v1/events/bet-rollbacks", { body: body as never });
  expect(res.response.status).toBe(200);
  return res.data!.results;
}
async function betsOk(events: ReturnType<typeof bet>[]) {
  const res = await sendBets({ events });
  expect(res.status).toBe(200);
  return res.json.results as { id: string; status: string; error: { code: string } | null; warnings: string[] }[];
}

/** An era of its own (1997, no other file dates anything then), cut at a random day, noon UTC. */
const eraStart = () => Date.UTC(1997, 0, 1) + Math.floor(Math.random() * 300) * DAY + 12 * HOUR;

/** A DEPOSIT promo claimed before `at` and activated by a deposit of `usd` at `at` (bonus 100% of it). */
async function activeBonus(player: { id: number }, at: Date, promo: Parameters<typeof makePromo>[0] = {}, usd = "100") {
  const p = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "100", timeSecondsToComplete: 3 * 86_400, ...promo });
  const res = await call(claimRoute, { token: await playerToken(player.id), body: { code: p.code } });
  expect(res.status).toBe(201);
  const claimId = res.json.claim.id as string;
  await db.userPromoCode.update({ where: { id: claimId }, data: { createdAt: new Date(at.getTime() - HOUR) } });
  await sendDeposits(deposit(player.id, usd, at));
  expect((await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } })).status).toBe("ACTIVE");
  return { promo: p, claimId };
}

/** Decimal strings without trailing zeros, so "10.000000000000000000" and "10" compare equal. */
const norm = (v: unknown) =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "string" && /^-?\d+\.\d+$/.test(x) ? x.replace(/\.?0+$/, "") : x)));

type TQuery = Pick<typeof db, "$queryRaw">;

/** Every figure bets feed, for these players, their referrer and these business days, as stored. */
async function stored(q: TQuery, players: number[], owner: number, days: string[]) {
  return {
    players: await q.$queryRaw`
      SELECT "userId", "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout, "lastBetAt"
      FROM "UserStatsUsd" WHERE "userId" = ANY(${players}::int[]) ORDER BY 1`,
    platform: await q.$queryRaw`
      SELECT day::text, sum("wageredUsdAmount")::text AS wagered, sum("payoutUsdAmount")::text AS payout, sum("betCount")::int AS bets
      FROM "PlatformDailyStats" WHERE day::text = ANY(${days}::text[]) GROUP BY 1 HAVING sum("betCount") <> 0 ORDER BY 1`,
    owner: await q.$queryRaw`
      SELECT "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout, "commissionUsdAmount"::text AS commission
      FROM "AffiliateOwnerStats" WHERE "userId" = ${owner}`,
    ownerDays: await q.$queryRaw`
      SELECT day::text, "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout,
             "commissionUsdAmount"::text AS commission, "lastActiveReferrals" AS active
      FROM "AffiliateDailyStats" WHERE "userId" = ${owner}
        AND ("wageredUsdAmount" <> 0 OR "payoutUsdAmount" <> 0 OR "commissionUsdAmount" <> 0 OR "lastActiveReferrals" <> 0)
      ORDER BY 1`,
    codes: await q.$queryRaw`SELECT "wageredUsdAmount"::text AS wagered FROM "AffiliateCode" WHERE "ownerId" = ${owner} ORDER BY id`,
    commission: await q.$queryRaw`
      SELECT "currencyId"::text, "claimableAmount"::text AS claimable, "claimedAmount"::text AS claimed
      FROM "AffiliateUserStats" WHERE "userId" = ${owner} AND ("claimableAmount" <> 0 OR "claimedAmount" <> 0) ORDER BY 1`,
    commissionUsd: await q.$queryRaw`
      SELECT "claimableAmount"::text AS claimable, "claimedAmount"::text AS claimed, "lastBetCreatedAt"
      FROM "AffiliateUserStatsUsd" WHERE "userId" = ${owner}`,
  };
}

/** The same figures recomputed from the bets that stand (not voided), and the claims already paid. */
async function recomputed(players: number[], owner: number, days: string[]) {
  const referred = await db.$queryRaw<{ id: number }[]>`
    SELECT u.id FROM "User" u JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId" WHERE c."ownerId" = ${owner}`;
  const refs = referred.map((r) => r.id);
  return {
    players: await db.$queryRaw`
      SELECT "userId", sum("usdAmount")::text AS wagered, sum("payoutUsd")::text AS payout, max("createdAt") AS "lastBetAt"
      FROM "Bet" WHERE "userId" = ANY(${players}::int[]) AND "voidedAt" IS NULL GROUP BY 1 ORDER BY 1`,
    platform: await db.$queryRaw`
      SELECT business_day("createdAt")::text AS day, sum("usdAmount")::text AS wagered, sum("payoutUsd")::text AS payout, count(*)::int AS bets
      FROM "Bet" WHERE business_day("createdAt")::text = ANY(${days}::text[]) AND "voidedAt" IS NULL GROUP BY 1 ORDER BY 1`,
    owner: await db.$queryRaw`
      SELECT COALESCE(sum("usdAmount"), 0)::text AS wagered, COALESCE(sum("payoutUsd"), 0)::text AS payout,
             COALESCE(sum("commissionUsdAmount"), 0)::text AS commission
      FROM "Bet" WHERE "userId" = ANY(${refs}::int[]) AND "voidedAt" IS NULL`,
    ownerDays: await db.$queryRaw`
      WITH bets AS (
        SELECT business_day("createdAt") AS day, sum("usdAmount") AS wagered, sum("payoutUsd") AS payout, sum("commissionUsdAmount") AS commission
        FROM "Bet" WHERE "userId" = ANY(${refs}::int[]) AND "voidedAt" IS NULL GROUP BY 1
      ), latest AS (
        SELECT business_day(max("createdAt")) AS day FROM "Bet" WHERE "userId" = ANY(${refs}::int[]) AND "voidedAt" IS NULL GROUP BY "userId"
      ), active AS (SELECT day, count(*)::int AS n FROM latest GROUP BY 1)
      SELECT COALESCE(b.day, a.day)::text AS day, COALESCE(b.wagered, 0)::text AS wagered, COALESCE(b.payout, 0)::text AS payout,
             COALESCE(b.commission, 0)::text AS commission, COALESCE(a.n, 0) AS active
      FROM bets b FULL JOIN active a ON a.day = b.day
      WHERE COALESCE(b.wagered, 0) <> 0 OR COALESCE(b.payout, 0) <> 0 OR COALESCE(b.commission, 0) <> 0 OR COALESCE(a.n, 0) <> 0
      ORDER BY 1`,
    codes: await db.$queryRaw`
      SELECT COALESCE(sum(b."usdAmount") FILTER (WHERE b."voidedAt" IS NULL), 0)::text AS wagered
      FROM "AffiliateCode" c LEFT JOIN "User" u ON u."affiliateCodeId" = c.id LEFT JOIN "Bet" b ON b."userId" = u.id
      WHERE c."ownerId" = ${owner} GROUP BY c.id ORDER BY c.id`,
    commission: await db.$queryRaw`
      WITH earned AS (
        SELECT "currencyId", sum("commissionAmount") AS amount FROM "Bet"
        WHERE "userId" = ANY(${refs}::int[]) AND "voidedAt" IS NULL GROUP BY 1
      ), claimed AS (
        SELECT "currencyId", sum(amount) AS amount FROM "LedgerEntry" WHERE "userId" = ${owner} AND kind = 'COMMISSION_CLAIM' GROUP BY 1
      )
      SELECT COALESCE(e."currencyId", c."currencyId")::text AS "currencyId",
             (COALESCE(e.amount, 0) - COALESCE(c.amount, 0))::text AS claimable, COALESCE(c.amount, 0)::text AS claimed
      FROM earned e FULL JOIN claimed c ON c."currencyId" = e."currencyId"
      WHERE COALESCE(e.amount, 0) - COALESCE(c.amount, 0) <> 0 OR COALESCE(c.amount, 0) <> 0
      ORDER BY 1`,
  };
}

async function rebuiltFigures(players: number[], owner: number, days: string[]) {
  return db
    .$transaction(
      async (tx) => {
        await rebuildDerivedStats(tx);
        throw new RolledBack(await stored(tx, players, owner, days));
      },
      { timeout: 60_000 },
    )
    .catch((e: unknown) => {
      if (e instanceof RolledBack) return e.value;
      throw e;
    });
}

const businessDays = async (...at: Date[]) =>
  (await db.$queryRaw<{ day: string }[]>`SELECT business_day(x)::text AS day FROM unnest(${at}::timestamptz[]) AS x ORDER BY x`).map((d) => d.day);
const progressOf = (userId: number, promoCodeId: string) =>
  db.userPromoCodeProgress.findUniqueOrThrow({ where: { promoCodeId_userId: { promoCodeId, userId } } });

describe("POST /api/v1/events/bet-rollbacks: a voided bet counts nowhere", () => {
  it("stats, platform day, affiliate rollups, commissions and rollover equal a recomputation from the standing bets; the rebuild agrees", async () => {
    const owner = await makePlayer({ isStreamer: true });
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("RB"), ownerId: owner.id, commissionRate: "0.5" } });
    const [p, q] = [await makePlayer({ affiliateCodeId: code.id }), await makePlayer({ affiliateCodeId: code.id })];
    const [gameA, gameB] = [await makeGame({ houseEdge: "0.02" }), await makeGame({ houseEdge: "0.01" })];
    const t0 = new Date(eraStart());
    const { promo, claimId } = await activeBonus(p, t0);
    await db.promoGameWhitelist.createMany({
      data: [
        { promoCodeId: promo.id, gameId: gameA.id, wagerMultiplier: "1", maxBetAmount: "50" },
        { promoCodeId: promo.id, gameId: gameB.id, wagerMultiplier: "0.5" },
      ],
    });
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const b1 = bet(p.id, gameA.id, "10", at(HOUR), { payout: "5", payoutMultiplier: "0.5" }); // +10
    const b2 = bet(p.id, gameB.id, "20", at(2 * HOUR), { payout: "30", payoutMultiplier: "1.5" }); // +10 (weight 0.5)
    const b3 = bet(p.id, gameA.id, "60", at(DAY + HOUR), { payout: "0", payoutMultiplier: "0" }); // over the max bet: +0, a violation
    const b4 = bet(p.id, gameB.id, "0.0003", at(3 * HOUR), { currencyId: "BTC", usdAmount: "30" }); // +15
    const b5 = bet(q.id, gameA.id, "40", at(4 * HOUR), { payout: "80", payoutMultiplier: "2" });
    expect((await betsOk([b1, b2, b3, b4, b5])).map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied", "applied"]);
    const before = await progressOf(p.id, promo.id);
    expect([before.wageredUsdAmount.toFixed(), before.maxBetViolations]).toEqual(["35", 1]);

    // The whitelist changes after the bets: a void must take back what was counted, not what would be now.
    await db.promoGameWhitelist.updateMany({ where: { promoCodeId: promo.id, gameId: gameB.id }, data: { wagerMultiplier: "2" } });
    await db.promoGameWhitelist.updateMany({ where: { promoCodeId: promo.id, gameId: gameA.id }, data: { maxBetAmount: "100" } });

    const [r2, r3] = [rollback(b2.id, at(DAY + 2 * HOUR)), rollback(b3.id, at(DAY + 2 * HOUR), { reason: "DUPLICATE_ROUND" })];
    expect(await sendRollbacks({ events: [r2, r3] })).toEqual([
      { id: r2.id, status: "applied", error: null, warnings: [] },
      { id: r3.id, status: "applied", error: null, warnings: [] },
    ]);

    // The bet rows stay, with their content, and gain the void.
    const voided = await db.bet.findMany({ where: { id: { in: [b2.id, b3.id] } }, orderBy: { createdAt: "asc" } });
    expect(voided.map((b) => [b.id, b.usdAmount.toFixed(), b.voidedAt?.toISOString(), b.voidReason, b.rollbackId])).toEqual([
      [b2.id, "20", r2.createdAt, "ROUND_CANCELLED", r2.id],
      [b3.id, "60", r3.createdAt, "DUPLICATE_ROUND", r3.id],
    ]);
    const rows = await db.betRollback.findMany({ where: { id: { in: [r2.id, r3.id] } } });
    expect(rows.every((r) => r.appliedAt !== null)).toBe(true);

    // Rollover: exactly the recorded contributions come off (b2's 10 at its old weight, b3's violation).
    const after = await progressOf(p.id, promo.id);
    expect([after.wageredUsdAmount.toFixed(), after.maxBetViolations]).toEqual(["25", 0]);
    expect((await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } })).status).toBe("ACTIVE");

    const days = await businessDays(at(0), at(DAY));
    const players = [p.id, q.id];
    const incremental = await stored(db, players, owner.id, days);
    const expected = await recomputed(players, owner.id, days);
    const { commissionUsd, ...comparable } = incremental;
    expect(norm(comparable)).toEqual(norm(expected));
    // The voided b3 was p's latest bet: lastBetAt moves back to b4, and p's active-referral count to its day.
    expect(incremental.players).toEqual([
      expect.objectContaining({ userId: p.id, lastBetAt: new Date(b4.createdAt) }),
      expect.objectContaining({ userId: q.id, lastBetAt: new Date(b5.createdAt) }),
    ]);
    expect(norm(incremental.ownerDays)).toEqual([expect.objectContaining({ day: days[0], active: 2 })]);
    // USD commission: what the standing bets earned (none was claimed), and the latest referral bet moved back too.
    const [usd] = commissionUsd as { claimable: string; claimed: string; lastBetCreatedAt: Date }[];
    const [{ earned }] = await db.$queryRaw<{ earned: string }[]>`
      SELECT sum("commissionUsdAmount")::text AS earned FROM "Bet" WHERE "userId" = ANY(${players}::int[]) AND "voidedAt" IS NULL`;
    expect(norm([usd.claimable, usd.claimed])).toEqual(norm([earned, "0"]));
    expect(usd.lastBetCreatedAt).toEqual(new Date(b5.createdAt));

    // The rebuild from stored events gives the same figures (rolled back: it is the reference, not a write).
    expect(norm(await rebuiltFigures(players, owner.id, days))).toEqual(norm(incremental));
  });

  it("a void after the bonus COMPLETED changes nothing about it; the claim shows voidedAfterEndUsdAmount", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const t0 = new Date(Date.now() - 10 * 60 * SEC);
    // Deposit 10, bonus 10, target (10 + 10) × 1 = 20.
    const { promo, claimId } = await activeBonus(player, t0, { wagerMultiplierToComplete: "1" }, "10");
    const [b1, b2] = [bet(player.id, game.id, "12.5", new Date(t0.getTime() + SEC)), bet(player.id, game.id, "8", new Date(t0.getTime() + 2 * SEC))];
    await betsOk([b1, b2]);
    const done = await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } });
    expect(done.status).toBe("COMPLETED");
    const releases = await db.ledgerEntry.count({ where: { kind: "BONUS_RELEASE", sourceId: claimId } });
    expect(releases).toBe(1);

    expect((await sendRollbacks(rollback(b1.id))).map((r) => r.status)).toEqual(["applied"]);
    const claim = await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } });
    expect([claim.status, claim.endedAt, claim.voidedAfterEndUsdAmount.toFixed()]).toEqual(["COMPLETED", done.endedAt, "12.5"]);
    const progress = await progressOf(player.id, promo.id);
    expect(progress.wageredUsdAmount.toFixed()).toBe("20.5");
    expect(await db.ledgerEntry.count({ where: { kind: "BONUS_RELEASE", sourceId: claimId } })).toBe(1);
    // The player's stats drop all the same.
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).wageredUsdAmount.toFixed()).toBe("8");

    const mine = await apiClient(await playerToken(player.id)).GET("/api/v1/me/promo-codes");
    expect(mine.data?.claims).toEqual([
      expect.objectContaining({ id: claimId, status: "COMPLETED", voidedAfterEndUsdAmount: "12.50", progress: expect.objectContaining({ wageredUsdAmount: "20.50" }) }),
    ]);
  });

  it("a void leaves an ACTIVE bonus below its target ACTIVE; a deposit's activation never counts a voided bet", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const t0 = new Date(Date.now() - 10 * 60 * SEC);
    // The bet is stored before the deposit that activates the bonus arrives (dated before it), then voided.
    const p = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "100", timeSecondsToComplete: 3600 });
    const res = await call(claimRoute, { token: await playerToken(player.id), body: { code: p.code } });
    await db.userPromoCode.update({ where: { id: res.json.claim.id }, data: { createdAt: new Date(t0.getTime() - HOUR) } });
    const [early, kept] = [bet(player.id, game.id, "7", new Date(t0.getTime() + SEC)), bet(player.id, game.id, "3", new Date(t0.getTime() + 2 * SEC))];
    await betsOk([early, kept]);
    await sendRollbacks(rollback(early.id));
    await sendDeposits(deposit(player.id, "10", t0));
    const progress = await progressOf(player.id, p.id);
    expect(progress.wageredUsdAmount.toFixed()).toBe("3");
    expect(await db.betRolloverContribution.findMany({ where: { progressId: progress.id }, select: { betId: true } })).toEqual([{ betId: kept.id }]);
  });
});

describe("idempotency: a bet is voided once", () => {
  it("replay → duplicate; the same id with other content → ID_CONFLICT; a second id → ALREADY_VOIDED; in a batch the first sent wins", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const [a, b] = [bet(player.id, game.id, "10", new Date()), bet(player.id, game.id, "4", new Date())];
    await betsOk([a, b]);
    const ra = rollback(a.id);
    expect(await sendRollbacks(ra)).toEqual([{ id: ra.id, status: "applied", error: null, warnings: [] }]);
    expect(await sendRollbacks(ra)).toEqual([{ id: ra.id, status: "duplicate", error: null, warnings: [] }]);
    const [conflict] = await sendRollbacks({ ...ra, reason: "OTHER" });
    expect([conflict.status, conflict.error?.code]).toEqual(["rejected", "ID_CONFLICT"]);
    const [second] = await sendRollbacks(rollback(a.id));
    expect([second.status, second.error?.code]).toEqual(["rejected", "ALREADY_VOIDED"]);
    expect(second.error?.message).toContain(ra.id);

    // One batch: b's two rollbacks (the first sent wins), a repeat of the first, and one with its id but other content.
    const [first, other] = [rollback(b.id), rollback(b.id)];
    const results = await sendRollbacks({ events: [first, other, first, { ...first, reason: "X" }] });
    expect(results.map((r) => [r.id, r.status, r.error?.code ?? null])).toEqual([
      [first.id, "applied", null],
      [other.id, "rejected", "ALREADY_VOIDED"],
      [first.id, "duplicate", null],
      [first.id, "rejected", "ID_CONFLICT"],
    ]);
    expect((await db.bet.findUniqueOrThrow({ where: { id: b.id } })).rollbackId).toBe(first.id);
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).wageredUsdAmount.toFixed()).toBe("0");
    expect(await db.betRollback.count({ where: { betId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it.skipIf(skipRaces)("the same rollback sent concurrently, and rival ids for one bet, void it once", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("CR"), ownerId: owner.id } });
    const player = await makePlayer({ affiliateCodeId: code.id });
    const game = await makeGame();
    const bets = Array.from({ length: 3 }, (_, i) => bet(player.id, game.id, String(10 + i), new Date()));
    await betsOk(bets);
    const same = rollback(bets[0].id);
    const answers = (await Promise.all(Array.from({ length: 4 }, () => sendRollbacks(same)))).flat();
    expect(answers.map((r) => r.status).sort()).toEqual(["applied", "duplicate", "duplicate", "duplicate"]);
    const rivals = (await Promise.all(Array.from({ length: 4 }, () => sendRollbacks(rollback(bets[1].id))))).flat();
    expect(rivals.map((r) => r.error?.code ?? r.status).sort()).toEqual(["ALREADY_VOIDED", "ALREADY_VOIDED", "ALREADY_VOIDED", "applied"]);
    const stats = await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } });
    expect(stats.wageredUsdAmount.toFixed()).toBe("12");
    expect((await db.affiliateOwnerStats.findUniqueOrThrow({ where: { userId: owner.id } })).wageredUsdAmount.toFixed()).toBe("12");
    expect((await db.affiliateCode.findUniqueOrThrow({ where: { id: code.id } })).wageredUsdAmount.toFixed()).toBe("12");
  });
});

describe("out of order: the rollback before its bet", () => {
  it("is stored (BET_NOT_YET_RECEIVED); the bet arrives voided (VOIDED_ON_ARRIVAL) and counts nowhere", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("OO"), ownerId: owner.id } });
    const player = await makePlayer({ affiliateCodeId: code.id });
    const game = await makeGame();
    const t0 = new Date(Date.now() - 10 * 60 * SEC);
    const { promo } = await activeBonus(player, t0);
    const later = bet(player.id, game.id, "25", new Date(t0.getTime() + SEC));
    const rb = rollback(later.id);
    const [r] = await sendRollbacks(rb);
    expect([r.status, r.error]).toEqual(["applied", null]);
    expect(r.warnings).toEqual([expect.stringMatching(/^BET_NOT_YET_RECEIVED: /)]);
    expect((await db.betRollback.findUniqueOrThrow({ where: { id: rb.id } })).appliedAt).toBeNull();
    expect(await sendRollbacks(rb)).toEqual([{ id: rb.id, status: "duplicate", error: null, warnings: [] }]);
    const [rival] = await sendRollbacks(rollback(later.id));
    expect(rival.error?.code).toBe("ALREADY_VOIDED");

    const standing = bet(player.id, game.id, "5", new Date(t0.getTime() + 2 * SEC));
    const results = await betsOk([later, standing]);
    expect(results[0]).toEqual({ id: later.id, status: "applied", error: null, warnings: [expect.stringMatching(/^VOIDED_ON_ARRIVAL: /)] });
    expect(results[1]).toEqual({ id: standing.id, status: "applied", error: null, warnings: [] });
    const stored = await db.bet.findUniqueOrThrow({ where: { id: later.id } });
    expect([stored.voidedAt?.toISOString(), stored.voidReason, stored.rollbackId, stored.usdAmount.toFixed()]).toEqual([rb.createdAt, rb.reason, rb.id, "25"]);
    expect((await db.betRollback.findUniqueOrThrow({ where: { id: rb.id } })).appliedAt).not.toBeNull();

    // Nowhere: stats, rollover, commission, rollups — only the standing bet.
    const stats = await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } });
    expect([stats.wageredUsdAmount.toFixed(), stats.lastBetAt?.toISOString()]).toEqual(["5", standing.createdAt]);
    expect((await progressOf(player.id, promo.id)).wageredUsdAmount.toFixed()).toBe("5");
    expect(await db.betRolloverContribution.count({ where: { betId: later.id } })).toBe(0);
    expect((await db.affiliateOwnerStats.findUniqueOrThrow({ where: { userId: owner.id } })).wageredUsdAmount.toFixed()).toBe("5");
    const commission = await db.affiliateUserStats.findUniqueOrThrow({ where: { userId_currencyId: { userId: owner.id, currencyId: "USDT" } } });
    expect(commission.claimableAmount.toFixed()).toBe("0.0125"); // 5 × 0.01 × 0.25
    // A replay of the bet is a duplicate and still counts nowhere.
    expect((await betsOk([later]))[0].status).toBe("duplicate");
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).wageredUsdAmount.toFixed()).toBe("5");
  });

  it.skipIf(skipRaces)("a rollback racing its bet: whichever lands first, the bet ends voided and counted nowhere", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    for (let i = 0; i < 8; i++) {
      const b = bet(player.id, game.id, "1", new Date());
      const rb = rollback(b.id);
      const [bets, rollbacks] = await Promise.all([betsOk([b]), sendRollbacks(rb)]);
      expect([bets[0].status, rollbacks[0].status]).toEqual(["applied", "applied"]);
      const row = await db.bet.findUniqueOrThrow({ where: { id: b.id } });
      expect(row.rollbackId).toBe(rb.id);
      expect((await db.betRollback.findUniqueOrThrow({ where: { id: rb.id } })).appliedAt).not.toBeNull();
    }
    const stats = await db.userStatsUsd.findUnique({ where: { userId: player.id } });
    expect(stats?.wageredUsdAmount.toFixed() ?? "0").toBe("0");
  });

  it("a batch with one unknown bet applies the rest; bad events are rejected alone and nothing is stored for them", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const [x, y] = [bet(player.id, game.id, "6", new Date()), bet(player.id, game.id, "9", new Date())];
    await betsOk([x, y]);
    const good = [rollback(x.id), rollback(`never_${x.id}`), rollback(y.id)];
    const bad = {
      noBet: { ...rollback("b"), betId: undefined },
      noReason: { ...rollback("c"), reason: undefined },
      emptyReason: rollback("d", new Date(), { reason: "  " }),
      longReason: rollback("e", new Date(), { reason: "R".repeat(65) }),
      noTime: { ...rollback("f"), createdAt: undefined },
      badTime: rollback("g", new Date(), { createdAt: "yesterday" }),
    };
    const results = await sendRollbacks({ events: [...good, ...Object.values(bad)] });
    expect(results.map((r) => [r.id, r.status, r.error?.code ?? null, r.warnings.map((w) => w.split(":")[0])])).toEqual([
      [good[0].id, "applied", null, []],
      [good[1].id, "applied", null, ["BET_NOT_YET_RECEIVED"]],
      [good[2].id, "applied", null, []],
      [bad.noBet.id, "rejected", "INVALID_EVENT", []],
      [bad.noReason.id, "rejected", "INVALID_EVENT", []],
      [bad.emptyReason.id, "rejected", "INVALID_EVENT", []],
      [bad.longReason.id, "rejected", "OUT_OF_RANGE", []],
      [bad.noTime.id, "rejected", "INVALID_EVENT", []],
      [bad.badTime.id, "rejected", "INVALID_EVENT", []],
    ]);
    expect(await db.betRollback.count({ where: { id: { in: Object.values(bad).map((e) => e.id) } } })).toBe(0);
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).wageredUsdAmount.toFixed()).toBe("0");

    for (const body of [{ events: [] }, { events: [good[0]], more: 1 }, { events: "x" }]) {
      const res = await platform.POST("/api/v1/events/bet-rollbacks", { body: body as never });
      expect([res.response.status, res.error?.error.code]).toEqual([400, "INVALID_BODY"]);
    }
    const anonymous = await apiClient().POST("/api/v1/events/bet-rollbacks", { body: good[0] as never });
    expect(anonymous.response.status).toBe(401);
  });
});

describe("commissions: negative carry-over", () => {
  it("a claimed commission voided leaves claimable below zero; later commissions fill it first; a claim pays only positive currencies", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("NC"), ownerId: owner.id, commissionRate: "0.5" } });
    const player = await makePlayer({ affiliateCodeId: code.id });
    const game = await makeGame({ houseEdge: "0.01" });
    const client = apiClient(await playerToken(owner.id));
    const me = async () => (await client.GET("/api/v1/me/affiliate")).data!;

    const first = bet(player.id, game.id, "100", new Date()); // commission 0.50 USDT
    await betsOk([first]);
    expect((await client.POST("/api/v1/me/affiliate/claim")).data!.credits).toEqual([{ currencyId: "USDT", amount: "0.50" }]);
    await sendRollbacks(rollback(first.id));
    expect(await me()).toMatchObject({ earnedUsd: "0.00", unclaimedUsd: "-0.50", claimable: [{ currencyId: "USDT", amount: "-0.50", claimed: "0.50" }] });
    const nothing = await client.POST("/api/v1/me/affiliate/claim");
    expect([nothing.response.status, nothing.error?.error.code]).toEqual([409, "NOTHING_TO_CLAIM"]);

    // A USDT commission of 0.30 fills the hole first (-0.20 left); a BTC one is claimable at once.
    await betsOk([
      bet(player.id, game.id, "60", new Date()),
      bet(player.id, game.id, "0.001", new Date(), { currencyId: "BTC", usdAmount: "100" }), // 0.000005 BTC = 0.50 USD
    ]);
    expect(await me()).toMatchObject({
      earnedUsd: "0.80",
      unclaimedUsd: "0.30",
      claimable: [
        { currencyId: "BTC", amount: "0.00000500", claimed: "0.00000000" },
        { currencyId: "USDT", amount: "-0.20", claimed: "0.50" },
      ],
    });
    const paid = await client.POST("/api/v1/me/affiliate/claim");
    expect(paid.data!.credits).toEqual([{ currencyId: "BTC", amount: "0.00000500" }]);
    expect(await me()).toMatchObject({
      earnedUsd: "0.80",
      unclaimedUsd: "-0.20",
      claimable: [
        { currencyId: "BTC", amount: "0.00000000", claimed: "0.00000500" },
        { currencyId: "USDT", amount: "-0.20", claimed: "0.50" },
      ],
    });
    const ledger = await db.ledgerEntry.findMany({ where: { userId: owner.id, kind: "COMMISSION_CLAIM" }, orderBy: { id: "asc" } });
    expect(ledger.map((l) => [l.currencyId, l.amount.toFixed()])).toEqual([["USDT", "0.5"], ["BTC", "0.000005"]]);
    // The streamer view's profit/loss uses the same earned figure.
    const [view] = await db.$queryRaw<{ earned: string; unclaimed: string }[]>`
      SELECT "earnedCommissions"::numeric(38,2)::text AS earned, "unclaimedCommissions"::numeric(38,2)::text AS unclaimed
      FROM "AffiliateAggregatedInfo" WHERE "userId" = ${owner.id}`;
    expect(view).toEqual({ earned: "0.80", unclaimed: "-0.20" });

    // Once USDT is above zero again, the next claim pays only what is above zero.
    await betsOk([bet(player.id, game.id, "100", new Date())]); // +0.50 → 0.30
    expect((await client.POST("/api/v1/me/affiliate/claim")).data!.credits).toEqual([{ currencyId: "USDT", amount: "0.30" }]);
    expect(await me()).toMatchObject({ earnedUsd: "1.30", unclaimedUsd: "0.00" });

    // The rebuild agrees: claimable = earned by standing bets − claimed, per currency and in USD.
    const days = await businessDays(new Date());
    const incremental = await stored(db, [player.id], owner.id, days);
    expect(norm(incremental.commission)).toEqual(norm((await recomputed([player.id], owner.id, days)).commission));
    const rebuilt = (await rebuiltFigures([player.id], owner.id, days)) as typeof incremental;
    expect(norm([rebuilt.commission, rebuilt.commissionUsd])).toEqual(norm([incremental.commission, incremental.commissionUsd]));
  });
});

class RolledBack extends Error {
  constructor(readonly value: unknown) {
    super("rolled back on purpose");
  }
}
