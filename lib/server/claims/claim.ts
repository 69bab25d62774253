import "server-only";

import { CLAIM_ERRORS, firstClaimFailure, type TClaimError, type TKycLevel } from "@/lib/domain/promos/claim-rules";
import { DomainError } from "@/lib/domain/errors";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { recordBonusGranted } from "@/lib/server/affiliates/rollups";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";

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

export function claimError(code: TClaimError): DomainError {
  return new DomainError(code, CLAIM_ERRORS[code].message, { status: CLAIM_ERRORS[code].status });
}

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
    const [promo] = await tx.$queryRaw<TPromoRow[]>`
      SELECT id, code, type, amount::text AS amount, "currencyId", "expiresAt", "claimsLeft", "affiliateCodeId",
             "minKYCLevelToClaim", "minTotalWagerUsdToClaim"::text AS "minTotalWagerUsdToClaim"
      FROM "PromoCode" WHERE code = ${code} AND "isActive"`;
    if (!promo) throw claimError("PROMO_NOT_FOUND");

    // Rule 2 by the unique constraint. The row starts ended (COMPLETED, isActive NULL) so it can't
    // collide with an open deposit bonus before the other rules are checked; the end sets its state.
    const [claim] = await tx.$queryRaw<{ id: string; createdAt: Date }[]>`
      INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "endedAt", "createdAt")
      VALUES (${userId}, ${promo.id}::uuid, 'COMPLETED', NULL, ${now}, ${now}, ${now})
      ON CONFLICT ("promoCodeId", "userId") DO NOTHING
      RETURNING id, "createdAt"`;

    const [player] = await tx.$queryRaw<
      { bonusBlocked: boolean; affiliateCodeId: string | null; kycLevel: TKycLevel; wagered: string; openDeposit: boolean }[]
    >`
      SELECT u."bonusBlocked", u."affiliateCodeId", u."kycLevel",
             COALESCE(s."wageredUsdAmount", 0)::text AS wagered,
             EXISTS (SELECT 1 FROM "UserPromoCode" c WHERE c."userId" = u.id AND c."isActive") AS "openDeposit"
      FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id WHERE u.id = ${userId}`;

    const failure = firstClaimFailure({
      // claimsLeft is decided below by the conditional update, not by this (possibly stale) read.
      promo: { ...promo, claimsLeft: null },
      player: { ...player, wageredUsdAmount: player.wagered },
      alreadyClaimed: !claim,
      hasOpenDepositBonus: player.openDeposit,
      now,
    });
    if (failure === "ALREADY_CLAIMED" || failure === "PROMO_EXPIRED") throw claimError(failure);

    // Rule 4: one slot, taken atomically; a claim that later ends never gives it back.
    const taken = await tx.$queryRaw<{ claimsLeft: number | null }[]>`
      UPDATE "PromoCode"
      SET "claimsLeft" = "claimsLeft" - 1, "claimsCount" = "claimsCount" + 1, "updatedAt" = now()
      WHERE id = ${promo.id}::uuid AND "isActive"
        AND ("claimsLeft" IS NULL OR "claimsLeft" > 0)
        AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
      RETURNING "claimsLeft"`;
    if (taken.length === 0) throw claimError(await whyNotTaken(tx, promo.id, now));
    if (failure) throw claimError(failure);

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
  }, TX_OPTIONS);
}

// Under a burst, claims queue for a pooled connection; waiting is better than failing.
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

async function whyNotTaken(tx: TTx, promoId: string, now: Date): Promise<TClaimError> {
  const [row] = await tx.$queryRaw<{ isActive: boolean | null; expiresAt: Date | null }[]>`
    SELECT "isActive", "expiresAt" FROM "PromoCode" WHERE id = ${promoId}::uuid`;
  if (!row?.isActive) return "PROMO_NOT_FOUND";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "PROMO_EXPIRED";
  return "PROMO_EXHAUSTED";
}

/** INSTANT: the amount, rounded down to the currency's scale, to CASH at the current rate. */
async function creditInstant(tx: TTx, userId: number, claimId: string, promo: TPromoRow, now: Date) {
  const [money] = await tx.$queryRaw<{ amount: string; rate: string; usd: string }[]>`
    SELECT a::text AS amount, r::text AS rate, (a * r)::text AS usd
    FROM (SELECT round_down_currency(${promo.amount}::numeric, ${promo.currencyId}::"CurrencyId") AS a,
                 COALESCE(usd_rate(${promo.currencyId}::"CurrencyId", ${now}::timestamptz), 0) AS r) x`;
  await appendLedger(tx, [
    {
      userId,
      kind: "INSTANT_CREDIT",
      bucket: "CASH",
      currencyId: promo.currencyId,
      amount: money.amount,
      usdAmount: money.usd,
      usdRate: money.rate,
      sourceId: claimId,
    },
  ]);
  await recordBonusGranted(tx, userId, money.usd, now);
  return { currencyId: promo.currencyId, amount: money.amount };
}
