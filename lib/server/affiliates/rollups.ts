import "server-only";

import type { TTx } from "@/lib/server/db";

/**
 * Bonus value granted to a referred player also counts against their referrer (AffiliateStreamer's
 * profit/loss): per-owner totals and the owner's business-day rollup. No-op for unreferred players.
 */
export async function addReferredBonusUsd(tx: TTx, userId: number, usd: string, at: Date) {
  await tx.$executeRaw`
    WITH owner AS (
      SELECT c."ownerId" AS id FROM "User" u JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId" WHERE u.id = ${userId}
    ), totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", "bonusUsdAmount") SELECT id, ${usd}::numeric FROM owner
      ON CONFLICT ("userId") DO UPDATE SET "bonusUsdAmount" = "AffiliateOwnerStats"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, "bonusUsdAmount")
    SELECT id, (${at}::timestamptz AT TIME ZONE COALESCE(NULLIF(current_setting('rollover.business_time_zone', true), ''), 'UTC'))::date, ${usd}::numeric FROM owner
    ON CONFLICT ("userId", day) DO UPDATE SET "bonusUsdAmount" = "AffiliateDailyStats"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()`;
}

/** Granted bonus value on the player's own stats (UserStatsUsd.bonusUsdAmount) and their referrer's. */
export async function recordBonusGranted(tx: TTx, userId: number, usd: string, at: Date) {
  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId", "bonusUsdAmount") VALUES (${userId}, ${usd}::numeric)
    ON CONFLICT ("userId") DO UPDATE SET "bonusUsdAmount" = "UserStatsUsd"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()`;
  await addReferredBonusUsd(tx, userId, usd, at);
}
