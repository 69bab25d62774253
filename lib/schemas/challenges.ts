import { z } from "zod";

import { INT_DIGITS, INT4_MAX } from "@/lib/schemas/bounds";
import { CURRENCY_IDS, decimalString } from "@/lib/schemas/money";

// One schema for the challenge form, its server action and tests (SPEC §2 Challenges).
const decimal = (label: string) =>
  decimalString(INT_DIGITS.amount, `${label} must be a number such as 12.50, below 1,000,000,000,000`);

export const ZChallengeInput = z
  .object({
    title: z.string().trim().min(1, "Give the challenge a title").max(120),
    targetGameId: z.number({ error: "Pick the target game" }).int().positive("Pick the target game").max(INT4_MAX, "Pick the target game"),
    minBetAmountUsd: decimal("Minimum bet"),
    minBetMultiplier: decimal("Minimum multiplier").refine((v) => Number(v) >= 1, "A multiplier of at least 1×"),
    rewardCurrency: z.enum(CURRENCY_IDS),
    rewardAmount: decimal("Reward").refine((v) => /[1-9]/.test(v), "The reward must be more than 0"),
    isHidden: z.boolean(),
    startsAt: z.union([z.literal(""), z.iso.datetime({ offset: true })]).optional(),
    endsAt: z.union([z.literal(""), z.iso.datetime({ offset: true })]).optional(),
  })
  .refine((c) => !c.startsAt || !c.endsAt || new Date(c.endsAt) > new Date(c.startsAt), {
    path: ["endsAt"],
    message: "Ends before it starts",
  });
export type TChallengeInput = z.input<typeof ZChallengeInput>;
export type TChallengeParsed = z.output<typeof ZChallengeInput>;

export const CHALLENGE_DEFAULTS: TChallengeInput = {
  title: "",
  targetGameId: 0,
  minBetAmountUsd: "1",
  minBetMultiplier: "100",
  rewardCurrency: "USDT",
  rewardAmount: "100",
  isHidden: false,
  startsAt: "",
  endsAt: "",
};

export const ZChallengeIdInput = z.object({ id: z.uuid() });
export const ZRejectWinnerInput = z.object({
  id: z.uuid(),
  reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500),
});

export const CHALLENGE_STATUSES = ["scheduled", "open", "pending", "confirmed", "ended"] as const;
export type TChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export const ZChallengeListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(CHALLENGE_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TChallengeListQuery = z.output<typeof ZChallengeListQuery>;
