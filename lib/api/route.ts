import "server-only";

import { randomUUID } from "node:crypto";
import type { z } from "zod";

import type { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { readJsonObject, refuseBodyWithFields } from "@/lib/api/body";
import { apiError, errorOf } from "@/lib/api/errors";
import { parseEvents } from "@/lib/api/events";
import type { TParsedEvent } from "@/lib/server/ingest/envelope";
import { findUnsafeText } from "@/lib/schemas/text";
import { findApiKeyCountingHit } from "@/lib/server/api-keys/authenticate";
import type { TClaimLimit } from "@/lib/server/claims/claim";
import { findPlayerCountingHit } from "@/lib/server/player-auth/authenticate";
import { verifyPlayerToken } from "@/lib/server/player-auth/tokens";

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

function errorBody(error: AppError) {
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
    throw apiError(code, `${first.path ? `${first.path}: ` : ""}${first.message}`, { details: issues });
  }
  return parsed.data;
}

function rateLimited(retryAfterSeconds: number) {
  return apiError("RATE_LIMITED", "Too many requests; slow down.", { headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** Runs a handler with the request id, the error shape and logging every route shares. */
function wrap(run: (req: Request, ctx: TRouteContext, requestId: string) => Promise<Response>): THandler {
  return async (req, ctx) => {
    const requestId = requestIdOf(req);
    let res: Response;
    try {
      res = await run(req, ctx, requestId);
    } catch (thrown) {
      const error = errorOf(thrown, { requestId, path: new URL(req.url).pathname, edge: "api request" });
      res = json(errorBody(error), error.status, error.headers);
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
    throw apiError("INVALID_QUERY", "The query may not hold a NUL character or a lone surrogate.");
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
    if (error instanceof URIError) throw apiError("NOT_FOUND", "Nothing is at this path: it is not valid text.");
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

/**
 * Player API: Bearer JWT (HS256, exp required), a known player, and the per-player limits. A claim
 * route counts its own hit: the limit is handed to the handler, whose claim counts it in its first
 * statement and answers PLAYER_NOT_FOUND itself (one round trip fewer per claim).
 */
export function playerRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: TRouteOptions<B, Q> & { rateLimit?: "claim" | "player" },
  handler: (input: TInput<B, Q> & { player: TPlayer; claimLimit: TClaimLimit }) => Promise<Response>,
): THandler {
  return wrap(async (req, ctx, requestId) => {
    const token = bearer(req);
    const userId = token ? await verifyPlayerToken(token) : null;
    if (!userId) throw apiError("UNAUTHORIZED", "A valid player token is required.");
    const e = env();
    const claimLimit: TClaimLimit = { key: `player:${userId}:claim`, max: e.RATE_LIMIT_CLAIMS_PER_MINUTE, windowSeconds: 60 };
    if (options.rateLimit === "claim") {
      return handler({ ...(await input(options, req, ctx, requestId)), player: { id: userId }, claimLimit });
    }
    const hit = await findPlayerCountingHit(userId, `player:${userId}`);
    if (!hit.playerId) throw apiError("PLAYER_NOT_FOUND", "Rollover doesn't know this player.");
    if (hit.hits > e.RATE_LIMIT_PLAYER_PER_MINUTE) throw rateLimited(hit.retryAfterSeconds);
    return handler({ ...(await input(options, req, ctx, requestId)), player: { id: hit.playerId }, claimLimit });
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
    if (!token) throw apiError("UNAUTHORIZED", "A valid API key is required.");
    const { key, hits, retryAfterSeconds } = await findApiKeyCountingHit(token);
    if (!key) throw apiError("UNAUTHORIZED", "A valid API key is required.");
    if (hits > env().RATE_LIMIT_API_KEY_PER_SECOND) throw rateLimited(retryAfterSeconds);
    return handler({ ...(await input(options, req, ctx, requestId)), apiKey: key });
  });
}

/** Public routes (the OpenAPI document): request id and error shape only. */
export function publicRoute(handler: (req: Request) => Promise<Response>): THandler {
  return wrap((req) => handler(req));
}

/** Answers every method a route doesn't serve with 405 and an `Allow` header. */
export function methodNotAllowed(allow: string[]) {
  const handler = wrap(async () => {
    throw apiError("METHOD_NOT_ALLOWED", `Use ${allow.join(" or ")}.`, { headers: { Allow: allow.join(", ") } });
  });
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].filter((m) => !allow.includes(m));
  return Object.fromEntries(methods.map((m) => [m, handler])) as Record<string, THandler>;
}

export const created = (body: unknown) => json(body, 201);
