import { z } from "zod";

import { INT_DIGITS } from "@/lib/schemas/bounds";
import { KYC_LEVELS } from "@/lib/schemas/enums";
import { ZInt4Id } from "@/lib/schemas/ids";
import { ZCountryCode, ZJurisdictionCode, ZTagSet } from "@/lib/schemas/targeting";
import { ZMyClaimDto } from "@/lib/schemas/api/player";
import { decimalString, ZCurrencyId, ZDecimalString, ZIsoDateTime, ZPositiveDecimalString } from "@/lib/schemas/money";

// Platform events: known fields are validated; unknown ones are kept aside and reported as warnings
// (the platform may add fields before Rollover knows them).

export const MAX_BATCH = 1000;
export const OPERATOR_ID_START = 1_000_000_000;

const ZPlatformUserId = ZInt4Id;

export const ZUserEvent = z.object({
  id: ZPlatformUserId,
  username: z.string().trim().min(1).max(100),
  kycLevel: z.enum(KYC_LEVELS).optional(),
  bonusBlocked: z.boolean().optional(),
  affiliateCode: z.string().trim().min(1).max(64).nullable().optional(),
  // Targeting (campaign controls): left out keeps what is stored; null clears the country; a tags
  // list replaces the stored set (an empty list clears it).
  country: ZCountryCode.nullable().optional(),
  tags: ZTagSet.optional(),
  // Responsible play: left out keeps what is stored. bonusOptOut — the player chose no bonuses;
  // bonusBlockedUntil — a timed pause (null ends it); jurisdiction — CA-ON style, null clears it.
  bonusOptOut: z.boolean().optional(),
  bonusBlockedUntil: ZIsoDateTime.nullable().optional(),
  jurisdiction: ZJurisdictionCode.nullable().optional(),
  createdAt: ZIsoDateTime.optional(),
  updatedAt: ZIsoDateTime.optional(),
});
export type TUserEvent = z.infer<typeof ZUserEvent>;

export const ZGameEvent = z.object({
  id: ZInt4Id,
  name: z.string().trim().min(1).max(200),
  provider: z.string().trim().min(1).max(200),
  houseEdge: decimalString(1, "must be a decimal string below 1 such as \"0.01\"").refine((v) => Number(v) < 1, "must be below 1"),
  updatedAt: ZIsoDateTime.optional(),
});
export type TGameEvent = z.infer<typeof ZGameEvent>;

// A number id must be an exact integer (a JSON number above 2^53 has already lost digits).
const ZEventId = z.union([z.string().trim().min(1).max(128), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);

export const ZDepositEvent = z.object({
  id: ZEventId,
  userId: ZPlatformUserId,
  currencyId: ZCurrencyId,
  amount: ZPositiveDecimalString,
  usdAmount: ZDecimalString.optional(),
  createdAt: ZIsoDateTime,
});
export type TDepositEvent = z.infer<typeof ZDepositEvent>;

/** Money out: the same shape and bounds as a deposit (idempotent by id; amount > 0). */
export const ZWithdrawalEvent = ZDepositEvent;
export type TWithdrawalEvent = z.infer<typeof ZWithdrawalEvent>;

/** The warning a withdrawal's result carries for each bonus it forfeited (FORFEIT policy). */
export const BONUS_FORFEITED = "BONUS_FORFEITED";
export const bonusForfeitedWarning = (claimId: string) => `${BONUS_FORFEITED}: ${claimId}`;

export const ZBetEvent = z.object({
  id: ZEventId,
  userId: ZPlatformUserId,
  gameId: ZInt4Id,
  currencyId: ZCurrencyId,
  amount: ZPositiveDecimalString,
  usdAmount: ZDecimalString.optional(),
  payout: decimalString(INT_DIGITS.payout),
  payoutUsd: decimalString(INT_DIGITS.payout).optional(),
  payoutMultiplier: decimalString(INT_DIGITS.payoutMultiplier),
  createdAt: ZIsoDateTime,
});
export type TBetEvent = z.infer<typeof ZBetEvent>;

/**
 * A correction: voids one bet (SPEC "Corrections: bet rollbacks"). Idempotent by its own id; the bet
 * may not have arrived yet. `reason` is the platform's word (e.g. ROUND_CANCELLED).
 */
export const ZBetRollbackEvent = z.object({
  id: ZEventId,
  betId: ZEventId,
  reason: z.string().trim().min(1).max(64),
  createdAt: ZIsoDateTime,
});
export type TBetRollbackEvent = z.infer<typeof ZBetRollbackEvent>;

/** Warnings (each a string starting with its code) and the rejection of the rollback flow. */
export const BET_NOT_YET_RECEIVED = "BET_NOT_YET_RECEIVED";
export const VOIDED_ON_ARRIVAL = "VOIDED_ON_ARRIVAL";
export const ALREADY_VOIDED = "ALREADY_VOIDED";
export const betNotYetReceivedWarning = (betId: string) =>
  `${BET_NOT_YET_RECEIVED}: bet ${betId} is not stored yet; it will be stored voided when it arrives`;
export const voidedOnArrivalWarning = (rollbackId: string) =>
  `${VOIDED_ON_ARRIVAL}: rollback ${rollbackId} arrived first; the bet is stored voided and counts nowhere`;

/**
 * The CRM's grant (SPEC §2 "Grants"): give a promo to a player without a code, through the claim
 * path. Names the promo by `promoCodeId` or by `code`, exactly one of them. Idempotent by id.
 */
export const ZGrantEvent = z
  .object({
    id: ZEventId,
    userId: ZPlatformUserId,
    promoCodeId: z.uuid("must be a promo's id (a UUID)").optional(),
    code: z.string().trim().min(1).max(64).optional(),
  })
  .refine((g) => (g.promoCodeId === undefined) !== (g.code === undefined), {
    message: "name the promo by promoCodeId or by code, exactly one of them",
    path: ["promoCodeId"],
  });
export type TGrantEvent = z.infer<typeof ZGrantEvent>;

export const ZEventResult = z.object({
  id: z.union([z.string(), z.number(), z.null()]),
  status: z.enum(["applied", "duplicate", "rejected"]),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  warnings: z.array(z.string()),
  /** A grant's answer: the claim it made (applied) or made before (duplicate). */
  claimId: z.string().optional(),
});
export type TEventResult = z.infer<typeof ZEventResult>;
export const ZEventResults = z.object({ results: z.array(ZEventResult) });

export const ZCreditsQuery = z.object({
  // "<transaction id (xid8)>.<entry id (bigint)>": each part within its column's range.
  after: z
    .string()
    .regex(/^\d{1,20}\.\d{1,19}$/, "must be a cursor from an earlier page")
    // zod runs a refinement even after the regex failed, so it checks the shape again itself.
    .refine((v) => {
      if (!/^\d{1,20}\.\d{1,19}$/.test(v)) return false;
      const [tx, id] = v.split(".").map(BigInt);
      return tx <= 18_446_744_073_709_551_615n && id <= 9_223_372_036_854_775_807n;
    }, "must be a cursor from an earlier page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ZCreditEntry = z.object({
  id: z.string(),
  cursor: z.string(),
  userId: z.number(),
  kind: z.string(),
  bucket: z.enum(["CASH", "BONUS"]),
  currencyId: z.string(),
  amount: z.string(),
  usdAmount: z.string(),
  sourceId: z.string(),
  createdAt: z.string(),
});
export const ZCreditsResponse = z.object({ credits: z.array(ZCreditEntry), nextCursor: z.string().nullable() });

// GET /players/{id}/bonus-status: the player's open bonuses (the claim + progress shape of
// GET /me/promo-codes) and what a withdrawal made now would forfeit, per currency.
export const ZWithdrawalForfeit = z.object({ currencyId: z.string(), amount: z.string(), usdAmount: z.string() });
export const ZBonusStatusResponse = z.object({
  bonuses: z.array(ZMyClaimDto),
  withdrawalForfeits: z.array(ZWithdrawalForfeit),
});
