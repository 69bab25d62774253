import "server-only";

import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";
import { bonusForfeitedCtesSql } from "@/lib/server/webhooks/bonus-events";
import type { TSqlTx } from "@/lib/server/sql-transaction";

type TEnded = { id: string; userId: number; bonusAmount: string | null; bonusUsdAmount: string | null; currencyId: CurrencyId | null };

// Every statement below that ends claims EXPIRED or CANCELLED writes their bonus.forfeited events
// itself (bonusForfeitedCtesSql over its UPDATE … RETURNING, named `ended`): the event is in the
// transaction that ends the bonus, and a claim a racing statement already ended writes none. Its
// RETURNING carries the numeric columns the payload reads; the final SELECT hands JS their text.
const ENDED_COLUMNS = Prisma.sql`id, "userId", "bonusAmount"::text AS "bonusAmount", "bonusUsdAmount"::text AS "bonusUsdAmount", "currencyId"`;

/** EXPIRED and CANCELLED forfeit the whole granted bonus: a negative BONUS entry, never a delete. */
async function forfeit(tx: TSqlTx, ended: TEnded[]) {
  await appendLedger(
    tx,
    ended
      .filter((e) => e.bonusAmount !== null && e.currencyId !== null)
      .map((e) => ({
        userId: e.userId,
        kind: "BONUS_FORFEIT" as const,
        bucket: "BONUS" as const,
        currencyId: e.currencyId as CurrencyId,
        amount: `-${e.bonusAmount}`,
        usdAmount: `-${e.bonusUsdAmount}`,
        usdRate: "0",
        sourceId: e.id,
      })),
  );
}

/**
 * The one cancel of open bonuses: those `which` selects among the claims (alias c) that are CLAIMED,
 * or ACTIVE and not past expiry, end CANCELLED with `reason`. A conditional update decides, so a
 * cancel racing completion or expiry ends the bonus once; an ACTIVE one's grant is forfeited.
 */
async function cancelOpen(tx: TSqlTx, which: Prisma.Sql, reason: string, now: Date) {
  const ended = await tx.$queryRaw<(TEnded & { previous: string })[]>`
    WITH target AS (
      SELECT c.id, c.status AS previous, p."bonusAmount", p."bonusUsdAmount", p."currencyId", p."expiresAt"
      FROM "UserPromoCode" c
      LEFT JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
      WHERE ${which}
      ORDER BY c.id
      FOR UPDATE OF c
    ),
    ended AS (
      UPDATE "UserPromoCode" c
      SET status = 'CANCELLED', "isActive" = NULL, "endedAt" = ${now}, "cancelReason" = ${reason}, "updatedAt" = now()
      FROM target t
      WHERE c.id = t.id AND c.status IN ('CLAIMED', 'ACTIVE')
        AND (c.status = 'CLAIMED' OR t."expiresAt" > ${now})
      RETURNING c.id, c."userId", c."promoCodeId", c.status, c."cancelReason", c."endedAt", t.previous,
                t."bonusAmount", t."bonusUsdAmount", t."currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT ${ENDED_COLUMNS}, previous FROM ended`;
  await forfeit(tx, ended);
  return ended;
}

/**
 * Cancels an open (CLAIMED or ACTIVE, not past expiry) deposit bonus: by the player themselves or by
 * an operator (audited). Anything else is NOT_CANCELLABLE.
 */
export async function cancelClaim(input: {
  claimId: string;
  reason: string;
  playerId?: number;
  operator?: TOperator;
  now?: Date;
}): Promise<{ id: string; status: "CANCELLED" }> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ended = await cancelOpen(
      tx,
      Prisma.sql`c.id = ${input.claimId}::uuid AND (${input.playerId ?? null}::int IS NULL OR c."userId" = ${input.playerId ?? null}::int)`,
      input.reason,
      now,
    );
    if (ended.length === 0) {
      throw new AppError("NOT_CANCELLABLE", "Only a claimed or active bonus that hasn't expired can be cancelled.");
    }
    if (input.operator) {
      await writeAudit(tx, {
        operator: input.operator,
        action: "claim.cancel",
        entityType: "UserPromoCode",
        entityId: input.claimId,
        before: { status: ended[0].previous },
        after: { status: "CANCELLED", reason: input.reason },
      });
    }
    return { id: ended[0].id, status: "CANCELLED" as const };
  });
}

/**
 * Cancels every open bonus of a player in the caller's transaction (a users event that blocks or
 * pauses them: BONUS_BLOCKED), forfeiting ACTIVE grants. An ACTIVE one already past expiresAt is
 * left to the expiry, which forfeits it too. Returns how many ended.
 */
export async function cancelOpenBonuses(tx: TSqlTx, userId: number, reason: string, now: Date): Promise<number> {
  return (await cancelOpen(tx, Prisma.sql`c."userId" = ${userId} AND c."isActive"`, reason, now)).length;
}

/**
 * Cancels a promo's CLAIMED (never activated) claims in the caller's transaction: its deactivation
 * frees their codes; ACTIVE bonuses run on. Nothing was granted, so nothing is forfeited. Returns how many ended.
 */
export async function cancelUnusedClaims(tx: TSqlTx, promoCodeId: string, reason: string, now: Date): Promise<number> {
  return (await cancelOpen(tx, Prisma.sql`c."promoCodeId" = ${promoCodeId}::uuid AND c.status = 'CLAIMED'`, reason, now)).length;
}

/**
 * Writes the expiry of every bonus that is due: ACTIVE ones whose expiresAt is before `cutoff`
 * (forfeited), and CLAIMED ones whose promo expired before a deposit came. Set-based and safe to run
 * twice (conditional updates; the forfeit is unique per claim). `userIds` narrows it (the bet path).
 */
export async function expireDueBonuses(tx: TSqlTx, cutoff: Date, userIds?: number[]): Promise<number> {
  const users = userIds ?? null;
  const active = await tx.$queryRaw<TEnded[]>`
    WITH ended AS (
      UPDATE "UserPromoCode" c
      SET status = 'EXPIRED', "isActive" = NULL, "endedAt" = p."expiresAt", "updatedAt" = now()
      FROM "UserPromoCodeProgress" p
      WHERE c.status = 'ACTIVE' AND p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
        AND p."expiresAt" <= ${cutoff}
        AND (${users}::int[] IS NULL OR c."userId" = ANY(${users}::int[]))
      RETURNING c.id, c."userId", c."promoCodeId", c.status, c."cancelReason", c."endedAt",
                p."bonusAmount", p."bonusUsdAmount", p."currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT ${ENDED_COLUMNS} FROM ended`;
  await forfeit(tx, active);
  // A CLAIMED bonus had nothing granted: its event says so (no amount, no currency).
  const [claimed] = await tx.$queryRaw<{ n: number }[]>`
    WITH ended AS (
      UPDATE "UserPromoCode" c
      SET status = 'EXPIRED', "isActive" = NULL, "endedAt" = p."expiresAt", "updatedAt" = now()
      FROM "PromoCode" p
      WHERE c.status = 'CLAIMED' AND p.id = c."promoCodeId" AND p."expiresAt" <= ${cutoff}
        AND (${users}::int[] IS NULL OR c."userId" = ANY(${users}::int[]))
      RETURNING c.id, c."userId", c."promoCodeId", c.status, c."cancelReason", c."endedAt",
                NULL::numeric AS "bonusAmount", NULL::"CurrencyId" AS "currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT count(*)::int AS n FROM ended`;
  return active.length + claimed.n;
}

/**
 * The bet path's expiry: a bet dated at or after an ACTIVE bonus's expiresAt proves the bonus is
 * over, so it is expired (and forfeited) at once instead of waiting for the worker.
 */
export async function expireByLateBets(tx: TSqlTx, bets: Prisma.Sql): Promise<number> {
  const ended = await tx.$queryRaw<TEnded[]>`
    WITH ended AS (
      UPDATE "UserPromoCode" c
      SET status = 'EXPIRED', "isActive" = NULL, "endedAt" = p."expiresAt", "updatedAt" = now()
      FROM "UserPromoCodeProgress" p,
           (SELECT "userId", max("createdAt") AS latest FROM (${bets}) x GROUP BY 1) b
      WHERE c.status = 'ACTIVE' AND b."userId" = c."userId"
        AND p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId" AND p."expiresAt" <= b.latest
      RETURNING c.id, c."userId", c."promoCodeId", c.status, c."cancelReason", c."endedAt",
                p."bonusAmount", p."bonusUsdAmount", p."currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT ${ENDED_COLUMNS} FROM ended`;
  await forfeit(tx, ended);
  return ended.length;
}

/**
 * The bonuses a withdrawal forfeits (the one selection, for the withdrawal ingest and for the
 * cashier's bonus-status preview): for each row (user_id int, at timestamptz) of `withdrawals`, the
 * player's ACTIVE bonuses whose promo's withdrawalPolicy is FORFEIT and whose window
 * [activatedAt, expiresAt) holds `at`. A CLAIMED bonus has no window and is never in it. Columns:
 * the withdrawal row's own (w.*), then "claimId", "userId", "bonusAmount", "bonusUsdAmount", "currencyId".
 */
export function withdrawalForfeitsSql(withdrawals: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT w.*, c.id AS "claimId", c."userId", p."bonusAmount", p."bonusUsdAmount", p."currencyId"
    FROM (${withdrawals}) w
    JOIN "UserPromoCode" c ON c."userId" = w.user_id AND c.status = 'ACTIVE'
    JOIN "PromoCode" pc ON pc.id = c."promoCodeId" AND pc."withdrawalPolicy" = 'FORFEIT'
    JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
    WHERE p."activatedAt" <= w.at AND w.at < p."expiresAt"`;
}

/**
 * Cancels (cancelReason WITHDRAWAL) and forfeits every bonus `withdrawalForfeitsSql` selects for
 * these withdrawals (rows: id text, user_id int, at timestamptz, ord int — the order sent). A bonus
 * several of them fall inside is credited to the first by `ord`; endedAt is that withdrawal's time.
 * The cancel is a conditional update (a bonus another transaction just ended is left alone) and the
 * forfeit is unique per claim, so a replay or a race forfeits once. Returns which withdrawal ended which claim.
 */
export async function forfeitForWithdrawals(tx: TSqlTx, withdrawals: Prisma.Sql): Promise<{ withdrawalId: string; claimId: string }[]> {
  const ended = await tx.$queryRaw<(TEnded & { withdrawalId: string })[]>`
    WITH target AS (
      SELECT DISTINCT ON (f."claimId") f."claimId", f.id AS "withdrawalId", f.at, f."bonusAmount", f."bonusUsdAmount", f."currencyId"
      FROM (${withdrawalForfeitsSql(withdrawals)}) f
      ORDER BY f."claimId", f.ord
    ),
    ended AS (
      UPDATE "UserPromoCode" c
      SET status = 'CANCELLED', "isActive" = NULL, "endedAt" = t.at, "cancelReason" = 'WITHDRAWAL', "updatedAt" = now()
      FROM target t
      WHERE c.id = t."claimId" AND c.status = 'ACTIVE'
      RETURNING c.id, c."userId", c."promoCodeId", c.status, c."cancelReason", c."endedAt", t."withdrawalId",
                t."bonusAmount", t."bonusUsdAmount", t."currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT ${ENDED_COLUMNS}, "withdrawalId" FROM ended`;
  await forfeit(tx, ended);
  return ended.map((e) => ({ withdrawalId: e.withdrawalId, claimId: e.id }));
}
