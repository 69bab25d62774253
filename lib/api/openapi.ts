// The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with.
import { z } from "zod";

import {
  ZBetEvent,
  ZCreditsResponse,
  ZDepositEvent,
  ZEventResults,
  ZGameEvent,
  ZUserEvent,
} from "@/lib/schemas/api/events";
import { ZClaimRequest, ZClaimResponse, ZListedPromosResponse, ZMyClaimsResponse } from "@/lib/schemas/api/player";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

const ZError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const errors = (...codes: [number, string][]) =>
  Object.fromEntries(
    codes.map(([status, description]) => [
      String(status),
      { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );

const ok = (s: z.ZodType, description = "OK", status = "200") => ({
  [status]: { description, content: { "application/json": { schema: schema(s) } } },
});

const batchOf = (event: z.ZodType) => ({
  oneOf: [schema(event), { type: "object", required: ["events"], properties: { events: { type: "array", maxItems: 1000, items: schema(event) } } }],
});

const eventsPath = (summary: string, event: z.ZodType) => ({
  post: {
    summary,
    security: [{ apiKey: [] }],
    requestBody: { required: true, content: { "application/json": { schema: batchOf(event) } } },
    responses: {
      ...ok(ZEventResults, "One result per event, in order"),
      ...errors([400, "INVALID_BODY: malformed envelope"], [401, "UNAUTHORIZED"], [413, "PAYLOAD_TOO_LARGE"], [429, "RATE_LIMITED"]),
    },
  },
});

const playerErrors = errors([401, "UNAUTHORIZED"], [404, "PLAYER_NOT_FOUND"], [429, "RATE_LIMITED"]);

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Rollover API",
      version: "1.0.0",
      description:
        "Player API (Bearer player JWT, HS256) and platform API (Bearer API key). Errors are {\"error\": {\"code\", \"message\"}}; every response carries x-request-id. Amounts are decimal strings.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        playerJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        apiKey: { type: "http", scheme: "bearer", description: "A platform API key (rk_live_…)" },
      },
      schemas: { Error: schema(ZError) },
    },
    paths: {
      "/api/v1/promo-codes": {
        get: { summary: "Claimable, listed promos for this player", security: [{ playerJwt: [] }], responses: { ...ok(ZListedPromosResponse), ...playerErrors } },
      },
      "/api/v1/promo-codes/claim": {
        post: {
          summary: "Claim a promo by code",
          security: [{ playerJwt: [] }],
          requestBody: { required: true, content: { "application/json": { schema: schema(ZClaimRequest) } } },
          responses: {
            ...ok(ZClaimResponse, "Claimed", "201"),
            ...errors(
              [400, "INVALID_BODY"],
              [403, "NOT_ELIGIBLE, KYC_LEVEL_TOO_LOW, WAGER_TOO_LOW"],
              [404, "PROMO_NOT_FOUND or PLAYER_NOT_FOUND"],
              [409, "ALREADY_CLAIMED, ACTIVE_BONUS_EXISTS"],
              [410, "PROMO_EXPIRED, PROMO_EXHAUSTED"],
              [429, "RATE_LIMITED"],
            ),
          },
        },
      },
      "/api/v1/me/promo-codes": {
        get: { summary: "My claims with progress", security: [{ playerJwt: [] }], responses: { ...ok(ZMyClaimsResponse), ...playerErrors } },
      },
      "/api/v1/me/promo-codes/{id}/cancel": {
        post: {
          summary: "Forfeit my CLAIMED or ACTIVE bonus",
          security: [{ playerJwt: [] }],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { "200": { description: "Cancelled" }, ...errors([409, "NOT_CANCELLABLE"]), ...playerErrors },
        },
      },
      "/api/v1/leaderboards": {
        get: { summary: "Running, upcoming and recently ended boards", security: [{ playerJwt: [] }], responses: { "200": { description: "OK" }, ...playerErrors } },
      },
      "/api/v1/leaderboards/{id}": {
        get: {
          summary: "Top N (N ≤ 100) and my position",
          security: [{ playerJwt: [] }],
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            { name: "top", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } },
          ],
          responses: { "200": { description: "OK" }, ...errors([404, "NOT_FOUND"]), ...playerErrors },
        },
      },
      "/api/v1/challenges": {
        get: { summary: "Open, non-hidden challenges", security: [{ playerJwt: [] }], responses: { "200": { description: "OK" }, ...playerErrors } },
      },
      "/api/v1/me/affiliate": {
        get: { summary: "My affiliate codes, referrals and claimable commission per currency", security: [{ playerJwt: [] }], responses: { "200": { description: "OK" }, ...playerErrors } },
      },
      "/api/v1/me/affiliate/claim": {
        post: {
          summary: "Claim my commissions, every currency at once",
          security: [{ playerJwt: [] }],
          responses: { "200": { description: "Credited" }, ...errors([409, "NOTHING_TO_CLAIM"]), ...playerErrors },
        },
      },
      "/api/v1/events/users": eventsPath("Upsert users", ZUserEvent),
      "/api/v1/events/games": eventsPath("Upsert games", ZGameEvent),
      "/api/v1/events/deposits": eventsPath("Record deposits (activates deposit bonuses)", ZDepositEvent),
      "/api/v1/events/bets": eventsPath("Record bets", ZBetEvent),
      "/api/v1/credits": {
        get: {
          summary: "The credits feed: ledger entries after a cursor, oldest first",
          security: [{ apiKey: [] }],
          parameters: [
            { name: "after", in: "query", required: false, schema: { type: "string" } },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: { ...ok(ZCreditsResponse), ...errors([400, "INVALID_QUERY"], [401, "UNAUTHORIZED"], [429, "RATE_LIMITED"]) },
        },
      },
    },
  };
}
