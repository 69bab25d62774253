import "server-only";

import { DomainError } from "@/lib/domain/errors";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";

const noPendingWinner = () =>
  new DomainError("NO_PENDING_WINNER", "This challenge has no winner waiting for confirmation.", { status: 409 });

/**
 * Confirms a challenge's selected winner (SPEC §2): winnerConfirmedById/At are set by a conditional
 * update and the reward is credited to CASH once through the ledger (unique per challenge).
 */
export async function confirmChallengeWinner(operator: TOperator, challengeId: string) {
  return db.$transaction(async (tx) => {
    const [ch] = await tx.$queryRaw<{ winnerId: number; rewardCurrency: CurrencyId; rewardAmount: string; rewardUsdAmount: string; rewardUsdRate: string; betId: string }[]>`
      UPDATE "Challenge" SET "winnerConfirmedById" = ${operator.id}, "winnerConfirmedAt" = now(), "updatedAt" = now()
      WHERE id = ${challengeId}::uuid AND "winnerId" IS NOT NULL AND "winnerConfirmedAt" IS NULL
      RETURNING "winnerId", "rewardCurrency", "rewardAmount"::text, "rewardUsdAmount"::text, "rewardUsdRate"::text, "betId"`;
    if (!ch) throw noPendingWinner();
    await appendLedger(tx, [
      {
        userId: ch.winnerId,
        kind: "CHALLENGE_REWARD",
        bucket: "CASH",
        currencyId: ch.rewardCurrency,
        amount: ch.rewardAmount,
        usdAmount: ch.rewardUsdAmount,
        usdRate: ch.rewardUsdRate,
        sourceId: challengeId,
      },
    ]);
    await writeAudit(tx, {
      operator,
      action: "challenge.confirm_winner",
      entityType: "Challenge",
      entityId: challengeId,
      after: { winnerId: ch.winnerId, betId: ch.betId },
    });
    return { winnerId: ch.winnerId };
  });
}

/**
 * Rejects the selected (unconfirmed) winner with a reason: the rejection is recorded and that player
 * is excluded from this challenge; the earliest other qualifying bet already ingested wins at once,
 * or the challenge is open again. The challenge row is locked for the whole decision.
 */
export async function rejectChallengeWinner(operator: TOperator, challengeId: string, reason: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const [ch] = await tx.$queryRaw<{ winnerId: number | null; betId: string | null; winnerConfirmedAt: Date | null }[]>`
      SELECT "winnerId", "betId", "winnerConfirmedAt" FROM "Challenge" WHERE id = ${challengeId}::uuid FOR UPDATE`;
    if (!ch?.winnerId || ch.winnerConfirmedAt) {
      throw noPendingWinner();
    }
    const rejection = { userId: ch.winnerId, betId: ch.betId, reason, rejectedById: operator.id, rejectedAt: now.toISOString() };
    await tx.$executeRaw`
      UPDATE "Challenge" SET rejections = rejections || ${JSON.stringify([rejection])}::jsonb, "updatedAt" = now()
      WHERE id = ${challengeId}::uuid`;
    // The earliest other qualifying bet already ingested, by a player not rejected here; else open.
    const [next] = await tx.$queryRaw<{ winnerId: number | null; betId: string | null }[]>`
      WITH candidate AS (
        SELECT b.id, b."userId" FROM "Bet" b, "Challenge" ch
        WHERE ch.id = ${challengeId}::uuid AND b."gameId" = ch."targetGameId"
          AND b."usdAmount" >= ch."minBetAmountUsd" AND b."payoutMultiplier" >= ch."minBetMultiplier"
          AND (ch."startsAt" IS NULL OR b."createdAt" >= ch."startsAt") AND (ch."endsAt" IS NULL OR b."createdAt" < ch."endsAt")
          AND NOT ch.rejections @> jsonb_build_array(jsonb_build_object('userId', b."userId"))
        ORDER BY b."createdAt", b.id LIMIT 1
      )
      UPDATE "Challenge" c
      SET "winnerId" = (SELECT "userId" FROM candidate), "betId" = (SELECT id FROM candidate),
          "winnerSelectedAt" = CASE WHEN EXISTS (SELECT 1 FROM candidate) THEN ${now}::timestamptz END, "updatedAt" = now()
      WHERE c.id = ${challengeId}::uuid
      RETURNING "winnerId", "betId"`;
    await writeAudit(tx, {
      operator,
      action: "challenge.reject_winner",
      entityType: "Challenge",
      entityId: challengeId,
      before: { winnerId: ch.winnerId, betId: ch.betId },
      after: { winnerId: next.winnerId, betId: next.betId, reason },
    });
    return next;
  });
}
