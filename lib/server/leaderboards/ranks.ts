import "server-only";

import { db } from "@/lib/server/db";

export const EXACT_RANK_LIMIT = 10_000;
const SAMPLE_EVERY = 1_000;
const REFRESH_LOCK = 72_707_370;

/** Entries ranked before (score, reachedAt, userId): the standing order, on the standing index. */
// The leading `o.score >= me.score` gives the index a range to scan (the rest filters within it).
const BEFORE = `o.score >= me.score AND (o.score > me.score OR (o.score = me.score AND (o."scoreReachedAt" < me."scoreReachedAt"
  OR (o."scoreReachedAt" = me."scoreReachedAt" AND o."userId" < me."userId"))))`;

/**
 * A player's position (SPEC §2: exact for the top 10,000, from a rank cache refreshed every few
 * seconds beyond it): count the entries ahead up to 10,000; past that, start from the nearest
 * cached sample at or ahead of the player and count only the entries between.
 */
export async function playerPosition(boardId: string, userId: number): Promise<number | null> {
  const [head] = await db.$queryRawUnsafe<{ found: boolean; ahead: number }[]>(
    `SELECT EXISTS (SELECT 1 FROM "LeaderboardUser" WHERE "leaderboardId" = $1::uuid AND "userId" = $2) AS found,
            (SELECT count(*)::int FROM (
               SELECT 1 FROM "LeaderboardUser" o, "LeaderboardUser" me
               WHERE me."leaderboardId" = $1::uuid AND me."userId" = $2 AND o."leaderboardId" = $1::uuid AND ${BEFORE}
               LIMIT ${EXACT_RANK_LIMIT}) x) AS ahead`,
    boardId,
    userId,
  );
  if (!head.found) return null;
  if (head.ahead < EXACT_RANK_LIMIT) return head.ahead + 1;

  const [fromSample] = await db.$queryRawUnsafe<{ position: number; between: number }[]>(
    `WITH me AS (SELECT score, "scoreReachedAt", "userId" FROM "LeaderboardUser" WHERE "leaderboardId" = $1::uuid AND "userId" = $2),
     s AS (
       SELECT o.position, o.score, o."scoreReachedAt", o."userId" FROM "LeaderboardRankSample" o, me
       WHERE o."leaderboardId" = $1::uuid AND (${BEFORE} OR o."userId" = me."userId")
       ORDER BY o.position DESC LIMIT 1
     )
     SELECT s.position, CASE WHEN s."userId" = (SELECT "userId" FROM me) THEN -1 ELSE (
       SELECT count(*)::int FROM "LeaderboardUser" o, me
       WHERE o."leaderboardId" = $1::uuid AND ${BEFORE}
         AND o.score <= s.score AND (o.score < s.score OR (o.score = s.score AND (o."scoreReachedAt" > s."scoreReachedAt"
              OR (o."scoreReachedAt" = s."scoreReachedAt" AND o."userId" > s."userId"))))
     ) END AS between
     FROM s`,
    boardId,
    userId,
  );
  if (fromSample) return fromSample.position + fromSample.between + 1;
  // No cache yet: an exact count over everyone ahead.
  const [exact] = await db.$queryRawUnsafe<{ ahead: number }[]>(
    `SELECT count(*)::int AS ahead FROM "LeaderboardUser" o, "LeaderboardUser" me
     WHERE me."leaderboardId" = $1::uuid AND me."userId" = $2 AND o."leaderboardId" = $1::uuid AND ${BEFORE}`,
    boardId,
    userId,
  );
  return exact.ahead + 1;
}

/**
 * Rebuilds the rank samples of every board still taking bets that has more than 10,000 entries.
 * One worker at a time (transaction-scoped advisory lock); the others skip the round.
 */
export async function refreshRankSamples(): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS locked`;
      if (!locked) return 0;
      const boards = await tx.$queryRaw<{ id: string }[]>`
        SELECT l.id FROM "Leaderboard" l
        WHERE l.status IN ('NOT_STARTED', 'ACTIVE', 'ENDED')
          AND (SELECT count(*) FROM (SELECT 1 FROM "LeaderboardUser" e WHERE e."leaderboardId" = l.id LIMIT ${EXACT_RANK_LIMIT + 1}) x) > ${EXACT_RANK_LIMIT}`;
      for (const b of boards) {
        await tx.$executeRaw`DELETE FROM "LeaderboardRankSample" WHERE "leaderboardId" = ${b.id}::uuid`;
        await tx.$executeRaw`
          INSERT INTO "LeaderboardRankSample" ("leaderboardId", position, score, "scoreReachedAt", "userId")
          SELECT ${b.id}::uuid, pos, score, "scoreReachedAt", "userId" FROM (
            SELECT score, "scoreReachedAt", "userId",
                   row_number() OVER (ORDER BY score DESC, "scoreReachedAt" ASC, "userId" ASC)::int AS pos
            FROM "LeaderboardUser" WHERE "leaderboardId" = ${b.id}::uuid
          ) x WHERE pos % ${SAMPLE_EVERY} = 0`;
      }
      return boards.length;
    },
    { timeout: 120_000 },
  );
}
