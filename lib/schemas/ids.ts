import { z } from "zod";

import { INT4_MAX } from "@/lib/schemas/bounds";

// Ids from outside (JSON, a path, a query, a token) are checked against their column's type before
// they reach SQL: an int4 overflow or a malformed uuid is "not found", never a database error.

/** A database int4 id (users, games) from JSON, a path, a query or a token. */
export const ZInt4Id = z.number().int().positive().max(INT4_MAX);

/** The int4 id a search box or a path segment holds, or null when it holds none (never an overflow). */
export function int4FromText(text: string | undefined | null): number | null {
  if (!text || !/^\d{1,10}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= INT4_MAX ? n : null;
}

const ZUuid = z.uuid();

/** True for a well-formed uuid (a path segment naming a promo, a board, a challenge, a schedule). */
export function isUuid(text: string | undefined | null): text is string {
  return ZUuid.safeParse(text).success;
}
