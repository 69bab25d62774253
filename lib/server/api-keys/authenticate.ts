import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { hashApiKey } from "@/lib/server/api-keys/hash";
import { countHit, rateWindow } from "@/lib/server/rate-limit";
import { sql } from "@/lib/server/sql-transaction";

export type TApiKeyHit = { key: { id: string; name: string } | null; hits: number; retryAfterSeconds: number };

/**
 * One round trip per platform request: the key (not revoked), its hit in this second's window, and
 * its last use — written at most once a minute so a busy key doesn't write its row on every request.
 * On pg directly, named and prepared (sql-transaction.ts): every platform request runs it, and
 * Prisma's engine cost per statement was about half of the statement's time.
 */
export async function findApiKeyCountingHit(token: string, now = new Date()): Promise<TApiKeyHit> {
  const window = rateWindow(1, now);
  const [row] = await sql.$queryRaw<{ id: string; name: string; hits: number }[]>`
    WITH k AS (SELECT id, name FROM "ApiKey" WHERE hash = ${hashApiKey(token)}::text AND "revokedAt" IS NULL),
    hit AS (${countHit(Prisma.sql`SELECT 'apikey:' || id FROM k`, window.start)}),
    used AS (
      UPDATE "ApiKey" SET "lastUsedAt" = now()
      WHERE id IN (SELECT id FROM k) AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')
    )
    SELECT k.id, k.name, (SELECT "count" FROM hit) AS hits FROM k`;
  return { key: row ? { id: row.id, name: row.name } : null, hits: row?.hits ?? 0, retryAfterSeconds: window.retryAfterSeconds };
}
