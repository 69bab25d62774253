import { z } from "zod";

// Player API bodies are strict: an unknown field is a 400.
export const ZClaimRequest = z.strictObject({
  code: z.string().trim().min(1, "is required").max(64),
});
export type TClaimRequest = z.infer<typeof ZClaimRequest>;

export const ZEmptyBody = z.strictObject({});

export const ZClaimDto = z.object({
  id: z.string(),
  promoCodeId: z.string(),
  code: z.string(),
  type: z.enum(["INSTANT", "DEPOSIT"]),
  status: z.enum(["CLAIMED", "ACTIVE", "COMPLETED", "EXPIRED", "CANCELLED"]),
  claimedAt: z.string(),
});

export const ZCreditDto = z.object({ currencyId: z.string(), amount: z.string() });

export const ZClaimResponse = z.object({ claim: ZClaimDto, credit: ZCreditDto.nullable() });

export const ZProgressDto = z.object({
  baseUsdAmount: z.string(),
  bonusUsdAmount: z.string(),
  wageredUsdAmount: z.string(),
  wagerUsdAmountToComplete: z.string(),
  activatedAt: z.string(),
  expiresAt: z.string(),
});

export const ZMyClaimDto = ZClaimDto.extend({
  title: z.string(),
  endedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  progress: ZProgressDto.nullable(),
});
export const ZMyClaimsResponse = z.object({ claims: z.array(ZMyClaimDto) });

export const ZListedPromoDto = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  type: z.enum(["INSTANT", "DEPOSIT"]),
  currencyId: z.string(),
  amount: z.string(),
  bonusMultiplier: z.string(),
  maxBonusUsdAmount: z.string().nullable(),
  wagerMultiplierToComplete: z.string(),
  timeSecondsToComplete: z.number().nullable(),
  expiresAt: z.string().nullable(),
  claimsLeft: z.number().nullable(),
  claimable: z.boolean(),
  reason: z.enum(["KYC_LEVEL_TOO_LOW", "WAGER_TOO_LOW"]).nullable(),
});
export const ZListedPromosResponse = z.object({ promoCodes: z.array(ZListedPromoDto) });
