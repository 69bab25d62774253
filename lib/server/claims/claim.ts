import "server-only";

import { CLAIM_ERRORS, firstClaimFailure, type TClaimError } from "@/lib/domain/promos/claim-rules";
import type { TKycLevel } from "@/lib/schemas/enums";
import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { recordBonusGranted } from "@/lib/server/affiliates/rollups";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";
import { claimFacts, playerFactsSql, type TPlayerFactsRow } from "@/lib/server/claims/facts";
import { appendLedger } from "@/lib/server/ledger/credit";
import { promoLiveSql } from "@/lib/server/promo-codes/live";

export type TClaimResultDto = {
  claim: {
    id: string;
    promoCodeId: string;
    code: string;
    type: "INSTANT" | "DEPOSIT";
    status: "CLAIMED" | "COMPLETED";
    claimedAt: string;
  };
  credit: { currencyId: string; amount: string } | null;
};

export function claimError(code: TClaimError): AppError {
  return new AppError(code, CLAIM_ERRORS[code]);
}

type TFacts = {
  claimId: string | null;
  claimedAt: Date | null;
  creditAmount: string;
  creditRate: string;
  player: TPlayerFactsRow;
};

type TPromoRow = {
  id: string;
  code: string;
  type: "INSTANT" | "DEPOSIT";
  amount: string;
  currencyId: CurrencyId;
  expiresAt: Date | null;
  claimsLeft: number | null;
  affiliateCodeId: string | null;
  minKYCLevelToClaim: TKycLevel;
  minTotalWagerUsdToClaim: string;
};

/**
 * Claims a promo for a player (SPEC §2), all in one transaction. The database decides every racy
 * condition: the claim row is inserted first (one per user per promo: a player racing themselves
 * gets ALREADY_CLAIMED), `claimsLeft` drops by a conditional update (never below zero), and a
 * DEPOSIT claim's open state is guarded by the [userId, isActive] unique. Any failure rolls back.
 */
export async function claimPromoCode(userId: number, rawCode: string, now = new Date()): Promise<TClaimResultDto> {
  const code = rawCode.trim().toUpperCase();
  return db.$transaction(async (tx) => {
    // One round trip: the promo, the claim row (rule 2 by the unique constraint), the player's facts
    // and, for INSTANT, the credit at the current rate. The claim row starts ended (COMPLETED,
    // isActive NULL) so it can't collide with an open deposit bonus before the other rules are
    // checked; the end of the transaction sets its real state.
    const [row] = await tx.$queryRaw<(TPromoRow & TFacts)[]>`
      WITH promo AS (
        SELECT id, code, type, amount, "currencyId", "expiresAt", "claimsLeft", "affiliateCodeId",
               "minKYCLevelToClaim", "minTotalWagerUsdToClaim"
        FROM "PromoCode" WHERE code = ${code} AND "isActive"
        -- Deactivation and type changes take the row FOR UPDATE: a claim waits for them and then sees
        -- the promo as they left it, and they wait for claims in flight. Key-share locks don't block
        -- each other or the claimsLeft update, so claims of one promo still run side by side.
        FOR KEY SHARE
      ),
      claim AS (
        INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "endedAt", "createdAt")
        SELECT ${userId}, id, 'COMPLETED', NULL, ${now}, ${now}, ${now} FROM promo
        ON CONFLICT ("promoCodeId", "userId") DO NOTHING
        RETURNING id, "createdAt"
      )
      SELECT p.id, p.code, p.type, p.amount::text AS amount, p."currencyId", p."expiresAt", p."claimsLeft",
             p."affiliateCodeId", p."minKYCLevelToClaim", p."minTotalWagerUsdToClaim"::text AS "minTotalWagerUsdToClaim",
             c.id AS "claimId", c."createdAt" AS "claimedAt",
             to_jsonb(u) AS player,
             round_down_currency(p.amount, p."currencyId")::text AS "creditAmount",
             COALESCE(usd_rate(p."currencyId", ${now}::timestamptz), 0)::text AS "creditRate"
      FROM promo p
      JOIN (${playerFactsSql(userId)}) u ON true
      LEFT JOIN claim c ON true`;
    if (!row) throw claimError("PROMO_NOT_FOUND");
    const promo = row;
    const claim = row.claimId ? { id: row.claimId, createdAt: row.claimedAt! } : null;
    const { player } = row;
    // claimsLeft is decided below by the conditional update, not by this (possibly stale) read.
    const failure = firstClaimFailure(claimFacts({ ...promo, claimsLeft: null }, player, { alreadyClaimed: !claim, now }));
    if (failure === "ALREADY_CLAIMED" || failure === "PROMO_EXPIRED") throw claimError(failure);
    if (failure) {
      // A later rule failed, but PROMO_EXHAUSTED comes first if there is no slot left.
      if (promo.claimsLeft !== null && !(await takeSlot(tx, promo.id, now))) throw claimError(await whyNotTaken(tx, promo.id, now));
      throw claimError(failure);
    }

    if (!claim) throw claimError("ALREADY_CLAIMED"); // decided above; this narrows the type

    let credit: TClaimResultDto["credit"] = null;
    if (promo.type === "DEPOSIT") {
      await tx.$executeRaw`
        UPDATE "UserPromoCode" SET status = 'CLAIMED', "isActive" = true, "activatedAt" = NULL, "endedAt" = NULL
        WHERE id = ${claim.id}::uuid`.catch((error: unknown) => {
        if (isUniqueViolation(error)) throw claimError("ACTIVE_BONUS_EXISTS");
        throw error;
      });
    } else {
      credit = await creditInstant(tx, userId, claim.id, promo, now);
    }

    // Rule 4 last: the slot is taken by a conditional update just before commit, so the promo row
    // is locked only for that instant and a popular promo's claims don't queue behind each other.
    // Unlimited promos never touch the row. A claim that later ends never gives its slot back.
    if (promo.claimsLeft !== null && !(await takeSlot(tx, promo.id, now))) {
      throw claimError(await whyNotTaken(tx, promo.id, now));
    }

    return {
      claim: {
        id: claim.id,
        promoCodeId: promo.id,
        code: promo.code,
        type: promo.type,
        status: promo.type === "DEPOSIT" ? "CLAIMED" : "COMPLETED",
        claimedAt: claim.createdAt.toISOString(),
      },
      credit,
    };
  });
}

async function takeSlot(tx: TTx, promoId: string, now: Date): Promise<boolean> {
  const taken = await tx.$executeRaw`
    UPDATE "PromoCode" SET "claimsLeft" = "claimsLeft" - 1, "updatedAt" = now()
    WHERE id = ${promoId}::uuid AND "claimsLeft" > 0 AND ${promoLiveSql('"PromoCode"', now)}`;
  return taken === 1;
}

async function whyNotTaken(tx: TTx, promoId: string, now: Date): Promise<TClaimError> {
  const [row] = await tx.$queryRaw<{ isActive: boolean | null; expiresAt: Date | null }[]>`
    SELECT "isActive", "expiresAt" FROM "PromoCode" WHERE id = ${promoId}::uuid`;
  if (!row?.isActive) return "PROMO_NOT_FOUND";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "PROMO_EXPIRED";
  return "PROMO_EXHAUSTED";
}

/** INSTANT: the amount, rounded down to the currency's scale, to CASH at the current rate. */
async function creditInstant(tx: TTx, userId: number, claimId: string, promo: TPromoRow & TFacts, now: Date) {
  const usd = new Prisma.Decimal(promo.creditAmount).mul(promo.creditRate).toFixed();
  await appendLedger(tx, [
    {
      userId,
      kind: "INSTANT_CREDIT",
      bucket: "CASH",
      currencyId: promo.currencyId,
      amount: promo.creditAmount,
      usdAmount: usd,
      usdRate: promo.creditRate,
      sourceId: claimId,
    },
  ]);
  await recordBonusGranted(tx, userId, usd, now);
  return { currencyId: promo.currencyId, amount: promo.creditAmount };
}
