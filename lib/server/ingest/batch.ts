import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { db, type TTx } from "@/lib/server/db";
import { isOutOfRange } from "@/lib/server/db-errors";
import { sqlTransaction, type TSqlTx } from "@/lib/server/sql-transaction";

const BATCH_TX = { timeout: 60_000 } as const;

/** Runs `fn` in one transaction on some client: Prisma's, or pg's without Prisma's engine. */
type TRunner<X> = <R>(fn: (tx: X) => Promise<R>) => Promise<R>;
const onPrisma: TRunner<TTx> = (fn) => db.$transaction(fn, BATCH_TX);

/**
 * Runs a batch's writes in one transaction, so a batch is committed whole or not at all. The schemas'
 * bounds keep each value's own arithmetic in range, but a sum can still reach the ceiling of its
 * column (a player's lifetime wagering after ~1e7 maximal bets). When the database refuses a batch
 * for that, it runs again in one transaction with each event in its own savepoint: only the event
 * that overflows is left out (OUT_OF_RANGE), and the others apply. Only that rare path pays for the
 * savepoints.
 */
export function applyBatch<T, R>(items: T[], apply: (tx: TTx, items: T[]) => Promise<R[]>) {
  return applyBatchOn(onPrisma, items, apply);
}

/**
 * applyBatch on a pg connection without Prisma's engine (sqlTransaction), for a batch whose
 * statements are all raw SQL — the bets, where a group of single bets is a dozen statements and
 * the engine's cost per statement was a third of a request's CPU. `first` opens each of its
 * transactions (the savepoint rerun's too), in BEGIN's round trip.
 */
export function applySqlBatch<T, R>(items: T[], apply: (tx: TSqlTx, items: T[]) => Promise<R[]>, options: { first?: readonly string[] } = {}) {
  return applyBatchOn((fn) => sqlTransaction(fn, options), items, apply);
}

async function applyBatchOn<X extends TSqlTx, T, R>(
  run: TRunner<X>,
  items: T[],
  apply: (tx: X, items: T[]) => Promise<R[]>,
): Promise<{ results: R[]; outOfRange: Set<T> }> {
  const outOfRange = new Set<T>();
  if (items.length === 0) return { results: [], outOfRange };
  try {
    return { results: await run((tx) => apply(tx, items)), outOfRange };
  } catch (error) {
    if (!isOutOfRange(error) || items.length === 1) {
      if (isOutOfRange(error)) return { results: [], outOfRange: new Set(items) };
      throw error;
    }
  }
  const results = await run(async (tx) => {
    const all: R[] = [];
    for (const item of items) {
      await tx.$executeRaw(Prisma.raw("SAVEPOINT rollover_event"));
      try {
        all.push(...(await apply(tx, [item])));
        await tx.$executeRaw(Prisma.raw("RELEASE SAVEPOINT rollover_event"));
      } catch (error) {
        if (!isOutOfRange(error)) throw error;
        await tx.$executeRaw(Prisma.raw("ROLLBACK TO SAVEPOINT rollover_event"));
        outOfRange.add(item);
      }
    }
    return all;
  });
  return { results, outOfRange };
}

export const OUT_OF_RANGE_MESSAGE = "A figure this event moves would leave the range the database can hold; nothing was stored for it.";
