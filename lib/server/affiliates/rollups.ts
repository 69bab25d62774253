import "server-only";

import type { TTx } from "@/lib/server/db";

/**
 * Granted bonus value, in one statement: on the player's own stats (UserStatsUsd.bonusUsdAmount)
 * and — for a referred player — on their referrer's totals and business-day rollup, since it counts
 * against the referrer in AffiliateStreamer's profit/loss.
 */
export async function recordBonusGranted(tx: TTx, userId: number, usd: string, at: Date) {
  await tx.$executeRaw`
    WITH stats AS (
      INSERT INTO "UserStatsUsd" ("userId", "bonusUsdAmount") VALUES (${userId}, ${usd}::numeric)
      ON CONFLICT ("userId") DO UPDATE SET "bonusUsdAmount" = "UserStatsUsd"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()
    ),
    owner AS (
      SELECT c."ownerId" AS id FROM "User" u JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId" WHERE u.id = ${userId}
    ),
    totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", "bonusUsdAmount") SELECT id, ${usd}::numeric FROM owner
      ON CONFLICT ("userId") DO UPDATE SET "bonusUsdAmount" = "AffiliateOwnerStats"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, "bonusUsdAmount")
    SELECT id, (${at}::timestamptz AT TIME ZONE COALESCE(NULLIF(current_setting('rollover.business_time_zone', true), ''), 'UTC'))::date, ${usd}::numeric
    FROM owner
    ON CONFLICT ("userId", day) DO UPDATE SET "bonusUsdAmount" = "AffiliateDailyStats"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()`;
}
