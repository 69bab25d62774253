import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { PLAYER_COMPETES } from "@/lib/server/leaderboards/standings";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/**
 * Bet b qualifies for challenge ch (SPEC §2 Challenges): the target game, usdAmount ≥
 * minBetAmountUsd, payoutMultiplier ≥ minBetMultiplier, dated within the window, the player not
 * rejected for it and taking part at the bet's time (PLAYER_COMPETES: not bonus-blocked, not opted
 * out, not paused; one primary-key probe of "User" per candidate), and the bet not voided. Among qualifying bets the earliest createdAt, then lowest
 * id, wins. The one rule for a batch of new bets (applyChallengeBets) and for a selection from the
 * stored bets (reselectWinners: creation, edit, rejection, a voided winning bet). The window is
 * written as a range (an open end is ±infinity) so a selection from the stored bets reads only the
 * window on the (gameId, createdAt) index.
 */
export const QUALIFIES_FOR_CHALLENGE = Prisma.sql`b."gameId" = ch."targetGameId"
  AND b."usdAmount" >= ch."minBetAmountUsd" AND b."payoutMultiplier" >= ch."minBetMultiplier"
  AND b."createdAt" >= COALESCE(ch."startsAt", '-infinity') AND b."createdAt" < COALESCE(ch."endsAt", 'infinity')
  AND NOT ch.rejections @> jsonb_build_array(jsonb_build_object('userId', b."userId"))
  AND b."voidedAt" IS NULL
  AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = b."userId" AND ${PLAYER_COMPETES})`;

/**
 * Whether a bet on `gameId` may win a challenge: one not yet confirmed targets the game — the set
 * applyChallengeBets locks. When no bet of a batch may, the bet path skips that statement.
 */
export const challengeOpenOnGame = (gameId: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Challenge" ch WHERE ch."winnerConfirmedAt" IS NULL AND ch."targetGameId" = ${gameId})`;

/**
 * Picks challenge winners from a batch of new bets (`bets` selects their Bet rows): per challenge,
 * the earliest qualifying bet (QUALIFIES_FOR_CHALLENGE). One conditional update per challenge: it wins only if there is no
 * winner yet or it is earlier than the unconfirmed one (re-read from the current winning bet, so
 * racing batches can't both win); a confirmed winner is never replaced.
 */
export async function applyChallengeBets(tx: TSqlTx, bets: Prisma.Sql, now: Date) {
  // Lock the challenges these bets may win (challengeOpenOnGame's, for the batch's games), in id
  // order, before deciding: the update below then runs on a fresh snapshot that sees any winner a
  // racing batch has just committed.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT ch.id FROM "Challenge" ch
    WHERE ch."winnerConfirmedAt" IS NULL
      AND ch."targetGameId" IN (SELECT "gameId" FROM (${bets}) b)
    ORDER BY ch.id FOR UPDATE`;
  if (locked.length === 0) return;
  await tx.$executeRaw`
    WITH candidate AS (
      SELECT DISTINCT ON (ch.id) ch.id AS challenge, b.id AS bet, b."userId", b."createdAt"
      FROM (${bets}) b
      JOIN "Challenge" ch ON ch."winnerConfirmedAt" IS NULL AND ${QUALIFIES_FOR_CHALLENGE}
      ORDER BY ch.id, b."createdAt", b.id
    )
    UPDATE "Challenge" ch
    SET "winnerId" = c."userId", "betId" = c.bet, "winnerSelectedAt" = ${now}, "updatedAt" = now()
    FROM candidate c
    WHERE ch.id = c.challenge AND ch."winnerConfirmedAt" IS NULL
      AND (ch."betId" IS NULL OR (c."createdAt", c.bet) < (SELECT w."createdAt", w.id FROM "Bet" w WHERE w.id = ch."betId"))`;
}

/**
 * Sets each given challenge's winner to the earliest qualifying bet already stored
 * (QUALIFIES_FOR_CHALLENGE), or opens it again when there is none; winnerSelectedAt moves only when
 * the winning bet changes. Only challenges whose winner is not confirmed change; the caller holds
 * their row locks (in id order when several). Returns the winner of each challenge it changed.
 */
export async function reselectWinners(tx: TSqlTx, challengeIds: string[], now: Date) {
  if (challengeIds.length === 0) return [];
  return tx.$queryRaw<{ id: string; winnerId: number | null; betId: string | null }[]>`
    WITH next AS (
      SELECT ch.id, w.id AS bet, w."userId"
      FROM "Challenge" ch
      LEFT JOIN LATERAL (
        SELECT b.id, b."userId" FROM "Bet" b WHERE ${QUALIFIES_FOR_CHALLENGE} ORDER BY b."createdAt", b.id LIMIT 1
      ) w ON true
      WHERE ch.id = ANY(${challengeIds}::uuid[])
    )
    UPDATE "Challenge" c
    SET "winnerId" = n."userId", "betId" = n.bet,
        "winnerSelectedAt" = CASE
          WHEN n.bet IS NULL THEN NULL
          WHEN c."betId" = n.bet THEN c."winnerSelectedAt"
          ELSE ${now}::timestamptz END,
        "updatedAt" = now()
    FROM next n
    WHERE c.id = n.id AND c."winnerConfirmedAt" IS NULL
    RETURNING c.id, c."winnerId", c."betId"`;
}
