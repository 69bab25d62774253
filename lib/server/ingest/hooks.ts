import "server-only";

import { applyCommissions, moveActiveReferrals } from "@/lib/server/affiliates/commissions";
import type { TTx } from "@/lib/server/db";
import type { TLastBetMove } from "@/lib/server/ingest/bets";

/**
 * What else a batch of newly stored bets drives, inside the batch's transaction: affiliate
 * commissions and rollups (here), leaderboard standings and challenge winners (issue #5). Each
 * receives only the ids of bets stored by this batch (a replay brings none), so each effect happens
 * once.
 */
export async function applyBetHooks(tx: TTx, betIds: string[], lastBets: TLastBetMove[], _now: Date): Promise<void> {
  await applyCommissions(tx, betIds);
  await moveActiveReferrals(tx, lastBets.filter((m) => m.before === null || m.before.getTime() !== m.after.getTime()));
}
