import "server-only";

import { db, type TTx } from "@/lib/server/db";
import { isOutOfRange } from "@/lib/server/db-errors";

const BATCH_TX = { timeout: 60_000 } as const;

/**
 * Runs a batch's writes in one transaction, so a batch is committed whole or not at all. The schemas'
 * bounds keep each value's own arithmetic in range, but a sum can still reach the ceiling of its
 * column (a player's lifetime wagering after ~1e7 maximal bets). When the database refuses a batch
 * for that, it runs again in one transaction with each event in its own savepoint: only the event
 * that overflows is left out (OUT_OF_RANGE), and the others apply. Only that rare path pays for the
 * savepoints.
 */
export async function applyBatch<T, R>(
  items: T[],
  apply: (tx: TTx, items: T[]) => Promise<R[]>,
): Promise<{ results: R[]; outOfRange: Set<T> }> {
  const outOfRange = new Set<T>();
  if (items.length === 0) return { results: [], outOfRange };
  try {
    return { results: await db.$transaction((tx) => apply(tx, items), BATCH_TX), outOfRange };
  } catch (error) {
    if (!isOutOfRange(error) || items.length === 1) {
      if (isOutOfRange(error)) return { results: [], outOfRange: new Set(items) };
      throw error;
    }
  }
  const results = await db.$transaction(async (tx) => {
    const all: R[] = [];
    for (const item of items) {
      await tx.$executeRawUnsafe("SAVEPOINT rollover_event");
      try {
        all.push(...(await apply(tx, [item])));
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT rollover_event");
      } catch (error) {
        if (!isOutOfRange(error)) throw error;
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT rollover_event");
        outOfRange.add(item);
      }
    }
    return all;
  }, BATCH_TX);
  return { results, outOfRange };
}

export const OUT_OF_RANGE_MESSAGE = "A figure this event moves would leave the range the database can hold; nothing was stored for it.";
