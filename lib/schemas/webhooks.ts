import { z } from "zod";

import { isUnsafeText } from "@/lib/schemas/text";

// Webhooks (SPEC §2 "Grants and webhooks"): the event types, each payload's `data` (the OpenAPI
// document's `webhooks` section is generated from these), and the endpoint form of Settings →
// Webhooks. Whether a URL's address may be called is decided on the server (it resolves the host):
// lib/server/webhooks/address.ts.

export const WEBHOOK_EVENT_TYPES = [
  "claim.created",
  "bonus.activated",
  "bonus.progress",
  "bonus.expiring",
  "bonus.completed",
  "bonus.forfeited",
  "challenge.won",
  "leaderboard.prize",
  "commission.claimed",
] as const;
export type TWebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** What the test button sends; never subscribed to, sent to one endpoint on demand. */
export const PING_EVENT_TYPE = "ping";

/** Marketing events: never written for a player who is blocked, paused or opted out. */
export const MARKETING_EVENT_TYPES: readonly TWebhookEventType[] = ["bonus.progress", "bonus.expiring"];

/** The thresholds of wagering done at which `bonus.progress` fires, once each, in percent. */
export const PROGRESS_THRESHOLDS = [50, 90] as const;

export const WEBHOOK_EVENT_LABELS: Record<TWebhookEventType, string> = {
  "claim.created": "A promo was claimed (by code or grant)",
  "bonus.activated": "A deposit bonus was activated",
  "bonus.progress": "A bonus reached 50 % or 90 % of its wagering (marketing)",
  "bonus.expiring": "A bonus expires in 24 hours (marketing)",
  "bonus.completed": "A bonus completed its wagering",
  "bonus.forfeited": "A bonus expired or was cancelled",
  "challenge.won": "A challenge winner was confirmed",
  "leaderboard.prize": "A leaderboard prize was paid",
  "commission.claimed": "An affiliate claimed commissions",
};

const money = z.string().describe("decimal string");
const when = z.string().describe("ISO 8601 time, UTC");
const claimIds = { userId: z.number().int(), claimId: z.string(), promoCodeId: z.string() };
const wagering = {
  wageredUsdAmount: money,
  wagerUsdAmountToComplete: money,
  leftUsdAmount: money.describe("wagering still to go, USD"),
  expiresAt: when,
};

/** Each event type's `data`. */
export const WEBHOOK_DATA = {
  "claim.created": z.object({
    ...claimIds,
    code: z.string(),
    type: z.enum(["INSTANT", "DEPOSIT"]),
    status: z.enum(["CLAIMED", "COMPLETED"]),
    origin: z.enum(["CODE", "GRANT"]),
    grantId: z.string().nullable(),
    credit: z.object({ currencyId: z.string(), amount: money }).nullable(),
    claimedAt: when,
  }),
  "bonus.activated": z.object({
    ...claimIds,
    depositId: z.string(),
    currencyId: z.string(),
    bonusAmount: money,
    bonusUsdAmount: money,
    wagerUsdAmountToComplete: money,
    activatedAt: when,
    expiresAt: when,
  }),
  "bonus.progress": z.object({ ...claimIds, threshold: z.union([z.literal(50), z.literal(90)]), ...wagering }),
  "bonus.expiring": z.object({ ...claimIds, ...wagering }),
  "bonus.completed": z.object({ ...claimIds, currencyId: z.string(), releasedAmount: money, wageredUsdAmount: money, completedAt: when }),
  "bonus.forfeited": z.object({
    ...claimIds,
    status: z.enum(["EXPIRED", "CANCELLED"]),
    reason: z.string().nullable().describe("cancelReason (PLAYER, WITHDRAWAL, BONUS_BLOCKED, …); null when EXPIRED"),
    currencyId: z.string().nullable(),
    forfeitedAmount: money.nullable().describe("the bonus taken back; null when nothing had been granted"),
    endedAt: when,
  }),
  "challenge.won": z.object({ userId: z.number().int(), challengeId: z.string(), betId: z.string(), currencyId: z.string(), rewardAmount: money, confirmedAt: when }),
  "leaderboard.prize": z.object({
    userId: z.number().int(),
    leaderboardId: z.string(),
    rank: z.number().int(),
    currencyId: z.string(),
    amount: money,
    usdAmount: money,
    paidAt: when,
  }),
  "commission.claimed": z.object({
    userId: z.number().int(),
    payouts: z.array(z.object({ currencyId: z.string(), amount: money, usdAmount: money })),
    claimedAt: when,
  }),
} satisfies Record<TWebhookEventType, z.ZodObject>;

export const ZPingData = z.object({ endpointId: z.string(), sentAt: when });

/** The body every delivery posts (Standard Webhooks): the type, when it happened, and its data. */
export function webhookPayloadSchema<T extends z.ZodType>(type: string, data: T) {
  return z.object({ type: z.literal(type), timestamp: when, data });
}

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** Syntax of an endpoint URL (the server then resolves and checks its address). */
export const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the endpoint's URL")
  .max(MAX_WEBHOOK_URL_LENGTH, `At most ${MAX_WEBHOOK_URL_LENGTH} characters`)
  .superRefine((v, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return issue("Enter a full URL such as https://crm.example.com/rollover");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return issue("Use an https:// (or http://) URL");
    if (url.username || url.password) return issue("Credentials don't belong in the URL; the signature authenticates Rollover");
    if (!url.hostname) return issue("The URL needs a host");
    if (url.hash) return issue("A URL fragment (#…) is never sent; leave it out");
  });

/** Settings → Webhooks: the endpoint dialog, its server actions and the tests share this. */
export const ZWebhookEndpointForm = z.object({
  url: ZWebhookUrl,
  description: z
    .string()
    .trim()
    .max(200, "At most 200 characters")
    .refine((v) => !isUnsafeText(v), "Text may not hold a NUL character or a lone surrogate"),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "Choose at least one event type").max(WEBHOOK_EVENT_TYPES.length),
  enabled: z.boolean(),
});
export type TWebhookEndpointForm = z.infer<typeof ZWebhookEndpointForm>;

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;

// Settings → Webhooks: the other inputs of its actions, and the delivery log's query (URL search params).
export const ZWebhookEndpointIdInput = z.object({ id: z.uuid() });
export const ZWebhookEndpointUpdateInput = ZWebhookEndpointForm.extend({ id: z.uuid() });
export type TWebhookEndpointUpdateInput = z.input<typeof ZWebhookEndpointUpdateInput>;
export const ZWebhookEndpointEnabledInput = z.object({ id: z.uuid(), enabled: z.boolean() });
export const ZWebhookDeliveryIdInput = z.object({ deliveryId: z.uuid() });

/** The types a delivery log holds: the subscribable ones and the test button's `ping`. */
export const WEBHOOK_LOG_TYPES = [...WEBHOOK_EVENT_TYPES, PING_EVENT_TYPE] as const;
export type TWebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** A delivery log's filters and page; anything malformed is no filter (page 1). */
export const ZWebhookDeliveryQuery = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional().catch(undefined),
  type: z.enum(WEBHOOK_LOG_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TWebhookDeliveryQuery = z.output<typeof ZWebhookDeliveryQuery>;
