import "server-only";

import type { TTx } from "@/lib/server/db";

/**
 * Adds a batch of new bets to the standings of every board they are eligible for (SPEC §2
 * Leaderboards), set-based: bet dated in [startDate, endDate), its game in the board's gameIds (empty
 * = all), its USD at least minBetUsd, the player not bonus-blocked, and the board not yet settling.
 * WAGERED: score = USD wagered; reached at the latest eligible bet. MULTIPLIER: score = best
 * multiplier; reached at the earliest bet that hit it (a later-arriving, earlier-dated bet with the
 * same best takes over). Entries are upserted in (board, user) order.
 */
export async function applyLeaderboardBets(tx: TTx, betIds: string[]) {
  await tx.$executeRaw`
    WITH eligible AS (
      SELECT l.id AS board, l.type, b."userId", b."usdAmount", b."payoutMultiplier", b."createdAt"
      FROM "Bet" b
      JOIN "Leaderboard" l ON l.status IN ('NOT_STARTED', 'ACTIVE', 'ENDED')
        AND b."createdAt" >= l."startDate" AND b."createdAt" < l."endDate"
      JOIN "User" u ON u.id = b."userId" AND NOT u."bonusBlocked"
      WHERE b.id = ANY(${betIds}::text[])
        AND (jsonb_array_length(COALESCE(l.config->'gameIds', '[]'::jsonb)) = 0 OR l.config->'gameIds' @> to_jsonb(b."gameId"))
        AND b."usdAmount" >= COALESCE((l.config->>'minBetUsd')::numeric, 0)
    ),
    per_user AS (
      SELECT board, type, "userId", sum("usdAmount") AS usd, max("createdAt") AS last,
             max("payoutMultiplier") AS best,
             (array_agg("createdAt" ORDER BY "payoutMultiplier" DESC, "createdAt" ASC))[1] AS best_at
      FROM eligible GROUP BY board, type, "userId"
    ),
    wagered AS (
      INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", score, "scoreReachedAt")
      SELECT board, "userId", usd, usd, last FROM per_user WHERE type = 'WAGERED' ORDER BY board, "userId"
      ON CONFLICT ("leaderboardId", "userId") DO UPDATE SET
        "usdAmount" = "LeaderboardUser"."usdAmount" + EXCLUDED."usdAmount",
        score = "LeaderboardUser".score + EXCLUDED.score,
        "scoreReachedAt" = GREATEST("LeaderboardUser"."scoreReachedAt", EXCLUDED."scoreReachedAt"),
        "updatedAt" = now()
    )
    INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", score, "scoreReachedAt")
    SELECT board, "userId", usd, best, best_at FROM per_user WHERE type = 'MULTIPLIER' ORDER BY board, "userId"
    ON CONFLICT ("leaderboardId", "userId") DO UPDATE SET
      "usdAmount" = "LeaderboardUser"."usdAmount" + EXCLUDED."usdAmount",
      score = GREATEST("LeaderboardUser".score, EXCLUDED.score),
      "scoreReachedAt" = CASE
        WHEN EXCLUDED.score > "LeaderboardUser".score THEN EXCLUDED."scoreReachedAt"
        WHEN EXCLUDED.score = "LeaderboardUser".score THEN LEAST("LeaderboardUser"."scoreReachedAt", EXCLUDED."scoreReachedAt")
        ELSE "LeaderboardUser"."scoreReachedAt" END,
      "updatedAt" = now()`;
}
