import "server-only";

import type { z } from "zod";

import type { TTx } from "@/lib/server/db";

import { ApiError } from "@/lib/api/errors";
import { ZEventEnvelope, type TEventResult } from "@/lib/schemas/api/events";

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

/**
 * Splits a body into its events (one event or a batch of up to 1,000) and validates each on its own:
 * a bad event becomes a rejected result and never blocks the others. Unknown fields are ignored and
 * named in the event's warnings.
 */
export function parseEvents<S extends z.ZodObject>(body: unknown, schema: S): TParsedEvent<z.output<S>>[] {
  const envelope = ZEventEnvelope.safeParse(body);
  if (!envelope.success) {
    throw ApiError.of("INVALID_BODY", `Send one event or {"events": [...]} with 1 to 1,000 events.`);
  }
  const raw = "events" in envelope.data && Array.isArray(envelope.data.events) ? envelope.data.events : [envelope.data];
  const known = new Set(Object.keys(schema.shape));
  return raw.map((item, index) => {
    const obj = item as Record<string, unknown>;
    const rawId = typeof obj.id === "string" || typeof obj.id === "number" ? obj.id : null;
    const warnings = Object.keys(obj)
      .filter((k) => !known.has(k))
      .map((k) => `unknown field "${k}" ignored`);
    const parsed = schema.safeParse(obj);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        index,
        rawId,
        ok: false as const,
        result: rejected(rawId, "INVALID_EVENT", `${issue.path.join(".") || "event"}: ${issue.message}`, warnings),
      };
    }
    return { index, rawId, ok: true as const, event: parsed.data as z.output<S>, warnings };
  });
}
