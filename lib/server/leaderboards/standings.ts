import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { playerTakesPartText } from "@/lib/server/players/takes-part";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/** Boards whose standings still move (SPEC §2): not yet settling, whatever the clock says. */
export const BOARD_TAKES_BETS = Prisma.sql`l.status IN ('NOT_STARTED', 'ACTIVE', 'ENDED')`;

/**
 * Whether any board takes bets at all (BOARD_TAKES_BETS): when none does, the bet path skips its board
 * statement (a round trip per batch; for a group of single bets, one of about a dozen).
 */
export const ANY_BOARD_TAKES_BETS = Prisma.sql`EXISTS (SELECT 1 FROM "Leaderboard" l WHERE ${BOARD_TAKES_BETS})`;

/**
 * Bet b falls in board l (SPEC §2 Leaderboards): dated in [startDate, endDate), its game in the
 * board's gameIds (empty = all), its USD at least minBetUsd. Whether it still counts is
 * COUNTS_ON_BOARD; this half alone also finds the boards a bet being voided had counted in.
 */
export const BET_IN_BOARD = Prisma.sql`b."createdAt" >= l."startDate" AND b."createdAt" < l."endDate"
  AND (jsonb_array_length(COALESCE(l.config->'gameIds', '[]'::jsonb)) = 0 OR l.config->'gameIds' @> to_jsonb(b."gameId"))
  AND b."usdAmount" >= COALESCE((l.config->>'minBetUsd')::numeric, 0)`;

/**
 * The player (joined as u) of bet b takes part in boards and challenges with it (responsible play):
 * the one rule playerTakesPartText (players/takes-part.ts), judged at the bet's time. Block and
 * opt-out are read from the user row as it is now; the pause is cut by the bet's own time, so bets
 * dated before it began or after it ended count, live and in a recompute alike. Boards
 * (entryScoresSql), challenges (QUALIFIES_FOR_CHALLENGE, winners.ts) and the rebuild's SQL text
 * (stats/rebuild.ts) share it. Its plain-OR form matters here: a COALESCE form made the planner pick
 * a slower plan for a board's first entries (the bench's board-only run fell from -15% to -37%).
 */
export const PLAYER_COMPETES_TEXT = playerTakesPartText("u", 'b."createdAt"');
export const PLAYER_COMPETES = Prisma.raw(PLAYER_COMPETES_TEXT);

/**
 * The one scoring rule (SPEC §2): per (board, player), over the bets that count — falling in the
 * board, the player (joined as u) taking part (PLAYER_COMPETES) — WAGERED: score = USD wagered, reached at the
 * latest of them; MULTIPLIER: score = best multiplier, reached at the earliest bet that hit it. usd
 * is the USD wagered either way. `boards` narrows l, `bets` narrows b (read from `from`: Bet, or the
 * bet path's selection of its batch), and over stored history it
 * must also exclude voided bets (`b."voidedAt" IS NULL`, as the void recompute does). The bet path
 * passes only the bets its batch just counted, which are never voided: a "voidedAt IS NULL" there
 * cost a 25-point drop in the bench's first-entry run (the planner misjudges the new column's
 * selectivity on a fresh table), so it is left to the callers that need it.
 * The bet path adds a batch's figures to the stored entries with it (applyLeaderboardBets); the
 * void recompute (voids.ts) replaces an entry with it over all the player's remaining bets.
 */
export function entryScoresSql(boards: Prisma.Sql, bets: Prisma.Sql, from: Prisma.Sql = Prisma.sql`"Bet"`): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id AS board, l.type, b."userId", sum(b."usdAmount") AS usd,
           CASE WHEN l.type = 'WAGERED' THEN sum(b."usdAmount") ELSE max(b."payoutMultiplier") END AS score,
           CASE WHEN l.type = 'WAGERED' THEN max(b."createdAt")
                ELSE (array_agg(b."createdAt" ORDER BY b."payoutMultiplier" DESC, b."createdAt" ASC))[1] END AS reached
    FROM ${from} b
    JOIN "Leaderboard" l ON ${boards} AND ${BET_IN_BOARD}
    JOIN "User" u ON u.id = b."userId" AND ${PLAYER_COMPETES}
    WHERE ${bets}
    GROUP BY l.id, l.type, b."userId"`;
}

/**
 * Adds a batch of new bets to the standings of every board they count on (entryScoresSql), boards
 * not yet settling, set-based. WAGERED adds up (reached at the latest bet); MULTIPLIER keeps the
 * best (a later-arriving, earlier-dated bet with the same best takes over).
 * Lock order: the statement's main INSERT runs before its WITH insert is run to completion, so the
 * entries of MULTIPLIER boards are locked first, then those of WAGERED boards, each in
 * (board, user) order. recomputeEntriesForVoids (voids.ts) locks in that same order.
 */
export async function applyLeaderboardBets(tx: TSqlTx, bets: Prisma.Sql) {
  await tx.$executeRaw`
    WITH per_user AS (${entryScoresSql(BOARD_TAKES_BETS, Prisma.sql`true`, Prisma.sql`(${bets})`)}),
    wagered AS (
      INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", score, "scoreReachedAt")
      SELECT board, "userId", usd, score, reached FROM per_user WHERE type = 'WAGERED' ORDER BY board, "userId"
      ON CONFLICT ("leaderboardId", "userId") DO UPDATE SET
        "usdAmount" = "LeaderboardUser"."usdAmount" + EXCLUDED."usdAmount",
        score = "LeaderboardUser".score + EXCLUDED.score,
        "scoreReachedAt" = GREATEST("LeaderboardUser"."scoreReachedAt", EXCLUDED."scoreReachedAt"),
        "updatedAt" = now()
    )
    INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", score, "scoreReachedAt")
    SELECT board, "userId", usd, score, reached FROM per_user WHERE type = 'MULTIPLIER' ORDER BY board, "userId"
    ON CONFLICT ("leaderboardId", "userId") DO UPDATE SET
      "usdAmount" = "LeaderboardUser"."usdAmount" + EXCLUDED."usdAmount",
      score = GREATEST("LeaderboardUser".score, EXCLUDED.score),
      "scoreReachedAt" = CASE
        WHEN EXCLUDED.score > "LeaderboardUser".score THEN EXCLUDED."scoreReachedAt"
        WHEN EXCLUDED.score = "LeaderboardUser".score THEN LEAST("LeaderboardUser"."scoreReachedAt", EXCLUDED."scoreReachedAt")
        ELSE "LeaderboardUser"."scoreReachedAt" END,
      "updatedAt" = now()`;
}
