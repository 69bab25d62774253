import "server-only";

import { reselectWinners } from "@/lib/server/challenges/winners";
import type { TTx } from "@/lib/server/db";

/**
 * A voided winning bet (SPEC "Corrections: bet rollbacks"): an unconfirmed winner whose bet is
 * voided is replaced by the earliest other qualifying, non-voided bet — the player is not excluded,
 * so it may be their own other bet — else the challenge is open again (reselectWinners, the bet
 * path's rule). A confirmed winner stays (the winner panel shows winningBetVoidedAt). The
 * challenges are locked FOR UPDATE in id order, a subset of what a bet batch on the same games locks
 * in the same order (applyChallengeBets), after the leaderboard entries as there.
 */
export async function reselectWinnersForVoids(tx: TTx, voided: { id: string; gameId: number }[], now: Date): Promise<void> {
  if (voided.length === 0) return;
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT ch.id FROM "Challenge" ch
    WHERE ch."winnerConfirmedAt" IS NULL
      AND ch."targetGameId" = ANY(${[...new Set(voided.map((v) => v.gameId))]}::int[])
      AND ch."betId" = ANY(${voided.map((v) => v.id)}::text[])
    ORDER BY ch.id FOR UPDATE`;
  await reselectWinners(
    tx,
    locked.map((c) => c.id),
    now,
  );
}
