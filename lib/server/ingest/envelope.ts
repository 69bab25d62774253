import "server-only";

import type { TTx } from "@/lib/server/db";

import type { TEventResult } from "@/lib/schemas/api/events";

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
