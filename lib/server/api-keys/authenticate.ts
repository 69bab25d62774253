import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { hashApiKey } from "@/lib/server/api-keys/hash";
import { countHit, rateWindow } from "@/lib/server/rate-limit";
import { sql } from "@/lib/server/sql-transaction";

export type TApiKeyHit = { key: { id: string; name: string } | null; hits: number; retryAfterSeconds: number };

type TWaiter = { resolve: (hit: TApiKeyHit) => void; reject: (error: unknown) => void };
type TLane = { waiting: TWaiter[]; running: boolean };

// One lane per key hash while a lookup of it runs or waits; removed when both are done, so the map
// holds only the keys in use this instant (a flood of made-up keys costs what it did: one each).
const lanes = new Map<string, TLane>();

/**
 * The key behind a platform request's token (not revoked) and the request's hit in this second's
 * window, the one check every platform request makes. Concurrent requests with one key share a
 * round trip: while a lookup of the key runs, the requests that arrive wait for the next, which
 * counts all of them in one upsert (`count + n`); each gets its own place in that count, as if each
 * had counted alone — the limit holds exactly as before, across instances too. A request waits at
 * most for the statement ahead of it. Revocation is read in every statement, never cached. The window
 * is the one the statement starts in. A platform posting single bets from many threads made this one
 * statement each (~0.3 ms of CPU in app and server); now it is one per ~round trip (issue #18).
 */
export function findApiKeyCountingHit(token: string): Promise<TApiKeyHit> {
  const hash = hashApiKey(token);
  return new Promise<TApiKeyHit>((resolve, reject) => {
    let lane = lanes.get(hash);
    if (!lane) {
      lane = { waiting: [], running: false };
      lanes.set(hash, lane);
    }
    lane.waiting.push({ resolve, reject });
    if (!lane.running) void runLane(hash, lane);
  });
}

async function runLane(hash: string, lane: TLane): Promise<void> {
  lane.running = true;
  while (lane.waiting.length > 0) {
    const batch = lane.waiting;
    lane.waiting = [];
    try {
      const { key, hits, retryAfterSeconds } = await lookUpCounting(hash, batch.length);
      // The batch's hits are the last n of the count, in arrival order.
      batch.forEach((w, i) => w.resolve({ key, hits: key ? hits - batch.length + 1 + i : 0, retryAfterSeconds }));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
  lane.running = false;
  lanes.delete(hash);
}

/**
 * One round trip: the key (not revoked), `n` hits in this second's window, and its last use —
 * written at most once a minute so a busy key doesn't write its row on every request. On pg
 * directly, named and prepared (sql-transaction.ts).
 */
async function lookUpCounting(hash: string, n: number, now = new Date()): Promise<TApiKeyHit> {
  const window = rateWindow(1, now);
  const [row] = await sql.$queryRaw<{ id: string; name: string; hits: number }[]>`
    WITH k AS (SELECT id, name FROM "ApiKey" WHERE hash = ${hash}::text AND "revokedAt" IS NULL),
    hit AS (${countHit(Prisma.sql`SELECT 'apikey:' || id FROM k`, window.start, n)}),
    used AS (
      UPDATE "ApiKey" SET "lastUsedAt" = now()
      WHERE id IN (SELECT id FROM k) AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')
    )
    SELECT k.id, k.name, (SELECT "count" FROM hit) AS hits FROM k`;
  return { key: row ? { id: row.id, name: row.name } : null, hits: row?.hits ?? 0, retryAfterSeconds: window.retryAfterSeconds };
}
