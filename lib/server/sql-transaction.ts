import "server-only";

import { createHash } from "node:crypto";

import type pg from "pg";

import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { dbPool, lockBudgetSql } from "@/lib/server/db";

/**
 * The two raw calls of Prisma's transaction client, on a pg connection: the same tagged templates and
 * Prisma.sql fragments, so SQL composed for Prisma runs here unchanged. Rows come back as pg parses
 * them (numeric and int8 as strings, timestamptz as Date, jsonb parsed): select money as text.
 */
export type TSqlTx = {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
};

function toSql(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

// Statements by name: pg prepares a named statement once per connection and then only binds and
// executes it, so PostgreSQL skips parsing and rewriting (and, after a few runs, planning) the claim's
// long statements on every call. Behind a transaction pooler a connection's prepared statements are
// not the client's, so there they stay unnamed. The claim has a handful of statement texts; the cap
// only guards against a caller that builds unbounded ones.
const MAX_NAMED = 200;
const names = new Map<string, string>();
function named(sql: Prisma.Sql): pg.QueryConfig {
  let name = names.get(sql.text);
  if (name === undefined && names.size < MAX_NAMED && env().DATABASE_POOL_MODE === "session") {
    name = `rollover_${createHash("sha1").update(sql.text).digest("hex").slice(0, 20)}`;
    names.set(sql.text, name);
  }
  return { text: sql.text, values: sql.values.map(toParam), ...(name ? { name } : {}) };
}

// Parameters as Prisma's adapter sends them, so SQL written for Prisma reads the same values here:
// a Date as UTC ISO text (pg's own formatting is the process's local time), a Decimal or bigint as
// its decimal text (pg would JSON-encode the one and refuse the other), arrays element by element.
function toParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value) || typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toParam);
  return value;
}

function onClient(client: Pick<pg.PoolClient, "query">): TSqlTx {
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await client.query(named(toSql(query, values)))).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await client.query(named(toSql(query, values)))).rowCount ?? 0;
    },
  };
}

/** One statement on the pool, outside any transaction. */
export const sql: TSqlTx = {
  $queryRaw: (query, ...values) => onClient(dbPool()).$queryRaw(query, ...values),
  $executeRaw: (query, ...values) => onClient(dbPool()).$executeRaw(query, ...values),
};

/**
 * A transaction on a connection of Prisma's own pool, without Prisma's query engine: for the one hot
 * path where that engine's cost per statement (measured: ~0.4 ms of CPU of a ~0.5 ms statement on
 * this machine) is most of the request — the claim, at four statements. Same pool, same connection
 * and lock budget as db.$transaction (a start that waited for its connection gets the rest of the
 * budget as its lock_timeout); COMMIT when `run` resolves, ROLLBACK when it throws. A connection that
 * failed is destroyed, not returned to the pool.
 *
 * `first`: constant statements (no parameters) that open the transaction in BEGIN's own round trip
 * (the simple protocol runs `BEGIN; …` as separate statements, each with its own snapshot): a lock
 * every statement after it must see the world under, a SET LOCAL. A round trip costs the app more
 * CPU than most statements do on the server (a loopback write wakes the backend: ~0.1 ms a write
 * under load, issue #18), so a hot path saves them where it can.
 */
export async function sqlTransaction<T>(run: (tx: TSqlTx) => Promise<T>, options: { first?: readonly string[] } = {}): Promise<T> {
  const started = performance.now();
  const client = await dbPool().connect();
  let broken: Error | undefined;
  // A connection that dies while it is checked out (between two statements) emits "error" on the
  // client, which the pool no longer listens to; unheard, that would be an uncaught exception. Heard
  // here, the next statement fails with pg's own "not queryable" error (an outage: 503) and the
  // connection is destroyed on release.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    // An object, like Prisma's own BEGIN: a transaction pooler's client recognises it (lib/server/db.ts).
    // The budget (after a slow start) comes before any statement of `first` that may wait on a lock.
    const budget = lockBudgetSql(performance.now() - started);
    await client.query({ text: ["BEGIN", ...(budget ? [budget] : []), ...(options.first ?? [])].join("; ") });
    const result = await run(onClient(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
