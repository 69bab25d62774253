// Group commit of single-event requests (lib/server/ingest/group-commit.ts) on a real PostgreSQL,
// through the real route handlers. Each test builds two identical "worlds" (players, games, an
// affiliate code, an ACTIVE bonus with a whitelist, two leaderboards, a challenge): the events go to
// one world as concurrent single-event requests (the gathered path) and, mapped, to the other as one
// batch; every stored figure, per player, must then be the same in both, and equal to the stats
// rebuild. The ingest modules are wrapped (vi.mock) only to count calls and, for a moment, hold the
// grouped ones at the door, so gathering is shown without timing anything. The crash test kills a
// child process (tests/support/group-commit-crash-child.ts) while its flush is held by a row lock.
// Three tests at the end pin down bugs group commit exposed (each fixed; see their comments).
// This file runs on a database of its own (the rebuild rewrites every rollup, the platform's daily
// rows are compared as a whole).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { parseEvents } from "@/lib/api/events";
import { childEnv, env, setEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { ZDepositEvent } from "@/lib/schemas/api/events";
import { db } from "@/lib/server/db";
import { ingestBetRequest, ingestBetRollbackRequest, ingestDepositRequest } from "@/lib/server/ingest/single-events";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";
import { bet, deposit, rollback, sendBets, sendDeposits, sendRollbacks } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer, makePromo, uniqueCode, uniqueId } from "@/tests/fixtures/factories";
import { useOwnDatabase } from "@/tests/support/own-database";
import { skipRaces } from "@/tests/support/race";

// Counts every call of the three ingests (how many events each got) and, while `hold` is set, keeps a
// call whose events are all valid — a group, never a bypassing rejected request — waiting before it
// starts (no connection or lock held meanwhile).
const spy = vi.hoisted(() => {
  const state = {
    sizes: { bets: [] as number[], deposits: [] as number[], rollbacks: [] as number[] },
    hold: null as Promise<void> | null,
  };
  const wrap =
    <P extends { ok: boolean }, R>(kind: keyof typeof state.sizes, real: (parsed: P[], now?: Date) => Promise<R>) =>
    async (parsed: P[], now?: Date): Promise<R> => {
      state.sizes[kind].push(parsed.length);
      if (state.hold && parsed.every((p) => p.ok)) await state.hold;
      return real(parsed, now);
    };
  return Object.assign(state, { wrap });
});
vi.mock("@/lib/server/ingest/bets", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/ingest/bets")>();
  return { ...real, ingestBets: spy.wrap("bets", real.ingestBets) };
});
vi.mock("@/lib/server/ingest/deposits", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/ingest/deposits")>();
  return { ...real, ingestDeposits: spy.wrap("deposits", real.ingestDeposits) };
});
vi.mock("@/lib/server/ingest/bet-rollbacks", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/ingest/bet-rollbacks")>();
  return { ...real, ingestBetRollbacks: spy.wrap("rollbacks", real.ingestBetRollbacks) };
});
type TKind = keyof typeof spy.sizes;

useOwnDatabase("rollover_it_gc");
beforeAll(ensureCurrencies);
// Two groups of a kind in flight at once, as two instances give (one per instance is the default):
// the races between two groups below need both lanes. Read by each gatherer on its first request.
beforeAll(() => setEnv({ GROUP_COMMIT_MAX_IN_FLIGHT: "2" }));

const SEC = 1000;
const HOUR = 3600 * SEC;
const DAY = 24 * HOUR;
const TEST_MS = 240_000;

type TResult = { id: string | number | null; status: string; error: { code: string } | null; warnings: string[] };
type TResponse = { status: number; json: { results: TResult[] } };
type TEvent = Record<string, unknown> & { id: string };

/** Holds every grouped ingest call from now until the returned function is called. */
function holdGroups() {
  let open = () => {};
  spy.hold = new Promise<void>((resolve) => (open = resolve));
  return () => {
    spy.hold = null;
    open();
  };
}

/** Waits for a condition of the gatherer's (not for time: a timeout here is a failure, never an assert). */
const until = (what: string, ok: () => boolean) =>
  vi.waitFor(
    () => {
      if (!ok()) throw new Error(`waiting for ${what}`);
    },
    { timeout: 60_000, interval: 1 },
  );

/**
 * Sends the requests through `fire` with the grouped ingest calls held until at least two requests
 * wait behind them (or every request has reached the gatherer): those then go as one group, so
 * gathering happened in every run, whatever the timing. Returns the answers and the size of each
 * ingest call made meanwhile (groups, and rejected requests that bypassed the gatherer).
 */
async function gathered<T>(kind: TKind, gatherer: { pending: () => number }, requests: number, fire: () => Promise<T>) {
  const from = spy.sizes[kind].length;
  const release = holdGroups();
  const answers = fire();
  try {
    await until(`two requests gathered, or all ${requests} at the gatherer`, () => {
      const arrived = spy.sizes[kind].slice(from).reduce((a, b) => a + b, 0) + gatherer.pending();
      return gatherer.pending() >= 2 || arrived >= requests;
    });
  } finally {
    release();
  }
  const result = await answers;
  expect(gatherer.pending()).toBe(0);
  return { result, sizes: spy.sizes[kind].slice(from) };
}

/**
 * Starts each request once the one before it is in an ingest call of its own (held), so with two
 * lanes the first two run as two groups at the same moment once released; later ones gather.
 */
async function inLanes<T>(kind: TKind, sends: (() => Promise<T>)[], gatherer: { pending: () => number }, gatheredToo = 0) {
  const from = spy.sizes[kind].length;
  const release = holdGroups();
  const answers: Promise<T>[] = [];
  try {
    for (const [i, send] of sends.entries()) {
      answers.push(send());
      if (i < 2) await until(`request ${i + 1} in a lane`, () => spy.sizes[kind].length >= from + i + 1);
    }
    await until(`${gatheredToo} requests gathered behind the lanes`, () => gatherer.pending() >= gatheredToo);
  } finally {
    release();
  }
  const result = await Promise.all(answers);
  return { result, sizes: spy.sizes[kind].slice(from) };
}

/** Fewer ingest calls than requests, some with more than one event, each event ingested once (no retry alone). */
function expectGathered(sizes: number[], requests: number) {
  expect(sizes.length).toBeLessThan(requests);
  expect(Math.max(...sizes)).toBeGreaterThan(1);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(requests);
}

/** A seeded shuffle (mulberry32), so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Worlds
// ---------------------------------------------------------------------------------------------

type TWorld = {
  tag: string;
  /** players[0] holds the ACTIVE bonus (when made with one); odd indexes are referred by `owner`. */
  players: number[];
  /** A: whitelisted weight 1 with a 50 USD max bet; B: weight 0.5; C: not whitelisted, the challenge's game. */
  games: number[];
  owner: number;
  codeId: string;
  promos: string[];
  boards: string[];
  challenge: string;
};

const id = (w: TWorld, key: string) => `${w.tag}_${key}`;

/**
 * The player's CLAIMED claim of the promo, dated an hour before `at`. Written directly (what the claim
 * route stores for a DEPOSIT promo without limits): this file is about what a deposit does with it.
 */
async function claim(playerId: number, promoCodeId: string, at: number) {
  const row = await db.userPromoCode.create({
    data: { userId: playerId, promoCodeId, status: "CLAIMED", isActive: true, createdAt: new Date(at - HOUR) },
  });
  return row.id;
}

async function makeWorld(name: string, t0: number, playerCount: number, options: { bonus: boolean }): Promise<TWorld> {
  const tag = `${name}${randomBytes(3).toString("hex")}`;
  const owner = (await makePlayer({ isStreamer: true })).id;
  const code = await db.affiliateCode.create({ data: { id: uniqueCode("GC"), ownerId: owner, commissionRate: "0.4" } });
  const players: number[] = [];
  // One at a time: ids rise with the index in both worlds, so ties broken by user id break alike.
  for (let i = 0; i < playerCount; i++) players.push((await makePlayer(i % 2 === 1 ? { affiliateCodeId: code.id } : {})).id);
  const games = [(await makeGame({ houseEdge: "0.02" })).id, (await makeGame({ houseEdge: "0.01" })).id, (await makeGame({ houseEdge: "0.03" })).id];
  const board = (type: "WAGERED" | "MULTIPLIER", gameIds: number[], minBetUsd: string) =>
    db.leaderboard.create({
      data: {
        name: `${tag} ${type}`,
        type,
        status: "ACTIVE",
        startDate: new Date(t0),
        endDate: new Date(t0 + 4 * DAY),
        config: { prizes: [{ from: 1, to: 3, usd: "10" }], gameIds, minBetUsd, prizeCurrency: "USDT", settleAfterSeconds: 300 },
      },
    });
  const boards = [(await board("WAGERED", games, "5")).id, (await board("MULTIPLIER", games.slice(0, 2), "1")).id];
  const operator = await makeOperator("PROMO_MANAGER");
  const challenge = await db.challenge.create({
    data: {
      createdById: operator.id,
      defaultTitle: "Hit 100x",
      targetGameId: games[2],
      minBetAmountUsd: "1",
      minBetMultiplier: "100",
      rewardCurrency: "USDT",
      rewardAmount: "50",
      rewardUsdAmount: "50",
      rewardUsdRate: "1",
    },
  });
  const world: TWorld = { tag, players, games, owner, codeId: code.id, promos: [], boards, challenge: challenge.id };
  if (options.bonus) {
    // Deposit 100, bonus 100, target 20,000: it stays ACTIVE; A counts whole up to 50 USD a bet, B half.
    const promo = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "100", timeSecondsToComplete: 7 * 86_400 });
    world.promos.push(promo.id);
    await db.promoGameWhitelist.createMany({
      data: [
        { promoCodeId: promo.id, gameId: games[0], wagerMultiplier: "1", maxBetAmount: "50" },
        { promoCodeId: promo.id, gameId: games[1], wagerMultiplier: "0.5" },
      ],
    });
    const claimId = await claim(players[0], promo.id, t0);
    // The activating deposit is a single event too: it goes through the gatherer.
    const res = await sendDeposits(deposit(players[0], "100", new Date(t0), { id: id(world, "bonus_deposit") }));
    expect(res.json.results[0].status).toBe("applied");
    expect((await db.userPromoCode.findUniqueOrThrow({ where: { id: claimId } })).status).toBe("ACTIVE");
  }
  return world;
}

/** A bet of the world's, by position: the same spec gives the same bet in every world. */
type TBetSpec = { key: string; p: number; g: number; cents: number; btc: boolean; mult: string; at: number };
const MULTS = ["0", "0.5", "2", "1.5", "120"];

function betSpecs(count: number, playerCount: number, t0: number, prefix = "b"): TBetSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${i}`,
    p: (i * 7) % playerCount,
    g: i % 3,
    cents: 100 + ((i * 7919) % 9000),
    btc: i % 10 === 3,
    mult: MULTS[i % MULTS.length],
    at: t0 + HOUR + i * 131 * SEC,
  }));
}

function betEvent(w: TWorld, s: TBetSpec): TEvent {
  const amount = s.btc ? "0.0001" : (s.cents / 100).toFixed(2);
  const payout = new Prisma.Decimal(amount).mul(s.mult).toFixed();
  return bet(w.players[s.p], w.games[s.g], amount, new Date(s.at), {
    id: id(w, s.key),
    payout,
    payoutMultiplier: s.mult,
    ...(s.btc ? { currencyId: "BTC", usdAmount: undefined } : {}),
  });
}

const statuses = (res: TResponse) => res.json.results.map((r) => r.error?.code ?? r.status);

// ---------------------------------------------------------------------------------------------
// What is stored, per world, with its own ids replaced by positions (p3, g1, b17), so two worlds compare
// ---------------------------------------------------------------------------------------------

type TQuery = Pick<typeof db, "$queryRaw">;
type TRow = Record<string, unknown>;

/** Decimal strings without trailing zeros; dates as ISO strings. */
const norm = <T>(v: T): T =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "string" && /^-?\d+\.\d+$/.test(x) ? x.replace(/\.?0+$/, "") : x)));
const sorted = (rows: TRow[]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

async function snapshot(q: TQuery, w: TWorld, keyOf: (key: string) => string = (k) => k, options = { ownerDayBonus: true }) {
  const users = [...w.players, w.owner];
  const who = (u: unknown) => (u === null ? null : u === w.owner ? "owner" : w.players.includes(u as number) ? `p${w.players.indexOf(u as number)}` : `?${u}`);
  const game = (g: unknown) => (w.games.includes(g as number) ? `g${w.games.indexOf(g as number)}` : `?${g}`);
  const key = (v: unknown) => (v === null ? null : String(v).startsWith(`${w.tag}_`) ? keyOf(String(v).slice(w.tag.length + 1)) : `?${v}`);
  const promo = (v: unknown) => (w.promos.includes(v as string) ? `promo${w.promos.indexOf(v as string)}` : `?${v}`);
  const board = (v: unknown) => `board${w.boards.indexOf(v as string)}`;

  const bets = await q.$queryRaw<TRow[]>`
    SELECT id, "userId", "gameId", "currencyId"::text AS currency, amount::text, "usdAmount"::text AS usd, payout::text,
           "payoutUsd"::text AS "payoutUsd", "payoutMultiplier"::text AS mult, "commissionAmount"::text AS commission,
           "commissionUsdAmount"::text AS "commissionUsd", "createdAt", "voidedAt", "voidReason", "rollbackId"
    FROM "Bet" WHERE "userId" = ANY(${users}::int[])`;
  const stats = await q.$queryRaw<TRow[]>`
    SELECT "userId", "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout, "depositedUsdAmount"::text AS deposited,
           "bonusUsdAmount"::text AS bonus, "withdrawnUsdAmount"::text AS withdrawn, "lastBetAt"
    FROM "UserStatsUsd" WHERE "userId" = ANY(${users}::int[])`;
  const deposits = await q.$queryRaw<TRow[]>`
    SELECT id, "userId", "currencyId"::text AS currency, amount::text, "usdAmount"::text AS usd, "createdAt"
    FROM "Deposit" WHERE "userId" = ANY(${users}::int[])`;
  const rollbacks = await q.$queryRaw<TRow[]>`
    SELECT id, "betId", reason, "createdAt", "appliedAt" IS NOT NULL AS applied FROM "BetRollback" WHERE starts_with(id, ${`${w.tag}_`})`;
  const claims = await q.$queryRaw<TRow[]>`
    SELECT "userId", "promoCodeId", status::text, "isActive", "activatedAt", "endedAt", "cancelReason", "depositId",
           "voidedAfterEndUsdAmount"::text AS "voidedAfterEnd"
    FROM "UserPromoCode" WHERE "userId" = ANY(${users}::int[])`;
  const progress = await q.$queryRaw<TRow[]>`
    SELECT "userId", "promoCodeId", "activatedAt", "expiresAt", "baseUsdAmount"::text AS base, "bonusUsdAmount"::text AS bonus,
           "bonusAmount"::text AS "bonusAmount", "currencyId"::text AS currency, "wagerUsdAmountToComplete"::text AS target,
           "wageredUsdAmount"::text AS wagered, "maxBetViolations" AS violations
    FROM "UserPromoCodeProgress" WHERE "userId" = ANY(${users}::int[])`;
  const contributions = await q.$queryRaw<TRow[]>`
    SELECT c."betId", p."userId", c."usdAmount"::text AS usd, c.violation
    FROM "BetRolloverContribution" c JOIN "UserPromoCodeProgress" p ON p.id = c."progressId" WHERE p."userId" = ANY(${users}::int[])`;
  const ledger = await q.$queryRaw<TRow[]>`
    SELECT "userId", kind::text, bucket::text, "currencyId"::text AS currency, amount::text, "usdAmount"::text AS usd, "usdRate"::text AS rate
    FROM "LedgerEntry" WHERE "userId" = ANY(${users}::int[])`;
  const entries = await q.$queryRaw<TRow[]>`
    SELECT lu."leaderboardId", lu."userId", lu."usdAmount"::text AS usd, lu.score::text, lu."scoreReachedAt", v.position::int AS position
    FROM "LeaderboardUser" lu JOIN "LeaderboardUserPositionView" v ON v.id = lu.id WHERE lu."leaderboardId" = ANY(${w.boards}::uuid[])`;
  const [challenge] = await q.$queryRaw<TRow[]>`SELECT "winnerId", "betId" FROM "Challenge" WHERE id = ${w.challenge}::uuid`;
  // The affiliate side (referral counts and signups left out: these players were made by factories, not the users event).
  const owner = await q.$queryRaw<TRow[]>`
    SELECT "depositUsdAmount"::text AS deposit, "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout,
           "commissionUsdAmount"::text AS commission, "bonusUsdAmount"::text AS bonus, "withdrawalUsdAmount"::text AS withdrawal
    FROM "AffiliateOwnerStats" WHERE "userId" = ${w.owner}`;
  const ownerDays = await q.$queryRaw<TRow[]>`
    SELECT day::text, "depositUsdAmount"::text AS deposit, "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout,
           "commissionUsdAmount"::text AS commission, CASE WHEN ${options.ownerDayBonus} THEN "bonusUsdAmount"::text END AS bonus,
           "lastActiveReferrals" AS active
    FROM "AffiliateDailyStats" WHERE "userId" = ${w.owner}
      AND ("depositUsdAmount" <> 0 OR "wageredUsdAmount" <> 0 OR "payoutUsdAmount" <> 0 OR "commissionUsdAmount" <> 0
           OR ("bonusUsdAmount" <> 0 AND ${options.ownerDayBonus}) OR "lastActiveReferrals" <> 0)
    ORDER BY 1`;
  const code = await q.$queryRaw<TRow[]>`SELECT "wageredUsdAmount"::text AS wagered FROM "AffiliateCode" WHERE id = ${w.codeId}`;
  const commission = await q.$queryRaw<TRow[]>`
    SELECT "currencyId"::text AS currency, "claimableAmount"::text AS claimable, "claimedAmount"::text AS claimed
    FROM "AffiliateUserStats" WHERE "userId" = ${w.owner} AND ("claimableAmount" <> 0 OR "claimedAmount" <> 0) ORDER BY 1`;
  const commissionUsd = await q.$queryRaw<TRow[]>`
    SELECT "claimableAmount"::text AS claimable, "claimedAmount"::text AS claimed, "lastBetCreatedAt"
    FROM "AffiliateUserStatsUsd" WHERE "userId" = ${w.owner}`;

  return norm({
    bets: sorted(bets.map((b) => ({ ...b, id: key(b.id), userId: who(b.userId), gameId: game(b.gameId), rollbackId: key(b.rollbackId) }))),
    stats: sorted(stats.map((s) => ({ ...s, userId: who(s.userId) }))),
    deposits: sorted(deposits.map((d) => ({ ...d, id: key(d.id), userId: who(d.userId) }))),
    rollbacks: sorted(rollbacks.map((r) => ({ ...r, id: key(r.id), betId: key(r.betId) }))),
    claims: sorted(claims.map((c) => ({ ...c, userId: who(c.userId), promoCodeId: promo(c.promoCodeId), depositId: key(c.depositId) }))),
    progress: sorted(progress.map((p) => ({ ...p, userId: who(p.userId), promoCodeId: promo(p.promoCodeId) }))),
    contributions: sorted(contributions.map((c) => ({ ...c, betId: key(c.betId), userId: who(c.userId) }))),
    ledger: sorted(ledger.map((l) => ({ ...l, userId: who(l.userId) }))),
    entries: sorted(entries.map((e) => ({ ...e, leaderboardId: board(e.leaderboardId), userId: who(e.userId) }))),
    challenge: { winner: who(challenge.winnerId), bet: key(challenge.betId) },
    affiliate: { owner, ownerDays, code, commission, commissionUsd },
  });
}

/** The platform's wagering per business day (shards summed), days with nothing left out. */
async function platformDays(q: TQuery) {
  return q.$queryRaw<{ day: string; wagered: string; payout: string; bets: string }[]>`
    SELECT day::text, sum("wageredUsdAmount")::text AS wagered, sum("payoutUsdAmount")::text AS payout, sum("betCount")::text AS bets
    FROM "PlatformDailyStats" GROUP BY 1
    HAVING sum("wageredUsdAmount") <> 0 OR sum("payoutUsdAmount") <> 0 OR sum("betCount") <> 0 ORDER BY 1`;
}
type TDays = Awaited<ReturnType<typeof platformDays>>;

/** What moved per day between two readings of platformDays. */
function platformMoved(after: TDays, before: TDays) {
  const old = new Map(before.map((d) => [d.day, d]));
  return after.flatMap((d) => {
    const o = old.get(d.day);
    const diff = (k: "wagered" | "payout" | "bets") => new Prisma.Decimal(d[k]).minus(o?.[k] ?? 0).toFixed();
    const moved = { day: d.day, wagered: diff("wagered"), payout: diff("payout"), bets: diff("bets") };
    return moved.wagered === "0" && moved.payout === "0" && moved.bets === "0" ? [] : [moved];
  });
}

class RolledBack {
  constructor(readonly value: unknown) {}
}

/**
 * The worlds' figures and the platform's days as stored, and as rebuildDerivedStats recomputes them
 * from the stored events (rolled back), the referrer's bonus per business day included (both date a
 * grant by its activation: these deposits are ingested on a later day than they are dated).
 */
async function expectRebuildAgrees(worlds: TWorld[]) {
  const readAll = async (q: TQuery) => {
    const out: unknown[] = [await platformDays(q)];
    for (const w of worlds) out.push(await snapshot(q, w, undefined, { ownerDayBonus: true }));
    return out;
  };
  const { stored, rebuilt } = (await db
    .$transaction(
      async (tx) => {
        const before = await readAll(tx);
        await rebuildDerivedStats(tx);
        throw new RolledBack({ stored: before, rebuilt: await readAll(tx) });
      },
      { timeout: 120_000 },
    )
    .catch((e: unknown) => {
      if (e instanceof RolledBack) return e.value;
      throw e;
    })) as { stored: unknown[]; rebuilt: unknown[] };
  expect(norm(rebuilt)).toEqual(norm(stored));
}

/**
 * Holds one row lock (`lockSql`) on a connection of its own while `lineUp` submits requests, waits
 * until two other backends are blocked behind it (both groups at that row), then lets them go.
 */
async function whileRowHeld(lockSql: string, params: unknown[], what: string, lineUp: () => Promise<void>) {
  const lock = new pg.Client({ connectionString: env().DATABASE_URL });
  await lock.connect();
  try {
    const [{ pid }] = (await lock.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows;
    await lock.query("BEGIN");
    await lock.query(lockSql, params);
    await lineUp();
    await vi.waitFor(
      async () => {
        const [{ n }] = await db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> ${pid}::int AND cardinality(pg_blocking_pids(pid)) > 0`;
        if (n < 2) throw new Error(`both groups not yet at ${what}`);
      },
      { timeout: 60_000, interval: 2 },
    );
    await lock.query("ROLLBACK");
  } finally {
    await lock.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(skipRaces)("group commit through POST /api/v1/events/*", () => {
  it(
    "1,000 single-bet requests at once (50 resent concurrently, 20 invalid): each gets its own result, and the stored state equals one batch of them",
    async () => {
      const t0 = Date.now() - 3 * DAY;
      const W = await makeWorld("gw", t0, 40, { bonus: true });
      const M = await makeWorld("gm", t0, 40, { bonus: true });
      const specs = betSpecs(930, 40, t0);
      // Stored before: their ids come back with other content (ID_CONFLICT).
      const earlier = [0, 1, 2].map((i): TBetSpec => ({ key: `pre${i}`, p: i + 1, g: 0, cents: 500 + i, btc: false, mult: "0", at: t0 + 30 * 60 * SEC }));
      for (const w of [W, M]) expect(statuses(await sendBets({ events: earlier.map((s) => betEvent(w, s)) }))).toEqual(["applied", "applied", "applied"]);

      const ghostUser = uniqueId();
      const ghostGame = uniqueId();
      const requestsOf = (w: TWorld) => {
        const valid = specs.map((s) => betEvent(w, s));
        const at = new Date(t0 + 2 * HOUR);
        const odd = (key: string, extra: Record<string, unknown>) => ({ ...bet(w.players[3], w.games[0], "5", at, { id: id(w, key) }), ...extra });
        const invalid: { event: TEvent; code: string }[] = [
          { code: "INVALID_EVENT", event: odd("x1", { amount: "-1", usdAmount: "-1" }) },
          { code: "INVALID_EVENT", event: odd("x2", { amount: "lots" }) },
          { code: "INVALID_EVENT", event: odd("x3", { createdAt: "yesterday" }) },
          { code: "INVALID_EVENT", event: odd("x4", { payoutMultiplier: "x" }) },
          { code: "INVALID_EVENT", event: odd("x5", { userId: "seven" }) },
          { code: "INVALID_EVENT", event: odd("x6", { gameId: -5 }) },
          ...[1, 2, 3, 4, 5].map((i) => ({ code: "UNKNOWN_USER", event: odd(`u${i}`, { userId: ghostUser }) })),
          ...[1, 2, 3, 4].map((i) => ({ code: "UNKNOWN_GAME", event: odd(`g${i}`, { gameId: ghostGame }) })),
          ...earlier.map((s) => ({ code: "ID_CONFLICT", event: betEvent(w, { ...s, cents: s.cents + 1 }) })),
          ...[1, 2].map((i) => ({ code: "NO_RATE", event: odd(`r${i}`, { currencyId: "BTC", amount: "0.001", usdAmount: undefined, createdAt: "2019-06-01T00:00:00.000Z" }) })),
        ];
        // 50 bets sent twice, the copy in its own request, at the same moment as the first.
        const resent = valid.filter((_, i) => i % 18 === 5).slice(0, 50);
        const all = [...valid.map((event) => ({ event, code: null })), ...resent.map((event) => ({ event, code: null })), ...invalid];
        return shuffled(all, 18);
      };
      const requests = requestsOf(W);
      expect(requests).toHaveLength(1000);
      const expected = new Map<string, string[]>();
      for (const r of requests) expected.set(r.event.id, [...(expected.get(r.event.id) ?? []), r.code ?? "applied"]);
      for (const [k, v] of expected) if (v.length === 2 && v[0] === "applied") expected.set(k, ["applied", "duplicate"]);

      const before = await platformDays(db);
      const { result: responses, sizes } = await gathered("bets", ingestBetRequest, requests.length, () =>
        Promise.all(requests.map((r) => sendBets(r.event) as Promise<TResponse>)),
      );

      // Every request: 200 and exactly one result, its own event's.
      expect(responses.map((r) => [r.status, r.json.results.length])).toEqual(requests.map(() => [200, 1]));
      expect(responses.map((r) => r.json.results[0].id)).toEqual(requests.map((r) => r.event.id));
      const got = new Map<string, string[]>();
      responses.forEach((r, i) => got.set(requests[i].event.id, [...(got.get(requests[i].event.id) ?? []), statuses(r)[0]].sort()));
      expect(got).toEqual(expected);
      expect(responses.filter((r) => r.json.results[0].status !== "rejected").every((r) => r.json.results[0].warnings.length === 0)).toBe(true);
      expectGathered(sizes, requests.length);
      const afterGathered = await platformDays(db);

      // The mirror world: the same 1,000 events, in the same order, as one batch.
      const batch = (await sendBets({ events: requestsOf(M).map((r) => r.event) })) as TResponse;
      expect(batch.status).toBe(200);
      const batchGot = new Map<string, string[]>();
      batch.json.results.forEach((r) => {
        const k = String(r.id).replace(`${M.tag}_`, `${W.tag}_`);
        batchGot.set(k, [...(batchGot.get(k) ?? []), r.error?.code ?? r.status].sort());
      });
      expect(batchGot).toEqual(expected);
      const afterBatch = await platformDays(db);

      const [gw, gm] = [await snapshot(db, W), await snapshot(db, M)];
      expect(gw).toEqual(gm);
      expect(platformMoved(afterGathered, before)).toEqual(platformMoved(afterBatch, afterGathered));
      // What was compared is not empty: every valid bet, a bonus that counted (with max-bet violations), standings, a winner.
      expect(gw.bets).toHaveLength(933);
      expect(gw.progress).toEqual([expect.objectContaining({ userId: "p0" })]);
      expect(Number(gw.progress[0].violations)).toBeGreaterThan(0);
      expect(gw.contributions.length).toBeGreaterThan(10);
      expect(gw.claims).toEqual([expect.objectContaining({ userId: "p0", status: "ACTIVE" })]);
      expect(gw.entries.filter((e) => e.leaderboardId === "board0")).toHaveLength(40);
      expect(gw.entries.filter((e) => e.leaderboardId === "board1").length).toBeGreaterThan(10);
      expect(gw.challenge.winner).not.toBeNull();
      expect(platformMoved(afterGathered, before).length).toBeGreaterThan(1);
      await expectRebuildAgrees([W, M]);
    },
    TEST_MS,
  );

  it(
    "deposits as single events at once: each activates its player's CLAIMED bonus through the gathered path, as one batch would",
    async () => {
      const t0 = Date.now() - 2 * DAY;
      const worlds: TWorld[] = [];
      for (const name of ["dw", "dm"]) {
        const w = await makeWorld(name, t0, 30, { bonus: false });
        // Bonus 50% of the deposit, at most 40 USD; target 5 × (deposit + bonus); A counts whole.
        const promo = await makePromo({ bonusMultiplier: "0.5", maxBonusUsdAmount: "40", wagerMultiplierToComplete: "5", timeSecondsToComplete: 7 * 86_400 });
        w.promos.push(promo.id);
        await db.promoGameWhitelist.create({ data: { promoCodeId: promo.id, gameId: w.games[0], wagerMultiplier: "1" } });
        for (let p = 0; p < 25; p++) await claim(w.players[p], promo.id, t0);
        // Bets already stored, dated after the deposits: they count the moment the bonus activates.
        const early = Array.from({ length: 10 }, (_, p): TBetSpec => ({ key: `e${p}`, p, g: 0, cents: 700 + p * 100, btc: false, mult: "0", at: t0 + 2 * HOUR + p * SEC }));
        expect(statuses(await sendBets({ events: early.map((s) => betEvent(w, s)) }))).toEqual(early.map(() => "applied"));
        worlds.push(w);
      }
      const ghostUser = uniqueId();
      const requestsFor = (w: TWorld) => {
        const dep = (key: string, p: number, usd: string, extra: Record<string, unknown> = {}) =>
          deposit(w.players[p], usd, new Date(t0 + HOUR + p * SEC), { id: id(w, key), ...extra }) as TEvent;
        const single = Array.from({ length: 30 }, (_, p) => dep(`d${p}`, p, String(20 + p * 3)));
        // Players 20–22 send two deposits at once (same amount and time): one of them activates the bonus.
        const second = [20, 21, 22].map((p) => dep(`d${p}x`, p, String(20 + p * 3)));
        const invalid = [
          { code: "UNKNOWN_USER", event: { ...dep("xu1", 0, "10"), userId: ghostUser } },
          { code: "UNKNOWN_USER", event: { ...dep("xu2", 0, "10"), userId: ghostUser } },
          { code: "INVALID_EVENT", event: dep("xz", 1, "0") },
          { code: "NO_RATE", event: dep("xr", 2, "0.01", { currencyId: "BTC", usdAmount: undefined, createdAt: "2019-06-01T00:00:00.000Z" }) },
        ];
        // Players 24 and 26 (unreferred, one deposit each) go first, one per lane; the rest gather
        // behind them into one group. The lanes hold players no other request touches
        // (two groups sharing players queue on each other: the deposit-order test below).
        const lanes = [single[24], single[26]].map((event) => ({ event, code: null as string | null }));
        const rest = shuffled(
          [
            ...single.filter((_, p) => p !== 24 && p !== 26).map((event) => ({ event, code: null as string | null })),
            ...single.slice(0, 5).map((event) => ({ event, code: null })),
            ...second.map((event) => ({ event, code: null })),
            ...invalid,
          ],
          7,
        );
        return [...lanes, ...rest];
      };
      const [W, M] = worlds;
      const requests = requestsFor(W);

      // All but the two in the lanes and the one rejected by its schema (it bypasses) wait as one group.
      const { result: responses, sizes } = await inLanes(
        "deposits",
        requests.map((r) => () => sendDeposits(r.event) as Promise<TResponse>),
        ingestDepositRequest,
        requests.length - 3,
      );
      expect(responses.map((r) => [r.status, r.json.results.length, r.json.results[0].id])).toEqual(requests.map((r) => [200, 1, r.event.id]));
      const byId = (rs: { id: string; s: string }[]) => {
        const m = new Map<string, string[]>();
        for (const r of rs) m.set(r.id, [...(m.get(r.id) ?? []), r.s].sort());
        return m;
      };
      const got = byId(responses.map((r, i) => ({ id: requests[i].event.id.replace(`${W.tag}_`, ""), s: statuses(r)[0] })));
      const expected = new Map<string, string[]>();
      for (let p = 0; p < 30; p++) expected.set(`d${p}`, p < 5 ? ["applied", "duplicate"] : ["applied"]);
      for (const p of [20, 21, 22]) expected.set(`d${p}x`, ["applied"]);
      for (const [k, code] of [["xu1", "UNKNOWN_USER"], ["xu2", "UNKNOWN_USER"], ["xz", "INVALID_EVENT"], ["xr", "NO_RATE"]]) expected.set(k, [code]);
      expect(got).toEqual(expected);
      expectGathered(sizes, requests.length);

      const batch = (await sendDeposits({ events: requestsFor(M).map((r) => r.event) })) as TResponse;
      expect(byId(batch.json.results.map((r) => ({ id: String(r.id).replace(`${M.tag}_`, ""), s: r.error?.code ?? r.status })))).toEqual(expected);

      // Which of the two same deposits activated a bonus may differ (who came first); their content is the same.
      const sameDeposit = (k: string) => k.replace(/^(d2[0-2])x$/, "$1");
      const [gw, gm] = [await snapshot(db, W, sameDeposit), await snapshot(db, M, sameDeposit)];
      expect(gw).toEqual(gm);
      expect(gw.claims.map((c) => c.status)).toEqual(Array.from({ length: 25 }, () => "ACTIVE"));
      expect(gw.progress).toHaveLength(25);
      expect(gw.ledger.filter((l) => l.kind === "BONUS_GRANT")).toHaveLength(25);
      // Bets stored before the activation counted at once (player 0: 7 USD).
      expect(gw.progress.find((p) => p.userId === "p0")).toMatchObject({ wagered: "7", bonus: "10" });
      expect(gw.progress.find((p) => p.userId === "p24")).toMatchObject({ wagered: "0", bonus: "40" });
      for (const p of [20, 21, 22]) {
        const claimOf = await db.userPromoCode.findFirstOrThrow({ where: { userId: W.players[p] } });
        expect([id(W, `d${p}`), id(W, `d${p}x`)]).toContain(claimOf.depositId);
      }
      await expectRebuildAgrees([W, M]);
    },
    TEST_MS,
  );

  it(
    "rollbacks as single events at once (resent, rival ids, bets not yet received, invalid): each gets its own result; the figures equal one batch's",
    async () => {
      const t0 = Date.now() - 3 * DAY;
      const W = await makeWorld("rw", t0, 24, { bonus: true });
      const M = await makeWorld("rm", t0, 24, { bonus: true });
      const specs = betSpecs(300, 24, t0);
      for (const w of [W, M]) expect(statuses(await sendBets({ events: specs.map((s) => betEvent(w, s)) }))).toEqual(specs.map(() => "applied"));
      const latest = new Set([...new Map(specs.map((s, i) => [s.p, i])).values()]);
      const progressBefore = await db.userPromoCodeProgress.findFirstOrThrow({ where: { userId: W.players[0] } });
      const challengeBet = (await db.challenge.findUniqueOrThrow({ where: { id: W.challenge } })).betId;
      expect(challengeBet).not.toBeNull();

      const at = new Date(t0 + 2 * DAY);
      const requestsFor = (w: TWorld) => {
        const rb = (key: string, betKey: string, extra: Record<string, unknown> = {}) => rollback(id(w, betKey), at, { id: id(w, key), ...extra }) as TEvent;
        // Every third bet (the challenge's winning bet among them) and the bonus player's bets — but
        // never a player's latest bet (two groups voiding one player's latest bets at once: the
        // lastBetAt test below).
        const voided = specs.filter((s, i) => (i % 3 === 2 || s.p === 0) && !latest.has(i)).map((s) => rb(`rb_${s.key}`, s.key));
        const rivals = specs
          .filter((s, i) => i % 3 === 1 && s.p !== 0 && !latest.has(i))
          .slice(0, 5)
          .flatMap((s) => [rb(`rv_${s.key}_a`, s.key), rb(`rv_${s.key}_b`, s.key)]);
        const early = [0, 1, 2, 3, 4].map((i) => rb(`rb_late${i}`, `late${i}`));
        const invalid = [1, 2, 3].map((i) => ({ event: rb(`rx${i}`, specs[i].key, { reason: "  " }), code: "INVALID_EVENT" }));
        return {
          voided,
          rivals,
          early,
          requests: shuffled(
            [...voided, ...voided.slice(0, 10), ...rivals, ...early].map((event) => ({ event, code: null as string | null })).concat(invalid),
            3,
          ),
        };
      };
      const { voided, rivals, early, requests } = requestsFor(W);
      expect(voided.map((v) => v.betId)).toContain(challengeBet);

      const before = await platformDays(db);
      const { result: responses, sizes } = await gathered("rollbacks", ingestBetRollbackRequest, requests.length, () =>
        Promise.all(requests.map((r) => sendRollbacks(r.event) as Promise<TResponse>)),
      );
      expect(responses.map((r) => [r.status, r.json.results.length, r.json.results[0].id])).toEqual(requests.map((r) => [200, 1, r.event.id]));
      const expected = new Map<string, string[]>();
      voided.forEach((v, i) => expected.set(v.id, i < 10 ? ["applied", "duplicate"] : ["applied"]));
      for (const e of early) expected.set(e.id, ["applied"]);
      for (const r of requests) if (r.code) expected.set(r.event.id, [r.code]);
      const got = new Map<string, string[]>();
      responses.forEach((r, i) => got.set(requests[i].event.id, [...(got.get(requests[i].event.id) ?? []), statuses(r)[0]].sort()));
      const rivalAnswers = rivals.map((r) => got.get(r.id)![0]);
      for (const r of rivals) got.delete(r.id);
      expect(got).toEqual(expected);
      // Two ids for one bet: one voids it, the other is ALREADY_VOIDED.
      expect(rivalAnswers.filter((s) => s === "applied")).toHaveLength(5);
      expect(rivalAnswers.filter((s) => s === "ALREADY_VOIDED")).toHaveLength(5);
      for (let i = 0; i < rivals.length; i += 2) expect([rivalAnswers[i], rivalAnswers[i + 1]].sort()).toEqual(["ALREADY_VOIDED", "applied"]);
      // A rollback whose bet isn't stored yet is applied with the warning, and waits.
      const earlyAnswers = responses.filter((_, i) => early.some((e) => e.id === requests[i].event.id)).map((r) => r.json.results[0].warnings);
      expect(earlyAnswers.every((w) => w.length === 1 && w[0].startsWith("BET_NOT_YET_RECEIVED"))).toBe(true);
      expectGathered(sizes, requests.length);
      const afterGathered = await platformDays(db);

      const mirror = requestsFor(M);
      const batch = (await sendRollbacks({ events: mirror.requests.map((r) => r.event) })) as TResponse;
      expect(batch.json.results.filter((r) => r.status === "applied")).toHaveLength(voided.length + 5 + early.length);
      const afterBatch = await platformDays(db);

      // The bets the waiting rollbacks name arrive now, as single requests (and as one batch): stored voided.
      const lateSpecs = [0, 1, 2, 3, 4].map((i): TBetSpec => ({ key: `late${i}`, p: 0, g: 0, cents: 900 + i, btc: false, mult: "2", at: t0 + 5 * HOUR + i * SEC }));
      const lateAnswers = await Promise.all(lateSpecs.map((s) => sendBets(betEvent(W, s)) as Promise<TResponse>));
      const lateBatch = (await sendBets({ events: lateSpecs.map((s) => betEvent(M, s)) })) as TResponse;
      for (const r of [...lateAnswers.flatMap((a) => a.json.results), ...lateBatch.json.results]) {
        expect([r.status, r.warnings.map((x) => x.split(":")[0])]).toEqual(["applied", ["VOIDED_ON_ARRIVAL"]]);
      }

      // Which rival won may differ; their content is the same.
      const sameRival = (k: string) => k.replace(/^(rv_b\d+)_[ab]$/, "$1");
      const [gw, gm] = [await snapshot(db, W, sameRival), await snapshot(db, M, sameRival)];
      expect(gw).toEqual(gm);
      expect(platformMoved(afterGathered, before)).toEqual(platformMoved(afterBatch, afterGathered));
      expect(gw.bets.filter((b) => b.voidedAt !== null)).toHaveLength(voided.length + 5 + early.length);
      expect(gw.rollbacks.every((r) => r.applied)).toBe(true);
      expect(gw.challenge.bet).not.toBe(challengeBet!.slice(W.tag.length + 1)); // its winning bet was voided: another won
      // The bonus player's bets but the latest are voided: what they had counted came off.
      const progressAfter = await db.userPromoCodeProgress.findFirstOrThrow({ where: { userId: W.players[0] } });
      expect(progressAfter.wageredUsdAmount.lessThan(progressBefore.wageredUsdAmount)).toBe(true);
      expect(progressAfter.maxBetViolations).toBeLessThan(progressBefore.maxBetViolations);
      await expectRebuildAgrees([W, M]);
    },
    TEST_MS,
  );

  it(
    "the same bet in two groups applied at the same moment is applied once; other content under its id is ID_CONFLICT; rival rollbacks void it once",
    async () => {
      const t0 = Date.now() - DAY;
      const w = await makeWorld("lw", t0, 4, { bonus: true });
      const x = betEvent(w, { key: "x", p: 0, g: 0, cents: 6000, btc: false, mult: "2", at: t0 + HOUR });
      const same = await inLanes("bets", [() => sendBets(x), () => sendBets(x)] as (() => Promise<TResponse>)[], ingestBetRequest);
      expect(same.sizes).toEqual([1, 1]);
      expect(same.result.map((r) => statuses(r)[0]).sort()).toEqual(["applied", "duplicate"]);

      const y = betEvent(w, { key: "y", p: 1, g: 1, cents: 1000, btc: false, mult: "0", at: t0 + 2 * HOUR });
      const other = { ...y, amount: "11", usdAmount: "11" };
      const clash = await inLanes("bets", [() => sendBets(y), () => sendBets(other)] as (() => Promise<TResponse>)[], ingestBetRequest);
      const answers = clash.result.map((r) => statuses(r)[0]);
      expect([...answers].sort()).toEqual(["ID_CONFLICT", "applied"]);
      const won = answers[0] === "applied" ? y : other;
      expect((await db.bet.findUniqueOrThrow({ where: { id: y.id } })).usdAmount.toFixed(2)).toBe(Number(won.usdAmount).toFixed(2));

      const stats = async () => (await db.userStatsUsd.findUniqueOrThrow({ where: { userId: w.players[0] } })).wageredUsdAmount.toFixed();
      const progress = () => db.userPromoCodeProgress.findFirstOrThrow({ where: { userId: w.players[0] } });
      expect([await stats(), (await progress()).maxBetViolations]).toEqual(["60", 1]);
      const [r1, r2] = [rollback(x.id, new Date(t0 + DAY / 2)), rollback(x.id, new Date(t0 + DAY / 2))];
      const rivals = await inLanes("rollbacks", [() => sendRollbacks(r1), () => sendRollbacks(r2)] as (() => Promise<TResponse>)[], ingestBetRollbackRequest);
      expect(rivals.sizes).toEqual([1, 1]);
      expect(rivals.result.map((r) => statuses(r)[0]).sort()).toEqual(["ALREADY_VOIDED", "applied"]);
      expect([await stats(), (await progress()).maxBetViolations]).toEqual(["0", 0]);
      await expectRebuildAgrees([w]);
    },
    TEST_MS,
  );

  // Regression: a repeat inside a batch of a rejected bet was answered "duplicate" (bet-results.ts). With
  // group commit a platform's resend of a rejected bet (UNKNOWN_USER: not stored, may be sent again)
  // can land in the same group as the first copy; both must be rejected.
  it(
    "a rejected bet and its resend gathered into one group are both rejected",
    async () => {
      const w = await makeWorld("kw", Date.now() - DAY, 2, { bonus: false });
      const at = new Date(Date.now() - HOUR);
      const fillers = [0, 1].map((i) => bet(w.players[0], w.games[0], "1", at, { id: id(w, `f${i}`) }));
      const ghost = bet(uniqueId(), w.games[0], "5", at, { id: id(w, "ghost") });
      const { result, sizes } = await inLanes(
        "bets",
        [...fillers, ghost, ghost].map((e) => () => sendBets(e) as Promise<TResponse>),
        ingestBetRequest,
        2,
      );
      expect(sizes).toEqual([1, 1, 2]); // the two copies went as one group
      expect(result.map((r) => statuses(r)[0])).toEqual(["applied", "applied", "UNKNOWN_USER", "UNKNOWN_USER"]);
    },
    TEST_MS,
  );

  // Regression: takeBackUserStats set lastBetAt from a subquery in the statement that waited for the
  // player's stats-row lock, so under READ COMMITTED it kept the statement's older snapshot and two
  // rollback groups voiding one player's latest bets at once left lastBetAt at a voided bet. The lock
  // is now taken by a statement of its own first. The test's row lock lines both groups up.
  it(
    "two groups voiding one player's two latest bets at once leave lastBetAt null",
    async () => {
      const t0 = Date.now() - DAY;
      const w = await makeWorld("sw", t0, 2, { bonus: false });
      const [b1, b2] = [1, 2].map((h) => betEvent(w, { key: `s${h}`, p: 1, g: 0, cents: 1000 * h, btc: false, mult: "0", at: t0 + h * HOUR }));
      expect(statuses(await sendBets({ events: [b1, b2] }))).toEqual(["applied", "applied"]);
      const answers: Promise<TResponse>[] = [];
      await whileRowHeld(`SELECT 1 FROM "UserStatsUsd" WHERE "userId" = $1 FOR UPDATE`, [w.players[1]], "the player's stats row", async () => {
        const from = spy.sizes.rollbacks.length;
        const release = holdGroups();
        try {
          for (const [i, b] of [b1, b2].entries()) {
            answers.push(sendRollbacks(rollback(b.id, new Date(t0 + 5 * HOUR))) as Promise<TResponse>);
            await until(`rollback ${i + 1} in a lane`, () => spy.sizes.rollbacks.length >= from + i + 1);
          }
        } finally {
          release();
        }
      });
      expect((await Promise.all(answers)).map((r) => statuses(r)[0])).toEqual(["applied", "applied"]);
      const stats = await db.userStatsUsd.findUniqueOrThrow({ where: { userId: w.players[1] } });
      expect(stats.wageredUsdAmount.toFixed()).toBe("0");
      expect(stats.lastBetAt).toBeNull();
    },
    TEST_MS,
  );

  // Regression: a deposit batch applies its deposits in the order sent, so two groups holding the same
  // players in opposite orders deadlocked (40P01, 503 for every request of the victim group). Each
  // batch now takes its players' advisory locks in id order first. The test's row lock lines both up.
  it(
    "two deposit groups with the same players in opposite orders both apply",
    async () => {
      const w = await makeWorld("qw", Date.now() - DAY, 4, { bonus: false });
      const at = (k: number) => new Date(Date.now() - HOUR + k * SEC);
      const dep = (key: string, p: number, k: number) => deposit(w.players[p], "10", at(k), { id: id(w, key) });
      // Players 1 and 3 are referred: their rows and the referrer's exist before.
      expect(statuses(await sendDeposits({ events: [dep("w1", 1, 0), dep("w3", 3, 0)] }))).toEqual(["applied", "applied"]);
      const answers: Promise<unknown>[] = [];
      await whileRowHeld(`SELECT 1 FROM "AffiliateOwnerStats" WHERE "userId" = $1 FOR UPDATE`, [w.owner], "the referrer's row", async () => {
        const from = spy.sizes.deposits.length;
        const release = holdGroups();
        const submit = (e: TEvent) => answers.push(ingestDepositRequest(parseEvents(e, ZDepositEvent)));
        try {
          // Submitted in one turn each, so each pair is one group: [1, 3] and [3, 1].
          submit(dep("a1", 1, 1));
          submit(dep("a3", 3, 2));
          await until("the first group in a lane", () => spy.sizes.deposits.length >= from + 1);
          submit(dep("b3", 3, 3));
          submit(dep("b1", 1, 4));
          await until("the second group in a lane", () => spy.sizes.deposits.length >= from + 2);
          expect(spy.sizes.deposits.slice(from)).toEqual([2, 2]);
        } finally {
          release();
        }
      });
      const results = await Promise.allSettled(answers);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    },
    TEST_MS,
  );

  it(
    "a process killed while a group's flush is in flight leaves no bet half-applied; resending every event gives applied or duplicate, and the state of one batch",
    async () => {
      const t0 = Date.now() - 3 * DAY;
      const C = await makeWorld("cw", t0, 16, { bonus: true });
      const M = await makeWorld("cm", t0, 16, { bonus: true });
      const HOSTAGE = 5;
      // The hostage's stats row exists before (a bet of its own), so the test can hold it.
      const warm: TBetSpec = { key: "warm", p: HOSTAGE, g: 0, cents: 300, btc: false, mult: "0", at: t0 + 10 * 60 * SEC };
      for (const w of [C, M]) expect(statuses(await sendBets(betEvent(w, warm)))).toEqual(["applied"]);

      // 300 bets in 10 waves of 30; only waves 4 and 7 hold bets of the hostage player.
      const others = [...Array(16).keys()].filter((p) => p !== HOSTAGE);
      const specs = betSpecs(300, 16, t0).map((s, i) => ({ ...s, p: [100, 101, 190].includes(i) ? HOSTAGE : others[(i * 7) % others.length] }));
      const events = (w: TWorld) => specs.map((s) => betEvent(w, s));
      const waves = Array.from({ length: 10 }, (_, k) => events(C).slice(k * 30, k * 30 + 30));

      const before = await platformDays(db);
      const lock = new pg.Client({ connectionString: env().DATABASE_URL });
      await lock.connect();
      const dir = mkdtempSync(path.join(tmpdir(), "rollover-gc-"));
      const app = `gc_crash_${randomBytes(4).toString("hex")}`;
      let child: ReturnType<typeof spawn> | undefined;
      try {
        const [{ pid: lockPid }] = (await lock.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows;
        await lock.query("BEGIN");
        await lock.query(`SELECT 1 FROM "UserStatsUsd" WHERE "userId" = $1 FOR UPDATE`, [C.players[HOSTAGE]]);

        const file = path.join(dir, "waves.json");
        writeFileSync(file, JSON.stringify({ waves, gapMs: 3 }));
        const url = new URL(env().DATABASE_URL);
        url.searchParams.set("application_name", app);
        child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "tests/support/group-commit-crash-child.ts", file], {
          env: childEnv({ DATABASE_URL: url.toString(), LOG_LEVEL: "silent" }),
          stdio: ["ignore", "pipe", "pipe"],
          // Its own process group: tsx runs the script in a child of its own, and the kill must reach both.
          detached: true,
        });
        const exited = once(child, "exit");
        const lines: string[] = [];
        let stderr = "";
        child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
        createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));

        // Killed once every event is handed over and a flush is held by the lock, its bets written, not committed.
        await vi.waitFor(
          async () => {
            if (child!.exitCode !== null) throw new Error(`the child exited early: ${stderr}`);
            if (!lines.includes("SUBMITTED")) throw new Error("still submitting");
            const held = await db.$queryRaw<{ pid: number; wroteBets: boolean }[]>`
              SELECT a.pid, EXISTS (
                SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE l.pid = a.pid AND c.relname = 'Bet' AND l.mode = 'RowExclusiveLock' AND l.granted
              ) AS "wroteBets"
              FROM pg_stat_activity a WHERE a.application_name = ${app} AND ${lockPid}::int = ANY(pg_blocking_pids(a.pid))`;
            if (!held.some((h) => h.wroteBets)) throw new Error("no flush held yet");
          },
          { timeout: 60_000, interval: 5 },
        );
        process.kill(-child.pid!, "SIGKILL");
        await exited;
        await lock.query("ROLLBACK");
        // Its connections end when the server reads their end (a held one once the lock is gone).
        await vi.waitFor(
          async () => {
            const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${app}`;
            if (n > 0) throw new Error(`${n} connections of the killed process still open`);
          },
          { timeout: 60_000, interval: 10 },
        );

        const acks = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { ack?: string; status?: string; failed?: string });
        expect(acks.filter((a) => a.failed)).toEqual([]);
        const storedIds = new Set(
          (await db.bet.findMany({ where: { id: { in: specs.map((s) => id(C, s.key)) } }, select: { id: true } })).map((b) => b.id),
        );
        // Answered "applied" means committed; the first wave was answered before the rest was sent.
        const applied = acks.filter((a) => a.status === "applied").map((a) => a.ack!);
        expect(applied.length).toBeGreaterThanOrEqual(30);
        expect(applied.filter((a) => !storedIds.has(a))).toEqual([]);
        // The held flush never committed: none of the hostage's bets is stored, and not every bet is.
        expect([100, 101, 190].map((i) => storedIds.has(id(C, specs[i].key)))).toEqual([false, false, false]);
        expect(storedIds.size).toBeLessThan(300);

        // Nothing half-applied: every figure equals its recomputation from the bets that are stored…
        await expectRebuildAgrees([C]);
        // …and the bonus has one contribution for each stored bet it counts, summing to its progress.
        const [rollover] = await db.$queryRaw<{ ok: boolean; contributions: number }[]>`
          SELECT pr."wageredUsdAmount" = COALESCE((SELECT sum("usdAmount") FROM "BetRolloverContribution" WHERE "progressId" = pr.id), 0)
                 AND pr."maxBetViolations" = (SELECT count(*) FROM "BetRolloverContribution" WHERE "progressId" = pr.id AND violation)
                 AND (SELECT count(*) FROM "BetRolloverContribution" WHERE "progressId" = pr.id) = (
                   SELECT count(*) FROM "Bet" b WHERE b."userId" = pr."userId" AND b."gameId" = ANY(${C.games.slice(0, 2)}::int[])
                     AND b."createdAt" >= pr."activatedAt" AND b."voidedAt" IS NULL) AS ok,
                 (SELECT count(*)::int FROM "BetRolloverContribution" WHERE "progressId" = pr.id) AS contributions
          FROM "UserPromoCodeProgress" pr WHERE pr."userId" = ${C.players[0]}`;
        expect(rollover.ok).toBe(true);
        expect(rollover.contributions).toBeGreaterThan(0);

        // Resent, every one (as single requests, at once): applied if it wasn't stored, duplicate if it was.
        const resent = await Promise.all(events(C).map((e) => sendBets(e) as Promise<TResponse>));
        expect(resent.map((r) => statuses(r)[0])).toEqual(specs.map((s) => (storedIds.has(id(C, s.key)) ? "duplicate" : "applied")));
        const afterResend = await platformDays(db);

        const batch = (await sendBets({ events: events(M) })) as TResponse;
        expect(statuses(batch)).toEqual(specs.map(() => "applied"));
        const afterBatch = await platformDays(db);
        const [gc, gm] = [await snapshot(db, C), await snapshot(db, M)];
        expect(gc).toEqual(gm);
        expect(gc.bets).toHaveLength(301);
        expect(platformMoved(afterResend, before)).toEqual(platformMoved(afterBatch, afterResend));
        await expectRebuildAgrees([C, M]);
      } finally {
        if (child && child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
        await lock.end().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TEST_MS,
  );
});

afterAll(() => {
  expect([ingestBetRequest.pending(), ingestDepositRequest.pending(), ingestBetRollbackRequest.pending()]).toEqual([0, 0, 0]);
});
