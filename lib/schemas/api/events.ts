import { z } from "zod";

import { ZCurrencyId, ZDecimalString, ZIsoDateTime, ZPositiveDecimalString } from "@/lib/schemas/money";

// Platform events: known fields are validated; unknown ones are kept aside and reported as warnings
// (the platform may add fields before Rollover knows them).

export const MAX_BATCH = 1000;
export const OPERATOR_ID_START = 1_000_000_000;

const ZPlatformUserId = z.number().int().positive().max(2_147_483_647);

export const ZUserEvent = z.object({
  id: ZPlatformUserId,
  username: z.string().trim().min(1).max(100),
  kycLevel: z.enum(["NONE", "LEVEL_1", "LEVEL_2", "LEVEL_3"]).optional(),
  bonusBlocked: z.boolean().optional(),
  affiliateCode: z.string().trim().min(1).max(64).nullable().optional(),
  createdAt: ZIsoDateTime.optional(),
  updatedAt: ZIsoDateTime.optional(),
});
export type TUserEvent = z.infer<typeof ZUserEvent>;

export const ZGameEvent = z.object({
  id: z.number().int().positive().max(2_147_483_647),
  name: z.string().trim().min(1).max(200),
  provider: z.string().trim().min(1).max(200),
  houseEdge: ZDecimalString.refine((v) => Number(v) < 1, "must be below 1"),
  updatedAt: ZIsoDateTime.optional(),
});
export type TGameEvent = z.infer<typeof ZGameEvent>;

const ZEventId = z.union([z.string().trim().min(1).max(128), z.number().int().nonnegative()]).transform(String);

export const ZDepositEvent = z.object({
  id: ZEventId,
  userId: ZPlatformUserId,
  currencyId: ZCurrencyId,
  amount: ZPositiveDecimalString,
  usdAmount: ZDecimalString.optional(),
  createdAt: ZIsoDateTime,
});
export type TDepositEvent = z.infer<typeof ZDepositEvent>;

export const ZBetEvent = z.object({
  id: ZEventId,
  userId: ZPlatformUserId,
  gameId: z.number().int().positive().max(2_147_483_647),
  currencyId: ZCurrencyId,
  amount: ZPositiveDecimalString,
  usdAmount: ZDecimalString.optional(),
  payout: ZDecimalString,
  payoutUsd: ZDecimalString.optional(),
  payoutMultiplier: ZDecimalString,
  createdAt: ZIsoDateTime,
});
export type TBetEvent = z.infer<typeof ZBetEvent>;

/** One event, or a batch `{"events": [...]}` of up to 1,000; anything else is a malformed envelope. */
export const ZEventEnvelope = z.union([
  z.strictObject({ events: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BATCH) }),
  z.record(z.string(), z.unknown()).refine((v) => !("events" in v), "a batch must be {\"events\": [...]}"),
]);

export const ZEventResult = z.object({
  id: z.union([z.string(), z.number(), z.null()]),
  status: z.enum(["applied", "duplicate", "rejected"]),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type TEventResult = z.infer<typeof ZEventResult>;
export const ZEventResults = z.object({ results: z.array(ZEventResult) });

export const ZCreditsQuery = z.object({
  after: z
    .string()
    .regex(/^\d+\.\d+$/, "must be a cursor from an earlier page")
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
