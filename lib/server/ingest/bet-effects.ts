import "server-only";

import { expireByLateBets } from "@/lib/server/claims/lifecycle";
import { addToPlatformDaily, batchBets, updateUserStats } from "@/lib/server/ingest/bet-totals";
import { applyBetHooks } from "@/lib/server/ingest/hooks";
import { applyRollover } from "@/lib/server/rollover/apply";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/**
 * Moves every figure that bets just stored by this batch feed, inside the batch's transaction: user
 * stats, the platform's daily wagering, rollover progress, completion and late-bet expiry, then the
 * hooks (leaderboards, challenges, commissions). Only ids inserted now are passed, so a replay moves
 * nothing. Every statement reads the batch's bets through the one selection `batchBets` (a primary-key
 * probe per bet), never by scanning Bet.
 */
export async function applyStoredBets(tx: TSqlTx, ids: string[], now: Date): Promise<void> {
  const batch = batchBets(ids);
  const lastBets = await updateUserStats(tx, batch);
  await addToPlatformDaily(tx, batch);
  await applyRollover(tx, batch, now);
  await expireByLateBets(tx, batch);
  await applyBetHooks(tx, batch, lastBets, now);
}
