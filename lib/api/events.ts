import "server-only";

import type { z } from "zod";

import { apiError } from "@/lib/api/errors";
import { MAX_BATCH } from "@/lib/schemas/api/events";
import { findUnsafeText } from "@/lib/schemas/text";
import { rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";

const malformed = () => apiError("INVALID_BODY", `Send one event or {"events": [...]} with 1 to 1,000 events.`);

/**
 * Splits a body into its events (one event or a batch `{"events": [...]}` of 1 to 1,000) and validates
 * each on its own: a bad event — wrong types, out-of-range values, unsafe text, not even an object —
 * becomes a rejected result and never blocks the others. Unknown fields are ignored and named in the
 * event's warnings. Only a malformed envelope is a 400.
 */
export function parseEvents<S extends z.ZodObject>(body: Record<string, unknown>, schema: S): TParsedEvent<z.output<S>>[] {
  let raw: unknown[];
  if ("events" in body) {
    if (Object.keys(body).length !== 1 || !Array.isArray(body.events)) throw malformed();
    if (body.events.length < 1 || body.events.length > MAX_BATCH) throw malformed();
    raw = body.events;
  } else {
    raw = [body];
  }
  const known = new Set(Object.keys(schema.shape));
  return raw.map((item, index) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return { index, rawId: null, ok: false as const, result: rejected(null, "INVALID_EVENT", "event: must be a JSON object") };
    }
    const obj = item as Record<string, unknown>;
    const rawId = (typeof obj.id === "string" && !findUnsafeText(obj.id)) || typeof obj.id === "number" ? (obj.id as string | number) : null;
    const warnings = Object.keys(obj)
      .filter((k) => !known.has(k))
      .map((k) => `unknown field "${k.replace(/[^\x20-\x7e]/g, "?").slice(0, 64)}" ignored`);
    const unsafe = findUnsafeText(obj);
    if (unsafe) {
      return {
        index,
        rawId,
        ok: false as const,
        result: rejected(rawId, "INVALID_EVENT", `${unsafe}: text may not hold a NUL character or a lone surrogate`, warnings),
      };
    }
    const parsed = schema.safeParse(obj);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const code = issue.code === "too_big" ? "OUT_OF_RANGE" : "INVALID_EVENT";
      return {
        index,
        rawId,
        ok: false as const,
        result: rejected(rawId, code, `${issue.path.join(".") || "event"}: ${issue.message}`, warnings),
      };
    }
    return { index, rawId, ok: true as const, event: parsed.data as z.output<S>, warnings };
  });
}
