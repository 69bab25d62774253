import "server-only";

import type { TTx } from "@/lib/server/db";

/**
 * What else a batch of newly stored bets drives, inside the batch's transaction: leaderboard
 * standings, challenge winners and affiliate commission rollups. Each receives only the ids of bets
 * stored by this batch (a replay brings none), so each effect happens once.
 * (Leaderboards and challenges: issue #5; commission rollups: issue #6.)
 */
export async function applyBetHooks(_tx: TTx, _betIds: string[], _now: Date): Promise<void> {}
