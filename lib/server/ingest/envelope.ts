import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TDepositEvent, TEventResult } from "@/lib/schemas/api/events";
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

type TParsedOk<T> = Extract<TParsedEvent<T>, { ok: true }>;

/** The first valid event with each id: the one a batch processes; a repeat of it is judged against it. */
export function firstById<T extends { id: string }>(parsed: TParsedEvent<T>[]): Map<string, TParsedOk<T>> {
  const first = new Map<string, TParsedOk<T>>();
  for (const p of parsed) if (p.ok && !first.has(p.event.id)) first.set(p.event.id, p);
  return first;
}

/**
 * Every event's answer in the order sent, given the answers of the first of each id: an invalid
 * event keeps its rejection; a repeat with the same content answers like the first (an applied
 * first makes it a duplicate), a repeat with other content is ID_CONFLICT.
 */
export function answersInOrder<T extends { id: string }>(
  parsed: TParsedEvent<T>[],
  first: Map<string, TParsedOk<T>>,
  answers: Map<string, TEventResult>,
  same: (a: T, b: T) => boolean,
  noun: string,
): TEventResult[] {
  return parsed.map((p) => {
    if (!p.ok) return p.result;
    const f = first.get(p.event.id)!;
    if (f === p) return answers.get(p.event.id)!;
    if (!same(f.event, p.event)) return rejected(p.rawId, "ID_CONFLICT", `Another ${noun} with this id and different content was sent.`, p.warnings);
    const r = answers.get(p.event.id)!;
    return r.status === "rejected" ? { ...r, id: p.rawId, warnings: p.warnings } : duplicate(p.rawId, p.warnings);
  });
}

/** A deposit or withdrawal as stored (they share one shape). */
export type TStoredMoneyEvent = { id: string; userId: number; currencyId: string; amount: string; usdAmount: string; createdAt: Date };

/** Same deposit or withdrawal? Compared on what the platform sent (a usdAmount it left out was derived, not sent). */
export function sameAsStored(sent: TDepositEvent, stored: TStoredMoneyEvent): boolean {
  return (
    stored.userId === sent.userId &&
    stored.currencyId === sent.currencyId &&
    new Prisma.Decimal(stored.amount).eq(sent.amount) &&
    (sent.usdAmount === undefined || new Prisma.Decimal(stored.usdAmount).eq(sent.usdAmount)) &&
    stored.createdAt.getTime() === sent.createdAt.getTime()
  );
}
