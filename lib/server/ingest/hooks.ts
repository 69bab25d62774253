import "server-only";

import { applyCommissions, moveActiveReferrals } from "@/lib/server/affiliates/commissions";
import { applyChallengeBets } from "@/lib/server/challenges/winners";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyLeaderboardBets } from "@/lib/server/leaderboards/standings";
import type { TLastBetMove } from "@/lib/server/ingest/bet-totals";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/** Which hooks a batch's bets may move anything in (from the insert's flags; bet-effects.ts effectsDue). */
export type TBetHooksDue = { boards: boolean; challenges: boolean; referrals: boolean };

/**
 * What else a batch of newly stored bets drives, inside the batch's transaction: leaderboard
 * standings, challenge winners, and affiliate commissions and rollups. Each receives only the bets
 * stored by this batch (`bets`, the batch's selection batchBets; a replay brings none), so each
 * effect happens once. `due` skips the ones none of the bets can move.
 */
export async function applyBetHooks(
  tx: TSqlTx,
  bets: Prisma.Sql,
  lastBets: TLastBetMove[],
  now: Date,
  due: TBetHooksDue,
): Promise<void> {
  if (due.boards) await applyLeaderboardBets(tx, bets);
  if (due.challenges) await applyChallengeBets(tx, bets, now);
  if (due.referrals) {
    await applyCommissions(tx, bets);
    await moveActiveReferrals(tx, lastBets.filter((m) => m.before === null || m.before.getTime() !== m.after.getTime()));
  }
}
