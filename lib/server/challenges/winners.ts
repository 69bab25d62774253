import "server-only";

import type { TTx } from "@/lib/server/db";

/**
 * Picks challenge winners from a batch of new bets (SPEC §2 Challenges): per challenge, the
 * qualifying bet (target game, usdAmount ≥ minBetAmountUsd, payoutMultiplier ≥ minBetMultiplier,
 * dated within the window, player not rejected for it) with the earliest createdAt, then lowest id.
 * One conditional update per challenge: it wins only if there is no winner yet or it is earlier than
 * the unconfirmed one (re-read from the current winning bet, so racing batches can't both win); a
 * confirmed winner is never replaced.
 */
export async function applyChallengeBets(tx: TTx, betIds: string[], now: Date) {
  // Lock the challenges these bets may win, in id order, before deciding: the update below then runs
  // on a fresh snapshot that sees any winner a racing batch has just committed.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT ch.id FROM "Challenge" ch
    WHERE ch."winnerConfirmedAt" IS NULL
      AND ch."targetGameId" IN (SELECT "gameId" FROM "Bet" WHERE id = ANY(${betIds}::text[]))
    ORDER BY ch.id FOR UPDATE`;
  if (locked.length === 0) return;
  await tx.$executeRaw`
    WITH candidate AS (
      SELECT DISTINCT ON (ch.id) ch.id AS challenge, b.id AS bet, b."userId", b."createdAt"
      FROM "Bet" b
      JOIN "Challenge" ch ON ch."targetGameId" = b."gameId"
        AND ch."winnerConfirmedAt" IS NULL
        AND b."usdAmount" >= ch."minBetAmountUsd" AND b."payoutMultiplier" >= ch."minBetMultiplier"
        AND (ch."startsAt" IS NULL OR b."createdAt" >= ch."startsAt")
        AND (ch."endsAt" IS NULL OR b."createdAt" < ch."endsAt")
        AND NOT ch.rejections @> jsonb_build_array(jsonb_build_object('userId', b."userId"))
      WHERE b.id = ANY(${betIds}::text[])
      ORDER BY ch.id, b."createdAt", b.id
    )
    UPDATE "Challenge" ch
    SET "winnerId" = c."userId", "betId" = c.bet, "winnerSelectedAt" = ${now}, "updatedAt" = now()
    FROM candidate c
    WHERE ch.id = c.challenge AND ch."winnerConfirmedAt" IS NULL
      AND (ch."betId" IS NULL OR (c."createdAt", c.bet) < (SELECT w."createdAt", w.id FROM "Bet" w WHERE w.id = ch."betId"))`;
}
