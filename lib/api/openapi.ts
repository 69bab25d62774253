// The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with and the
// response schemas the contract test (tests/integration/api-contract.test.ts) holds every answer to.
// `scripts/openapi-write.ts` writes it to lib/generated/ for the linter and the typed client.
import { z } from "zod";

import { ERROR_STATUS, type TErrorCode } from "@/lib/domain/errors";
import { CLAIM_ERRORS, INELIGIBLE_REASONS } from "@/lib/domain/promos/claim-rules";
import { COMPLIANCE_RULES } from "@/lib/domain/promos/compliance";
import {
  ALREADY_VOIDED,
  BET_NOT_YET_RECEIVED,
  BONUS_FORFEITED,
  MAX_BATCH,
  VOIDED_ON_ARRIVAL,
  ZBetEvent,
  ZBetRollbackEvent,
  ZBonusStatusResponse,
  ZCreditsResponse,
  ZDepositEvent,
  ZEventResults,
  ZGameEvent,
  ZGrantEvent,
  ZUserEvent,
  ZWithdrawalEvent,
} from "@/lib/schemas/api/events";
import {
  ZCancelRequest,
  ZCancelResponse,
  ZChallengesResponse,
  ZClaimRequest,
  ZClaimResponse,
  ZCommissionClaimResponse,
  ZLeaderboardResponse,
  ZLeaderboardsResponse,
  ZListedPromosResponse,
  ZMyAffiliateResponse,
  ZMyClaimsResponse,
} from "@/lib/schemas/api/player";
import {
  MARKETING_EVENT_TYPES,
  PING_EVENT_TYPE,
  PROGRESS_THRESHOLDS,
  WEBHOOK_DATA,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  webhookPayloadSchema,
  ZPingData,
  type TWebhookEventType,
} from "@/lib/schemas/webhooks";

type TCode = TErrorCode;
type TJson = Record<string, unknown>;

const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .union([
        z
          .array(z.object({ path: z.string(), message: z.string() }))
          .describe("On INVALID_BODY and INVALID_QUERY from schema validation: every issue, `path` dotted (\"\" for the whole body)."),
        z
          .object({
            reason: z.enum(INELIGIBLE_REASONS),
            rule: z.enum(COMPLIANCE_RULES).optional().describe("With JURISDICTION: the first jurisdiction rule the promo's terms fail."),
          })
          .describe("On NOT_ELIGIBLE: which eligibility condition failed first, in this order: " + INELIGIBLE_REASONS.join(", ") + "."),
      ])
      .optional(),
  }),
});

const EVENT_DESCRIPTION =
  "What a valid event is. The events endpoints take a body that is not one (a wrong type, a missing field, a value out of range, not even an object) " +
  "all the same: that event alone is answered `rejected` with INVALID_EVENT or OUT_OF_RANGE and the others apply. Unknown fields are ignored and named in `warnings`.";

/** Every schema the document names: components/schemas/<key>, referenced where used. */
const NAMED = {
  Error: ZError,
  ClaimRequest: ZClaimRequest,
  CancelRequest: ZCancelRequest.unwrap(),
  ClaimResponse: ZClaimResponse,
  ListedPromosResponse: ZListedPromosResponse,
  MyClaimsResponse: ZMyClaimsResponse,
  CancelResponse: ZCancelResponse,
  LeaderboardsResponse: ZLeaderboardsResponse,
  LeaderboardResponse: ZLeaderboardResponse,
  ChallengesResponse: ZChallengesResponse,
  MyAffiliateResponse: ZMyAffiliateResponse,
  CommissionClaimResponse: ZCommissionClaimResponse,
  UserEvent: ZUserEvent,
  GameEvent: ZGameEvent,
  DepositEvent: ZDepositEvent,
  BetEvent: ZBetEvent,
  WithdrawalEvent: ZWithdrawalEvent,
  BetRollbackEvent: ZBetRollbackEvent,
  GrantEvent: ZGrantEvent,
  EventResults: ZEventResults,
  CreditsResponse: ZCreditsResponse,
  BonusStatusResponse: ZBonusStatusResponse,
} satisfies Record<string, z.ZodType>;
type TSchemaName = keyof typeof NAMED;

/** What every webhook posts (Standard Webhooks): one schema per event type and the ping, named `<Type>Webhook`. */
type TWebhookType = TWebhookEventType | typeof PING_EVENT_TYPE;
const WEBHOOK_TYPES: readonly TWebhookType[] = [...WEBHOOK_EVENT_TYPES, PING_EVENT_TYPE];
const webhookSchemaName = (type: TWebhookType) =>
  `${type.split(".").map((w) => w[0].toUpperCase() + w.slice(1)).join("")}Webhook`;
const WEBHOOK_PAYLOADS: Record<string, z.ZodType> = Object.fromEntries(
  WEBHOOK_TYPES.map((type) => [webhookSchemaName(type), webhookPayloadSchema(type, type === PING_EVENT_TYPE ? ZPingData : WEBHOOK_DATA[type])]),
);

function componentSchemas(): Record<string, TJson> {
  const registry = z.registry<{ id: string }>();
  for (const [id, s] of Object.entries({ ...NAMED, ...WEBHOOK_PAYLOADS })) registry.add(s, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Record<string, TJson> = {};
  for (const [id, s] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = s as TJson;
    out[id] = rest;
  }
  for (const id of ["UserEvent", "GameEvent", "DepositEvent", "BetEvent", "WithdrawalEvent", "BetRollbackEvent", "GrantEvent"]) {
    out[id] = { description: EVENT_DESCRIPTION, ...out[id] };
  }
  // What zod's refinement says and JSON Schema can't infer from it: the promo is named one way, exactly.
  const grant = out.GrantEvent as { properties: Record<string, TJson> };
  out.GrantEvent = {
    ...grant,
    description: `${EVENT_DESCRIPTION} Name the promo by \`promoCodeId\` or by \`code\` (case-insensitive), exactly one of them.`,
    oneOf: [
      { title: "By promo id", required: ["promoCodeId"], properties: { promoCodeId: grant.properties.promoCodeId, code: false } },
      { title: "By code", required: ["code"], properties: { code: grant.properties.code, promoCodeId: false } },
    ],
  };
  const result = (out.EventResults as { properties: { results: { items: { properties: Record<string, TJson> } } } }).properties.results.items.properties;
  result.claimId = {
    ...result.claimId,
    description: "Grants only: the claim the grant made (`applied`) or made the first time (`duplicate`). Absent on every other result.",
  };
  return out;
}

const ref = (name: TSchemaName) => ({ $ref: `#/components/schemas/${name}` });
const REQUEST_ID = { "x-request-id": { $ref: "#/components/headers/RequestId" } };
const RETRY_AFTER = { "Retry-After": { $ref: "#/components/headers/RetryAfter" } };

/** An error answer whose `error.code` is one of `codes`. */
function errorResponse(description: string, codes: TCode[], headers: TJson = {}) {
  return {
    description,
    headers: { ...REQUEST_ID, ...headers },
    content: {
      "application/json": {
        schema: {
          allOf: [
            ref("Error"),
            { type: "object", properties: { error: { type: "object", properties: { code: { type: "string", enum: [...new Set(codes)] } } } } },
          ],
        },
      },
    },
  };
}

const okResponse = (description: string, schema: TJson) => ({
  description,
  headers: REQUEST_ID,
  content: { "application/json": { schema } },
});

const claimCodes = (status: number) =>
  (Object.keys(CLAIM_ERRORS) as (keyof typeof CLAIM_ERRORS)[]).filter((c) => ERROR_STATUS[c] === status);

type TAuth = "player" | "platform" | "none";
type TOperation = {
  operationId: string;
  summary: string;
  description?: string;
  auth: TAuth;
  /** How the route reads its body: a strict JSON object, an events envelope, or none (fields refused). */
  body?: {
    schema: TJson;
    required: boolean;
    description: string;
    examples: Record<string, { summary: string; value: unknown }>;
    isEvents?: boolean;
  };
  parameters?: TJson[];
  ok: { status: "200" | "201"; description: string; schema: TJson };
  /** Answers of this operation beyond the ones its kind shares (merged by status). */
  errors?: Record<string, [string, TCode[]]>;
};

const TAGS = { player: "Player", platform: "Platform", none: "Meta" } as const;

/** The answers an operation gives: its own, those of its kind (auth, limits, database), and the body reader's. */
function responses(op: TOperation) {
  const own: Record<string, [string, TCode[]]> = { ...op.errors };
  const add = (status: string, description: string, codes: TCode[]) => {
    const had = own[status];
    own[status] = had ? [`${had[0]}; ${description}`, [...had[1], ...codes]] : [description, codes];
  };
  if (op.auth !== "none") {
    add(
      "400",
      op.body?.isEvents
        ? "INVALID_BODY: not a JSON object, not UTF-8, or a malformed envelope (`events` not an array of 1 to 1,000 items, or another key beside it)"
        : op.body
          ? "INVALID_BODY: not a JSON object, not UTF-8, unsafe text (NUL, lone surrogate), or not matching the schema (`details` lists the issues)"
          : "INVALID_BODY: this endpoint takes no body, and one with fields is refused",
      ["INVALID_BODY"],
    );
    add("401", op.auth === "player" ? "UNAUTHORIZED: missing, malformed, expired or non-HS256 player token" : "UNAUTHORIZED: missing, unknown or revoked API key", [
      "UNAUTHORIZED",
    ]);
    if (op.auth === "player") add("404", "PLAYER_NOT_FOUND: a valid token for a player Rollover doesn't know", ["PLAYER_NOT_FOUND"]);
  }
  const out: Record<string, unknown> = {
    [op.ok.status]: okResponse(op.ok.description, op.ok.schema),
  };
  for (const [status, [description, codes]] of Object.entries(own).sort(([a], [b]) => Number(a) - Number(b))) {
    out[status] = errorResponse(description, codes);
  }
  out["405"] = { $ref: "#/components/responses/MethodNotAllowed" };
  if (op.auth !== "none") {
    out["413"] = { $ref: "#/components/responses/PayloadTooLarge" };
    out["415"] = { $ref: "#/components/responses/UnsupportedMediaType" };
    out["429"] = { $ref: "#/components/responses/RateLimited" };
    out["503"] = { $ref: "#/components/responses/ServiceUnavailable" };
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => Number(a) - Number(b)));
}

function operation(op: TOperation) {
  return {
    operationId: op.operationId,
    tags: [TAGS[op.auth]],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.auth === "player" ? [{ playerJwt: [] }] : op.auth === "platform" ? [{ apiKey: [] }] : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required,
            description: op.body.description,
            content: { "application/json": { schema: op.body.schema, examples: op.body.examples } },
          },
        }
      : {}),
    responses: responses(op),
  };
}

const uuidPath = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: `The ${what}'s id (a uuid; anything else is 404 NOT_FOUND).`,
  schema: { type: "string", format: "uuid" },
});

/** An item of a batch, or the one event: a valid one is `event`; anything else is refused alone, not the batch. */
const anyEvent = (event: TSchemaName) => ({
  anyOf: [ref(event), { description: "Any other JSON value: answered as this event's `rejected` result (INVALID_EVENT or OUT_OF_RANGE), never a 400 for the batch." }],
});

function eventsOperation(operationId: string, summary: string, event: TSchemaName, examples: TJson | TJson[], more = ""): TOperation {
  const [example, ...others] = Array.isArray(examples) ? examples : [examples];
  return {
    operationId,
    summary,
    auth: "platform",
    description: `One event or a batch \`{"events": [...]}\` of 1 to ${MAX_BATCH.toLocaleString("en")}; one result per event, in order. A batch is committed whole or not at all, so resending it is always safe.${more}`,
    body: {
      isEvents: true,
      required: true,
      description: `One ${event} (an object without an \`events\` key), or \`{"events": [...]}\` with nothing else beside it. Only a malformed envelope is a 400; each event is validated alone.`,
      schema: {
        oneOf: [
          { title: "One event", type: "object", properties: { events: false }, ...anyEvent(event) },
          {
            title: "A batch",
            type: "object",
            required: ["events"],
            additionalProperties: false,
            properties: { events: { type: "array", minItems: 1, maxItems: MAX_BATCH, items: anyEvent(event) } },
          },
        ],
      },
      examples: {
        one: { summary: "One event", value: example },
        batch: { summary: "A batch", value: { events: [example, ...others] } },
      },
    },
    ok: { status: "200", description: "One result per event, in order", schema: ref("EventResults") },
  };
}

const PATHS: Record<string, Partial<Record<"get" | "post", TOperation>>> = {
  "/api/v1/promo-codes": {
    get: {
      operationId: "listPromoCodes",
      summary: "Claimable, listed promos for this player",
      description: "Also lists the promos this player fails only by KYC level or wagering, with `claimable: false` and the reason.",
      auth: "player",
      ok: { status: "200", description: "OK", schema: ref("ListedPromosResponse") },
    },
  },
  "/api/v1/promo-codes/claim": {
    post: {
      operationId: "claimPromoCode",
      summary: "Claim a promo by code",
      description: "The code is case-insensitive. The first failing condition is reported, in the order of the codes listed here.",
      auth: "player",
      body: {
        required: true,
        description: "The promo's code. Strict: an unknown field is a 400.",
        schema: ref("ClaimRequest"),
        examples: { welcome: { summary: "Claim WELCOME100", value: { code: "welcome100" } } },
      },
      ok: { status: "201", description: "Claimed (INSTANT promos: COMPLETED, with the credit)", schema: ref("ClaimResponse") },
      errors: {
        "403": [claimCodes(403).join(", "), claimCodes(403)],
        "404": ["PROMO_NOT_FOUND: no active promo has this code", ["PROMO_NOT_FOUND"]],
        "409": [claimCodes(409).join(", "), claimCodes(409)],
        "410": [claimCodes(410).join(", "), claimCodes(410)],
      },
    },
  },
  "/api/v1/me/promo-codes": {
    get: {
      operationId: "listMyClaims",
      summary: "My claims with progress, effective status and expiry",
      auth: "player",
      ok: { status: "200", description: "OK", schema: ref("MyClaimsResponse") },
    },
  },
  "/api/v1/me/promo-codes/{id}/cancel": {
    post: {
      operationId: "cancelMyClaim",
      summary: "Forfeit my CLAIMED or ACTIVE bonus",
      auth: "player",
      parameters: [uuidPath("claim")],
      body: {
        required: false,
        description: "No body, `{}`, or a reason kept with the claim. Strict: an unknown field is a 400.",
        schema: ref("CancelRequest"),
        examples: { reason: { summary: "With a reason", value: { reason: "Changed my mind" } }, empty: { summary: "No reason", value: {} } },
      },
      ok: { status: "200", description: "Cancelled; the bonus is forfeited", schema: ref("CancelResponse") },
      errors: {
        "404": ["NOT_FOUND: the id is not a uuid", ["NOT_FOUND"]],
        "409": ["NOT_CANCELLABLE: no claim of mine with this id is CLAIMED, or ACTIVE and unexpired", ["NOT_CANCELLABLE"]],
      },
    },
  },
  "/api/v1/leaderboards": {
    get: {
      operationId: "listLeaderboards",
      summary: "Running, upcoming and recently ended boards",
      description: "Boards ending from 7 days ago on, earliest start first, 50 at most.",
      auth: "player",
      ok: { status: "200", description: "OK", schema: ref("LeaderboardsResponse") },
    },
  },
  "/api/v1/leaderboards/{id}": {
    get: {
      operationId: "getLeaderboard",
      summary: "Top N (N ≤ 100) and my position",
      auth: "player",
      parameters: [
        uuidPath("board"),
        { name: "top", in: "query", required: false, description: "How many ranks to show (1 to 100).", schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } },
      ],
      ok: { status: "200", description: "OK", schema: ref("LeaderboardResponse") },
      errors: {
        "400": ["INVALID_QUERY: `top` is not a whole number from 1 to 100", ["INVALID_QUERY"]],
        "404": ["NOT_FOUND: no such board", ["NOT_FOUND"]],
      },
    },
  },
  "/api/v1/challenges": {
    get: {
      operationId: "listChallenges",
      summary: "Open, non-hidden challenges",
      description: "A challenge whose winner is selected (awaiting confirmation) or confirmed, or whose window is over, is not open.",
      auth: "player",
      ok: { status: "200", description: "OK", schema: ref("ChallengesResponse") },
    },
  },
  "/api/v1/me/affiliate": {
    get: {
      operationId: "getMyAffiliate",
      summary: "My affiliate codes, referrals and claimable commission per currency",
      auth: "player",
      ok: { status: "200", description: "OK", schema: ref("MyAffiliateResponse") },
    },
  },
  "/api/v1/me/affiliate/claim": {
    post: {
      operationId: "claimMyCommissions",
      summary: "Claim my commissions, every currency at once",
      description: "Each currency is credited to CASH, rounded down to its scale. Takes no body (or `{}`).",
      auth: "player",
      ok: { status: "200", description: "Credited", schema: ref("CommissionClaimResponse") },
      errors: { "409": ["NOTHING_TO_CLAIM", ["NOTHING_TO_CLAIM"]] },
    },
  },
  "/api/v1/events/users": {
    post: eventsOperation("ingestUsers", "Upsert users", "UserEvent", {
      id: 1042,
      username: "lucky_cat",
      kycLevel: "LEVEL_1",
      bonusBlocked: false,
      bonusOptOut: false,
      bonusBlockedUntil: null,
      affiliateCode: "STREAMER123",
      country: "DE",
      tags: ["VIP_GOLD"],
      createdAt: "2026-11-25T10:00:00Z",
    }),
  },
  "/api/v1/events/games": {
    post: eventsOperation("ingestGames", "Upsert games", "GameEvent", { id: 7, name: "Plinko", provider: "house", houseEdge: "0.01" }),
  },
  "/api/v1/events/deposits": {
    post: eventsOperation("ingestDeposits", "Record deposits (activates deposit bonuses)", "DepositEvent", {
      id: "dep_9f2",
      userId: 1042,
      currencyId: "USDT",
      amount: "100.00",
      usdAmount: "100.00",
      createdAt: "2026-11-25T10:05:00Z",
    }),
  },
  "/api/v1/events/bets": {
    post: eventsOperation("ingestBets", "Record bets", "BetEvent", {
      id: "bet_77a",
      userId: 1042,
      gameId: 7,
      currencyId: "BTC",
      amount: "0.00021",
      usdAmount: "20.00",
      payout: "0.00042",
      payoutMultiplier: "2.0",
      createdAt: "2026-11-25T10:06:00Z",
    }, ` A bet whose rollback (\`POST /api/v1/events/bet-rollbacks\`) arrived first is stored voided: \`applied\` with the warning \`${VOIDED_ON_ARRIVAL}: …\`, and it counts nowhere.`),
  },
  "/api/v1/events/withdrawals": {
    post: eventsOperation(
      "ingestWithdrawals",
      "Record withdrawals (forfeits bonuses under the FORFEIT policy)",
      "WithdrawalEvent",
      { id: "wd_5", userId: 1042, currencyId: "USDT", amount: "50.00", usdAmount: "50.00", createdAt: "2026-11-25T11:00:00Z" },
      " Idempotent by id like deposits (a replay is `duplicate` and forfeits nothing more; the same id with other content is `ID_CONFLICT`)." +
        " Each promo has a `withdrawalPolicy`: under `FORFEIT` (the default) a withdrawal whose `createdAt` falls in an ACTIVE bonus's window" +
        " [activatedAt, expiresAt) cancels that bonus (`cancelReason` WITHDRAWAL) and forfeits its granted amount (a BONUS_FORFEIT credit);" +
        ` under \`KEEP\` nothing happens. A CLAIMED bonus is never touched. The result's \`warnings\` hold \`${BONUS_FORFEITED}: <claim id>\` for each bonus forfeited.`,
    ),
  },
  "/api/v1/events/bet-rollbacks": {
    post: eventsOperation(
      "ingestBetRollbacks",
      "Void bets (corrections)",
      "BetRollbackEvent",
      { id: "rb_31", betId: "bet_77a", reason: "ROUND_CANCELLED", createdAt: "2026-11-25T10:07:00Z" },
      " Idempotent by id like deposits and bets (a replay is `duplicate`; the same id with other content is `ID_CONFLICT`)." +
        ` A second rollback id for a bet that already has one is rejected with \`${ALREADY_VOIDED}\`; in one batch the first sent for a bet wins.` +
        " The bet row stays, with `voidedAt` (the rollback's `createdAt`), and counts nowhere again: user stats, the platform's day," +
        " affiliate rollups and commissions (claimable may go below zero, later commissions fill it first, a claim pays only currencies above zero)," +
        " the rollover of an ACTIVE bonus (exactly what the bet added, and its max-bet violation), leaderboards before settlement and unconfirmed challenge winners." +
        " A bonus that has ended is final; its claim records `voidedAfterEndUsdAmount`." +
        ` A rollback for a bet not received yet is stored (\`applied\`, warning \`${BET_NOT_YET_RECEIVED}: …\`); the bet, when it arrives, is stored voided` +
        ` (\`applied\`, warning \`${VOIDED_ON_ARRIVAL}: …\`) and counts nowhere.`,
    ),
  },
  "/api/v1/events/grants": {
    post: eventsOperation(
      "ingestGrants",
      "Give promos to players without a code (CRM grants)",
      "GrantEvent",
      [
        { id: "g_881", userId: 1042, code: "WELCOME100" },
        { id: "g_882", userId: 1043, promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90" },
      ],
      " Idempotent by id like deposits (a replay is `duplicate` and claims nothing more; the same id with other content is `ID_CONFLICT`)." +
        " A grant is a claim made for the player: the claim rules run in the same order with the same codes as `POST /api/v1/promo-codes/claim`" +
        ` (${Object.keys(CLAIM_ERRORS).join(", ")}), except that a hidden promo can be granted and the player's claim rate limit does not apply;` +
        " the claim records its origin (GRANT) and the grant's id. An `applied` result carries `claimId`." +
        " Before the claim rules, a player may receive at most `GRANTS_PER_PLAYER_PER_DAY` (default 30) applied grants in any 24 hours" +
        " (code claims and rejected grants don't count): the next one is `rejected` with GRANT_LIMIT." +
        " A player Rollover doesn't know is UNKNOWN_USER; a promo id or code naming no promo is PROMO_NOT_FOUND. A rejected grant claims nothing and may be sent again.",
    ),
  },
  "/api/v1/players/{id}/bonus-status": {
    get: {
      operationId: "getPlayerBonusStatus",
      summary: "A player's open bonuses and what a withdrawal now would forfeit",
      description:
        "For the cashier, before the player confirms a withdrawal. `bonuses`: the player's CLAIMED and ACTIVE bonuses not past expiry, " +
        "each a claim with its `progress` (wagering done and to complete, expiry) exactly as in `GET /api/v1/me/promo-codes`. " +
        "`withdrawalForfeits`: per currency, the granted amount of the ACTIVE bonuses under the FORFEIT policy that a withdrawal made now " +
        "would forfeit (`amount` in the bonus's currency, rounded down to its scale; `usdAmount` its USD value) — the same selection " +
        "`POST /api/v1/events/withdrawals` then applies. An empty list when a withdrawal would forfeit nothing.",
      auth: "platform",
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          description: "The player's platform user id (1 to 2,147,483,647; anything else is 404 NOT_FOUND).",
          schema: { type: "string", pattern: "^[0-9]{1,10}$" },
        },
      ],
      ok: { status: "200", description: "OK", schema: ref("BonusStatusResponse") },
      errors: { "404": ["NOT_FOUND: the id is not a user id; PLAYER_NOT_FOUND: Rollover doesn't know this player", ["NOT_FOUND", "PLAYER_NOT_FOUND"]] },
    },
  },
  "/api/v1/credits": {
    get: {
      operationId: "listCredits",
      summary: "The credits feed: ledger entries after a cursor, oldest first",
      description: "Apply each entry once, by `id`; keep `nextCursor` for the next page.",
      auth: "platform",
      parameters: [
        { name: "after", in: "query", required: false, description: "A cursor from an earlier page.", schema: { type: "string" } },
        { name: "limit", in: "query", required: false, description: "Entries per page (1 to 1000).", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
      ],
      ok: { status: "200", description: "OK", schema: ref("CreditsResponse") },
      errors: { "400": ["INVALID_QUERY: a cursor not handed out by the feed, or a limit outside 1 to 1000", ["INVALID_QUERY"]] },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      auth: "none",
      ok: { status: "200", description: "The OpenAPI 3.1 document", schema: { type: "object" } },
    },
  },
};

const errorShape = (codes: TCode[]) => errorResponse("", codes).content;

// The `webhooks` section: what Rollover POSTs to each endpoint of Settings → Webhooks.
const MARKETING_NOTE =
  " Marketing: never sent for a player who is blocked, inside a pause (`bonusBlockedUntil`) or opted out (`bonusOptOut`), at the time it would be written.";
const CLAIM_IDS = "`data` names the player (`userId`), the claim (`claimId`) and the promo (`promoCodeId`).";
const WHEN: Record<TWebhookType, string> = {
  "claim.created":
    "A promo was claimed: by the player with its code (`origin` CODE) or by a CRM grant (`origin` GRANT, `grantId` the grant event's id). " +
    "An INSTANT promo is COMPLETED at once, with its `credit`; a DEPOSIT promo is CLAIMED and waits for a deposit. " + CLAIM_IDS,
  "bonus.activated":
    "A deposit activated a CLAIMED deposit bonus: the bonus is granted to the BONUS bucket, the wagering to complete and the expiry are fixed. " + CLAIM_IDS,
  "bonus.progress":
    `An ACTIVE bonus's wagering reached ${PROGRESS_THRESHOLDS.map((t) => `${t} %`).join(" or ")} of what completes it (\`threshold\`), once per threshold; ` +
    "a bet batch that crosses both sends both. " + CLAIM_IDS,
  "bonus.expiring":
    "An ACTIVE bonus expires in 24 hours (sent once, by the worker, 24 h before `expiresAt`; not for a bonus whose window is shorter than 48 h). " + CLAIM_IDS,
  "bonus.completed": "An ACTIVE bonus completed its wagering: the granted amount is released from BONUS to CASH (`releasedAmount`). " + CLAIM_IDS,
  "bonus.forfeited":
    "A CLAIMED or ACTIVE bonus ended without completing: EXPIRED (`reason` null), or CANCELLED with its `reason` (the claim's cancelReason: " +
    "the player, support, a withdrawal, a block…). `forfeitedAmount` is the grant taken back, null when nothing had been granted (a CLAIMED bonus). " + CLAIM_IDS,
  "challenge.won": "An operator confirmed a challenge's winner; the reward is credited. `data` names the challenge and the winning bet.",
  "leaderboard.prize": "A leaderboard's settlement paid a prize: one event per prize paid, with the rank.",
  "commission.claimed": "An affiliate claimed their commissions: what each currency paid to CASH.",
  ping: "The test button of Settings → Webhooks: sent to that one endpoint on demand, whatever types it subscribes to, with the same headers and signature as every event.",
};
const WHEN_PAYLOAD = "`timestamp` is when the event happened (ISO 8601, UTC); `data` holds the ids it concerns and the figures a message needs.";

const WEBHOOK_EXAMPLES: Record<TWebhookType, TJson> = {
  "claim.created": {
    userId: 1042, claimId: "7d1c2f5e-0b8a-4c61-9e3f-2a4b6c8d0e1f", promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90", code: "WELCOME100",
    type: "DEPOSIT", status: "CLAIMED", origin: "GRANT", grantId: "g_881", credit: null, claimedAt: "2026-11-25T10:04:00.000Z",
  },
  "bonus.activated": {
    userId: 1042, claimId: "7d1c2f5e-0b8a-4c61-9e3f-2a4b6c8d0e1f", promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90", depositId: "dep_9f2",
    currencyId: "USDT", bonusAmount: "100.00", bonusUsdAmount: "100.00", wagerUsdAmountToComplete: "6000.00",
    activatedAt: "2026-11-25T10:05:00.000Z", expiresAt: "2026-12-02T10:05:00.000Z",
  },
  "bonus.progress": {
    userId: 1042, claimId: "7d1c2f5e-0b8a-4c61-9e3f-2a4b6c8d0e1f", promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90", threshold: 50,
    wageredUsdAmount: "3010.00", wagerUsdAmountToComplete: "6000.00", leftUsdAmount: "2990.00", expiresAt: "2026-12-02T10:05:00.000Z",
  },
  "bonus.expiring": {
    userId: 1042, claimId: "7d1c2f5e-0b8a-4c61-9e3f-2a4b6c8d0e1f", promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90",
    wageredUsdAmount: "4200.00", wagerUsdAmountToComplete: "6000.00", leftUsdAmount: "1800.00", expiresAt: "2026-12-02T10:05:00.000Z",
  },
  "bonus.completed": {
    userId: 1042, claimId: "7d1c2f5e-0b8a-4c61-9e3f-2a4b6c8d0e1f", promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90", currencyId: "USDT",
    releasedAmount: "100.00", wageredUsdAmount: "6000.00", completedAt: "2026-11-28T19:40:00.000Z",
  },
  "bonus.forfeited": {
    userId: 1042, claimId: "7d1c2f5e-0b8a-4c61-9e3f-2a4b6c8d0e1f", promoCodeId: "5b0f6a2e-3c1d-4e8a-9f27-0d6c1b4a7e90", status: "CANCELLED",
    reason: "WITHDRAWAL", currencyId: "USDT", forfeitedAmount: "100.00", endedAt: "2026-11-25T11:00:00.000Z",
  },
  "challenge.won": {
    userId: 1042, challengeId: "0e7b9c1a-4d2f-4a86-b3c5-9f1e2d3c4b5a", betId: "bet_77a", currencyId: "USDT", rewardAmount: "250.00",
    confirmedAt: "2026-11-25T12:00:00.000Z",
  },
  "leaderboard.prize": {
    userId: 1042, leaderboardId: "3a9d8c7b-6e5f-4a3b-8c2d-1e0f9a8b7c6d", rank: 1, currencyId: "USDT", amount: "500.00", usdAmount: "500.00",
    paidAt: "2026-12-01T00:05:00.000Z",
  },
  "commission.claimed": {
    userId: 1, payouts: [{ currencyId: "USDT", amount: "42.17", usdAmount: "42.17" }, { currencyId: "BTC", amount: "0.00012", usdAmount: "11.40" }],
    claimedAt: "2026-11-25T13:00:00.000Z",
  },
  ping: { endpointId: "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", sentAt: "2026-11-25T09:00:00.000Z" },
};

const WEBHOOK_HEADERS = {
  WebhookId: {
    name: "webhook-id",
    in: "header",
    required: true,
    description: "The event's id (`msg_…`): the same on every attempt, to every endpoint, and on a resend from the delivery log. Delivery is at least once: dedupe by it.",
    schema: { type: "string", pattern: "^msg_[A-Za-z0-9]+$" },
  },
  WebhookTimestamp: {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    description: "When this attempt was signed, in whole seconds since the Unix epoch. Refuse one far from your clock (the standardwebhooks verifier allows 5 minutes either way): it stops replays.",
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
  WebhookSignature: {
    name: "webhook-signature",
    in: "header",
    required: true,
    description:
      "`v1,` + base64 of HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed with the endpoint's secret decoded: the part after `whsec_`, " +
      "base64-decoded (24 bytes). Space-separated, one per secret in force: for 24 h after a rotation both the new and the old secret sign. Accept the request when any one matches.",
    schema: { type: "string", pattern: "^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$" },
  },
};

function webhookOperation(type: TWebhookType) {
  const marketing = type !== PING_EVENT_TYPE && MARKETING_EVENT_TYPES.includes(type);
  const summary = type === PING_EVENT_TYPE ? "A test event (Settings → Webhooks, Send ping)" : WEBHOOK_EVENT_LABELS[type];
  return {
    post: {
      operationId: `webhook${webhookSchemaName(type).replace(/Webhook$/, "")}`,
      tags: ["Webhooks"],
      summary,
      description: `${WHEN[type]}${marketing ? MARKETING_NOTE : ""} ${WHEN_PAYLOAD}`,
      security: [],
      parameters: Object.keys(WEBHOOK_HEADERS).map((name) => ({ $ref: `#/components/parameters/${name}` })),
      requestBody: {
        required: true,
        description: `\`{"type": "${type}", "timestamp", "data"}\`, sent as \`application/json\`. Verify the signature over the raw bytes before parsing. Fields may be added: ignore those you don't know.`,
        content: {
          "application/json": {
            schema: { $ref: `#/components/schemas/${webhookSchemaName(type)}` },
            examples: { [type.replace(".", "_")]: { summary, value: { type, timestamp: "2026-11-25T10:04:00.000Z", data: WEBHOOK_EXAMPLES[type] } } },
          },
        },
      },
      responses: {
        "2XX": { description: "Acknowledged: any 2xx within 10 s delivers the event to this endpoint (the body is ignored); it is not sent again unless resent from the delivery log." },
        default: {
          description:
            "Anything else — another status (a 3xx is not followed), no answer within 10 s, a refused connection — is a failed attempt: retried with backoff " +
            "(the first retry within 30 s, then longer gaps up to hourly) for up to 24 h.",
        },
      },
    },
  };
}

function buildDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Rollover API",
      version: "1.0.0",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      description:
        "Player API (Bearer player JWT, HS256) and platform API (Bearer API key). Bodies are JSON (`application/json`, or a `+json` type; " +
        "another Content-Type with a body is 415). Errors are `{\"error\": {\"code\", \"message\"}}`; every response carries `x-request-id`. " +
        "Amounts are decimal strings; times ISO 8601 with a zone. Any method a path does not document answers 405 METHOD_NOT_ALLOWED with `Allow`.",
    },
    // Relative: the document describes the deployment that serves it, whatever its host.
    servers: [{ url: "/", description: "The deployment serving this document" }],
    tags: [
      { name: "Player", description: "Called by the casino's player-facing site on a player's behalf (Bearer player JWT)." },
      { name: "Platform", description: "Called by the casino platform (Bearer API key): events in, the credits feed out." },
      { name: "Meta", description: "About the API itself." },
      {
        name: "Webhooks",
        description:
          "What Rollover POSTs to the endpoints set up in Settings → Webhooks (Standard Webhooks): signed with the endpoint's secret, delivered at least once " +
          "(dedupe by `webhook-id`; order is not promised), retried with backoff for 24 h; an endpoint failing for 3 days is disabled. " +
          "Only public addresses are called, over https (the host is resolved and checked at each attempt; a deployment may allow private and loopback " +
          "addresses, and plain http to them, for local testing with WEBHOOK_ALLOW_PRIVATE=1), redirects are not followed and at most 64 KiB of an answer is read.",
      },
    ],
    components: {
      securitySchemes: {
        playerJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "HS256, `sub` = the player's id as a string, `exp` required." },
        apiKey: { type: "http", scheme: "bearer", description: "A platform API key (rk_live_…)" },
      },
      schemas: componentSchemas(),
      parameters: WEBHOOK_HEADERS,
      headers: {
        RequestId: {
          description: "The request's id: the one sent (1–100 of `A-Za-z0-9_.:-`) or a new uuid.",
          required: true,
          schema: { type: "string" },
        },
        RetryAfter: { description: "Whole seconds to wait before retrying.", required: true, schema: { type: "string", pattern: "^[0-9]+$" } },
        Allow: { description: "The methods this path serves, comma-separated.", required: true, schema: { type: "string" } },
      },
      responses: {
        MethodNotAllowed: {
          description: "METHOD_NOT_ALLOWED: a method this path does not serve (any of GET, POST, PUT, PATCH, DELETE other than its own)",
          headers: { ...REQUEST_ID, Allow: { $ref: "#/components/headers/Allow" } },
          content: errorShape(["METHOD_NOT_ALLOWED"]),
        },
        PayloadTooLarge: {
          description: "PAYLOAD_TOO_LARGE: a body over 1 MiB (counted while streaming, or declared by Content-Length)",
          headers: REQUEST_ID,
          content: errorShape(["PAYLOAD_TOO_LARGE"]),
        },
        UnsupportedMediaType: {
          description:
            "UNSUPPORTED_MEDIA_TYPE: a non-empty body whose Content-Type is not `application/json` or a `+json` type (parameters allowed; a charset other than UTF-8 is refused). A body without a Content-Type is read as JSON.",
          headers: REQUEST_ID,
          content: errorShape(["UNSUPPORTED_MEDIA_TYPE"]),
        },
        RateLimited: {
          description: "RATE_LIMITED: over the limit (player: claims 10 a minute, other calls 120 a minute; API key: 100 a second)",
          headers: { ...REQUEST_ID, ...RETRY_AFTER },
          content: errorShape(["RATE_LIMITED"]),
        },
        ServiceUnavailable: {
          description:
            "SERVICE_UNAVAILABLE: the database is restarting or busy (no connection or lock within 5 s). Nothing was applied; resend the same request after Retry-After.",
          headers: { ...REQUEST_ID, ...RETRY_AFTER },
          content: errorShape(["SERVICE_UNAVAILABLE"]),
        },
      },
    },
    paths: Object.fromEntries(
      Object.entries(PATHS).map(([path, ops]) => [path, Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(op!)]))]),
    ),
    webhooks: Object.fromEntries(WEBHOOK_TYPES.map((type) => [type, webhookOperation(type)])),
  };
}

let built: ReturnType<typeof buildDocument> | undefined;

/** The document (built once: it depends on nothing but the code). */
export function openApiDocument() {
  built ??= buildDocument();
  return built;
}
