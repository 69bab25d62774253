import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/**
 * The commission rate of one bet (SPEC §2 Affiliates), as a SQL expression for set-based inserts: the
 * referrer code's own rate, else the global AFFILIATE_COMMISSION_RATE; nothing for an unreferred
 * player; and nothing for a bet placed while one of the player's bonuses was in play (from its
 * activation until it expired or ended), unless the code allows commission on bonus play. It is fixed
 * when the bet is stored, so it lives here, next to the code that spreads it over the rollups.
 *
 * `bet` names the bet's player id and time; `code` is the alias of the player's AffiliateCode row,
 * LEFT JOINed (all NULL when the player has no referrer).
 */
export function betCommissionRate(bet: { userId: Prisma.Sql; at: Prisma.Sql }, code: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN ${code}.id IS NULL THEN 0::numeric
    WHEN NOT ${code}."allowCommissionBonus" AND EXISTS (
      SELECT 1 FROM "UserPromoCode" uc JOIN "UserPromoCodeProgress" pr
        ON pr."promoCodeId" = uc."promoCodeId" AND pr."userId" = uc."userId"
      WHERE uc."userId" = ${bet.userId} AND uc.status IN ('ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELLED')
        AND ${bet.at} >= pr."activatedAt" AND ${bet.at} < LEAST(pr."expiresAt", COALESCE(uc."endedAt", pr."expiresAt"))
    ) THEN 0::numeric
    ELSE COALESCE(${code}."commissionRate", ${env().AFFILIATE_COMMISSION_RATE}::numeric)
  END`;
}
