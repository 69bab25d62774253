import "server-only";

import { randomUUID } from "node:crypto";
import type { z } from "zod";

import { isDomainError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { readJsonObject, refuseBodyWithFields } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { parseEvents } from "@/lib/api/events";
import type { TParsedEvent } from "@/lib/server/ingest/envelope";
import { findUnsafeText } from "@/lib/schemas/text";
import { hashApiKey } from "@/lib/server/api-keys/hash";
import { db } from "@/lib/server/db";
import { databaseUnavailable } from "@/lib/server/db-errors";
import { logger } from "@/lib/server/logger";
import { verifyPlayerToken } from "@/lib/server/player-auth/tokens";
import { rateWindow } from "@/lib/server/rate-limit";

export { MAX_BODY_BYTES } from "@/lib/api/body";

type TRouteContext = { params: Promise<Record<string, string>> };
type THandler = (req: Request, ctx: TRouteContext) => Promise<Response>;

export type TPlayer = { id: number };
export type TApiKey = { id: string; name: string };

/** A JSON response; amounts are already strings, bigints become strings too. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

function errorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}

function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

function bearer(req: Request): string | null {
  const header = req.headers.get("authorization");
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}

export function zodIssues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

function parse<T extends z.ZodType>(schema: T, value: unknown, code: "INVALID_BODY" | "INVALID_QUERY"): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const first = issues[0];
    throw ApiError.of(code, `${first.path ? `${first.path}: ` : ""}${first.message}`, {}, issues);
  }
  return parsed.data;
}

function rateLimited(retryAfterSeconds: number) {
  return ApiError.of("RATE_LIMITED", "Too many requests; slow down.", { "Retry-After": String(retryAfterSeconds) });
}

/** Runs a handler with the request id, the error shape and logging every route shares. */
function wrap(run: (req: Request, ctx: TRouteContext, requestId: string) => Promise<Response>): THandler {
  return async (req, ctx) => {
    const requestId = requestIdOf(req);
    let res: Response;
    try {
      res = await run(req, ctx, requestId);
    } catch (error) {
      if (error instanceof ApiError) {
        res = json(errorBody(error), error.status, error.headers);
      } else if (isDomainError(error)) {
        res = json({ error: { code: error.code, message: error.message } }, error.status);
      } else {
        // SPEC §7: the database restarting, refusing, or out of connections/locks within 5 s is a 503
        // the client retries (a batch is one transaction, so resending it is safe), never a 500.
        const unavailable = databaseUnavailable(error);
        const path = new URL(req.url).pathname;
        if (unavailable) {
          logger.warn({ err: error, requestId, path }, "api request: database unavailable");
          const retryAfter = String(unavailable.retryAfterSeconds);
          res = json(
            errorBody(ApiError.of("SERVICE_UNAVAILABLE", `The database is unavailable; retry in ${retryAfter} s.`)),
            503,
            { "Retry-After": retryAfter },
          );
        } else {
          logger.error({ err: error, requestId, path }, "api request failed");
          res = json({ error: { code: "INTERNAL", message: `Internal error (request ${requestId}).` } }, 500);
        }
      }
    }
    res.headers.set("x-request-id", requestId);
    return res;
  };
}

type TRouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, E extends z.ZodObject | undefined = undefined> = {
  /** A strict JSON object body, parsed with this schema (a 400 when it doesn't fit). */
  body?: B;
  query?: Q;
  /** An events body: one event or `{"events": [...]}`, each parsed alone with this schema. */
  events?: E;
};
type TInput<B, Q, E = undefined> = {
  body: B extends z.ZodType ? z.output<B> : undefined;
  query: Q extends z.ZodType ? z.output<Q> : undefined;
  events: E extends z.ZodObject ? TParsedEvent<z.output<E>>[] : undefined;
  params: Record<string, string>;
  requestId: string;
  req: Request;
};

/** Reads the query string, refusing a value with a NUL or a lone surrogate like any other text. */
function queryOf(url: URL): Record<string, string> {
  // Every value is checked, repeats included; the last of a repeated key is the one parsed.
  if (findUnsafeText([...url.searchParams])) {
    throw ApiError.of("INVALID_QUERY", "The query may not hold a NUL character or a lone surrogate.");
  }
  return Object.fromEntries(url.searchParams.entries());
}

/** Next decodes path segments when they are read; one that isn't valid percent-encoded text names nothing. */
async function pathParams(ctx: TRouteContext): Promise<Record<string, string>> {
  try {
    const params = (await ctx.params) ?? {};
    if (findUnsafeText(params)) throw new URIError("unsafe text in the path");
    return params;
  } catch (error) {
    if (error instanceof URIError) throw ApiError.of("NOT_FOUND", "Nothing is at this path: it is not valid text.");
    throw error;
  }
}

async function input<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, E extends z.ZodObject | undefined>(
  options: TRouteOptions<B, Q, E>,
  req: Request,
  ctx: TRouteContext,
  requestId: string,
): Promise<TInput<B, Q, E>> {
  const url = new URL(req.url);
  const query = options.query ? parse(options.query, queryOf(url), "INVALID_QUERY") : undefined;
  let body: unknown;
  let events: unknown;
  if (options.events) events = parseEvents((await readJsonObject(req, { checkText: false }))!, options.events);
  else if (options.body) body = parse(options.body, await readJsonObject(req, { required: false }), "INVALID_BODY");
  else await refuseBodyWithFields(req);
  return { body, query, events, params: await pathParams(ctx), requestId, req } as TInput<B, Q, E>;
}

/** Player API: Bearer JWT (HS256, exp required), a known player, and the per-player limits. */
export function playerRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: TRouteOptions<B, Q> & { rateLimit?: "claim" | "player" },
  handler: (input: TInput<B, Q> & { player: TPlayer }) => Promise<Response>,
): THandler {
  return wrap(async (req, ctx, requestId) => {
    const token = bearer(req);
    const userId = token ? await verifyPlayerToken(token) : null;
    if (!userId) throw ApiError.of("UNAUTHORIZED", "A valid player token is required.");
    const e = env();
    const isClaim = options.rateLimit === "claim";
    const max = isClaim ? e.RATE_LIMIT_CLAIMS_PER_MINUTE : e.RATE_LIMIT_PLAYER_PER_MINUTE;
    const window = rateWindow(60);
    // One round trip: the player exists, and their hit in this minute's window is counted.
    const [row] = await db.$queryRaw<{ id: number | null; hits: number | null }[]>`
      WITH player AS (SELECT id FROM "User" WHERE id = ${userId} AND role = 'PLAYER'),
      hit AS (
        INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
        SELECT ${isClaim ? `player:${userId}:claim` : `player:${userId}`}, ${window.start}, 1 FROM player
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1, "updatedAt" = now()
        RETURNING "count"
      )
      SELECT (SELECT id FROM player) AS id, (SELECT "count" FROM hit) AS hits`;
    if (!row?.id) throw ApiError.of("PLAYER_NOT_FOUND", "Rollover doesn't know this player.");
    if ((row.hits ?? 0) > max) throw rateLimited(window.retryAfterSeconds);
    return handler({ ...(await input(options, req, ctx, requestId)), player: { id: row.id } });
  });
}

/** Platform API: Bearer API key (hashed lookup, not revoked) and the per-key limit. */
export function platformRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  E extends z.ZodObject | undefined = undefined,
>(
  options: TRouteOptions<B, Q, E>,
  handler: (input: TInput<B, Q, E> & { apiKey: TApiKey }) => Promise<Response>,
): THandler {
  return wrap(async (req, ctx, requestId) => {
    const token = bearer(req);
    if (!token) throw ApiError.of("UNAUTHORIZED", "A valid API key is required.");
    const window = rateWindow(1);
    // One round trip: the key (not revoked), its hit in this second's window, and its last use —
    // written at most once a minute so a busy key doesn't write its row on every request.
    const [key] = await db.$queryRaw<{ id: string; name: string; hits: number }[]>`
      WITH k AS (SELECT id, name FROM "ApiKey" WHERE hash = ${hashApiKey(token)} AND "revokedAt" IS NULL),
      hit AS (
        INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
        SELECT 'apikey:' || id, ${window.start}, 1 FROM k
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1, "updatedAt" = now()
        RETURNING "count"
      ),
      used AS (
        UPDATE "ApiKey" SET "lastUsedAt" = now()
        WHERE id IN (SELECT id FROM k) AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')
      )
      SELECT k.id, k.name, (SELECT "count" FROM hit) AS hits FROM k`;
    if (!key) throw ApiError.of("UNAUTHORIZED", "A valid API key is required.");
    if (key.hits > env().RATE_LIMIT_API_KEY_PER_SECOND) throw rateLimited(window.retryAfterSeconds);
    return handler({ ...(await input(options, req, ctx, requestId)), apiKey: { id: key.id, name: key.name } });
  });
}

/** Public routes (the OpenAPI document): request id and error shape only. */
export function publicRoute(handler: (req: Request) => Promise<Response>): THandler {
  return wrap((req) => handler(req));
}

/** Answers every method a route doesn't serve with 405 and an `Allow` header. */
export function methodNotAllowed(allow: string[]) {
  const handler = wrap(async () => {
    throw ApiError.of("METHOD_NOT_ALLOWED", `Use ${allow.join(" or ")}.`, { Allow: allow.join(", ") });
  });
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].filter((m) => !allow.includes(m));
  return Object.fromEntries(methods.map((m) => [m, handler])) as Record<string, THandler>;
}

export const created = (body: unknown) => json(body, 201);
