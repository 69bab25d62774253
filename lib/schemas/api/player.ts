import { z } from "zod";

import { WAGERING_BASES } from "@/lib/schemas/enums";

// Player API bodies are strict: an unknown field is a 400.
export const ZClaimRequest = z.strictObject({
  code: z.string().trim().min(1, "is required").max(64),
});
export type TClaimRequest = z.infer<typeof ZClaimRequest>;

export const ZEmptyBody = z.strictObject({});

/** Cancel takes no body, or `{"reason": "…"}`. */
export const ZCancelRequest = z.strictObject({ reason: z.string().trim().max(500).optional() }).optional();

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
  /** What the target multiplies: the deposit and the bonus, or the bonus alone. */
  wageringBasis: z.enum(WAGERING_BASES),
  activatedAt: z.string(),
  expiresAt: z.string(),
});

export const ZMyClaimDto = ZClaimDto.extend({
  title: z.string(),
  endedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  voidedAfterEndUsdAmount: z
    .string()
    .describe(
      "USD of rollover that bets voided after this bonus ended had contributed. An ended bonus is final; this records what no longer stands (0.00 when none).",
    ),
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
  wageringBasis: z.enum(WAGERING_BASES),
  timeSecondsToComplete: z.number().nullable(),
  expiresAt: z.string().nullable(),
  claimsLeft: z.number().nullable(),
  claimable: z.boolean(),
  reason: z.enum(["KYC_LEVEL_TOO_LOW", "WAGER_TOO_LOW"]).nullable(),
});
export const ZListedPromosResponse = z.object({ promoCodes: z.array(ZListedPromoDto) });

// Response shapes of the reads and claims below (what lib/server/*/player.ts return). The OpenAPI
// document is built from them and the contract test checks every answer against it.

/** Cancel answers the claim it ended. */
export const ZCancelResponse = z.object({ claim: z.object({ id: z.string(), status: z.literal("CANCELLED") }) });

export const ZBoardStatus = z.enum(["NOT_STARTED", "ACTIVE", "ENDED", "SETTLEMENT", "FINISHED"]);
export const ZBoardType = z.enum(["WAGERED", "MULTIPLIER"]);
export const ZPrizeDto = z.object({ from: z.number().int(), to: z.number().int(), usd: z.string() });

export const ZBoardSummaryDto = z.object({
  id: z.string(),
  name: z.string(),
  type: ZBoardType,
  status: ZBoardStatus,
  startDate: z.string(),
  endDate: z.string(),
  prizeCurrency: z.string(),
  prizePoolUsd: z.string(),
  prizes: z.array(ZPrizeDto),
});
export const ZLeaderboardsResponse = z.object({ leaderboards: z.array(ZBoardSummaryDto) });

/** A board no longer in the list (ended over 7 days ago) is named by these fields only. */
export const ZBoardRefDto = ZBoardSummaryDto.pick({ id: true, name: true, type: true, status: true });

export const ZStandingDto = z.object({
  position: z.number().int(),
  /** The player's own username; others' masked ("ab***z"). */
  player: z.string(),
  isMe: z.boolean(),
  /** USD wagered on WAGERED boards, the best multiplier on MULTIPLIER boards. */
  score: z.string(),
  wageredUsd: z.string(),
});
export const ZMyStandingDto = z.object({ position: z.number().int(), score: z.string(), wageredUsd: z.string() });
export const ZLeaderboardResponse = z.object({
  leaderboard: z.union([ZBoardSummaryDto, ZBoardRefDto]),
  top: z.array(ZStandingDto),
  me: ZMyStandingDto.nullable(),
});

export const ZChallengeDto = z.object({
  id: z.string(),
  title: z.string(),
  game: z.object({ id: z.number().int(), name: z.string() }),
  minBetUsd: z.string(),
  minMultiplier: z.string(),
  reward: z.object({ currencyId: z.string(), amount: z.string(), usdAmount: z.string() }),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});
export const ZChallengesResponse = z.object({ challenges: z.array(ZChallengeDto) });

export const ZMyAffiliateResponse = z.object({
  codes: z.array(z.object({ id: z.string(), createdAt: z.string() })),
  referralsCount: z.number().int(),
  activeReferralsCount: z.number().int(),
  earnedUsd: z.string(),
  unclaimedUsd: z.string(),
  claimable: z.array(z.object({ currencyId: z.string(), amount: z.string(), claimed: z.string() })),
});

export const ZCommissionClaimResponse = z.object({ claimId: z.string(), credits: z.array(ZCreditDto) });
