import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";
import { BET_IN_BOARD, BOARD_TAKES_BETS, entryScoresSql } from "@/lib/server/leaderboards/standings";

/**
 * Takes voided bets out of the standings of every board not yet settling (SPEC "Corrections: bet
 * rollbacks"): each entry a voided bet fell in is recomputed from the player's remaining bets that
 * count, by the bet path's own rule (entryScoresSql); with none left the entry is deleted (an entry
 * exists exactly when its player has a bet that counts). Boards in SETTLEMENT or FINISHED are frozen
 * and left alone (queries.ts listVoidsAfterSettlement lists those voids). A board past its end that
 * the worker has not yet moved to SETTLEMENT still takes bets, so it is still recomputed.
 *
 * Set-based, three statements per batch:
 * 1. The boards concerned, FOR SHARE in id order: a board can't enter SETTLEMENT (advanceBoards,
 *    settleEarly) and be frozen (settleBoard's board lock) until this transaction is over, and a
 *    board that entered it first is skipped (the lock re-reads its status).
 * 2. The entries, FOR UPDATE in the bet path's order (applyLeaderboardBets: MULTIPLIER boards', then
 *    WAGERED boards', each by board and user), so a concurrent bet batch can't deadlock with us.
 * 3. One statement replaces the locked entries' figures and deletes those with nothing left.
 * The rank cache (ranks.ts) holds positions of boards still taking bets, rebuilt from the entries
 * every few seconds; like the bet path, this leaves it to that refresh.
 */
export async function recomputeEntriesForVoids(tx: TTx, voided: { id: string }[], _now: Date): Promise<void> {
  if (voided.length === 0) return;
  const betIds = voided.map((v) => v.id);
  // The bet rows carry the figures the board rule reads (the voided flag aside).
  const hit = Prisma.sql`SELECT l.id AS board, b."userId" FROM "Bet" b JOIN "Leaderboard" l ON ${BOARD_TAKES_BETS} AND ${BET_IN_BOARD}
    WHERE b.id = ANY(${betIds}::text[])`;
  const boards = await tx.$queryRaw<{ id: string }[]>`
    SELECT l.id FROM "Leaderboard" l WHERE l.id IN (SELECT board FROM (${hit}) h) AND ${BOARD_TAKES_BETS}
    ORDER BY l.id FOR SHARE`;
  if (boards.length === 0) return;
  const boardIds = boards.map((b) => b.id);
  const entries = await tx.$queryRaw<{ id: string }[]>`
    SELECT lu.id FROM "LeaderboardUser" lu JOIN "Leaderboard" l ON l.id = lu."leaderboardId"
    WHERE lu."leaderboardId" = ANY(${boardIds}::uuid[])
      AND (lu."leaderboardId", lu."userId") IN (SELECT board, "userId" FROM (${hit}) h)
    ORDER BY l.type = 'WAGERED', lu."leaderboardId", lu."userId"
    FOR UPDATE OF lu`;
  if (entries.length === 0) return;
  const entryIds = entries.map((e) => e.id);
  await tx.$executeRaw`
    WITH target AS (
      SELECT id, "leaderboardId" AS board, "userId" FROM "LeaderboardUser" WHERE id = ANY(${entryIds}::uuid[])
    ),
    scores AS (${entryScoresSql(
      Prisma.sql`l.id = ANY(${boardIds}::uuid[])`,
      Prisma.sql`b."voidedAt" IS NULL AND (l.id, b."userId") IN (SELECT board, "userId" FROM target)`,
    )}),
    recomputed AS (
      UPDATE "LeaderboardUser" lu
      SET "usdAmount" = s.usd, score = s.score, "scoreReachedAt" = s.reached, "updatedAt" = now()
      FROM target t JOIN scores s ON s.board = t.board AND s."userId" = t."userId"
      WHERE lu.id = t.id
      RETURNING lu.id
    )
    DELETE FROM "LeaderboardUser" lu
    WHERE lu.id = ANY(${entryIds}::uuid[]) AND lu.id NOT IN (SELECT id FROM recomputed)`;
}
