import { spawnSync } from "node:child_process";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { dayRange, type TDayRange } from "@/lib/domain/dates/range";
import { migrate } from "@/lib/db/migrator";
import { childEnv, env, setEnv } from "@/lib/env";
import { ZOverviewQuery, ZStreamerReportQuery } from "@/lib/schemas/affiliates";
import { affiliateCharts, affiliateKpis, affiliateOverview, streamerReport, streamerSeries } from "@/lib/server/affiliates/reports";
import { dashboardCharts, dashboardKpis, pendingWork } from "@/lib/server/dashboard/queries";
import { db, disconnectDb } from "@/lib/server/db";
import { businessToday } from "@/lib/server/report-range";
import { NOT_EMPTY_MESSAGE, seedDemo, type TSeedSummary } from "@/lib/server/seed/demo";
import { DEMO_OPERATORS } from "@/lib/server/seed/operators";
import { planWorld } from "@/lib/server/seed/world";
import { createTestDatabase, type TTestDatabase } from "@/tests/support/test-database";

// The seed replays sixty days of history through the production paths, and the clock's sweeps
// (board transitions, expiry) move every due row: it gets a database of its own.
let database: TTestDatabase;
let first: TSeedSummary;
let seconds: number;
let range30: TDayRange;
beforeAll(async () => {
  database = await createTestDatabase("rollover_it_seed", inject("serverUrl") || undefined);
  await migrate({ connectionString: database.url });
  await disconnectDb();
  setEnv({ DATABASE_URL: database.url });
  const started = Date.now();
  first = await seedDemo();
  seconds = (Date.now() - started) / 1000;
  range30 = dayRange({}, await businessToday());
}, 600_000);
afterAll(async () => {
  await disconnectDb();
  await database.drop();
});

const TABLES = [
  "User", "Game", "PromoCode", "PromoGameWhitelist", "UserPromoCode", "UserPromoCodeProgress", "LedgerEntry", "Balance", "Bet",
  "Deposit", "AffiliateCode", "AffiliateUserStats", "AffiliateUserStatsUsd", "AffiliateOwnerStats", "AffiliateDailyStats",
  "PlatformDailyStats", "UserStatsUsd", "Challenge", "Leaderboard", "LeaderboardUser", "LeaderboardSchedule", "AuditLog", "CurrencyRate",
];
/** Row count and last change of every table the seed writes: "changes nothing" means all of it stays. */
async function fingerprint() {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; h: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM "${t}" x`,
    );
    out[t] = `${row.n}:${row.h}`;
  }
  return out;
}

const sql = async <T>(query: string) => db.$queryRawUnsafe<T[]>(query);
const lastDays = async (days: number) => dayRange({ from: undefined, to: undefined }, await businessToday(), days);

describe("demo seed", () => {
  it("builds sixty days of history through the production paths", async () => {
    console.log(`seed: ${first.players} players, ${first.bets} bets, ${first.claims} claims in ${seconds.toFixed(1)} s`);
    expect(first.created).toBe(true);
    expect(first.players).toBeGreaterThanOrEqual(300);
    expect(first.bets).toBeGreaterThan(15_000);
    for (const op of DEMO_OPERATORS) {
      expect(await db.user.findUnique({ where: { email: op.email } })).toMatchObject({ role: op.role });
    }
    expect(await db.game.count()).toBe(20);
    const [arrivals] = await sql<{ days: number }>(
      `SELECT count(DISTINCT business_day("createdAt"))::int AS days FROM "User" WHERE role = 'PLAYER' AND "createdAt" > now() - interval '60 days'`,
    );
    expect(arrivals.days).toBeGreaterThanOrEqual(50); // players keep arriving
  });

  it("gives every dashboard chart a believable shape over 7, 30 and 60 days", async () => {
    for (const days of [7, 30, 60]) {
      const range = await lastDays(days);
      const { days: series, wageredTotalUsd } = await dashboardCharts(range);
      expect(Number(wageredTotalUsd)).toBeGreaterThan(0);
      const share = Math.ceil(days * (25 / 30));
      expect(series.filter((d) => d.wageredUsd > 0).length, `wagering days of ${days}`).toBeGreaterThanOrEqual(share);
      expect(series.filter((d) => d.instantClaims + d.depositClaims > 0).length, `claim days of ${days}`).toBeGreaterThanOrEqual(share);
      expect(series.filter((d) => d.grantedUsd + d.releasedUsd + d.forfeitedUsd > 0).length, `bonus days of ${days}`).toBeGreaterThanOrEqual(share);
    }
    // The ledger is dated when each credit happened: no spike on the day of the seed.
    const [cost] = await sql<{ total: number; today: number; days: number }>(`
      SELECT sum("usdAmount")::float8 AS total, COALESCE(sum("usdAmount") FILTER (WHERE business_day("createdAt") = business_today()), 0)::float8 AS today,
             count(DISTINCT business_day("createdAt"))::int AS days
      FROM "LedgerEntry" WHERE kind IN ('INSTANT_CREDIT', 'BONUS_RELEASE', 'CHALLENGE_REWARD', 'LEADERBOARD_PRIZE')`);
    expect(cost.days).toBeGreaterThanOrEqual(45);
    expect(cost.today / cost.total).toBeLessThan(0.1);
  });

  it("fills every KPI card", async () => {
    const k = await dashboardKpis(range30);
    expect(k.activePromos).toBeGreaterThan(0);
    expect(k.claimsToday).toBeGreaterThan(0);
    expect(Number(k.bonusCostMonthUsd)).toBeGreaterThan(0);
    expect(k.completionRate).not.toBeNull();
    expect(k.completionRate!).toBeGreaterThan(0.15);
    expect(k.completionRate!).toBeLessThan(0.85);
    expect(k.ended).toBeGreaterThan(20);
    expect(k.activeBoards).toBeGreaterThan(0);
    expect(Number(k.activePrizePoolUsd)).toBeGreaterThan(0);
    expect(k.pendingWinners).toBeGreaterThan(0);
    expect(Number(k.unclaimedCommissionsUsd)).toBeGreaterThan(0);
    const pending = await pendingWork();
    expect(pending.winners.map((w) => w.title)).toContain("Hit 100× on Plinko");
  });

  it("gives the affiliate overview and the streamer report rows and series over 30 days", async () => {
    const overview = await affiliateOverview(ZOverviewQuery.parse({}));
    expect(overview.rows.length).toBe(5);
    expect(overview.rows.every((r) => r.referrals > 0 && Number(r.earned) > 0)).toBe(true);
    const kpis = await affiliateKpis();
    expect(kpis.active).toBeGreaterThan(0);
    const charts = await affiliateCharts(range30);
    expect(charts.commissions.filter((d) => d.commissionUsd > 0).length).toBeGreaterThanOrEqual(25);
    const streamers = await streamerReport(ZStreamerReportQuery.parse({}), range30);
    expect(streamers.map((s) => s.codes[0]).sort()).toEqual(["CASINOKING", "LUCKYSTREAM", "SLOTQUEEN"]);
    for (const s of streamers) {
      expect(Number(s.wageredUsd), s.username).toBeGreaterThan(0);
      expect(Number(s.depositUsd), s.username).toBeGreaterThan(0);
    }
    const series = await streamerSeries(range30);
    expect(series.filter((d) => d.depositUsd > 0).length).toBeGreaterThanOrEqual(20);
  });

  it("holds finished boards with prizes paid, challenge decisions, every bonus ending and commissions in two currencies", async () => {
    const [boards] = await sql<{ finished: number; unpaid: number; prizes: number }>(`
      SELECT count(*) FILTER (WHERE l.status = 'FINISHED')::int AS finished,
             (SELECT count(*)::int FROM "LeaderboardUser" u JOIN "Leaderboard" b ON b.id = u."leaderboardId" WHERE b.status = 'FINISHED' AND u."remainingUsdPrize" > 0) AS unpaid,
             (SELECT count(*)::int FROM "LedgerEntry" WHERE kind = 'LEADERBOARD_PRIZE') AS prizes
      FROM "Leaderboard" l`);
    expect(boards.finished).toBeGreaterThanOrEqual(5);
    expect(boards.unpaid).toBe(0);
    expect(boards.prizes).toBeGreaterThanOrEqual(boards.finished);
    expect(await db.leaderboard.count({ where: { name: "Weekly Wager Race", status: "ACTIVE", entries: { some: {} } } })).toBe(1);
    expect(await db.leaderboard.count({ where: { scheduleId: { not: null }, status: "NOT_STARTED" } })).toBe(1);

    const confirmed = await db.challenge.findMany({ where: { winnerConfirmedAt: { not: null } } });
    expect(confirmed.length).toBeGreaterThanOrEqual(1);
    expect(confirmed.some((c) => Array.isArray(c.rejections) && c.rejections.length === 1)).toBe(true);
    expect(await db.ledgerEntry.count({ where: { kind: "CHALLENGE_REWARD" } })).toBe(confirmed.length);

    const statuses = await sql<{ status: string; n: number }>(`
      SELECT c.status::text, count(*)::int AS n FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId"
      WHERE p.type = 'DEPOSIT' GROUP BY 1`);
    const by = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    for (const s of ["CLAIMED", "ACTIVE", "COMPLETED", "EXPIRED", "CANCELLED"]) expect(by[s] ?? 0, s).toBeGreaterThan(0);

    const [commissions] = await sql<{ currencies: number }>(
      `SELECT count(DISTINCT "currencyId")::int AS currencies FROM "LedgerEntry" WHERE kind = 'COMMISSION_CLAIM'`,
    );
    expect(commissions.currencies).toBeGreaterThanOrEqual(2);
  });

  it("keeps what the browser tests rely on", async () => {
    const [welcome] = await sql<{ status: string; forfeits: number }>(`
      SELECT c.status::text, (SELECT count(*)::int FROM "LedgerEntry" WHERE "userId" = 150 AND kind = 'BONUS_FORFEIT') AS forfeits
      FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId" WHERE p.code = 'WELCOME100' AND c."userId" = 150`);
    expect(welcome).toEqual({ status: "ACTIVE", forfeits: 0 });
    expect(await db.affiliateCode.findUnique({ where: { id: "LUCKYSTREAM" } })).toMatchObject({ ownerId: 1 });
    expect(await db.promoCode.count({ where: { code: { in: ["WELCOME100", "RELOAD50", "FREE5", "VIPHIGHROLLER", "LUCKYSTREAM25"] }, isActive: true } })).toBe(5);
    const [first] = await db.user.findMany({ where: { role: "PLAYER" }, orderBy: { id: "asc" }, take: 1 });
    expect(first).toMatchObject({ id: 1, bonusBlocked: false });
    // affiliates.spec.ts makes a code for a player above 150 with no code and no referrer.
    expect(await db.user.count({ where: { role: "PLAYER", id: { gt: 150 }, isStreamer: false, affiliateCodeId: null, affiliateCodes: { none: {} } } })).toBeGreaterThan(0);
  });

  it("is the same world for the same moment", () => {
    const now = new Date("2026-11-25T15:30:00Z");
    const rates = { BTC: 95000, ETH: 3500, LTC: 90, USDT: 1, USDC: 1, SOL: 180, DOGE: 0.25, TRX: 0.25, USD: 1 };
    const a = planWorld({ now, timeZone: env().BUSINESS_TIME_ZONE, rates });
    const b = planWorld({ now, timeZone: env().BUSINESS_TIME_ZONE, rates });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("changes nothing on a database that holds data, and says so", async () => {
    const before = await fingerprint();
    const lines: string[] = [];
    const second = await seedDemo({ log: (l) => lines.push(l) });
    expect(second.created).toBe(false);
    expect(lines).toEqual([NOT_EMPTY_MESSAGE]);
    expect(await fingerprint()).toEqual(before);

    // The command line: db:seed refuses with one line and exit code 1; --if-empty (npm start) skips quietly.
    const run = (args: string[]) =>
      spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", ...args], {
        env: childEnv({ DATABASE_URL: database.url }),
        encoding: "utf8",
      });
    const refused = run([]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(NOT_EMPTY_MESSAGE);
    const skipped = run(["--if-empty"]);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout.trim()).toBe("seed: database has data, not seeding");
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});
