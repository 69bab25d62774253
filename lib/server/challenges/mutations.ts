import "server-only";

import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import type { TChallengeParsed } from "@/lib/schemas/challenges";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { reselectWinners } from "@/lib/server/challenges/winners";
import { db, type TTx } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";
import { amountTextSql, isoSql, outboxCtesSql } from "@/lib/server/webhooks/outbox";

const noPendingWinner = () =>
  new AppError("NO_PENDING_WINNER", "This challenge has no winner waiting for confirmation.");

/**
 * Confirms a challenge's selected winner (SPEC §2): winnerConfirmedById/At are set by a conditional
 * update, which writes the challenge.won event too, and the reward is credited to CASH once through
 * the ledger (unique per challenge).
 * `now` dates the confirmation (the demo seed replays the past); without it, the database's clock.
 */
export async function confirmChallengeWinner(operator: TOperator, challengeId: string, now?: Date) {
  return db.$transaction(async (tx) => {
    const [ch] = await tx.$queryRaw<
      {
        winnerId: number;
        rewardCurrency: CurrencyId;
        rewardAmount: string;
        rewardUsdAmount: string;
        rewardUsdRate: string;
        betId: string;
      }[]
    >`
      WITH confirmed AS (
        UPDATE "Challenge" SET "winnerConfirmedById" = ${operator.id}, "winnerConfirmedAt" = COALESCE(${now ?? null}::timestamptz, now()), "updatedAt" = now()
        WHERE id = ${challengeId}::uuid AND "winnerId" IS NOT NULL AND "winnerConfirmedAt" IS NULL
        RETURNING id, "winnerId", "rewardCurrency", "rewardAmount", "rewardUsdAmount", "rewardUsdRate", "betId", "winnerConfirmedAt"
      ),
      ${outboxCtesSql(
        "challenge.won",
        Prisma.sql`SELECT "winnerId" AS user_id, NULL::text AS dedupe_key, jsonb_build_object(
            'userId', "winnerId", 'challengeId', id::text, 'betId', "betId", 'currencyId', "rewardCurrency"::text,
            'rewardAmount', ${amountTextSql(`"rewardAmount"`, `"rewardCurrency"`)}, 'confirmedAt', ${isoSql(`"winnerConfirmedAt"`)}) AS data
          FROM confirmed`,
      )}
      SELECT "winnerId", "rewardCurrency", "rewardAmount"::text, "rewardUsdAmount"::text, "rewardUsdRate"::text, "betId" FROM confirmed`;
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
export async function rejectChallengeWinner(
  operator: TOperator,
  challengeId: string,
  reason: string,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const [ch] = await tx.$queryRaw<
      { winnerId: number | null; betId: string | null; winnerConfirmedAt: Date | null }[]
    >`
      SELECT "winnerId", "betId", "winnerConfirmedAt" FROM "Challenge" WHERE id = ${challengeId}::uuid FOR UPDATE`;
    if (!ch?.winnerId || ch.winnerConfirmedAt) {
      throw noPendingWinner();
    }
    const rejection = {
      userId: ch.winnerId,
      betId: ch.betId,
      reason,
      rejectedById: operator.id,
      rejectedAt: now.toISOString(),
    };
    await tx.$executeRaw`
      UPDATE "Challenge" SET rejections = rejections || ${JSON.stringify([rejection])}::jsonb, "updatedAt" = now()
      WHERE id = ${challengeId}::uuid`;
    const next = await reselectWinner(tx, challengeId, now);
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

/**
 * Sets the winner to the earliest qualifying bet already ingested by a player not rejected here, or
 * opens the challenge again when there is none (winners.ts reselectWinners, the bet path's rule).
 * Only for a challenge whose winner is not confirmed (the caller holds the row lock); used after a
 * rejection and after the criteria are edited.
 */
async function reselectWinner(tx: TTx, challengeId: string, now: Date) {
  const [next] = await reselectWinners(tx, [challengeId], now);
  return next ? { winnerId: next.winnerId, betId: next.betId } : { winnerId: null, betId: null };
}

const notFound = () => new AppError("NOT_FOUND", "This challenge doesn't exist");

async function checkGame(tx: TTx, gameId: number) {
  if (!(await tx.game.findUnique({ where: { id: gameId }, select: { id: true } }))) {
    throw new AppError("UNKNOWN_GAME", "No such game", { field: "targetGameId" });
  }
}

/** The reward's USD value at the current rate, stored with the rate used (SPEC §2). */
async function rewardUsd(tx: TTx, currency: CurrencyId, amount: string, now: Date) {
  const [r] = await tx.$queryRaw<{ rate: string | null; usd: string | null }[]>`
    SELECT usd_rate(${currency}::"CurrencyId", ${now}::timestamptz)::text AS rate,
           (${amount}::numeric * usd_rate(${currency}::"CurrencyId", ${now}::timestamptz))::text AS usd`;
  if (!r?.rate)
    throw new AppError("NO_RATE", `No USD rate for ${currency} yet: add one under Currency rates`, {
      field: "rewardCurrency",
    });
  return { rewardUsdRate: r.rate, rewardUsdAmount: r.usd as string };
}

function toRow(input: TChallengeParsed) {
  return {
    defaultTitle: input.title,
    targetGameId: input.targetGameId,
    minBetAmountUsd: input.minBetAmountUsd,
    minBetMultiplier: input.minBetMultiplier,
    rewardCurrency: input.rewardCurrency,
    rewardAmount: input.rewardAmount,
    isHidden: input.isHidden,
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
  };
}

/**
 * Creates a challenge. Bets already ingested can win it at once: the winner is selected from them
 * in the same transaction, exactly as a later bet would be by ingestion.
 */
export async function createChallenge(operator: TOperator, input: TChallengeParsed, now = new Date()) {
  return db.$transaction(async (tx) => {
    await checkGame(tx, input.targetGameId);
    const data = { ...toRow(input), ...(await rewardUsd(tx, input.rewardCurrency, input.rewardAmount, now)) };
    const row = await tx.challenge.create({ data: { ...data, createdById: operator.id } });
    await reselectWinner(tx, row.id, now);
    await writeAudit(tx, {
      operator,
      action: "challenge.create",
      entityType: "Challenge",
      entityId: row.id,
      after: row,
    });
    return { id: row.id };
  });
}

/**
 * Edits a challenge whose winner is not confirmed (a confirmed one is history). New criteria may
 * change who qualifies, so the winner is selected again from the bets already ingested.
 */
export async function updateChallenge(operator: TOperator, id: string, input: TChallengeParsed, now = new Date()) {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Challenge" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const before = await tx.challenge.findUniqueOrThrow({ where: { id } });
    if (before.winnerConfirmedAt)
      throw new AppError("CONFIRMED", "The winner is confirmed: this challenge can't change any more");
    await checkGame(tx, input.targetGameId);
    const rewardChanged =
      before.rewardCurrency !== input.rewardCurrency || !before.rewardAmount.equals(input.rewardAmount);
    const data = {
      ...toRow(input),
      ...(rewardChanged ? await rewardUsd(tx, input.rewardCurrency, input.rewardAmount, now) : {}),
    };
    await tx.challenge.update({ where: { id }, data });
    const winner = await reselectWinner(tx, id, now);
    const after = await tx.challenge.findUniqueOrThrow({ where: { id } });
    await writeAudit(tx, {
      operator,
      action: "challenge.update",
      entityType: "Challenge",
      entityId: id,
      before,
      after: { ...after, winner },
    });
    return { id };
  });
}
