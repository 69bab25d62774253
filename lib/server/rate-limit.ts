import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";
import { db } from "@/lib/server/db";

/** The fixed window `now` falls in, and the seconds until it ends. */
export function rateWindow(windowSeconds: number, now = new Date()) {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000)) };
}

/**
 * The one rate-limit increment, as SQL to compose: counts `hits` hits (one request each) for each key
 * `keys` selects (one text column; none when it selects no row) in the window starting at
 * `windowStart`, and returns each key's count after them. One atomic upsert: concurrent callers each
 * see distinct counts, so a burst can't slip past it. The API edge composes it with its player or key
 * lookup in one round trip.
 */
export function countHit(keys: Prisma.Sql, windowStart: Date, hits = 1): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
    SELECT k.key, ${windowStart}, ${hits}::int FROM (${keys}) AS k(key)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + EXCLUDED."count", "updatedAt" = now()
    RETURNING "count"`;
}

export type TRateLimitResult = { allowed: boolean; count: number; limit: number; retryAfterSeconds: number };

/** Fixed-window counter in PostgreSQL, so a limit holds across every app instance. */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  client: Pick<TTx, "$queryRaw"> = db,
  now = new Date(),
): Promise<TRateLimitResult> {
  const window = rateWindow(windowSeconds, now);
  const rows = await client.$queryRaw<{ count: number }[]>(countHit(Prisma.sql`SELECT ${key}::text`, window.start));
  const count = rows[0].count;
  return { allowed: count <= limit, count, limit, retryAfterSeconds: window.retryAfterSeconds };
}

/** Gives back one hit (a sign-in that turned out to be good doesn't count as a failure). */
export async function releaseRateLimit(key: string, windowSeconds: number, now = new Date()) {
  await db.$executeRaw`
    UPDATE "RateLimitCounter" SET "count" = GREATEST("count" - 1, 0), "updatedAt" = now()
    WHERE "key" = ${key} AND "windowStart" = ${rateWindow(windowSeconds, now).start}`;
}

/** Old windows are useless; the worker calls this now and then. */
export async function pruneRateLimits(olderThan: Date) {
  return db.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "windowStart" < ${olderThan}`;
}
