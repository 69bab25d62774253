// Money out: POST /api/v1/events/withdrawals and GET /api/v1/players/{id}/bonus-status, through the
// route handlers with the typed client (every answer is checked against the OpenAPI document). On a
// real PostgreSQL this file runs on a database of its own, so the stats rebuild it compares with
// ingestion rewrites no other file's rollups under them.
import { beforeAll, describe, expect, it } from "vitest";

import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { streamerReport, streamerTotals } from "@/lib/server/affiliates/reports";
import { STREAMER_CSV } from "@/lib/server/affiliates/streamer-csv";
import type { getBonusStatus } from "@/lib/server/claims/queries";
import { db } from "@/lib/server/db";
import { reportRange } from "@/lib/server/report-range";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";
import { call, creditsFeed, creditsFor, platformKey, playerToken } from "@/tests/fixtures/api";
import { apiClient, type components } from "@/tests/fixtures/api-client";
import { deposit, sendDeposits, sendUsers, withdrawal } from "@/tests/fixtures/events";
import { ensureCurrencies, makeOperator, makePlayer, makePromo, uniqueCode, uniqueId } from "@/tests/fixtures/factories";
import { useOwnDatabase } from "@/tests/support/own-database";

// What the server returns must fit the documented bodies (a shape changed on one side fails `tsc`).
type TFits<A, B> = [A] extends [B] ? true : false;
type TAssert<T extends true> = T;
export type _BonusStatusFitsTheDocument = TAssert<
  TFits<NonNullable<Awaited<ReturnType<typeof getBonusStatus>>>, components["schemas"]["BonusStatusResponse"]>
>;

const SEC = 1000;

useOwnDatabase("rollover_it_wd");
let key: string;
let platform: ReturnType<typeof apiClient>;
beforeAll(async () => {
  await ensureCurrencies();
  key = await platformKey("withdrawals test");
  platform = apiClient(key);
});

type TEvent = ReturnType<typeof withdrawal>;
async function sendWithdrawals(body: TEvent | { events: unknown[] }) {
  const res = await platform.POST("/api/v1/events/withdrawals", { body: body as never });
  expect(res.response.status).toBe(200);
  return res.data!.results;
}
async function bonusStatus(id: number | string) {
  return platform.GET("/api/v1/players/{id}/bonus-status", { params: { path: { id: String(id) } } });
}

/** A DEPOSIT promo claimed an hour ago and activated by a deposit of `usd` a minute ago (bonus 100% of it). */
async function activeBonus(promo: Parameters<typeof makePromo>[0] = {}, usd = "10") {
  const { player, claimId } = await claimed(promo);
  const activatedAt = new Date(Date.now() - 60 * SEC);
  await sendDeposits(deposit(player.id, usd, activatedAt));
  expect((await claimOf(claimId)).status).toBe("ACTIVE");
  return { player, claimId, activatedAt };
}

async function claimed(promo: Parameters<typeof makePromo>[0] = {}, player?: { id: number }) {
  const p = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "10", timeSecondsToComplete: 3600, ...promo });
  const who = player ?? (await makePlayer());
  const res = await call(claimRoute, { token: await playerToken(who.id), body: { code: p.code } });
  expect(res.status).toBe(201);
  await db.userPromoCode.update({ where: { id: res.json.claim.id }, data: { createdAt: new Date(Date.now() - 3600 * SEC) } });
  return { player: who, claimId: res.json.claim.id as string };
}

const claimOf = (id: string) => db.userPromoCode.findUniqueOrThrow({ where: { id } });
const forfeits = (sourceId: string) => db.ledgerEntry.findMany({ where: { kind: "BONUS_FORFEIT", sourceId } });
const withdrawn = async (userId: number) =>
  (await db.userStatsUsd.findUnique({ where: { userId } }))?.withdrawnUsdAmount.toFixed(2) ?? "none";

describe("POST /api/v1/events/withdrawals: the FORFEIT policy", () => {
  it("a withdrawal inside an ACTIVE bonus's window cancels it (WITHDRAWAL) and forfeits the grant once; bonus-status said so first", async () => {
    const { player, claimId } = await activeBonus({}, "25");

    const before = await bonusStatus(player.id);
    expect(before.data?.bonuses).toEqual([
      expect.objectContaining({ id: claimId, status: "ACTIVE", cancelReason: null, progress: expect.objectContaining({ bonusUsdAmount: "25.00", wageredUsdAmount: "0.00", wagerUsdAmountToComplete: "500.00" }) }),
    ]);
    expect(before.data?.withdrawalForfeits).toEqual([{ currencyId: "USDT", amount: "25.00", usdAmount: "25.00" }]);

    const at = new Date();
    const event = withdrawal(player.id, "40", at);
    expect(await sendWithdrawals(event)).toEqual([{ id: event.id, status: "applied", error: null, warnings: [`BONUS_FORFEITED: ${claimId}`] }]);
    const claim = await claimOf(claimId);
    expect([claim.status, claim.cancelReason, claim.isActive, claim.endedAt?.toISOString()]).toEqual(["CANCELLED", "WITHDRAWAL", null, at.toISOString()]);
    // What bonus-status announced is what the ledger took, per currency.
    const taken = await forfeits(claimId);
    expect(taken.map((f) => [f.currencyId, f.amount.neg().toFixed(2), f.usdAmount.neg().toFixed(2)])).toEqual(
      before.data!.withdrawalForfeits.map((f) => [f.currencyId, f.amount, f.usdAmount]),
    );
    const bonus = await db.balance.findUniqueOrThrow({ where: { userId_currencyId_bucket: { userId: player.id, currencyId: "USDT", bucket: "BONUS" } } });
    expect(bonus.amount.toFixed(2)).toBe("0.00");
    expect(await withdrawn(player.id)).toBe("40.00");

    // A replay: duplicate, no second forfeit, no second count.
    expect(await sendWithdrawals(event)).toEqual([{ id: event.id, status: "duplicate", error: null, warnings: [] }]);
    expect(await forfeits(claimId)).toHaveLength(1);
    expect(await withdrawn(player.id)).toBe("40.00");

    // Nothing open any more.
    expect((await bonusStatus(player.id)).data).toEqual({ bonuses: [], withdrawalForfeits: [] });
    // The player API shows the cancel and its reason.
    const mine = await apiClient(await playerToken(player.id)).GET("/api/v1/me/promo-codes");
    expect(mine.data?.claims[0]).toMatchObject({ id: claimId, status: "CANCELLED", cancelReason: "WITHDRAWAL" });
  });

  it("the forfeit reaches the platform's wallet: GET /api/v1/credits lists it once, after the grant, against the claim", async () => {
    const { player, claimId } = await activeBonus({}, "12.5");
    const event = withdrawal(player.id, "20", new Date());
    expect((await sendWithdrawals(event))[0].warnings).toEqual([`BONUS_FORFEITED: ${claimId}`]);
    const credits = await creditsFor(key, claimId, 2);
    expect(credits.map((c) => [c.kind, c.userId, c.bucket, c.currencyId, c.amount, c.usdAmount])).toEqual([
      ["BONUS_GRANT", player.id, "BONUS", "USDT", "12.50", "12.50"],
      ["BONUS_FORFEIT", player.id, "BONUS", "USDT", "-12.50", "-12.50"],
    ]);
    // The entry the feed serves is the ledger's forfeit row.
    const [row] = await forfeits(claimId);
    expect(credits[1].id).toBe(row.id.toString());
    // A replay of the withdrawal adds nothing to the ledger, so nothing to the feed.
    expect((await sendWithdrawals(event))[0].status).toBe("duplicate");
    expect(await forfeits(claimId)).toHaveLength(1);
    expect((await creditsFeed(key)).filter((c) => c.sourceId === claimId)).toHaveLength(2);
  });

  it("the same withdrawal sent concurrently forfeits once; so do two withdrawals racing for one bonus", async () => {
    const one = await activeBonus();
    const event = withdrawal(one.player.id, "5", new Date());
    const answers = (await Promise.all(Array.from({ length: 4 }, () => sendWithdrawals(event)))).flat();
    expect(answers.map((r) => r.status).sort()).toEqual(["applied", "duplicate", "duplicate", "duplicate"]);
    expect(answers.flatMap((r) => r.warnings)).toEqual([`BONUS_FORFEITED: ${one.claimId}`]);
    expect(await forfeits(one.claimId)).toHaveLength(1);
    expect(await withdrawn(one.player.id)).toBe("5.00");

    const two = await activeBonus();
    const racing = await Promise.all([1, 2, 3].map(() => sendWithdrawals(withdrawal(two.player.id, "1", new Date()))));
    expect(racing.flat().map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(racing.flat().flatMap((r) => r.warnings)).toEqual([`BONUS_FORFEITED: ${two.claimId}`]);
    expect(await forfeits(two.claimId)).toHaveLength(1);
    expect(await withdrawn(two.player.id)).toBe("3.00");
  });

  it("in one batch, a bonus two withdrawals fall inside is forfeited by the first sent", async () => {
    const { player, claimId } = await activeBonus();
    const [a, b] = [withdrawal(player.id, "2", new Date()), withdrawal(player.id, "3", new Date())];
    const results = await sendWithdrawals({ events: [b, a] });
    expect(results.map((r) => [r.id, r.status, r.warnings])).toEqual([
      [b.id, "applied", [`BONUS_FORFEITED: ${claimId}`]],
      [a.id, "applied", []],
    ]);
    expect(await forfeits(claimId)).toHaveLength(1);
  });

  it("KEEP: a withdrawal changes nothing about the bonus, and bonus-status says it would forfeit nothing", async () => {
    const { player, claimId } = await activeBonus({ withdrawalPolicy: "KEEP" });
    const status = await bonusStatus(player.id);
    expect(status.data?.bonuses.map((b) => [b.id, b.status])).toEqual([[claimId, "ACTIVE"]]);
    expect(status.data?.withdrawalForfeits).toEqual([]);
    const [r] = await sendWithdrawals(withdrawal(player.id, "7", new Date()));
    expect([r.status, r.warnings]).toEqual(["applied", []]);
    expect((await claimOf(claimId)).status).toBe("ACTIVE");
    expect(await forfeits(claimId)).toHaveLength(0);
    expect(await withdrawn(player.id)).toBe("7.00");
  });

  it("dated before activation (or at or after expiry): nothing; dated at activatedAt exactly: forfeited", async () => {
    const { player, claimId, activatedAt } = await activeBonus();
    const [early] = await sendWithdrawals(withdrawal(player.id, "1", new Date(activatedAt.getTime() - 1)));
    expect([early.status, early.warnings]).toEqual(["applied", []]);
    const progress = await db.userPromoCodeProgress.findFirstOrThrow({ where: { userId: player.id } });
    const [late] = await sendWithdrawals(withdrawal(player.id, "1", progress.expiresAt));
    expect([late.status, late.warnings]).toEqual(["applied", []]);
    expect((await claimOf(claimId)).status).toBe("ACTIVE");
    const [exact] = await sendWithdrawals(withdrawal(player.id, "1", activatedAt));
    expect(exact.warnings).toEqual([`BONUS_FORFEITED: ${claimId}`]);
    expect((await claimOf(claimId)).status).toBe("CANCELLED");
  });

  it("a CLAIMED bonus is not touched; bonus-status lists it with no progress and nothing to forfeit", async () => {
    const { player, claimId } = await claimed();
    const status = await bonusStatus(player.id);
    expect(status.data).toEqual({ bonuses: [expect.objectContaining({ id: claimId, status: "CLAIMED", progress: null })], withdrawalForfeits: [] });
    const [r] = await sendWithdrawals(withdrawal(player.id, "9", new Date()));
    expect([r.status, r.warnings]).toEqual(["applied", []]);
    expect((await claimOf(claimId)).status).toBe("CLAIMED");
  });

  it("bonus-status leaves out a bonus past its expiry (it reads EXPIRED), and a withdrawal now forfeits nothing of it", async () => {
    const { player, claimId } = await claimed({ timeSecondsToComplete: 30 });
    await sendDeposits(deposit(player.id, "10", new Date(Date.now() - 120 * SEC)));
    expect((await claimOf(claimId)).status).toBe("ACTIVE"); // the worker hasn't run; reads show EXPIRED
    expect((await bonusStatus(player.id)).data).toEqual({ bonuses: [], withdrawalForfeits: [] });
    const [r] = await sendWithdrawals(withdrawal(player.id, "1", new Date()));
    expect(r.warnings).toEqual([]);
    expect(await forfeits(claimId)).toHaveLength(0);
  });
});

describe("bad withdrawals are rejected alone and nothing is stored for them", () => {
  it("unknown user, unknown currency, bad amounts, no rate, an id clash; a malformed envelope is a 400", async () => {
    const player = await makePlayer();
    const operator = await makeOperator("SUPPORT");
    const good = withdrawal(player.id, "4", new Date());
    const bad = {
      unknownUser: withdrawal(uniqueId(), "4", new Date()),
      operator: withdrawal(operator.id, "4", new Date()),
      currency: withdrawal(player.id, "4", new Date(), { currencyId: "XYZ" }),
      zero: withdrawal(player.id, "0", new Date()),
      negative: withdrawal(player.id, "-4", new Date()),
      text: withdrawal(player.id, "four", new Date()),
      exponent: withdrawal(player.id, "1e3", new Date()),
      tooBig: withdrawal(player.id, "1000000000000", new Date()),
      noRate: withdrawal(player.id, "4", new Date(), { currencyId: "SOL", usdAmount: undefined }),
      noDate: withdrawal(player.id, "4", new Date(), { createdAt: "yesterday" }),
    };
    const results = await sendWithdrawals({ events: [good, ...Object.values(bad)] });
    expect(results.map((r) => [r.id, r.status, r.error?.code ?? null])).toEqual([
      [good.id, "applied", null],
      [bad.unknownUser.id, "rejected", "UNKNOWN_USER"],
      [bad.operator.id, "rejected", "UNKNOWN_USER"],
      [bad.currency.id, "rejected", "INVALID_EVENT"],
      [bad.zero.id, "rejected", "INVALID_EVENT"],
      [bad.negative.id, "rejected", "INVALID_EVENT"],
      [bad.text.id, "rejected", "INVALID_EVENT"],
      [bad.exponent.id, "rejected", "INVALID_EVENT"],
      [bad.tooBig.id, "rejected", "INVALID_EVENT"],
      [bad.noRate.id, "rejected", "NO_RATE"],
      [bad.noDate.id, "rejected", "INVALID_EVENT"],
    ]);
    expect(await db.withdrawal.count({ where: { id: { in: Object.values(bad).map((e) => e.id) } } })).toBe(0);
    expect(await withdrawn(player.id)).toBe("4.00");

    // The same id with other content; and twice in one batch with other content.
    const [clash] = await sendWithdrawals({ ...good, amount: "5" });
    expect([clash.status, clash.error?.code]).toEqual(["rejected", "ID_CONFLICT"]);
    const twin = withdrawal(player.id, "1", new Date());
    const twins = await sendWithdrawals({ events: [twin, { ...twin, amount: "2" }, twin] });
    expect(twins.map((r) => [r.status, r.error?.code ?? null])).toEqual([["applied", null], ["rejected", "ID_CONFLICT"], ["duplicate", null]]);
    expect(await withdrawn(player.id)).toBe("5.00");
    // Without usdAmount the rate at createdAt converts it: 0.0002 BTC at 100,000.
    const [btc] = await sendWithdrawals(withdrawal(player.id, "0.0002", new Date(), { currencyId: "BTC", usdAmount: undefined }));
    expect(btc.status).toBe("applied");
    expect(await withdrawn(player.id)).toBe("25.00");

    for (const body of [{ events: [] }, { events: [good], more: 1 }, { events: "x" }]) {
      const res = await platform.POST("/api/v1/events/withdrawals", { body: body as never });
      expect([res.response.status, res.error?.error.code]).toEqual([400, "INVALID_BODY"]);
    }
    const anonymous = await apiClient().POST("/api/v1/events/withdrawals", { body: good as never });
    expect(anonymous.response.status).toBe(401);
  });

  it("bonus-status: 404 PLAYER_NOT_FOUND for an unknown player or an operator, 404 NOT_FOUND for an id that isn't one, 401 without a key", async () => {
    const operator = await makeOperator("SUPPORT");
    for (const id of [uniqueId(), operator.id]) {
      const res = await bonusStatus(id);
      expect([res.response.status, res.error?.error.code]).toEqual([404, "PLAYER_NOT_FOUND"]);
    }
    for (const id of ["abc", "0", "-1", "2147483648", "99999999999", "1.5"]) {
      const res = await bonusStatus(id);
      expect([res.response.status, res.error?.error.code], id).toEqual([404, "NOT_FOUND"]);
    }
    const res = await apiClient().GET("/api/v1/players/{id}/bonus-status", { params: { path: { id: "1" } } });
    expect(res.response.status).toBe(401);
  });
});

describe("withdrawals in the stats, the affiliate rollups and the streamer report", () => {
  it("withdrawnUsdAmount and the referrer's rollups move; the rebuild agrees; the report shows withdrawals and net deposits", async () => {
    const owner = await makePlayer({ isStreamer: true });
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("WD"), ownerId: owner.id } });
    const [a, b] = [uniqueId(), uniqueId()];
    await sendUsers({ events: [{ id: a, username: `wa${a}`, affiliateCode: code.id }, { id: b, username: `wb${b}`, affiliateCode: code.id }] });
    const t = new Date(Date.now() - 5 * 60 * SEC);
    await sendDeposits({ events: [deposit(a, "100", t), deposit(b, "40", t)] });
    const results = await sendWithdrawals({
      events: [
        withdrawal(a, "30", new Date(t.getTime() + SEC)),
        withdrawal(b, "0.0001", new Date(t.getTime() + 2 * SEC), { currencyId: "BTC", usdAmount: undefined }), // $10
        withdrawal(b, "2.5", new Date(t.getTime() + 3 * SEC)),
      ],
    });
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    // An old withdrawal lands on its own business day.
    const old = new Date("2026-01-15T12:00:00Z");
    await sendWithdrawals(withdrawal(a, "1", old));

    const figures = async () => ({
      players: (
        await db.userStatsUsd.findMany({ where: { userId: { in: [a, b] } }, orderBy: { userId: "asc" } })
      ).map((s) => [s.userId, s.withdrawnUsdAmount.toFixed(2), s.depositedUsdAmount.toFixed(2)]),
      owner: (await db.affiliateOwnerStats.findUniqueOrThrow({ where: { userId: owner.id } })).withdrawalUsdAmount.toFixed(2),
      days: await db.$queryRaw<{ day: string; withdrawal: string; deposit: string }[]>`
        SELECT day::text, "withdrawalUsdAmount"::numeric(38,2)::text AS withdrawal, "depositUsdAmount"::numeric(38,2)::text AS deposit
        FROM "AffiliateDailyStats" WHERE "userId" = ${owner.id} ORDER BY day`,
    });
    const incremental = await figures();
    const [today] = await db.$queryRaw<{ day: string }[]>`SELECT business_day(${t}::timestamptz)::text AS day`;
    const [oldDay] = await db.$queryRaw<{ day: string }[]>`SELECT business_day(${old}::timestamptz)::text AS day`;
    expect(incremental).toEqual({
      players: [
        [a, "31.00", "100.00"],
        [b, "12.50", "40.00"],
      ],
      owner: "43.50",
      days: [
        { day: oldDay.day, withdrawal: "1.00", deposit: "0.00" },
        { day: today.day, withdrawal: "42.50", deposit: "140.00" },
      ],
    });

    // The rebuild from stored events gives the same figures (rolled back: it is the reference, not a write).
    const rebuilt = await db
      .$transaction(
        async (tx) => {
          await rebuildDerivedStats(tx);
          const players = await tx.userStatsUsd.findMany({ where: { userId: { in: [a, b] } }, orderBy: { userId: "asc" } });
          const o = await tx.affiliateOwnerStats.findUniqueOrThrow({ where: { userId: owner.id } });
          const days = await tx.$queryRaw<{ day: string; withdrawal: string; deposit: string }[]>`
            SELECT day::text, "withdrawalUsdAmount"::numeric(38,2)::text AS withdrawal, "depositUsdAmount"::numeric(38,2)::text AS deposit
            FROM "AffiliateDailyStats" WHERE "userId" = ${owner.id} ORDER BY day`;
          throw new RolledBack({
            players: players.map((s) => [s.userId, s.withdrawnUsdAmount.toFixed(2), s.depositedUsdAmount.toFixed(2)]),
            owner: o.withdrawalUsdAmount.toFixed(2),
            days,
          });
        },
        { timeout: 60_000 },
      )
      .catch((e: unknown) => {
        if (e instanceof RolledBack) return e.value;
        throw e;
      });
    expect(rebuilt).toEqual(incremental);

    // The streamer report: withdrawals and net deposits over the range, in the rows, totals and CSV.
    const range = await reportRange({});
    const row = (await streamerReport({ q: code.id }, range)).find((r) => r.userId === owner.id)!;
    expect(row).toMatchObject({ depositUsd: "140.00", withdrawalsUsd: "42.50", netDepositsUsd: "97.50" });
    expect(streamerTotals([row, row])).toMatchObject({ depositUsd: "280.00", withdrawalsUsd: "85.00", netDepositsUsd: "195.00" });
    const wide = await reportRange({ from: oldDay.day, to: today.day });
    const all = (await streamerReport({ q: code.id }, wide)).find((r) => r.userId === owner.id)!;
    expect([all.withdrawalsUsd, all.netDepositsUsd]).toEqual(["43.50", "96.50"]);
    expect(STREAMER_CSV.slice(-2).map((c) => [c.header, c.value(row)])).toEqual([
      ["Withdrawals USD", "42.50"],
      ["Net deposits USD", "97.50"],
    ]);
  });
});

class RolledBack extends Error {
  constructor(readonly value: unknown) {
    super("rolled back on purpose");
  }
}
