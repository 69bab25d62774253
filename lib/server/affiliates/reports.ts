import "server-only";


import { daysOf, type TDayRange } from "@/lib/domain/dates/range";
import { sumUsd, toUsd } from "@/lib/domain/money/decimal";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TOverviewQuery, TStreamerPlayersQuery, TStreamerReportQuery } from "@/lib/schemas/affiliates";
import { db } from "@/lib/server/db";
import { int4FromText } from "@/lib/schemas/ids";

// The affiliate reports (SPEC §2 Affiliates, §3): every figure comes from the two views or the
// per-owner rollups — never from grouping referred players or scanning bets at read time.

export const OVERVIEW_PAGE_SIZE = 50;

const OVERVIEW_SORT = {
  earned: Prisma.sql`a."earnedCommissions"`,
  unclaimed: Prisma.sql`a."unclaimedCommissions"`,
  referrals: Prisma.sql`a."referralsCount"`,
  active: Prisma.sql`a."activeReferralsCount"`,
  ggr: Prisma.sql`a."referralsGgr"`,
} as const;

function ownerSearch(q: string | undefined, column: Prisma.Sql): Prisma.Sql {
  if (!q) return Prisma.sql`true`;
  const asId = int4FromText(q) ?? -1;
  // Per owner row (owners are few next to users): the owner's name, or one of their codes.
  return Prisma.sql`(${column} = ${asId} OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = ${column} AND u.username ILIKE ${`%${q}%`})
    OR EXISTS (SELECT 1 FROM "AffiliateCode" c WHERE c."ownerId" = ${column} AND c.id ILIKE ${`%${q}%`}))`;
}

/** The overview table: AffiliateAggregatedInfo, searched, sorted and paginated in SQL. */
export async function affiliateOverview(q: TOverviewQuery) {
  const where = ownerSearch(q.q, Prisma.sql`a."userId"`);
  const order = Prisma.sql`${OVERVIEW_SORT[q.sort]} ${q.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`}, a."userId"`;
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      { userId: number; username: string; isStreamer: boolean; earned: string; unclaimed: string; referrals: number; active: number; ggr: string; codes: string[] | null }[]
    >`
      SELECT a."userId", u.username, u."isStreamer", a."earnedCommissions"::text AS earned, a."unclaimedCommissions"::text AS unclaimed,
             a."referralsCount" AS referrals, a."activeReferralsCount" AS active, a."referralsGgr"::text AS ggr,
             (SELECT array_agg(c.id ORDER BY c.id) FROM "AffiliateCode" c WHERE c."ownerId" = a."userId") AS codes
      FROM (SELECT * FROM "AffiliateAggregatedInfo" a WHERE ${where} ORDER BY ${order}
            LIMIT ${OVERVIEW_PAGE_SIZE} OFFSET ${(q.page - 1) * OVERVIEW_PAGE_SIZE}) a
      JOIN "User" u ON u.id = a."userId"
      ORDER BY ${order}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "AffiliateOwnerStats" a WHERE ${where}`,
  ]);
  return {
    rows: rows.map((r) => ({ ...r, earned: toUsd(r.earned), unclaimed: toUsd(r.unclaimed), ggr: toUsd(r.ggr), codes: r.codes ?? [] })),
    total,
    pageSize: OVERVIEW_PAGE_SIZE,
  };
}
export type TOverviewRow = Awaited<ReturnType<typeof affiliateOverview>>["rows"][number];

/** The KPI cards: totals over every affiliate, from the view. */
export async function affiliateKpis() {
  const [k] = await db.$queryRaw<{ affiliates: number; referrals: number; active: number; earned: string; unclaimed: string; ggr: string }[]>`
    SELECT count(*)::int AS affiliates, COALESCE(sum("referralsCount"), 0)::int AS referrals, COALESCE(sum("activeReferralsCount"), 0)::int AS active,
           COALESCE(sum("earnedCommissions"), 0)::text AS earned, COALESCE(sum("unclaimedCommissions"), 0)::text AS unclaimed,
           COALESCE(sum("referralsGgr"), 0)::text AS ggr
    FROM "AffiliateAggregatedInfo"`;
  return { ...k, earned: toUsd(k.earned), unclaimed: toUsd(k.unclaimed), ggr: toUsd(k.ggr) };
}

/** Charts of the overview: commissions per day over the range, top 10 by GGR, active vs total. */
export async function affiliateCharts(range: TDayRange) {
  const [daily, top] = await Promise.all([
    db.$queryRaw<{ day: string; commission: string; signups: number }[]>`
      SELECT day::text, sum("commissionUsdAmount")::text AS commission, sum(signups)::int AS signups
      FROM "AffiliateDailyStats" WHERE day BETWEEN ${range.from}::date AND ${range.to}::date GROUP BY day ORDER BY day`,
    db.$queryRaw<{ userId: number; username: string; ggr: string; referrals: number; active: number }[]>`
      SELECT a."userId", u.username, a."referralsGgr"::text AS ggr, a."referralsCount" AS referrals, a."activeReferralsCount" AS active
      FROM (SELECT * FROM "AffiliateAggregatedInfo" ORDER BY "referralsGgr" DESC, "userId" LIMIT 10) a JOIN "User" u ON u.id = a."userId"
      ORDER BY a."referralsGgr" DESC, a."userId"`,
  ]);
  const byDay = new Map(daily.map((d) => [d.day, d]));
  return {
    commissions: daysOf(range).map((day) => ({ day, commissionUsd: Number(toUsd(byDay.get(day)?.commission ?? "0")), signups: byDay.get(day)?.signups ?? 0 })),
    topByGgr: top.map((t) => ({ name: t.username, ggrUsd: Number(toUsd(t.ggr)), referrals: t.referrals, active: t.active })),
  };
}

// ---- streamer report

export type TStreamerRow = {
  userId: number;
  username: string;
  codes: string[];
  referrals: number;
  activeReferrals: number;
  allTimeDepositUsd: string;
  allTimeProfitLoss: string;
  signups: number;
  depositUsd: string;
  wageredUsd: string;
  ggrUsd: string;
  commissionUsd: string;
  bonusUsd: string;
  profitLoss: string;
  /** Withdrawals of the referred players in the range, USD. */
  withdrawalsUsd: string;
  /** Deposits − withdrawals in the range, USD. */
  netDepositsUsd: string;
};

/**
 * One row per streamer (owners marked isStreamer): the AffiliateStreamer view's all-time figures,
 * and the range's figures summed from the daily rollup (profit/loss = GGR − commissions − bonus;
 * net deposits = deposits − withdrawals).
 */
export async function streamerReport(q: TStreamerReportQuery, range: TDayRange): Promise<TStreamerRow[]> {
  const rows = await db.$queryRaw<
    (Omit<TStreamerRow, "codes"> & { codes: string[] | null })[]
  >`
    SELECT s.id AS "userId", u.username, (SELECT array_agg(c.id ORDER BY c.id) FROM "AffiliateCode" c WHERE c."ownerId" = s.id) AS codes,
           s.referrals, s."activeReferrals", s."referralsDepositUsdAmount"::text AS "allTimeDepositUsd", s."profitLoss"::text AS "allTimeProfitLoss",
           COALESCE(d.signups, 0)::int AS signups, COALESCE(d.deposit, 0)::text AS "depositUsd", COALESCE(d.wagered, 0)::text AS "wageredUsd",
           COALESCE(d.wagered - d.payout, 0)::text AS "ggrUsd", COALESCE(d.commission, 0)::text AS "commissionUsd",
           COALESCE(d.bonus, 0)::text AS "bonusUsd", COALESCE(d.wagered - d.payout - d.commission - d.bonus, 0)::text AS "profitLoss",
           COALESCE(d.withdrawal, 0)::text AS "withdrawalsUsd", COALESCE(d.deposit - d.withdrawal, 0)::text AS "netDepositsUsd"
    FROM "AffiliateStreamer" s
    JOIN "User" u ON u.id = s.id
    LEFT JOIN LATERAL (
      SELECT sum(signups) AS signups, sum("depositUsdAmount") AS deposit, sum("wageredUsdAmount") AS wagered, sum("payoutUsdAmount") AS payout,
             sum("commissionUsdAmount") AS commission, sum("bonusUsdAmount") AS bonus, sum("withdrawalUsdAmount") AS withdrawal
      FROM "AffiliateDailyStats" WHERE "userId" = s.id AND day BETWEEN ${range.from}::date AND ${range.to}::date
    ) d ON true
    WHERE s."isStreamer" AND ${ownerSearch(q.q, Prisma.sql`s.id`)}
    ORDER BY COALESCE(d.wagered - d.payout - d.commission - d.bonus, 0) DESC, s.id
    LIMIT 1000`;
  return rows.map((r) => ({
    ...r,
    codes: r.codes ?? [],
    allTimeDepositUsd: toUsd(r.allTimeDepositUsd),
    allTimeProfitLoss: toUsd(r.allTimeProfitLoss),
    depositUsd: toUsd(r.depositUsd),
    wageredUsd: toUsd(r.wageredUsd),
    ggrUsd: toUsd(r.ggrUsd),
    commissionUsd: toUsd(r.commissionUsd),
    bonusUsd: toUsd(r.bonusUsd),
    profitLoss: toUsd(r.profitLoss),
    withdrawalsUsd: toUsd(r.withdrawalsUsd),
    netDepositsUsd: toUsd(r.netDepositsUsd),
  }));
}

const STREAMER_TOTAL_KEYS = ["depositUsd", "wageredUsd", "ggrUsd", "commissionUsd", "bonusUsd", "profitLoss", "withdrawalsUsd", "netDepositsUsd"] as const;

/** The report's totals row: each money column summed over the rows (sumUsd, as the KPI cards do). */
export function streamerTotals(rows: TStreamerRow[]): Record<(typeof STREAMER_TOTAL_KEYS)[number], string> {
  return Object.fromEntries(STREAMER_TOTAL_KEYS.map((k) => [k, sumUsd(rows.map((r) => r[k]))])) as Record<(typeof STREAMER_TOTAL_KEYS)[number], string>;
}

/** Deposits and profit/loss per day over the range, for all streamers or one. */
export async function streamerSeries(range: TDayRange, streamerId?: number) {
  const rows = await db.$queryRaw<{ day: string; deposit: string; pl: string }[]>`
    SELECT d.day::text, sum(d."depositUsdAmount")::text AS deposit,
           sum(d."wageredUsdAmount" - d."payoutUsdAmount" - d."commissionUsdAmount" - d."bonusUsdAmount")::text AS pl
    FROM "AffiliateDailyStats" d
    WHERE d.day BETWEEN ${range.from}::date AND ${range.to}::date
      AND ${streamerId ? Prisma.sql`d."userId" = ${streamerId}` : Prisma.sql`d."userId" IN (SELECT id FROM "User" WHERE "isStreamer")`}
    GROUP BY d.day ORDER BY d.day`;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysOf(range).map((day) => ({
    day,
    depositUsd: Number(toUsd(byDay.get(day)?.deposit ?? "0")),
    profitLossUsd: Number(toUsd(byDay.get(day)?.pl ?? "0")),
  }));
}

export async function getStreamer(userId: number) {
  const [s] = await db.$queryRaw<
    { userId: number; username: string; isStreamer: boolean; referrals: number; activeReferrals: number; depositUsd: string; profitLoss: string }[]
  >`
    SELECT s.id AS "userId", u.username, s."isStreamer", s.referrals, s."activeReferrals", s."referralsDepositUsdAmount"::text AS "depositUsd",
           s."profitLoss"::text AS "profitLoss"
    FROM "AffiliateStreamer" s JOIN "User" u ON u.id = s.id WHERE s.id = ${userId}`;
  return s ? { ...s, depositUsd: toUsd(s.depositUsd), profitLoss: toUsd(s.profitLoss) } : null;
}

export const PLAYERS_PAGE_SIZE = 50;

export type TReferredPlayer = {
  userId: number;
  username: string;
  code: string;
  joinedAt: string;
  depositedUsd: string;
  wageredUsd: string;
  ggrUsd: string;
  bonusUsd: string;
  lastBetAt: string | null;
};

type TPlayerRow = Omit<TReferredPlayer, "joinedAt" | "lastBetAt"> & { joinedAt: Date; lastBetAt: Date | null };

function playersWhere(ownerId: number, q?: string): Prisma.Sql {
  const search = q
    ? Prisma.sql`AND (u.username ILIKE ${`%${q}%`} OR u.id = ${int4FromText(q) ?? -1})`
    : Prisma.empty;
  return Prisma.sql`u."affiliateCodeId" IN (SELECT id FROM "AffiliateCode" WHERE "ownerId" = ${ownerId}) ${search}`;
}

const playerDto = (r: TPlayerRow): TReferredPlayer => ({
  ...r,
  joinedAt: r.joinedAt.toISOString(),
  lastBetAt: r.lastBetAt?.toISOString() ?? null,
  depositedUsd: toUsd(r.depositedUsd),
  wageredUsd: toUsd(r.wageredUsd),
  ggrUsd: toUsd(r.ggrUsd),
  bonusUsd: toUsd(r.bonusUsd),
});

const PLAYER_COLUMNS = Prisma.sql`u.id AS "userId", u.username, u."affiliateCodeId" AS code, u."createdAt" AS "joinedAt",
  COALESCE(s."depositedUsdAmount", 0)::text AS "depositedUsd", COALESCE(s."wageredUsdAmount", 0)::text AS "wageredUsd",
  COALESCE(s."wageredUsdAmount" - s."payoutUsdAmount", 0)::text AS "ggrUsd", COALESCE(s."bonusUsdAmount", 0)::text AS "bonusUsd", s."lastBetAt"`;

/** One streamer's referred players (the drill-down): a page, newest first, with each player's totals. */
export async function streamerPlayers(ownerId: number, q: TStreamerPlayersQuery) {
  const where = playersWhere(ownerId, q.q);
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<TPlayerRow[]>`
      SELECT ${PLAYER_COLUMNS} FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id
      WHERE ${where} ORDER BY u.id DESC LIMIT ${PLAYERS_PAGE_SIZE} OFFSET ${(q.page - 1) * PLAYERS_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "User" u WHERE ${where}`,
  ]);
  return { rows: rows.map(playerDto), total, pageSize: PLAYERS_PAGE_SIZE };
}

/** Every referred player matching the search, in batches by id (keyset): the CSV export streams these. */
export async function* streamerPlayersAll(ownerId: number, q?: string, batch = 1000): AsyncGenerator<TReferredPlayer[]> {
  let before = 2_147_483_647;
  for (;;) {
    const rows = await db.$queryRaw<TPlayerRow[]>`
      SELECT ${PLAYER_COLUMNS} FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id
      WHERE ${playersWhere(ownerId, q)} AND u.id < ${before} ORDER BY u.id DESC LIMIT ${batch}`;
    if (rows.length === 0) return;
    yield rows.map(playerDto);
    before = rows[rows.length - 1].userId;
    if (rows.length < batch) return;
  }
}
