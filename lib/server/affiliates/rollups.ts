import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";

/** The rollups' USD columns, which share their names in the per-owner totals and the per-day rollup. */
export type TRollupUsdColumn = "depositUsdAmount" | "bonusUsdAmount" | "withdrawalUsdAmount";

/** A referred player's USD figure at a moment (its business day is business_day(at)). */
export type TReferrerFigure = { userId: number; usd: string; at: Date };

/**
 * Adds a USD figure of a referred player to their referrer's per-owner totals and business-day
 * rollup (a no-op for unreferred players), as one statement.
 */
export async function addToReferrerRollups(tx: TTx, userId: number, column: TRollupUsdColumn, usd: string, at: Date) {
  await addManyToReferrerRollups(tx, column, [{ userId, usd, at }]);
}

/**
 * The same for many figures at once, one statement: summed per owner and per owner and business
 * day (business_day(), the one rule), rows written in key order. Unreferred players add nothing.
 */
export async function addManyToReferrerRollups(tx: TTx, column: TRollupUsdColumn, figures: TReferrerFigure[]) {
  if (figures.length === 0) return;
  await tx.$executeRaw`WITH ${referrerRollupCtesSql(column, figures)} SELECT 1`;
}

/**
 * addManyToReferrerRollups as common table expressions (prefixed `rollup_`), for a caller that writes
 * more in the same statement.
 */
export function referrerRollupCtesSql(column: TRollupUsdColumn, figures: TReferrerFigure[]): Prisma.Sql {
  const col = Prisma.raw(`"${column}"`);
  return Prisma.sql`
    rollup_owned AS (
      SELECT c."ownerId" AS id, f.usd, business_day(f.at) AS day
      FROM unnest(${figures.map((f) => f.userId)}::int[], ${figures.map((f) => f.usd)}::numeric[],
                  ${figures.map((f) => f.at.toISOString())}::timestamptz[]) AS f(user_id, usd, at)
      JOIN "User" u ON u.id = f.user_id
      JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
    ), rollup_totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", ${col}) SELECT id, sum(usd) FROM rollup_owned GROUP BY id ORDER BY id
      ON CONFLICT ("userId") DO UPDATE SET ${col} = "AffiliateOwnerStats".${col} + EXCLUDED.${col}, "updatedAt" = now()
    ), rollup_days AS (
      INSERT INTO "AffiliateDailyStats" ("userId", day, ${col})
      SELECT id, day, sum(usd) FROM rollup_owned GROUP BY id, day ORDER BY id, day
      ON CONFLICT ("userId", day) DO UPDATE SET ${col} = "AffiliateDailyStats".${col} + EXCLUDED.${col}, "updatedAt" = now()
    )`;
}

/**
 * Granted bonus value: on the player's own stats (UserStatsUsd.bonusUsdAmount) and — for a referred
 * player — on their referrer's rollups, since it counts against the referrer in AffiliateStreamer's
 * profit/loss.
 */
export async function recordBonusGranted(tx: TTx, userId: number, usd: string, at: Date) {
  await tx.$executeRaw`WITH ${bonusGrantedCtesSql(userId, usd, at)} SELECT 1`;
}

/** recordBonusGranted as common table expressions, for a caller that writes more in the same statement. */
export function bonusGrantedCtesSql(userId: number, usd: string, at: Date): Prisma.Sql {
  return Prisma.sql`
    granted_stats AS (
      INSERT INTO "UserStatsUsd" ("userId", "bonusUsdAmount") VALUES (${userId}, ${usd}::numeric)
      ON CONFLICT ("userId") DO UPDATE SET "bonusUsdAmount" = "UserStatsUsd"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()
    ), ${referrerRollupCtesSql("bonusUsdAmount", [{ userId, usd, at }])}`;
}
