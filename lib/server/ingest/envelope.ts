import "server-only";

import type { TEventResult } from "@/lib/schemas/api/events";
import { db, type TTx } from "@/lib/server/db";

export type TParsedEvent<T> =
  | { index: number; rawId: string | number | null; ok: true; event: T; warnings: string[] }
  | { index: number; rawId: string | number | null; ok: false; result: TEventResult };

/**
 * Serializes events for the same entity across concurrent batches: one transaction-scoped advisory
 * lock per id (`space` keeps users and games apart), taken in id order so batches never deadlock.
 */
export async function lockEventIds(tx: TTx, space: number, parsed: TParsedEvent<{ id: number }>[]) {
  const ids = [...new Set(parsed.flatMap((p) => (p.ok ? [p.event.id] : [])))].sort((a, b) => a - b);
  if (ids.length) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${space}::int, id) FROM unnest(${ids}::int[]) AS id ORDER BY id`;
}

export const rejected = (id: string | number | null, code: string, message: string, warnings: string[] = []): TEventResult => ({
  id,
  status: "rejected",
  error: { code, message },
  warnings,
});

/** The answers an event applied or found unchanged gets. */
export const applied = (id: string | number | null, warnings: string[]): TEventResult => ({ id, status: "applied", error: null, warnings });
export const duplicate = (id: string | number | null, warnings: string[]): TEventResult => ({ id, status: "duplicate", error: null, warnings });

/**
 * Applies entity events (users, games) one by one, in the order sent, in one transaction that holds
 * each id's advisory lock (`space`): an invalid event keeps its own rejection, every valid one gets
 * what `apply` answers. `warnings` is the event's own copy, for `apply` to add to.
 */
export async function applyInOrder<T extends { id: number }>(
  space: number,
  parsed: TParsedEvent<T>[],
  apply: (tx: TTx, event: T, rawId: string | number | null, warnings: string[]) => Promise<TEventResult>,
): Promise<TEventResult[]> {
  return db.$transaction(
    async (tx) => {
      await lockEventIds(tx, space, parsed);
      const results: TEventResult[] = [];
      for (const p of parsed) results.push(p.ok ? await apply(tx, p.event, p.rawId, [...p.warnings]) : p.result);
      return results;
    },
    { timeout: 60_000 },
  );
}
