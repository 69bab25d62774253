import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type TTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * How long one database call may wait — for a pooled connection, for Prisma to start a transaction,
 * for a lock — before it gives up with an error that lib/server/db-errors.ts reads as "unavailable"
 * (503 + Retry-After at the API edge). SPEC §7: a request that can't get a connection or its locks
 * within 5 s gets 503. Statements themselves are not timed: settlement and 1,000-event batches
 * legitimately run longer. The worker, which has no caller waiting, waits longer (lib/jobs/worker.ts).
 */
export type TDbProfile = { waitMs: number; transactionTimeoutMs?: number };

export const REQUEST_DB_PROFILE: TDbProfile = { waitMs: 5_000 };
let profile: TDbProfile = REQUEST_DB_PROFILE;

// Below this, a transaction's start was quick and the lock_timeout it started with (waitMs: the
// session's, or behind a transaction pooler the transaction's own) still fits the budget; above it,
// the transaction is told what is left so connection + lock waits stay within waitMs.
const LOCK_BUDGET_SLACK_MS = 250;
const MIN_LOCK_WAIT_MS = 100;

/** Sets the profile of this process's client; call before the first query (the worker does). */
export function configureDb(next: TDbProfile) {
  if (globalForDb.rolloverDb) throw new Error("configureDb() must run before the first database call");
  profile = next;
}

/**
 * Behind PgBouncer in transaction pooling mode (DATABASE_POOL_MODE=transaction) a session setting
 * does not hold: each transaction may run on another server connection, and PgBouncer refuses a
 * startup parameter it does not track ("unsupported startup parameter: lock_timeout"). So this client
 * sends no session settings and carries the lock budget in every transaction instead: Prisma opens
 * each one with a bare `BEGIN` (simple protocol, no parameters), which becomes
 * `BEGIN; SET LOCAL lock_timeout = …` — the same round trip; a `BEGIN; …` that opens a transaction
 * with more statements (sqlTransaction's `first`) gets the setting right after its BEGIN, before
 * anything that may wait. A statement outside a transaction gets the role's default
 * (`ALTER ROLE … SET lock_timeout`, docs/scaling.md).
 */
function transactionPoolingClient(lockTimeoutMs: number): typeof pg.Client {
  const setting = `SET LOCAL lock_timeout = ${Math.round(lockTimeoutMs)}`;
  return class TransactionPoolingClient extends pg.Client {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards every overload of pg's query unchanged
    override query(config: any, values?: any, callback?: any): any {
      const isBegin =
        typeof config === "object" &&
        config !== null &&
        typeof config.text === "string" &&
        (config.text === "BEGIN" || config.text.startsWith("BEGIN; ")) &&
        !config.name &&
        !(config.values?.length > 0);
      return super.query(isBegin ? { ...config, text: `BEGIN; ${setting}${config.text.slice("BEGIN".length)}` } : config, values, callback);
    }
  };
}

function createPool(): pg.Pool {
  const { DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_POOL_MODE } = env();
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: DATABASE_POOL_SIZE,
    // pg-pool rejects a waiter after this ("timeout exceeded when trying to connect"); also bounds a
    // connect to a server that accepts the socket but doesn't answer.
    connectionTimeoutMillis: profile.waitMs,
    ...(DATABASE_POOL_MODE === "transaction"
      ? { Client: transactionPoolingClient(profile.waitMs) }
      : // A startup parameter, so it costs no round trip: every lock wait of every statement is bounded.
        { lock_timeout: profile.waitMs }),
  });
  // An idle connection the server closed leaves the pool; the next query opens another.
  pool.on("error", () => {});
  return pool;
}

function createClient(pool: pg.Pool): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // The shared default of every db.$transaction (Prisma's own maxWait is 2 s): the pool's timeout
    // above fires first, so a waiter is removed from the pool's queue rather than abandoned in it.
    transactionOptions: {
      maxWait: profile.waitMs + 500,
      ...(profile.transactionTimeoutMs ? { timeout: profile.transactionTimeoutMs } : {}),
    },
  });
}

/**
 * The statement that shares the wait budget between connection and locks: null when the transaction
 * started quickly (its lock_timeout is already waitMs), else `SET LOCAL lock_timeout` to what is left.
 */
export function lockBudgetSql(waitedMs: number): string | null {
  if (waitedMs <= LOCK_BUDGET_SLACK_MS) return null;
  return `SET LOCAL lock_timeout = ${Math.max(Math.round(profile.waitMs - waitedMs), MIN_LOCK_WAIT_MS)}`;
}

/**
 * db.$transaction(fn) with the wait budget shared between connection and locks: a transaction that
 * waited for its connection gets `SET LOCAL lock_timeout` to the rest of the budget, so the two waits
 * together stay within waitMs (a quick start — the usual case — costs nothing extra).
 */
function budgetedTransaction(client: PrismaClient): PrismaClient["$transaction"] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards both overloads of $transaction unchanged
  return ((arg: any, options?: any) => {
    if (typeof arg !== "function") return client.$transaction(arg, options);
    const started = performance.now();
    return client.$transaction(async (tx) => {
      const budget = lockBudgetSql(performance.now() - started);
      if (budget) await tx.$executeRawUnsafe(budget);
      return arg(tx);
    }, options);
  }) as PrismaClient["$transaction"];
}

// One pool and one client per process; kept on globalThis so dev hot reloads don't open a pool per edit.
const globalForDb = globalThis as unknown as { rolloverDb?: PrismaClient; rolloverPool?: pg.Pool };

function client(): PrismaClient {
  if (!globalForDb.rolloverDb) {
    const pool = createPool();
    globalForDb.rolloverPool = pool;
    globalForDb.rolloverDb = createClient(pool);
  }
  return globalForDb.rolloverDb;
}

// Created on first use, so importing this module (e.g. during `next build`) needs no database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    if (prop === "$transaction") return budgetedTransaction(c);
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/** Prisma's own pool (same connections, same settings), for SQL that runs without Prisma's engine. */
export function dbPool(): pg.Pool {
  client();
  return globalForDb.rolloverPool!;
}

export async function disconnectDb() {
  const { rolloverDb, rolloverPool } = globalForDb;
  await rolloverDb?.$disconnect();
  if (rolloverPool && !rolloverPool.ending) await rolloverPool.end();
  globalForDb.rolloverDb = undefined;
  globalForDb.rolloverPool = undefined;
}

/** True for a unique-constraint violation, from Prisma's API (P2002) or raw SQL (23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return e?.code === "P2002" || e?.code === "23505" || e?.meta?.driverAdapterError?.cause?.originalCode === "23505";
}
