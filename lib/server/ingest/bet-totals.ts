import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/** Bets by id, or a query selecting Bet rows (the bet path's `batchBets`). */
export type TBetRows = string[] | Prisma.Sql;

/** A query selecting the bets `bets` (Bet's rows). */
export function betRows(bets: TBetRows): Prisma.Sql {
  return Array.isArray(bets) ? Prisma.sql`SELECT * FROM "Bet" WHERE id = ANY(${bets}::text[])` : bets;
}

/**
 * The bets `ids` (distinct, all stored: a batch's inserted ids), as Bet's rows, each read by one probe
 * of Bet's primary key: the bet path's one selection of its batch, which every statement of the batch
 * reads. `id = ANY(ids)` let the planner seq-scan Bet (hashing the ids) while it judged the table
 * small, in each of the batch's ~8 statements — measured at 4–13 ms a statement with 20–30k bets
 * stored, growing with the table, against 1–3 ms for the probes (tmp-prof profile, issue #18).
 * OFFSET 0 keeps the lateral probe from being flattened back into a join; the MATERIALIZED CTE gives
 * the statements reading it a row estimate of the batch (a lateral probe alone is estimated at one
 * row per group, which turned the stats update's joins into nested loops over the whole batch).
 */
export function batchBets(ids: string[]): Prisma.Sql {
  return Prisma.sql`WITH batch AS MATERIALIZED (
      SELECT b.* FROM unnest(${ids}::text[]) AS i(id)
      CROSS JOIN LATERAL (SELECT * FROM "Bet" b WHERE b.id = i.id OFFSET 0) b
    )
    SELECT * FROM batch`;
}

/**
 * The CTEs both directions share: `agg`, each player's totals over the bets, and `old`, their
 * stats rows locked in user id order (the one lock order of bets and rollbacks), as they were.
 */
function totalsOfLockedPlayers(bets: TBetRows): Prisma.Sql {
  return Prisma.sql`agg AS (
      SELECT "userId", sum("usdAmount") AS wagered, sum("payoutUsd") AS payout, max("createdAt") AS last
      FROM (${betRows(bets)}) b GROUP BY "userId"
    ),
    old AS (
      SELECT s."userId", s."lastBetAt" FROM "UserStatsUsd" s
      WHERE s."userId" IN (SELECT "userId" FROM agg) ORDER BY s."userId" FOR UPDATE
    )`;
}

export type TLastBetMove = { userId: number; before: Date | null; after: Date };

/**
 * Per-user totals, one upsert per user in id order. Returns each player's latest bet time before and
 * after the batch (the affiliate rollup counts active referrals by the day of their latest bet).
 */
export async function updateUserStats(tx: TSqlTx, bets: TBetRows): Promise<TLastBetMove[]> {
  // A row for every player first (waiting for a concurrent batch's new row rather than missing it),
  // then lock the rows in id order and update them, reading each "before" from the locked, latest
  // row — so two batches racing for one player never both see the same "before".
  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId")
    SELECT DISTINCT "userId" FROM (${betRows(bets)}) b ORDER BY 1
    ON CONFLICT ("userId") DO NOTHING`;
  return tx.$queryRaw<TLastBetMove[]>`
    WITH ${totalsOfLockedPlayers(bets)}
    UPDATE "UserStatsUsd" s SET
      "wageredUsdAmount" = s."wageredUsdAmount" + agg.wagered,
      "payoutUsdAmount" = s."payoutUsdAmount" + agg.payout,
      "lastBetAt" = GREATEST(s."lastBetAt", agg.last),
      "updatedAt" = now()
    FROM agg JOIN old USING ("userId")
    WHERE s."userId" = agg."userId"
    RETURNING s."userId", old."lastBetAt" AS before, s."lastBetAt" AS after`;
}

/** A player's latest standing bet before and after a rollback (null after: none left). */
export type TLastBetBack = { userId: number; before: Date | null; after: Date | null };

/**
 * A rollback's side of the per-user totals: the voided bets' wagered and payout come off, rows locked
 * in id order like the bet path. The latest bet time moves back to the latest bet still standing,
 * looked up only for players whose latest bet was voided (the (userId, createdAt) index, from the top).
 */
export async function takeBackUserStats(tx: TSqlTx, ids: string[]): Promise<TLastBetBack[]> {
  // The players' rows are locked first, in a statement of their own: the update below then starts
  // with a snapshot taken after the lock, so its "latest bet still standing" sees the voids of a
  // rollback batch that held the lock before (in one statement the wait would re-read the row but
  // keep the older snapshot for the subquery, and lastBetAt could land on a bet just voided).
  await tx.$executeRaw`
    SELECT 1 FROM "UserStatsUsd"
    WHERE "userId" IN (SELECT "userId" FROM "Bet" WHERE id = ANY(${ids}::text[]))
    ORDER BY "userId" FOR UPDATE`;
  return tx.$queryRaw<TLastBetBack[]>`
    WITH ${totalsOfLockedPlayers(ids)}
    UPDATE "UserStatsUsd" s SET
      "wageredUsdAmount" = s."wageredUsdAmount" - agg.wagered,
      "payoutUsdAmount" = s."payoutUsdAmount" - agg.payout,
      "lastBetAt" = CASE WHEN agg.last < old."lastBetAt" THEN old."lastBetAt" ELSE (
        SELECT b."createdAt" FROM "Bet" b WHERE b."userId" = s."userId" AND b."voidedAt" IS NULL
        ORDER BY b."createdAt" DESC LIMIT 1) END,
      "updatedAt" = now()
    FROM agg JOIN old USING ("userId")
    WHERE s."userId" = agg."userId"
    RETURNING s."userId", old."lastBetAt" AS before, s."lastBetAt" AS after`;
}

/**
 * The platform's wagering per business day (dashboard). Each transaction writes to one of 8 shard rows
 * per day, picked by its transaction id, so concurrent batches rarely wait on the same row; days in
 * ascending order keep the lock order stable. `sign` -1 takes voided bets back out (a shard row may
 * then hold negative figures; the dashboard sums the shards).
 */
export async function addToPlatformDaily(tx: TSqlTx, bets: TBetRows, sign: 1 | -1 = 1) {
  await tx.$executeRaw`
    INSERT INTO "PlatformDailyStats" (day, shard, "wageredUsdAmount", "payoutUsdAmount", "betCount")
    SELECT business_day("createdAt"), (txid_current() % 8)::smallint, ${sign}::int * sum("usdAmount"), ${sign}::int * sum("payoutUsd"),
           ${sign}::int * count(*)
    FROM (${betRows(bets)}) b GROUP BY 1 ORDER BY 1
    ON CONFLICT (day, shard) DO UPDATE SET
      "wageredUsdAmount" = "PlatformDailyStats"."wageredUsdAmount" + EXCLUDED."wageredUsdAmount",
      "payoutUsdAmount" = "PlatformDailyStats"."payoutUsdAmount" + EXCLUDED."payoutUsdAmount",
      "betCount" = "PlatformDailyStats"."betCount" + EXCLUDED."betCount",
      "updatedAt" = now()`;
}
