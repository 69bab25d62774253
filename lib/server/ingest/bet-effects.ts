import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { expireByLateBets } from "@/lib/server/claims/lifecycle";
import type { TTx } from "@/lib/server/db";
import { addToPlatformDaily, updateUserStats } from "@/lib/server/ingest/bet-totals";
import { applyBetHooks } from "@/lib/server/ingest/hooks";
import { applyRollover } from "@/lib/server/rollover/apply";

/**
 * Moves every figure that bets just stored by this batch feed, inside the batch's transaction: user
 * stats, the platform's daily wagering, rollover progress, completion and late-bet expiry, then the
 * hooks (leaderboards, challenges, commissions). Only ids inserted now are passed, so a replay moves
 * nothing.
 */
export async function applyStoredBets(tx: TTx, ids: string[], now: Date): Promise<void> {
  const fromBatch = Prisma.sql`SELECT id, "userId", "gameId", "usdAmount", "createdAt" FROM "Bet" WHERE id = ANY(${ids}::text[])`;
  const lastBets = await updateUserStats(tx, ids);
  await addToPlatformDaily(tx, ids);
  await applyRollover(tx, fromBatch, now);
  await expireByLateBets(tx, ids);
  await applyBetHooks(tx, ids, lastBets, now);
}
