import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { countHit, rateWindow } from "@/lib/server/rate-limit";
import { sql } from "@/lib/server/sql-transaction";

export type TPlayerHit = { playerId: number | null; hits: number; retryAfterSeconds: number };

/**
 * One round trip per player request: the player exists, and their hit in this minute's window is
 * counted under `limitKey` (an unknown player counts nothing). On pg directly, named and prepared,
 * like the platform's key lookup.
 */
export async function findPlayerCountingHit(userId: number, limitKey: string, now = new Date()): Promise<TPlayerHit> {
  const window = rateWindow(60, now);
  const [row] = await sql.$queryRaw<{ id: number | null; hits: number | null }[]>`
    WITH player AS (SELECT id FROM "User" WHERE id = ${userId}::int AND role = 'PLAYER'),
    hit AS (${countHit(Prisma.sql`SELECT ${limitKey}::text FROM player`, window.start)})
    SELECT (SELECT id FROM player) AS id, (SELECT "count" FROM hit) AS hits`;
  return { playerId: row?.id ?? null, hits: row?.hits ?? 0, retryAfterSeconds: window.retryAfterSeconds };
}
