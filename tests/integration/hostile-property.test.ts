// SPEC §7 as a property: thousands of generated bodies — wrong types, huge and tiny decimals, exponents,
// NUL and lone surrogates, deep nesting, extra fields, int4 edges — sent through the real route handlers
// on a real database. Never a 5xx; a bad event never blocks the good ones in its batch; the database
// holds exactly the events that were answered "applied".
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import { GET as creditsRoute } from "@/app/api/v1/credits/route";
import { POST as betRollbacksRoute } from "@/app/api/v1/events/bet-rollbacks/route";
import { POST as betsRoute } from "@/app/api/v1/events/bets/route";
import { POST as depositsRoute } from "@/app/api/v1/events/deposits/route";
import { POST as usersRoute } from "@/app/api/v1/events/users/route";
import { GET as leaderboardRoute } from "@/app/api/v1/leaderboards/[id]/route";
import { POST as cancelRoute } from "@/app/api/v1/me/promo-codes/[id]/cancel/route";
import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { findUnsafeText } from "@/lib/schemas/text";
import { db } from "@/lib/server/db";
import { call, platformKey, playerToken } from "@/tests/fixtures/api";
import { ensureCurrencies, makeGame, makePlayer } from "@/tests/fixtures/factories";

let key: string;
let token: string;
let players: number[];
let games: number[];
let seq = 0;
const uniqueEventId = (kind: string) => `${kind}_prop_${process.pid}_${Date.now()}_${++seq}`;

beforeAll(async () => {
  await ensureCurrencies();
  key = await platformKey("property test");
  players = (await Promise.all([makePlayer(), makePlayer(), makePlayer()])).map((p) => p.id);
  games = (await Promise.all([makeGame(), makeGame()])).map((g) => g.id);
  token = await playerToken(players[0]);
});

// Values a hostile or broken client sends in place of any field.
const hostileValue = fc.oneof(
  fc.constantFrom(
    "99999999999999999999", "999999999999999999999999999999", "1e20", "1E-30", "-1", "-0", "0", "0.0000000000000000001",
    "NaN", "Infinity", "12.5.3", " 12 ", "0x10", "١٢", "", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83dy",
    2147483647, 2147483648, -2147483649, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null,
    "2026-13-45T99:99:99Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "2026-11-25T10:00:00",
    "BTC\u0000", "btc", "XRP",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.json({ maxDepth: 3 }).map((j) => JSON.parse(j) as unknown),
  fc.integer({ min: 1, max: 400 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown),
);

/**
 * Sends as the platform must: a 503 (the database busy past 5 s on a loaded test machine; the batch was
 * not written, SPEC §7) is sent again. Anything else is the answer.
 */
async function sendResending(route: Parameters<typeof call>[0], options: Parameters<typeof call>[1]) {
  for (let attempt = 1; ; attempt++) {
    const res = await call(route, options);
    if (res.status !== 503 || attempt === 5) return res;
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
}

// Replaying a failing case while shrinking would resend ids already stored ("duplicate") and hide the
// first failure: report it as found.
const RUN = { endOnFailure: true } as const;

type TCase = { event: unknown; valid: boolean };

/** A bet the API must apply (known player and game, in-range values, a fresh id). */
const validBet = fc
  .record({
    player: fc.nat({ max: 2 }),
    game: fc.nat({ max: 1 }),
    cents: fc.integer({ min: 1, max: 10_000_000 }),
    mult: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ player, game, cents, mult }) => ({
    id: uniqueEventId("bet"),
    userId: players[player],
    gameId: games[game],
    currencyId: "USDT",
    amount: (cents / 100).toFixed(2),
    usdAmount: (cents / 100).toFixed(2),
    payout: ((cents / 100) * (mult / 100)).toFixed(4),
    payoutMultiplier: (mult / 100).toFixed(2),
    createdAt: new Date().toISOString(),
  }));

const betFields = ["id", "userId", "gameId", "currencyId", "amount", "usdAmount", "payout", "payoutUsd", "payoutMultiplier", "createdAt"];

/** A valid bet with one field replaced, removed, or an extra field added (extra fields are fine). */
const mutatedBet = fc
  .tuple(validBet, fc.constantFrom(...betFields, "__extra", "__drop"), hostileValue, fc.constantFrom(...betFields))
  .map(([bet, field, value, drop]): TCase => {
    // An unknown field is ignored — but text anywhere in an event may not hold a NUL or a lone surrogate.
    if (field === "__extra") return { event: { ...bet, [`x_${seq}`]: value }, valid: findUnsafeText(value) === null };
    if (field === "__drop") {
      const { [drop as keyof typeof bet]: _dropped, ...rest } = bet;
      // usdAmount and payoutUsd are optional: dropping one leaves a valid bet.
      return { event: rest, valid: drop === "usdAmount" || drop === "payoutUsd" };
    }
    return { event: { ...bet, [field]: value }, valid: false };
  });

const betCase: fc.Arbitrary<TCase> = fc.oneof(
  validBet.map((event) => ({ event, valid: true })),
  mutatedBet,
  hostileValue.map((event) => ({ event, valid: false })),
);

describe("generated hostile input through the real routes", () => {
  it("bet batches: never a 5xx, good events apply, the database holds exactly the applied ones", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(betCase, { minLength: 1, maxLength: 12 }), async (cases) => {
        const res = await sendResending(betsRoute, { token: key, body: { events: cases.map((c) => c.event) } });
        expect(res.status).toBe(200);
        const results: { id: unknown; status: string }[] = res.json.results;
        expect(results).toHaveLength(cases.length);
        const applied: string[] = [];
        results.forEach((r, i) => {
          const c = cases[i];
          // A mutated bet may land valid by chance; it is then held to the same check as the others below.
          if (c.valid === true && r.status !== "applied") {
            const e = c.event as { id?: unknown };
            // The same id twice in one batch is a duplicate of the first; anything else is a failure.
            expect(r.status, JSON.stringify(c.event)).toBe(cases.slice(0, i).some((o) => (o.event as { id?: unknown })?.id === e.id) ? "duplicate" : "applied");
          }
          if (r.status === "applied") applied.push(String((c.event as { id: unknown }).id).trim());
        });
        // The database holds exactly the applied ones. Checked on the ids this test generated (unique to
        // the run): a hostile id such as "0" may already be stored by an earlier run, with other content.
        const isOurs = (id: unknown): id is string => typeof id === "string" && id.startsWith("bet_prop_");
        const ours = cases.map((c) => (c.event as { id?: unknown } | null)?.id).filter(isOurs);
        const stored = await db.bet.findMany({ where: { id: { in: ours } }, select: { id: true } });
        expect(new Set(stored.map((s) => s.id))).toEqual(new Set(applied.filter(isOurs)));
      }),
      { ...RUN, numRuns: 150 },
    );
  });

  it("any JSON body to the events endpoints: 200 with per-event results or a 400, never a 5xx", async () => {
    const anyBody = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string({ unit: "binary", maxLength: 200 }),
      hostileValue.map((v) => JSON.stringify({ events: [v] })),
      hostileValue.map((v) => JSON.stringify({ events: v })),
      fc.array(hostileValue, { maxLength: 5 }).map((events) => JSON.stringify({ events, extra: 1 })),
    );
    await fc.assert(
      fc.asyncProperty(anyBody, fc.constantFrom(betsRoute, depositsRoute, usersRoute, betRollbacksRoute), async (rawBody, route) => {
        const res = await sendResending(route, { token: key, rawBody, headers: { "content-type": "application/json" } });
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(res.json.error.code).toBe("INVALID_BODY");
        else for (const r of res.json.results) expect(["applied", "duplicate", "rejected"]).toContain(r.status);
      }),
      { ...RUN, numRuns: 400 },
    );
  });

  it("player API bodies and queries: a 4xx in the error shape, never a 5xx", async () => {
    const body = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      hostileValue.map((code) => JSON.stringify({ code })),
      hostileValue.map((reason) => JSON.stringify({ reason })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ unit: "binary", maxLength: 40 }), async (rawBody, param) => {
        for (const [route, params] of [
          [claimRoute, {}],
          [cancelRoute, { id: param }],
        ] as const) {
          const res = await sendResending(route, { token, rawBody, params, headers: { "content-type": "application/json" } });
          expect(res.status, rawBody).toBeGreaterThanOrEqual(400);
          expect(res.status, rawBody).toBeLessThan(500);
          expect(typeof res.json.error.code).toBe("string");
        }
        const q = encodeURIComponent(param);
        const board = await sendResending(leaderboardRoute, { method: "GET", token, params: { id: param }, path: `/api/v1/leaderboards/x?top=${q}` });
        expect(board.status).toBeLessThan(500);
        const credits = await sendResending(creditsRoute, { method: "GET", token: key, path: `/api/v1/credits?after=${q}&limit=${q}` });
        expect(credits.status).toBeLessThan(500);
      }),
      { ...RUN, numRuns: 300 },
    );
  });
});
