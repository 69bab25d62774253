// The API against its OpenAPI document: every route is documented and every documented path exists;
// every answer the typed client (tests/fixtures/api-client.ts) receives — here and in every test that
// uses it — validates against the document (status, headers, body); and the statuses a client meets
// on a bad day (401, 404, 405, 400, 413, 415, 429, 503) are real answers of the running handlers.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { openApiDocument } from "@/lib/api/openapi";
import { setEnv } from "@/lib/env";
import type { getMyAffiliate, claimMyCommissions } from "@/lib/server/affiliates/player";
import type { listOpenChallenges } from "@/lib/server/challenges/player";
import type { claimPromoCode } from "@/lib/server/claims/claim";
import type { cancelClaim } from "@/lib/server/claims/lifecycle";
import type { listClaimablePromos, listMyClaims } from "@/lib/server/claims/queries";
import type { readCredits } from "@/lib/server/credits/feed";
import { db } from "@/lib/server/db";
import type { ingestBets } from "@/lib/server/ingest/bets";
import type { getBoardForPlayer, listBoardsForPlayer } from "@/lib/server/leaderboards/player";
import { playerToken, platformKey } from "@/tests/fixtures/api";
import {
  apiClient,
  apiFetch,
  apiRoutes,
  BASE_URL,
  ContractViolation,
  documentedMethods,
  HTTP_METHODS,
  validateResponse,
  type components,
} from "@/tests/fixtures/api-client";
import { ensureCurrencies, makeGame, makeOperator, makePlayer, makePromo } from "@/tests/fixtures/factories";

// What the data-access functions return must fit the documented bodies: a shape changed on one side
// only fails `tsc` here (the runtime check below also catches a field the document doesn't name).
type TSchemas = components["schemas"];
type TReturns<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type TFits<A, B> = [A] extends [B] ? true : false;
type TAssert<T extends true> = T;
type TAnyType<T> = Omit<T, "type"> & { type: string };
export type _ServerShapesFitTheDocument = [
  TAssert<TFits<TReturns<typeof listClaimablePromos>, TSchemas["ListedPromosResponse"]>>,
  TAssert<TFits<TReturns<typeof claimPromoCode>, TSchemas["ClaimResponse"]>>,
  TAssert<TFits<TReturns<typeof listMyClaims>, TSchemas["MyClaimsResponse"]>>,
  TAssert<TFits<TReturns<typeof cancelClaim>, TSchemas["CancelResponse"]["claim"]>>,
  // A board's `type` is Prisma's LeaderboardType, typed `string` by boardSummary: its values are checked at run time.
  TAssert<TFits<TReturns<typeof listBoardsForPlayer>["leaderboards"][number], TAnyType<TSchemas["LeaderboardsResponse"]["leaderboards"][number]>>>,
  TAssert<TFits<Omit<NonNullable<TReturns<typeof getBoardForPlayer>>, "leaderboard">, Omit<TSchemas["LeaderboardResponse"], "leaderboard">>>,
  TAssert<TFits<NonNullable<TReturns<typeof getBoardForPlayer>>["leaderboard"], TAnyType<TSchemas["LeaderboardResponse"]["leaderboard"]>>>,
  TAssert<TFits<TReturns<typeof listOpenChallenges>, TSchemas["ChallengesResponse"]>>,
  TAssert<TFits<TReturns<typeof getMyAffiliate>, TSchemas["MyAffiliateResponse"]>>,
  TAssert<TFits<TReturns<typeof claimMyCommissions>, TSchemas["CommissionClaimResponse"]>>,
  TAssert<TFits<TReturns<typeof readCredits>, TSchemas["CreditsResponse"]>>,
  TAssert<TFits<TReturns<typeof ingestBets>, TSchemas["EventResults"]["results"]>>,
];

const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

beforeAll(ensureCurrencies);
afterEach(() => vi.restoreAllMocks());

/** A request the typed client can't express (another method, a mislabelled body), validated all the same. */
async function raw(method: string, path: string, init: { token?: string; body?: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await apiFetch(new Request(`${BASE_URL}${path}`, { method, headers, body: init.body }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** A path of the document with its `{params}` filled in. */
const concrete = (docPath: string) => docPath.replace(/\{\w+\}/g, UNKNOWN_UUID);

/** The app's pg pool (lib/server/db.ts), whose statements the API edge's lookups run on. */
const pool = () => (globalThis as unknown as { rolloverPool: { query: (...args: unknown[]) => unknown } }).rolloverPool;

describe("routes and document", () => {
  it("every route is documented with each method it serves, and every documented path is a route", async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const exported = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
      const served: string[] = [];
      for (const method of exported) {
        // No credentials: a served method answers 401 (or 200 for the public document), a refused one 405.
        const res = await raw(method, concrete(route.docPath));
        if (res.status !== 405) served.push(method);
      }
      expect(served.sort(), route.docPath).toEqual(documentedMethods(route.docPath).sort());
    }
    expect(Object.keys(doc.paths).sort()).toEqual(routes.map((r) => r.docPath).sort());
  });

  it("the validator catches an undocumented status, a missing header and a body off its schema", () => {
    const headers = new Headers({ "content-type": "application/json", "x-request-id": "r" });
    const ok = JSON.stringify({ challenges: [] });
    expect(validateResponse("/api/v1/challenges", "GET", { status: 200, headers, text: ok })).toEqual([]);
    expect(validateResponse("/api/v1/challenges", "GET", { status: 418, headers, text: ok })[0]).toMatch(/status not documented/);
    expect(validateResponse("/api/v1/challenges", "GET", { status: 200, headers: new Headers({ "content-type": "application/json" }), text: ok })[0]).toMatch(
      /x-request-id is missing/,
    );
    expect(validateResponse("/api/v1/challenges", "GET", { status: 200, headers, text: JSON.stringify({ challenges: [{ id: 1 }] }) })[0]).toMatch(
      /does not match/,
    );
    // A field the document doesn't name is a contract change too.
    expect(validateResponse("/api/v1/challenges", "GET", { status: 200, headers, text: JSON.stringify({ challenges: [], extra: 1 }) })[0]).toMatch(
      /does not match/,
    );
    expect(
      validateResponse("/api/v1/challenges", "POST", { status: 405, headers: new Headers({ allow: "GET, POST", "x-request-id": "r", "content-type": "application/json" }), text: "{}" })[0],
    ).toMatch(/Allow/);
  });

  it("GET /api/v1/openapi.json serves the document", async () => {
    const { data, response } = await apiClient().GET("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(data).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe("the player API's answers match the document", () => {
  it("a player's whole flow: promos, claim, my claims, cancel, boards, challenges, affiliate", async () => {
    const player = await makePlayer({ kycLevel: "LEVEL_1" });
    const client = apiClient(await playerToken(player.id));
    const promo = await makePromo({ type: "DEPOSIT", title: "contract deposit" });
    const instant = await makePromo({ type: "INSTANT", amount: "5", timeSecondsToComplete: null });

    const listed = await client.GET("/api/v1/promo-codes");
    expect(listed.data?.promoCodes.map((p) => p.id)).toEqual(expect.arrayContaining([promo.id, instant.id]));

    const claimed = await client.POST("/api/v1/promo-codes/claim", { body: { code: promo.code } });
    expect(claimed.response.status).toBe(201);
    expect((await client.POST("/api/v1/promo-codes/claim", { body: { code: instant.code } })).data?.credit).toEqual({ currencyId: "USDT", amount: "5.00" });
    expect((await client.POST("/api/v1/promo-codes/claim", { body: { code: promo.code } })).error?.error.code).toBe("ALREADY_CLAIMED");
    expect((await client.POST("/api/v1/promo-codes/claim", { body: { code: "NO-SUCH-CODE" } })).response.status).toBe(404);

    const mine = await client.GET("/api/v1/me/promo-codes");
    expect(mine.data?.claims).toHaveLength(2);

    const id = claimed.data!.claim.id;
    const cancel = await client.POST("/api/v1/me/promo-codes/{id}/cancel", { params: { path: { id } }, body: { reason: "contract test" } });
    expect(cancel.data).toEqual({ claim: { id, status: "CANCELLED" } });
    const again = await client.POST("/api/v1/me/promo-codes/{id}/cancel", { params: { path: { id } } });
    expect([again.response.status, again.error?.error.code]).toEqual([409, "NOT_CANCELLABLE"]);
    const notUuid = await client.POST("/api/v1/me/promo-codes/{id}/cancel", { params: { path: { id: "nope" } } });
    expect([notUuid.response.status, notUuid.error?.error.code]).toEqual([404, "NOT_FOUND"]);

    const game = await makeGame();
    const board = await db.leaderboard.create({
      data: {
        name: "Contract board", type: "WAGERED", status: "ACTIVE", startDate: new Date(Date.now() - 6 * 86_400_000), endDate: new Date(Date.now() + 3600_000),
        config: { prizes: [{ from: 1, to: 3, usd: "10" }], gameIds: [game.id], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
      },
    });
    expect((await client.GET("/api/v1/leaderboards")).response.status).toBe(200);
    const one = await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: board.id }, query: { top: 5 } } });
    expect(one.data).toMatchObject({ top: [], me: null });
    const old = await db.leaderboard.create({
      data: { name: "Contract old board", type: "MULTIPLIER", status: "FINISHED", startDate: new Date(Date.now() - 40 * 86_400_000), endDate: new Date(Date.now() - 30 * 86_400_000), config: {} },
    });
    // Ended over a week ago: off the list, so the board is named by its short form.
    expect((await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: old.id } } })).data?.leaderboard).toEqual({
      id: old.id, name: "Contract old board", type: "MULTIPLIER", status: "FINISHED",
    });
    const missing = await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: UNKNOWN_UUID } } });
    expect([missing.response.status, missing.error?.error.code]).toEqual([404, "NOT_FOUND"]);

    const op = await makeOperator("PROMO_MANAGER");
    await db.challenge.create({
      data: { createdById: op.id, targetGameId: game.id, defaultTitle: "contract", minBetAmountUsd: "1", minBetMultiplier: "10", rewardCurrency: "USDT", rewardAmount: "5", rewardUsdAmount: "5", rewardUsdRate: "1" },
    });
    expect((await client.GET("/api/v1/challenges")).data?.challenges.length).toBeGreaterThan(0);

    expect((await client.GET("/api/v1/me/affiliate")).data).toMatchObject({ codes: [], referralsCount: 0, claimable: [] });
    const nothing = await client.POST("/api/v1/me/affiliate/claim");
    expect([nothing.response.status, nothing.error?.error.code]).toEqual([409, "NOTHING_TO_CLAIM"]);
  });

  it("401 without or with a bad token, 404 PLAYER_NOT_FOUND for an unknown player", async () => {
    for (const client of [apiClient(), apiClient("garbage")]) {
      const res = await client.POST("/api/v1/promo-codes/claim", { body: { code: "X" } });
      expect([res.response.status, res.error?.error.code]).toEqual([401, "UNAUTHORIZED"]);
      expect((await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: UNKNOWN_UUID } } })).response.status).toBe(401);
    }
    const stranger = apiClient(await playerToken(999_999_998));
    const res = await stranger.GET("/api/v1/leaderboards/{id}", { params: { path: { id: UNKNOWN_UUID } } });
    expect([res.response.status, res.error?.error.code]).toEqual([404, "PLAYER_NOT_FOUND"]);
  });

  it("400: top=101, an unknown field on cancel, bad JSON, with the issues in details", async () => {
    const client = apiClient(await playerToken((await makePlayer()).id));
    const top = await client.GET("/api/v1/leaderboards/{id}", { params: { path: { id: UNKNOWN_UUID }, query: { top: 101 } } });
    expect([top.response.status, top.error?.error.code]).toEqual([400, "INVALID_QUERY"]);
    expect(top.error?.error.details).toEqual([expect.objectContaining({ path: "top" })]);
    const cancel = await client.POST("/api/v1/me/promo-codes/{id}/cancel", {
      params: { path: { id: UNKNOWN_UUID } },
      body: { reason: "x", extra: 1 } as { reason: string },
    });
    expect([cancel.response.status, cancel.error?.error.code]).toEqual([400, "INVALID_BODY"]);
    const claim = await client.POST("/api/v1/promo-codes/claim", { body: { code: "" } });
    expect(claim.error?.error).toMatchObject({ code: "INVALID_BODY", details: [{ path: "code" }] });
    const token = await playerToken((await makePlayer()).id);
    expect((await raw("POST", "/api/v1/promo-codes/claim", { token, body: "{nope", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await raw("POST", "/api/v1/me/affiliate/claim", { token, body: '{"x": 1}', headers: { "content-type": "application/json" } })).status).toBe(400);
  });

  it("413 for a body over 1 MiB, counted while streaming or declared", async () => {
    const token = await playerToken((await makePlayer()).id);
    const big = await apiClient(token).POST("/api/v1/promo-codes/claim", { body: { code: "x".repeat(1024 * 1024 + 10) } });
    expect([big.response.status, big.error?.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    // Over the limit whatever its label: the size is checked before the content type.
    expect((await raw("POST", "/api/v1/me/affiliate/claim", { token, body: "x".repeat(1024 * 1024 + 1), headers: { "content-type": "text/plain" } })).status).toBe(413);
  });

  it("415 for a body that isn't labelled JSON; application/json with parameters and +json types are JSON", async () => {
    const token = await playerToken((await makePlayer()).id);
    const body = JSON.stringify({ code: "NO-SUCH-CODE" });
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "application/xml", "application/json; charset=latin1", "application/jsonx"]) {
      const res = await raw("POST", "/api/v1/promo-codes/claim", { token, body, headers: { "content-type": type } });
      expect([res.status, res.json.error.code], type).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    }
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"", "application/vnd.rollover+json"]) {
      expect((await raw("POST", "/api/v1/promo-codes/claim", { token, body, headers: { "content-type": type } })).json.error.code, type).toBe("PROMO_NOT_FOUND");
    }
    // No Content-Type at all is read as JSON (bytes: a string body gets text/plain from fetch itself,
    // which is the mistake the 415 is for); an empty body needs none.
    expect((await raw("POST", "/api/v1/promo-codes/claim", { token, body: new TextEncoder().encode(body) })).json.error.code).toBe("PROMO_NOT_FOUND");
    expect((await raw("POST", "/api/v1/promo-codes/claim", { token, body })).json.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await raw("POST", "/api/v1/me/affiliate/claim", { token, body: "", headers: { "content-type": "text/plain" } })).status).toBe(409);
    const key = await platformKey("contract-415");
    const events = await raw("POST", "/api/v1/events/games", { token: key, body: JSON.stringify({ id: 1, name: "x", provider: "p", houseEdge: "0.01" }), headers: { "content-type": "text/plain" } });
    expect([events.status, events.json.error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
  });

  it("405 with Allow naming the documented methods, on every path", async () => {
    let count = 0;
    for (const route of apiRoutes()) {
      const documented = documentedMethods(route.docPath);
      const mod = (await import(route.file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !documented.includes(m) && typeof mod[m] === "function")) {
        const res = await raw(method, concrete(route.docPath));
        expect([res.status, res.json.error.code, res.headers.get("allow")], `${method} ${route.docPath}`).toEqual([405, "METHOD_NOT_ALLOWED", documented.join(", ")]);
        count += 1;
      }
    }
    expect(count).toBeGreaterThanOrEqual(apiRoutes().length * 3);
  });

  it("429 with Retry-After over the per-player limit", async () => {
    setEnv({ RATE_LIMIT_PLAYER_PER_MINUTE: "2" });
    try {
      const client = apiClient(await playerToken((await makePlayer()).id));
      // The window is a clock minute: a call may land in the next one, so call until the limit bites.
      const answers = [];
      for (let i = 0; i < 8 && answers.at(-1)?.status !== 429; i++) answers.push((await client.GET("/api/v1/challenges")).response);
      expect(answers.slice(0, 2).map((r) => r.status)).toEqual([200, 200]);
      const limited = answers.at(-1)!;
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      setEnv({ RATE_LIMIT_PLAYER_PER_MINUTE: "100000" });
    }
  });

  it("503 SERVICE_UNAVAILABLE with Retry-After when the database is unavailable", async () => {
    const client = apiClient(await playerToken((await makePlayer()).id));
    await client.GET("/api/v1/challenges"); // the client exists from here on
    // The player lookup is the request's first statement, on pg directly (lib/server/sql-transaction.ts).
    vi.spyOn(pool(), "query").mockRejectedValueOnce(new Error("Connection terminated unexpectedly"));
    const res = await client.GET("/api/v1/challenges");
    expect([res.response.status, res.error?.error.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
    expect(Number(res.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("the platform API's answers match the document", () => {
  it("events one by one and in batches (bad items rejected alone), the credits feed, and their errors", async () => {
    const client = apiClient(await platformKey("contract"));
    const game = await makeGame();
    const player = await makePlayer();
    const user = await client.POST("/api/v1/events/users", { body: { id: player.id, username: "contract_user", kycLevel: "LEVEL_1" } });
    expect(user.data?.results[0].status).toMatch(/applied|duplicate/);
    const games = await client.POST("/api/v1/events/games", { body: { events: [{ id: game.id, name: "Contract game", provider: "house", houseEdge: "0.02" }, 42, { id: "x" }] } });
    expect(games.data?.results.map((r) => r.status)).toEqual(["applied", "rejected", "rejected"]);
    const deposit = await client.POST("/api/v1/events/deposits", {
      body: { id: `dep_${player.id}`, userId: player.id, currencyId: "USDT", amount: "10.00", createdAt: new Date().toISOString() },
    });
    expect(deposit.data?.results[0]).toMatchObject({ status: "applied", error: null });
    const bets = await client.POST("/api/v1/events/bets", {
      body: { events: [{ id: `bet_${player.id}`, userId: player.id, gameId: game.id, currencyId: "USDT", amount: "1", payout: "2", payoutMultiplier: "2", createdAt: new Date().toISOString(), shiny: true }] },
    });
    expect(bets.data?.results[0].warnings).toEqual([expect.stringContaining("shiny")]);
    const envelope = await client.POST("/api/v1/events/bets", { body: { events: [], more: 1 } as never });
    expect([envelope.response.status, envelope.error?.error.code]).toEqual([400, "INVALID_BODY"]);

    const feed = await client.GET("/api/v1/credits", { params: { query: { limit: 5 } } });
    expect(feed.response.status).toBe(200);
    const bad = await client.GET("/api/v1/credits", { params: { query: { after: "nope" } } });
    expect([bad.response.status, bad.error?.error.code]).toEqual([400, "INVALID_QUERY"]);
    expect((await apiClient("rk_live_nope").GET("/api/v1/credits")).response.status).toBe(401);
  });

  it("an answer off the document fails the call", async () => {
    await apiClient(await playerToken((await makePlayer()).id)).GET("/api/v1/challenges");
    // A player row the handler can't read is an INTERNAL 500: never documented, so the client refuses it.
    vi.spyOn(pool(), "query").mockRejectedValueOnce(new Error("boom"));
    await expect(apiClient(await playerToken(1)).GET("/api/v1/challenges")).rejects.toBeInstanceOf(ContractViolation);
  });
});
