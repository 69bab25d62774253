import "server-only";

import { activationTerms } from "@/lib/domain/promos/rollover";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import type { TDepositEvent, TEventResult } from "@/lib/schemas/api/events";
import { addToReferrerRollups, recordBonusGranted } from "@/lib/server/affiliates/rollups";
import type { TTx } from "@/lib/server/db";
import { applyBatch, OUT_OF_RANGE_MESSAGE } from "@/lib/server/ingest/batch";
import { rejected, sameAsStored, type TParsedEvent, type TStoredMoneyEvent } from "@/lib/server/ingest/envelope";
import { appendLedger } from "@/lib/server/ledger/credit";
import { applyRollover, completeReachedBonuses } from "@/lib/server/rollover/apply";
import { promoNotExpiredSql } from "@/lib/server/promo-codes/live";


/**
 * Records deposits (idempotent by id) and activates CLAIMED deposit bonuses, in one transaction per
 * batch, deposits in the order sent.
 */
export async function ingestDeposits(parsed: TParsedEvent<TDepositEvent>[], now = new Date()): Promise<TEventResult[]> {
  const ok = parsed.filter((p) => p.ok);
  const { results, outOfRange } = await applyBatch(ok, async (tx, items) => {
    const out: { index: number; result: TEventResult }[] = [];
    for (const p of items) out.push({ index: p.index, result: await ingestDeposit(tx, p.event, p.rawId, p.warnings, now) });
    return out;
  });
  const byIndex = new Map(results.map((r) => [r.index, r.result]));
  for (const p of outOfRange) byIndex.set(p.index, rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings));
  return parsed.map((p) => (p.ok ? byIndex.get(p.index)! : p.result));
}

async function ingestDeposit(tx: TTx, e: TDepositEvent, rawId: string | number | null, warnings: string[], now: Date) {
  const [row] = await tx.$queryRaw<{ id: string; usdAmount: string }[]>`
    INSERT INTO "Deposit" (id, "userId", "currencyId", amount, "usdAmount", "createdAt")
    SELECT ${e.id}, u.id, ${e.currencyId}::"CurrencyId", ${e.amount}::numeric,
           COALESCE(${e.usdAmount ?? null}::numeric, ${e.amount}::numeric * usd_rate(${e.currencyId}::"CurrencyId", ${e.createdAt}::timestamptz)),
           ${e.createdAt}::timestamptz
    FROM "User" u WHERE u.id = ${e.userId} AND u.role = 'PLAYER'
      AND COALESCE(${e.usdAmount ?? null}::numeric, usd_rate(${e.currencyId}::"CurrencyId", ${e.createdAt}::timestamptz)) IS NOT NULL
    ON CONFLICT (id) DO NOTHING
    RETURNING id, "usdAmount"::text AS "usdAmount"`;
  if (!row) {
    const [stored] = await tx.$queryRaw<TStoredMoneyEvent[]>`
      SELECT id, "userId", "currencyId"::text, amount::text, "usdAmount"::text, "createdAt" FROM "Deposit" WHERE id = ${e.id}`;
    if (stored) {
      return sameAsStored(e, stored)
        ? { id: rawId, status: "duplicate" as const, error: null, warnings }
        : rejected(rawId, "ID_CONFLICT", "A deposit with this id and different content is already stored.", warnings);
    }
    const user = await tx.user.findFirst({ where: { id: e.userId, role: "PLAYER" }, select: { id: true } });
    return user
      ? rejected(rawId, "NO_RATE", `No USD rate for ${e.currencyId} at ${e.createdAt.toISOString()}; send usdAmount.`, warnings)
      : rejected(rawId, "UNKNOWN_USER", `User ${e.userId} is unknown; send the users event first.`, warnings);
  }

  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId", "depositedUsdAmount") VALUES (${e.userId}, ${row.usdAmount}::numeric)
    ON CONFLICT ("userId") DO UPDATE SET "depositedUsdAmount" = "UserStatsUsd"."depositedUsdAmount" + EXCLUDED."depositedUsdAmount", "updatedAt" = now()`;
  await addToReferrerRollups(tx, e.userId, "depositUsdAmount", row.usdAmount, e.createdAt);
  await activateClaim(tx, { ...e, usdAmount: row.usdAmount }, now);
  return { id: rawId, status: "applied" as const, error: null, warnings };
}

/**
 * Activation (SPEC §2): the player's CLAIMED deposit bonus, if this deposit is dated at or after the
 * claim, before the promo's expiry, and worth at least the promo's minimum (its amount converted to
 * USD at the deposit's time). The claim flips by a conditional update, so only one deposit activates
 * it. Terms are snapshotted onto the progress row, the bonus is granted to BONUS in the deposit's
 * currency at the deposit's rate, and bets already stored since activation count at once.
 */
async function activateClaim(tx: TTx, d: TDepositEvent & { usdAmount: string }, now: Date) {
  const [activated] = await tx.$queryRaw<
    {
      claimId: string;
      promoCodeId: string;
      bonusMultiplier: string;
      maxBonusUsdAmount: string | null;
      wagerMultiplierToComplete: string;
      timeSecondsToComplete: number | null;
    }[]
  >`
    UPDATE "UserPromoCode" c
    SET status = 'ACTIVE', "activatedAt" = ${d.createdAt}, "depositId" = ${d.id}, "updatedAt" = now()
    FROM "PromoCode" p
    WHERE c."userId" = ${d.userId} AND c."isActive" AND c.status = 'CLAIMED' AND p.id = c."promoCodeId" AND p."isActive"
      AND c."createdAt" <= ${d.createdAt}
      AND ${promoNotExpiredSql("p", d.createdAt)}
      AND ${d.usdAmount}::numeric >= p.amount * COALESCE(usd_rate(p."currencyId", ${d.createdAt}::timestamptz), 0)
    RETURNING c.id AS "claimId", c."promoCodeId", p."bonusMultiplier"::text AS "bonusMultiplier",
              p."maxBonusUsdAmount"::text AS "maxBonusUsdAmount", p."wagerMultiplierToComplete"::text AS "wagerMultiplierToComplete",
              p."timeSecondsToComplete"`;
  if (!activated) return;

  // The terms (the one rule, lib/domain/promos/rollover.ts, which the promo preview shows too). The
  // grant is in the deposit's currency at its rate, rounded down to that currency's scale.
  const terms = activationTerms(
    { ...activated, timeSecondsToComplete: activated.timeSecondsToComplete ?? 0 },
    { usdAmount: d.usdAmount, createdAt: d.createdAt },
  );
  const [progress] = await tx.$queryRaw<
    { id: string; bonusAmount: string; bonusUsdAmount: string; rate: string; currencyId: CurrencyId }[]
  >`
    WITH x AS (SELECT ${terms.bonusUsdAmount}::numeric AS bonus, ${d.usdAmount}::numeric / ${d.amount}::numeric AS rate)
    INSERT INTO "UserPromoCodeProgress" ("userId", "promoCodeId", "activatedAt", "expiresAt", "baseUsdAmount", "bonusUsdAmount",
      "bonusAmount", "currencyId", "wagerMultiplierToComplete", "wagerUsdAmountToComplete")
    SELECT ${d.userId}, ${activated.promoCodeId}::uuid, ${d.createdAt}::timestamptz, ${terms.expiresAt}::timestamptz,
           ${terms.baseUsdAmount}::numeric, bonus, CASE WHEN rate = 0 THEN 0 ELSE round_down_currency(bonus / rate, ${d.currencyId}::"CurrencyId") END,
           ${d.currencyId}::"CurrencyId", ${activated.wagerMultiplierToComplete}::numeric, ${terms.wagerUsdAmountToComplete}::numeric
    FROM x
    RETURNING id, "bonusAmount"::text AS "bonusAmount", "bonusUsdAmount"::text AS "bonusUsdAmount",
              (${d.usdAmount}::numeric / ${d.amount}::numeric)::text AS rate, "currencyId"`;

  if (/[1-9]/.test(progress.bonusAmount)) {
    await appendLedger(tx, [
      {
        userId: d.userId,
        kind: "BONUS_GRANT",
        bucket: "BONUS",
        currencyId: progress.currencyId,
        amount: progress.bonusAmount,
        usdAmount: progress.bonusUsdAmount,
        usdRate: progress.rate,
        sourceId: activated.claimId,
      },
    ]);
    await recordBonusGranted(tx, d.userId, progress.bonusUsdAmount, d.createdAt);
  }

  // Bets already stored from activation on count now (not voided ones); a zero target completes at
  // once. They are share-locked, skipping any a rollback is voiding at this moment, so a void racing
  // this activation either holds the bet first (it is left out) or waits for this transaction and
  // then finds the contribution recorded. Never waiting here keeps the lock order free of cycles.
  await applyRollover(
    tx,
    Prisma.sql`SELECT id, "userId", "gameId", "usdAmount", "createdAt" FROM "Bet"
               WHERE "userId" = ${d.userId} AND "createdAt" >= ${d.createdAt}::timestamptz AND "createdAt" < ${now}::timestamptz
                 AND "voidedAt" IS NULL
               ORDER BY id FOR SHARE SKIP LOCKED`,
    now,
  );
  await completeReachedBonuses(tx, Prisma.sql`SELECT ${d.userId}::int`, now);
}
