import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { appendLedger } from "@/lib/server/ledger/credit";
import { bonusCompletedCtesSql, bonusProgressCtesSql } from "@/lib/server/webhooks/bonus-events";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/**
 * Whether player `userId` has an ACTIVE bonus: the only bonuses a bet moves (applyRollover), completes
 * (completeReachedBonuses) or expires (expireByLateBets). When no player of a batch has one, the bet
 * path skips those three statements.
 */
export const hasActiveBonus = (userId: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "UserPromoCode" c WHERE c."userId" = ${userId} AND c.status = 'ACTIVE')`;

/**
 * Adds bets to the wagering of the ACTIVE bonuses they fall in, set-based (SPEC §2): per bet, 0 for
 * a game without an enabled whitelist row, 0 plus a violation above the row's max bet, otherwise
 * usdAmount × weight; with no whitelist rows, usdAmount × 1. Only bets dated in
 * [activatedAt, expiresAt) count. Progress rows are locked in id order (no deadlock between batches).
 * `bets` selects the bets: id, "userId", "gameId", "usdAmount", "createdAt".
 * Each bet's contribution and violation per progress is recorded in BetRolloverContribution in the
 * same statement (bets that add nothing and violate nothing leave no row), so a rollback later
 * subtracts exactly what was counted, whatever the whitelist has become.
 * The same statement writes bonus.progress for each threshold a progress row crossed (its wagering
 * before, read back from the locked row as after − added, against after), so a batch of 500 bets
 * writes its events set-based with the update itself (bonusProgressCtesSql).
 * Then completes every bonus that reached its target: BONUS → CASH once.
 */
export async function applyRollover(tx: TSqlTx, bets: Prisma.Sql, now: Date): Promise<void> {
  await tx.$executeRaw`
    WITH b AS (${bets}),
    per_bet AS (
      SELECT b.id AS bet_id, p.id AS progress_id, c.id AS claim_id,
        CASE
          WHEN NOT hw.has_whitelist THEN b."usdAmount"
          WHEN w.id IS NULL OR NOT w.enabled THEN 0
          WHEN w."maxBetAmount" IS NOT NULL AND b."usdAmount" > w."maxBetAmount" THEN 0
          ELSE b."usdAmount" * w."wagerMultiplier" END AS added,
        COALESCE(hw.has_whitelist AND w.enabled AND w."maxBetAmount" IS NOT NULL
                 AND b."usdAmount" > w."maxBetAmount", false) AS violation
      FROM b
      JOIN "UserPromoCode" c ON c."userId" = b."userId" AND c."isActive" AND c.status = 'ACTIVE'
      JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
      CROSS JOIN LATERAL (
        SELECT EXISTS (SELECT 1 FROM "PromoGameWhitelist" x WHERE x."promoCodeId" = c."promoCodeId") AS has_whitelist
      ) hw
      LEFT JOIN "PromoGameWhitelist" w ON w."promoCodeId" = c."promoCodeId" AND w."gameId" = b."gameId"
      WHERE b."createdAt" >= p."activatedAt" AND b."createdAt" < p."expiresAt"
    ),
    contrib AS (
      SELECT progress_id, claim_id, sum(added) AS added, count(*) FILTER (WHERE violation)::int AS violations
      FROM per_bet GROUP BY progress_id, claim_id
    ),
    locked AS (
      SELECT p.id FROM "UserPromoCodeProgress" p WHERE p.id IN (SELECT progress_id FROM contrib) ORDER BY p.id FOR UPDATE
    ),
    recorded AS (
      -- Joined to locked: the progress rows are locked (in id order) before these rows reference them.
      INSERT INTO "BetRolloverContribution" ("betId", "progressId", "usdAmount", violation)
      SELECT x.bet_id, x.progress_id, x.added, x.violation
      FROM per_bet x JOIN locked l ON l.id = x.progress_id
      WHERE x.added <> 0 OR x.violation
      ORDER BY x.progress_id, x.bet_id
      ON CONFLICT ("betId", "progressId") DO UPDATE SET
        "usdAmount" = "BetRolloverContribution"."usdAmount" + EXCLUDED."usdAmount",
        violation = "BetRolloverContribution".violation OR EXCLUDED.violation
    ),
    moved AS (
      UPDATE "UserPromoCodeProgress" p
      SET "wageredUsdAmount" = p."wageredUsdAmount" + contrib.added,
          "maxBetViolations" = p."maxBetViolations" + contrib.violations,
          "updatedAt" = now()
      FROM contrib JOIN locked ON locked.id = contrib.progress_id
      WHERE p.id = contrib.progress_id
      RETURNING contrib.claim_id, p."userId" AS user_id, p."promoCodeId" AS promo_code_id,
                p."wageredUsdAmount" - contrib.added AS before, p."wageredUsdAmount" AS after,
                p."wagerUsdAmountToComplete" AS target, p."expiresAt" AS expires_at
    ),
    ${bonusProgressCtesSql(Prisma.sql`moved`)}
    SELECT count(*) FROM moved`;
  await completeReachedBonuses(tx, Prisma.sql`SELECT DISTINCT "userId" FROM (${bets}) x`, now);
}

/**
 * Completes the ACTIVE bonuses of `users` whose wagering reached the target: the claim becomes
 * COMPLETED by a conditional update (so it happens once), its bonus.completed event is written by
 * the same statement, and the granted amount moves BONUS → CASH. The one place a bonus completes.
 */
export async function completeReachedBonuses(tx: TSqlTx, users: Prisma.Sql, now: Date): Promise<number> {
  const completed = await tx.$queryRaw<
    { id: string; userId: number; bonusAmount: string; bonusUsdAmount: string; currencyId: CurrencyId; rate: string }[]
  >`
    WITH done AS (
      UPDATE "UserPromoCode" c
      SET status = 'COMPLETED', "isActive" = NULL, "endedAt" = ${now}, "updatedAt" = now()
      FROM "UserPromoCodeProgress" p
      WHERE c.status = 'ACTIVE' AND c."userId" IN (${users})
        AND p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
        AND p."wageredUsdAmount" >= p."wagerUsdAmountToComplete"
      RETURNING c.id, c."userId", c."promoCodeId", c."endedAt", p."bonusAmount", p."bonusUsdAmount", p."currencyId",
                p."wageredUsdAmount"
    ),
    ${bonusCompletedCtesSql(Prisma.sql`done`)}
    SELECT id, "userId", "bonusAmount"::text AS "bonusAmount", "bonusUsdAmount"::text AS "bonusUsdAmount", "currencyId",
           CASE WHEN "bonusAmount" = 0 THEN 0 ELSE "bonusUsdAmount" / "bonusAmount" END::text AS rate
    FROM done`;
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

/**
 * A rollback's side of the rollover: what the voided bets added (BetRolloverContribution, recorded
 * when they were counted) comes off each progress whose claim is still ACTIVE, wagering and max-bet
 * violations alike. A bonus that has ended is final: its progress is untouched and its claim records
 * the contribution that no longer stands (voidedAfterEndUsdAmount). Progress rows are locked in id
 * order (as the bet path locks them), with their claims, before the claims' states are read.
 */
export async function takeBackRollover(tx: TSqlTx, betIds: string[]): Promise<void> {
  const touched = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "UserPromoCodeProgress" p
    JOIN "UserPromoCode" c ON c."promoCodeId" = p."promoCodeId" AND c."userId" = p."userId"
    WHERE p.id IN (SELECT "progressId" FROM "BetRolloverContribution" WHERE "betId" = ANY(${betIds}::text[]))
    ORDER BY p.id
    FOR UPDATE`;
  if (touched.length === 0) return;
  await tx.$executeRaw`
    WITH x AS (
      SELECT "progressId", sum("usdAmount") AS usd, count(*) FILTER (WHERE violation)::int AS violations
      FROM "BetRolloverContribution" WHERE "betId" = ANY(${betIds}::text[]) GROUP BY 1
    ),
    k AS (
      SELECT x.*, c.id AS claim_id, c.status = 'ACTIVE' AS active
      FROM x JOIN "UserPromoCodeProgress" p ON p.id = x."progressId"
      JOIN "UserPromoCode" c ON c."promoCodeId" = p."promoCodeId" AND c."userId" = p."userId"
    ),
    active AS (
      UPDATE "UserPromoCodeProgress" p
      SET "wageredUsdAmount" = p."wageredUsdAmount" - k.usd, "maxBetViolations" = p."maxBetViolations" - k.violations,
          "updatedAt" = now()
      FROM k WHERE p.id = k."progressId" AND k.active
    )
    UPDATE "UserPromoCode" c
    SET "voidedAfterEndUsdAmount" = c."voidedAfterEndUsdAmount" + k.usd, "updatedAt" = now()
    FROM k WHERE c.id = k.claim_id AND NOT k.active`;
}
