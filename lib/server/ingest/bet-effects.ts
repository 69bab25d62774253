import "server-only";

import { expireByLateBets } from "@/lib/server/claims/lifecycle";
import { addToPlatformDaily, batchBets, updateUserStats } from "@/lib/server/ingest/bet-totals";
import type { TInsertedBet } from "@/lib/server/ingest/bet-insert";
import { applyBetHooks, type TBetHooksDue } from "@/lib/server/ingest/hooks";
import { applyRollover } from "@/lib/server/rollover/apply";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/**
 * Moves every figure that bets just stored by this batch feed, inside the batch's transaction: user
 * stats, the platform's daily wagering, rollover progress, completion and late-bet expiry, then the
 * hooks (leaderboards, challenges, commissions). Only ids inserted now are passed, so a replay moves
 * nothing. Every statement reads the batch's bets through the one selection `batchBets` (a primary-key
 * probe per bet), never by scanning Bet.
 */
export async function applyStoredBets(tx: TSqlTx, ids: string[], now: Date, due: TBetEffectsDue): Promise<void> {
  const batch = batchBets(ids);
  const lastBets = await updateUserStats(tx, batch);
  await addToPlatformDaily(tx, batch);
  if (due.rollover) {
    await applyRollover(tx, batch, now);
    await expireByLateBets(tx, batch);
  }
  await applyBetHooks(tx, batch, lastBets, now, due);
}

/**
 * Which statements a batch may move anything in, from its stored bets' flags (TInsertedBet, read by
 * the insert): one that none of its bets needs is skipped — it would find nothing (no ACTIVE bonus
 * of these players, no board taking bets, no open challenge on these games, no referred player).
 * Each flag is the superset its statement filters further, read in the same transaction a statement
 * earlier: a bonus, board, challenge or referral that appears in between is as if it appeared just
 * after this batch. For a group of single bets this skips up to 6 of ~13 round trips.
 */
export type TBetEffectsDue = TBetHooksDue & { rollover: boolean };

export function effectsDue(bets: Pick<TInsertedBet, "bonus" | "boards" | "challenge" | "referred">[]): TBetEffectsDue {
  return {
    rollover: bets.some((b) => b.bonus),
    boards: bets.some((b) => b.boards),
    challenges: bets.some((b) => b.challenge),
    referrals: bets.some((b) => b.referred),
  };
}
