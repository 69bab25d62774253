import "server-only";

import { reselectWinnersForVoids } from "@/lib/server/challenges/voids";
import type { TTx } from "@/lib/server/db";
import { recomputeEntriesForVoids } from "@/lib/server/leaderboards/voids";

/** A bet the rollback ingest has just voided (its row already carries voidedAt). */
export type TVoidedBet = {
  id: string;
  userId: number;
  gameId: number;
  usdAmount: string;
  payoutMultiplier: string;
  createdAt: Date;
};

/**
 * What else voiding bets moves back, inside the rollback batch's transaction: leaderboard entries
 * before settlement (recomputed from the player's remaining eligible bets) and unconfirmed challenge
 * winners (reselected). Receives only bets voided by this batch, so each effect happens once.
 * Leaderboards first, then challenges: the order a bet batch locks them in (hooks.ts).
 */
export async function applyVoidedBetHooks(tx: TTx, voided: TVoidedBet[], now: Date): Promise<void> {
  if (voided.length === 0) return;
  await recomputeEntriesForVoids(tx, voided, now);
  await reselectWinnersForVoids(tx, voided, now);
}
