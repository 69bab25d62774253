import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import type { TTx } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";

/**
 * Adds bets to the wagering of the ACTIVE bonuses they fall in, set-based (SPEC §2): per bet, 0 for
 * a game without an enabled whitelist row, 0 plus a violation above the row's max bet, otherwise
 * usdAmount × weight; with no whitelist rows, usdAmount × 1. Only bets dated in
 * [activatedAt, expiresAt) count. Progress rows are locked in id order (no deadlock between batches).
 * `bets` selects the bets: id, "userId", "gameId", "usdAmount", "createdAt".
 * Then completes every bonus that reached its target: BONUS → CASH once.
 */
export async function applyRollover(tx: TTx, bets: Prisma.Sql, now: Date): Promise<void> {
  await tx.$executeRaw`
    WITH b AS (${bets}),
    contrib AS (
      SELECT p.id AS progress_id,
        sum(CASE
              WHEN NOT hw.has_whitelist THEN b."usdAmount"
              WHEN w.id IS NULL OR NOT w.enabled THEN 0
              WHEN w."maxBetAmount" IS NOT NULL AND b."usdAmount" > w."maxBetAmount" THEN 0
              ELSE b."usdAmount" * w."wagerMultiplier" END) AS added,
        count(*) FILTER (WHERE hw.has_whitelist AND w.enabled AND w."maxBetAmount" IS NOT NULL
                               AND b."usdAmount" > w."maxBetAmount")::int AS violations
      FROM b
      JOIN "UserPromoCode" c ON c."userId" = b."userId" AND c."isActive" AND c.status = 'ACTIVE'
      JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
      CROSS JOIN LATERAL (
        SELECT EXISTS (SELECT 1 FROM "PromoGameWhitelist" x WHERE x."promoCodeId" = c."promoCodeId") AS has_whitelist
      ) hw
      LEFT JOIN "PromoGameWhitelist" w ON w."promoCodeId" = c."promoCodeId" AND w."gameId" = b."gameId"
      WHERE b."createdAt" >= p."activatedAt" AND b."createdAt" < p."expiresAt"
      GROUP BY p.id
    ),
    locked AS (
      SELECT p.id FROM "UserPromoCodeProgress" p WHERE p.id IN (SELECT progress_id FROM contrib) ORDER BY p.id FOR UPDATE
    )
    UPDATE "UserPromoCodeProgress" p
    SET "wageredUsdAmount" = p."wageredUsdAmount" + contrib.added,
        "maxBetViolations" = p."maxBetViolations" + contrib.violations,
        "updatedAt" = now()
    FROM contrib JOIN locked ON locked.id = contrib.progress_id
    WHERE p.id = contrib.progress_id`;
  await completeReachedBonuses(tx, Prisma.sql`SELECT DISTINCT "userId" FROM (${bets}) x`, now);
}

/**
 * Completes the ACTIVE bonuses of `users` whose wagering reached the target: the claim becomes
 * COMPLETED by a conditional update (so it happens once) and the granted amount moves BONUS → CASH.
 */
export async function completeReachedBonuses(tx: TTx, users: Prisma.Sql, now: Date): Promise<number> {
  const completed = await tx.$queryRaw<
    { id: string; userId: number; bonusAmount: string; bonusUsdAmount: string; currencyId: CurrencyId; rate: string }[]
  >`
    UPDATE "UserPromoCode" c
    SET status = 'COMPLETED', "isActive" = NULL, "endedAt" = ${now}, "updatedAt" = now()
    FROM "UserPromoCodeProgress" p
    WHERE c.status = 'ACTIVE' AND c."userId" IN (${users})
      AND p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
      AND p."wageredUsdAmount" >= p."wagerUsdAmountToComplete"
    RETURNING c.id, c."userId", p."bonusAmount"::text AS "bonusAmount", p."bonusUsdAmount"::text AS "bonusUsdAmount",
              p."currencyId", CASE WHEN p."bonusAmount" = 0 THEN 0 ELSE p."bonusUsdAmount" / p."bonusAmount" END::text AS rate`;
  await appendLedger(
    tx,
    completed
      .filter((c) => /[1-9]/.test(c.bonusAmount))
      .map((c) => ({
        userId: c.userId,
        kind: "BONUS_RELEASE" as const,
        bucket: "CASH" as const,
        currencyId: c.currencyId,
        amount: c.bonusAmount,
        usdAmount: c.bonusUsdAmount,
        usdRate: c.rate,
        sourceId: c.id,
      })),
  );
  return completed.length;
}
