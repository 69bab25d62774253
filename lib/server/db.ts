import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";

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

// Below this, a transaction's start was quick and the session's lock_timeout (waitMs) still fits the
// budget; above it, the transaction is told what is left so connection + lock waits stay within waitMs.
const LOCK_BUDGET_SLACK_MS = 250;
const MIN_LOCK_WAIT_MS = 100;

/** Sets the profile of this process's client; call before the first query (the worker does). */
export function configureDb(next: TDbProfile) {
  if (globalForDb.rolloverDb) throw new Error("configureDb() must run before the first database call");
  profile = next;
}

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const adapter = new PrismaPg({
    connectionString: DATABASE_URL,
    max: DATABASE_POOL_SIZE,
    // pg-pool rejects a waiter after this ("timeout exceeded when trying to connect"); also bounds a
    // connect to a server that accepts the socket but doesn't answer.
    connectionTimeoutMillis: profile.waitMs,
    // A startup parameter, so it costs no round trip: every lock wait of every statement is bounded.
    lock_timeout: profile.waitMs,
  });
  return new PrismaClient({
    adapter,
    // The shared default of every db.$transaction (Prisma's own maxWait is 2 s): the pool's timeout
    // above fires first, so a waiter is removed from the pool's queue rather than abandoned in it.
    transactionOptions: {
      maxWait: profile.waitMs + 500,
      ...(profile.transactionTimeoutMs ? { timeout: profile.transactionTimeoutMs } : {}),
    },
  });
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
      const waited = performance.now() - started;
      if (waited > LOCK_BUDGET_SLACK_MS) {
        const left = Math.max(Math.round(profile.waitMs - waited), MIN_LOCK_WAIT_MS);
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${left}`);
      }
      return arg(tx);
    }, options);
  }) as PrismaClient["$transaction"];
}

// One client per process; kept on globalThis so dev hot reloads don't open a pool per edit.
const globalForDb = globalThis as unknown as { rolloverDb?: PrismaClient };

// Created on first use, so importing this module (e.g. during `next build`) needs no database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = (globalForDb.rolloverDb ??= createClient());
    if (prop === "$transaction") return budgetedTransaction(client);
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  await globalForDb.rolloverDb?.$disconnect();
  globalForDb.rolloverDb = undefined;
}

/** True for a unique-constraint violation, from Prisma's API (P2002) or raw SQL (23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return e?.code === "P2002" || e?.code === "23505" || e?.meta?.driverAdapterError?.cause?.originalCode === "23505";
}
