import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { EXPIRY_GRACE_SECONDS } from "@/lib/jobs/worker";
import { expireDueBonuses } from "@/lib/server/claims/lifecycle";
import { db } from "@/lib/server/db";
import { advanceBoards, settleBoard } from "@/lib/server/leaderboards/lifecycle";
import { ensureScheduledBoards } from "@/lib/server/leaderboards/schedules";
import { call, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, sendBets, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, ERAS, makeGame, makePlayer, makePromo, reserveIds } from "@/tests/fixtures/factories";
import { CLOCK_WAIT_MS, holdClock } from "@/tests/support/clock";
import { skipRaces } from "@/tests/support/race";

// SPEC §7: two app instances with two workers on one database do every time-based step once.
// Each "instance" runs what lib/jobs/worker.ts's jobs run — the leaderboards job (schedule roll-over,
// transitions by the clock, settlement of every board in SETTLEMENT) and the bonus-expiry job — and
// two instances run them at the same moment on their own connections, round after round of a
// simulated clock; then one more late run of the same round (a pg-boss retry) must change nothing.
// pg-boss's own one-job-per-worker is not relied on: the steps themselves must hold.
//
// advanceBoards and expireDueBonuses sweep every row the clock makes due, so all of this lives in an
// era of its own (1994: no other file dates anything before 2004), and the file holds the clock lock
// (tests/support/clock.ts) so the other sweeping files never move these rows meanwhile. The schedule
// step and settlement are scoped to this file's schedule, as nothing else here is ours to settle.

const SEC = 1000;
const HOUR = 3600 * SEC;
const SETTLE_AFTER_SECONDS = 1800;
const ROUNDS = 10; // clock at firstStart + r × 30 min (+1 s): runs 0–5 created, 0–3 settled
const BETTORS = 30;
const FILLERS = 3000; // entries below the prizes, so settlement has a real board to freeze
const PRIZES = [
  { from: 1, to: 1, usd: "100" },
  { from: 2, to: 25, usd: "4" },
];
const WINNERS = 25;
const POOL_USD = 196;
const BONUSES = 6; // ACTIVE bonuses; bonus j expires at round j + 1
const WAITING = 2; // CLAIMED claims of a promo that expires, at round 3

const fs = ERAS.twoWorkers();
const clockAt = (r: number) => new Date(fs + r * 1800 * SEC + SEC);
const cutoffAt = (r: number) => clockAt(r).getTime() - EXPIRY_GRACE_SECONDS * SEC;
const runStart = (k: number) => fs + k * HOUR;
const runsAt = (r: number) => Math.floor((clockAt(r).getTime() - fs) / HOUR) + 2; // the current run and the next
function statusAt(k: number, r: number) {
  const t = clockAt(r).getTime();
  const end = runStart(k + 1);
  if (end + SETTLE_AFTER_SECONDS * SEC <= t) return "FINISHED"; // settled in the round it became due
  if (end <= t) return "ENDED";
  return runStart(k) <= t ? "ACTIVE" : "NOT_STARTED";
}
const settlesInRound = (k: number, r: number) =>
  statusAt(k, r) === "FINISHED" && (r === 0 || statusAt(k, r - 1) !== "FINISHED");
const bonusExpiresAt = (j: number) => fs + j * 1800 * SEC + 60 * SEC;
const waitingPromoExpiresAt = fs + HOUR + 60 * SEC;
function expiringInRound(r: number) {
  const due = (at: number) => at <= cutoffAt(r) && (r === 0 || at > cutoffAt(r - 1));
  const bonuses = Array.from({ length: BONUSES }, (_, j) => j).filter((j) => due(bonusExpiresAt(j))).length;
  return bonuses + (due(waitingPromoExpiresAt) ? WAITING : 0);
}

describe.skipIf(skipRaces)("two workers on one database", () => {
  let releaseClock: () => Promise<void> = async () => {};
  let scheduleId = "";
  let gameId = 0;
  let bettors: { id: number }[] = [];
  let fillerBase = 0;
  const bonusClaims: { userId: number; claimId: string }[] = [];
  const waitingClaims: string[] = [];

  beforeAll(async () => {
    releaseClock = await holdClock();
    await ensureCurrencies();
    // Prizes are paid in USD at the rate of the worker's moment (1994): the dollar is 1, from 1970 on,
    // as the reference-data migration has it.
    await db.currencyRate.createMany({
      data: [{ currencyId: "USD", usdRate: "1", validFrom: new Date("1970-01-01T00:00:00Z") }],
      skipDuplicates: true,
    });
    gameId = (await makeGame()).id;
    bettors = await Promise.all(Array.from({ length: BETTORS }, () => makePlayer()));
    fillerBase = reserveIds(FILLERS);
    await db.$executeRaw`
      INSERT INTO "User" (id, username) SELECT n, 'two_workers_' || n FROM generate_series(${fillerBase}::int, ${fillerBase + FILLERS - 1}::int) n`;
    const schedule = await db.leaderboardSchedule.create({
      data: {
        name: "two workers",
        enabled: true,
        config: {
          recurrence: {
            kind: "INTERVAL",
            intervalSeconds: 3600,
            timeZone: "UTC",
            firstStart: new Date(fs).toISOString(),
          },
          nameTemplate: "Two workers #{n}",
          type: "WAGERED",
          leaderboard: {
            prizes: PRIZES,
            gameIds: [gameId],
            minBetUsd: "0",
            prizeCurrency: "USD",
            settleAfterSeconds: SETTLE_AFTER_SECONDS,
          },
        },
      },
    });
    scheduleId = schedule.id;

    // Bonuses: claimed through the API, dated into the era, activated by deposits there (10 USD → 10 bonus).
    const claim = async (userId: number, code: string) => {
      const res = await call(claimRoute, { token: await playerToken(userId), body: { code } });
      expect(res.status).toBe(201);
      await db.userPromoCode.update({ where: { id: res.json.claim.id }, data: { createdAt: new Date(fs - HOUR) } });
      return res.json.claim.id as string;
    };
    const active = await makePromo({
      bonusMultiplier: "1",
      wagerMultiplierToComplete: "10",
      timeSecondsToComplete: 600,
    });
    for (let j = 0; j < BONUSES; j++) {
      const player = await makePlayer();
      const claimId = await claim(player.id, active.code);
      await sendDeposits(deposit(player.id, "10", new Date(bonusExpiresAt(j) - 600 * SEC)));
      expect(await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } })).toMatchObject({ status: "ACTIVE" });
      bonusClaims.push({ userId: player.id, claimId });
    }
    const waiting = await makePromo({ timeSecondsToComplete: 600 });
    for (let j = 0; j < WAITING; j++) waitingClaims.push(await claim((await makePlayer()).id, waiting.code));
    await db.promoCode.update({ where: { id: waiting.id }, data: { expiresAt: new Date(waitingPromoExpiresAt) } });
  }, CLOCK_WAIT_MS);

  afterAll(async () => {
    if (scheduleId) await db.leaderboardSchedule.update({ where: { id: scheduleId }, data: { enabled: false } });
    await releaseClock();
  });

  /** The leaderboards job of lib/jobs/worker.ts, for this file's schedule. */
  async function leaderboardJob(now: Date) {
    const created = await ensureScheduledBoards(now, scheduleId);
    const settling = await advanceBoards(now);
    const due = await db.leaderboard.findMany({ where: { status: "SETTLEMENT", scheduleId }, select: { id: true } });
    const settled: { id: string; paid: number }[] = [];
    for (const b of due) settled.push({ id: b.id, paid: (await settleBoard(b.id, now)).paid });
    return { created, settling, settled };
  }

  /** The bonus-expiry job of lib/jobs/worker.ts. */
  const expiryJob = (now: Date) =>
    db.$transaction((tx) => expireDueBonuses(tx, new Date(now.getTime() - EXPIRY_GRACE_SECONDS * SEC)));

  /** One instance's turn: both of its jobs, at once, as pg-boss would run them. */
  async function instance(now: Date) {
    const [boards, expired] = await Promise.all([leaderboardJob(now), expiryJob(now)]);
    return { ...boards, expired };
  }

  const myBoards = () =>
    db.leaderboard.findMany({
      where: { scheduleId },
      orderBy: { startDate: "asc" },
      select: { id: true, name: true, status: true, startDate: true, settledAt: true, finishedAt: true },
    });

  it("schedule roll-over, transitions, settlement and bonus expiry: each done once, round after round", async () => {
    const withBets = new Set<string>();
    const paidByBoard = new Map<string, number>();
    const settledInRound = new Map<string, number>();

    for (let r = 0; r < ROUNDS; r++) {
      const now = clockAt(r);
      const both = await Promise.all([instance(now), instance(now)]);
      const late = await instance(now);
      const label = `round ${r} at ${now.toISOString()}`;

      // Schedule roll-over: each run's board is created once, by one of the two.
      expect(both[0].created + both[1].created, label).toBe(runsAt(r) - (r === 0 ? 0 : runsAt(r - 1)));
      const boards = await myBoards();
      expect(
        boards.map((b) => b.name),
        label,
      ).toEqual(Array.from({ length: runsAt(r) }, (_, k) => `Two workers #${k + 1}`));
      expect(
        boards.map((b) => b.startDate.getTime()),
        label,
      ).toEqual(boards.map((_, k) => runStart(k)));

      // Transitions: every board where the clock puts it; a board enters SETTLEMENT in one instance only.
      expect(
        boards.map((b) => b.status),
        label,
      ).toEqual(boards.map((_, k) => statusAt(k, r)));
      const entered = [...both[0].settling, ...both[1].settling];
      const expected = boards.filter((_, k) => settlesInRound(k, r)).map((b) => b.id);
      expect([...entered].sort(), label).toEqual([...expected].sort());
      for (const id of expected) settledInRound.set(id, r);

      // Settlement: what each instance reports paid adds up, per board, to the winners, once.
      for (const s of [...both[0].settled, ...both[1].settled])
        paidByBoard.set(s.id, (paidByBoard.get(s.id) ?? 0) + s.paid);

      // Bonus expiry: each due bonus expired by one of them.
      expect(both[0].expired + both[1].expired, label).toBe(expiringInRound(r));

      // The late run of the same round changes nothing.
      expect(late, label).toEqual({
        created: 0,
        settling: [],
        settled: late.settled.map((s) => ({ id: s.id, paid: 0 })),
        expired: 0,
      });
      expect(
        (await myBoards()).map((b) => b.status),
        label,
      ).toEqual(boards.map((b) => b.status));

      // Bets (and the entries below the prizes) for every board that has none yet.
      for (const b of boards) {
        if (withBets.has(b.id) || b.status === "FINISHED") continue;
        withBets.add(b.id);
        const start = b.startDate.getTime();
        await sendBets({
          events: bettors.map((p, i) => bet(p.id, gameId, String(i + 1), new Date(start + (i + 1) * SEC))),
        });
        await db.$executeRaw`
          INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", score, "scoreReachedAt")
          SELECT ${b.id}::uuid, n, 0.01, 0.01 + (n % 50) / 10000.0, ${new Date(start)}::timestamptz + make_interval(secs => n % 600)
          FROM generate_series(${fillerBase}::int, ${fillerBase + FILLERS - 1}::int) n`;
      }
    }

    // Every settled board: entered SETTLEMENT at its round's clock, positions frozen, each prize paid once.
    const boards = await myBoards();
    const finished = boards.filter((b) => b.status === "FINISHED");
    expect(finished).toHaveLength(4);
    for (const b of finished) {
      expect(b.settledAt?.getTime(), b.name).toBe(clockAt(settledInRound.get(b.id)!).getTime());
      expect(paidByBoard.get(b.id), b.name).toBe(WINNERS);
      const prizes = await db.ledgerEntry.findMany({
        where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: `${b.id}:` } },
      });
      expect(prizes, b.name).toHaveLength(WINNERS);
      expect(
        prizes.reduce((sum, p) => sum + Number(p.usdAmount), 0),
        b.name,
      ).toBe(POOL_USD);
      const entries = await db.leaderboardUser.findMany({
        where: { leaderboardId: b.id },
        orderBy: { finalPosition: "asc" },
      });
      expect(entries, b.name).toHaveLength(BETTORS + FILLERS);
      expect(
        entries.map((e) => e.finalPosition),
        b.name,
      ).toEqual(entries.map((_, i) => i + 1));
      expect(
        entries.filter((e) => e.isWinner).map((e) => e.userId),
        b.name,
      ).toEqual(
        bettors
          .slice(BETTORS - WINNERS)
          .map((p) => p.id)
          .reverse(),
      );
      expect(
        entries.every((e) => e.remainingUsdPrize.isZero()),
        b.name,
      ).toBe(true);
    }
    // Each bettor's cash is what the prize table gives them, four times over.
    const cash = await db.balance.findMany({
      where: { userId: { in: bettors.map((p) => p.id) }, currencyId: "USD", bucket: "CASH" },
    });
    const byUser = new Map(cash.map((c) => [c.userId, c.amount.toFixed(2)]));
    expect(bettors.map((p) => byUser.get(p.id) ?? "0.00")).toEqual(
      bettors.map((_, i) => (i === BETTORS - 1 ? "400.00" : i >= BETTORS - WINNERS ? "16.00" : "0.00")),
    );

    // Every bonus expired once: one forfeit each, BONUS back to 0; the waiting claims expired, forfeiting nothing.
    for (const { userId, claimId } of bonusClaims) {
      expect(await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } })).toMatchObject({
        status: "EXPIRED",
        isActive: null,
      });
      const forfeits = await db.ledgerEntry.findMany({ where: { kind: "BONUS_FORFEIT", sourceId: claimId } });
      expect(forfeits.map((f) => f.amount.toFixed(2))).toEqual(["-10.00"]);
      const bonus = await db.balance.findUniqueOrThrow({
        where: { userId_currencyId_bucket: { userId, currencyId: "USDT", bucket: "BONUS" } },
      });
      expect(bonus.amount.toFixed(2)).toBe("0.00");
    }
    for (const claimId of waitingClaims) {
      expect(await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } })).toMatchObject({ status: "EXPIRED" });
      expect(await db.ledgerEntry.count({ where: { sourceId: claimId } })).toBe(0);
    }
  });
});
