import "server-only";

import { daysOf, type TDayRange } from "@/lib/domain/dates/range";
import { prizePool } from "@/lib/domain/leaderboards/board";
import { sumUsd, toUsd } from "@/lib/domain/money/decimal";
import { budgetUsedRatio } from "@/lib/domain/promos/budget";
import { db } from "@/lib/server/db";
import { configOf } from "@/lib/server/leaderboards/queries";
import { COST_KINDS } from "@/lib/server/ledger/queries";
import { budgetNearlySpentSql, promoInStateSql, promoLiveSql } from "@/lib/server/promo-codes/live";

// The overview dashboard (SPEC §2 Metrics, §3). Days and "this month" are business days (cut in
// BUSINESS_TIME_ZONE by business_day(), like the affiliate rollups); a coarse createdAt bound a day
// either side keeps each filter on its index. Bonus cost = instant credits + released deposit bonuses + challenge rewards + leaderboard
// prizes, in USD at credit time (the ledger's usdAmount). Completion rate = COMPLETED ÷ (COMPLETED +
// EXPIRED + CANCELLED) over deposit bonuses that ended in the range.


export async function dashboardKpis(range: TDayRange, now = new Date()) {
  const DAY = 86_400_000;
  const [[k], boards] = await Promise.all([
    db.$queryRaw<
      {
        activePromos: number;
        scheduledPromos: number;
        claimsToday: number;
        bonusCostMonth: string;
        completed: number;
        ended: number;
        pendingWinners: number;
        unclaimedCommissions: string;
        budgetsNearlySpent: number;
        budgetGranted: string;
        budgetTotal: string | null;
        today: string;
        monthStart: string;
      }[]
    >`
      SELECT business_day(${now}::timestamptz)::text AS today,
        date_trunc('month', business_day(${now}::timestamptz))::date::text AS "monthStart",
        (SELECT count(*)::int FROM "PromoCode" p WHERE ${promoLiveSql("p", now)}) AS "activePromos",
        -- Scheduled: active, not expired or exhausted, starting later (the list's status=scheduled).
        (SELECT count(*)::int FROM "PromoCode" p WHERE ${promoInStateSql("p", "scheduled", now)}) AS "scheduledPromos",
        (SELECT count(*)::int FROM "UserPromoCode"
           WHERE "createdAt" > ${new Date(now.getTime() - 2 * DAY)} AND business_day("createdAt") = business_day(${now}::timestamptz)) AS "claimsToday",
        (SELECT COALESCE(sum("usdAmount"), 0)::text FROM "LedgerEntry"
           WHERE kind::text = ANY(${[...COST_KINDS]}::text[]) AND "createdAt" > ${new Date(now.getTime() - 33 * DAY)}
             AND date_trunc('month', business_day("createdAt")) = date_trunc('month', business_day(${now}::timestamptz))) AS "bonusCostMonth",
        (SELECT count(*) FILTER (WHERE c.status = 'COMPLETED')::int FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId"
           WHERE p.type = 'DEPOSIT' AND business_day(c."endedAt") BETWEEN ${range.from}::date AND ${range.to}::date) AS completed,
        (SELECT count(*) FILTER (WHERE c.status IN ('COMPLETED', 'EXPIRED', 'CANCELLED'))::int FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId"
           WHERE p.type = 'DEPOSIT' AND business_day(c."endedAt") BETWEEN ${range.from}::date AND ${range.to}::date) AS ended,
        (SELECT count(*)::int FROM "Challenge" WHERE "winnerId" IS NOT NULL AND "winnerConfirmedAt" IS NULL) AS "pendingWinners",
        (SELECT COALESCE(sum("claimableAmount"), 0)::text FROM "AffiliateUserStatsUsd") AS "unclaimedCommissions",
        (SELECT count(*)::int FROM "PromoCode" p WHERE ${promoLiveSql("p", now)} AND ${budgetNearlySpentSql("p")}) AS "budgetsNearlySpent",
        -- Budget burn: what live budgeted promos have granted of their budgets (NULL total: none has one).
        (SELECT COALESCE(sum(p."grantedUsdAmount"), 0)::text FROM "PromoCode" p
           WHERE ${promoLiveSql("p", now)} AND p."budgetUsdAmount" IS NOT NULL) AS "budgetGranted",
        (SELECT sum(p."budgetUsdAmount")::text FROM "PromoCode" p
           WHERE ${promoLiveSql("p", now)} AND p."budgetUsdAmount" IS NOT NULL) AS "budgetTotal"`,
    db.leaderboard.findMany({
      where: { startDate: { lte: now }, endDate: { gt: now }, status: { in: ["NOT_STARTED", "ACTIVE"] } },
      select: { config: true },
    }),
  ]);
  const pools = boards.map((b) => prizePool(configOf(b.config).prizes));
  return {
    activePromos: k.activePromos,
    scheduledPromos: k.scheduledPromos,
    claimsToday: k.claimsToday,
    bonusCostMonthUsd: toUsd(k.bonusCostMonth),
    completionRate: k.ended > 0 ? k.completed / k.ended : null,
    completed: k.completed,
    ended: k.ended,
    activeBoards: boards.length,
    activePrizePoolUsd: sumUsd(pools),
    pendingWinners: k.pendingWinners,
    unclaimedCommissionsUsd: toUsd(k.unclaimedCommissions),
    budgetBurn: {
      nearlySpent: k.budgetsNearlySpent,
      grantedUsd: toUsd(k.budgetGranted),
      budgetUsd: k.budgetTotal === null ? null : toUsd(k.budgetTotal),
      // For the bar only; the figures beside it are the decimals above.
      usedRatio: budgetUsedRatio({ budgetUsdAmount: k.budgetTotal, grantedUsdAmount: k.budgetGranted }),
    },
    today: k.today,
    monthStart: k.monthStart,
  };
}
export type TDashboardKpis = Awaited<ReturnType<typeof dashboardKpis>>;

/** Claims per day by type, bonus granted/released/forfeited per day, and wagering volume per day. */
export async function dashboardCharts(range: TDayRange) {
  const from = range.from;
  const to = range.to;
  const [claims, bonus, wagering] = await Promise.all([
    db.$queryRaw<{ day: string; instant: number; deposit: number }[]>`
      SELECT business_day(c."createdAt")::text AS day,
             count(*) FILTER (WHERE p.type = 'INSTANT')::int AS instant, count(*) FILTER (WHERE p.type = 'DEPOSIT')::int AS deposit
      FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId"
      WHERE c."createdAt" >= ${from}::date - 1 AND c."createdAt" < ${to}::date + 2
        AND business_day(c."createdAt") BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1`,
    db.$queryRaw<{ day: string; granted: string; released: string; forfeited: string }[]>`
      SELECT business_day("createdAt")::text AS day,
             COALESCE(sum("usdAmount") FILTER (WHERE kind = 'BONUS_GRANT'), 0)::text AS granted,
             COALESCE(sum("usdAmount") FILTER (WHERE kind = 'BONUS_RELEASE'), 0)::text AS released,
             COALESCE(-sum("usdAmount") FILTER (WHERE kind = 'BONUS_FORFEIT'), 0)::text AS forfeited
      FROM "LedgerEntry"
      WHERE kind IN ('BONUS_GRANT', 'BONUS_RELEASE', 'BONUS_FORFEIT') AND "createdAt" >= ${from}::date - 1 AND "createdAt" < ${to}::date + 2
        AND business_day("createdAt") BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1`,
    // Wagering volume from the per-day platform rollup kept by bet ingestion.
    db.$queryRaw<{ day: string; wagered: string; bets: number }[]>`
      SELECT day::text, sum("wageredUsdAmount")::text AS wagered, sum("betCount")::int AS bets FROM "PlatformDailyStats"
      WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY day`,
  ]);
  const c = new Map(claims.map((r) => [r.day, r]));
  const b = new Map(bonus.map((r) => [r.day, r]));
  const w = new Map(wagering.map((r) => [r.day, r]));
  const wageredTotalUsd = sumUsd(wagering.map((r) => r.wagered));
  const days = daysOf(range).map((day) => ({
    day,
    instantClaims: c.get(day)?.instant ?? 0,
    depositClaims: c.get(day)?.deposit ?? 0,
    grantedUsd: Number(toUsd(b.get(day)?.granted)),
    releasedUsd: Number(toUsd(b.get(day)?.released)),
    forfeitedUsd: Number(toUsd(b.get(day)?.forfeited)),
    wageredUsd: Number(toUsd(w.get(day)?.wagered)),
  }));
  return { days, wageredTotalUsd };
}

/** What needs an operator, first on the dashboard: winners to confirm and boards waiting to settle. */
export async function pendingWork(now = new Date()) {
  const [winners, boards] = await Promise.all([
    db.challenge.findMany({
      where: { winnerId: { not: null }, winnerConfirmedAt: null },
      orderBy: { winnerSelectedAt: "asc" },
      take: 10,
      select: { id: true, defaultTitle: true, winnerSelectedAt: true, rewardUsdAmount: true, winner: { select: { username: true } } },
    }),
    db.leaderboard.findMany({
      where: { OR: [{ status: { in: ["ENDED", "SETTLEMENT"] } }, { status: { in: ["NOT_STARTED", "ACTIVE"] }, endDate: { lte: now } }] },
      orderBy: { endDate: "asc" },
      take: 10,
      select: { id: true, name: true, endDate: true, status: true },
    }),
  ]);
  return {
    winners: winners.map((w) => ({
      id: w.id,
      title: w.defaultTitle,
      winner: w.winner?.username ?? "",
      selectedAt: w.winnerSelectedAt?.toISOString() ?? null,
      rewardUsd: toUsd(w.rewardUsdAmount.toString()),
    })),
    boards: boards.map((b) => ({ id: b.id, name: b.name, endDate: b.endDate.toISOString(), settling: b.status === "SETTLEMENT" })),
  };
}
