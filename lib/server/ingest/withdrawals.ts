import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { bonusForfeitedWarning, type TEventResult, type TWithdrawalEvent } from "@/lib/schemas/api/events";
import { addManyToReferrerRollups } from "@/lib/server/affiliates/rollups";
import { forfeitForWithdrawals } from "@/lib/server/claims/lifecycle";
import { db, type TTx } from "@/lib/server/db";
import { applyBatch, OUT_OF_RANGE_MESSAGE } from "@/lib/server/ingest/batch";
import {
  answersInOrder,
  applied,
  duplicate,
  firstById,
  rejected,
  sameAsStored,
  type TParsedEvent,
  type TStoredMoneyEvent,
} from "@/lib/server/ingest/envelope";

type TParsedWithdrawal = Extract<TParsedEvent<TWithdrawalEvent>, { ok: true }>;
/** A withdrawal this batch stored, and the bonuses it forfeited. */
type TApplied = { id: string; forfeited: string[] };

/**
 * Records withdrawals (idempotent by id, like deposits) in one transaction per batch, set-based:
 * the new ones are stored (USD as sent, or at the rate of their time), add to the players'
 * withdrawnUsdAmount and their referrers' rollups, and — under a promo's FORFEIT policy — cancel
 * (cancelReason WITHDRAWAL) and forfeit each ACTIVE bonus whose window holds one of them
 * (lib/server/claims/lifecycle.ts). Only the ids this batch inserted flow on, so a replay, even
 * concurrent, changes nothing. Each result names the bonuses its withdrawal forfeited
 * (`BONUS_FORFEITED: <claim id>`).
 */
export async function ingestWithdrawals(parsed: TParsedEvent<TWithdrawalEvent>[]): Promise<TEventResult[]> {
  const first = firstById(parsed);
  // In id order, like the insert, so the one-by-one fallback of applyBatch locks in the same order.
  const batch = [...first.values()].sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  const { results, outOfRange } = await applyBatch(batch, storeWithdrawals);

  const appliedById = new Map(results.map((r) => [r.id, r]));
  const tooBig = new Set([...outOfRange].map((p) => p.event.id));
  const rest = batch.filter((p) => !appliedById.has(p.event.id) && !tooBig.has(p.event.id)).map((p) => p.event);
  // Read after the commit: a withdrawal a concurrent batch stored first is judged against what it stored.
  const stored = rest.length
    ? await db.$queryRaw<TStoredMoneyEvent[]>`
        SELECT id, "userId", "currencyId"::text AS "currencyId", amount::text, "usdAmount"::text AS "usdAmount", "createdAt"
        FROM "Withdrawal" WHERE id = ANY(${rest.map((e) => e.id)}::text[])`
    : [];
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const unstored = rest.filter((e) => !storedById.has(e.id));
  const players = unstored.length
    ? new Set(
        (
          await db.user.findMany({
            where: { id: { in: [...new Set(unstored.map((e) => e.userId))] }, role: "PLAYER" },
            select: { id: true },
          })
        ).map((u) => u.id),
      )
    : new Set<number>();

  const firstResult = (p: TParsedWithdrawal): TEventResult => {
    const e = p.event;
    if (tooBig.has(e.id)) return rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings);
    const done = appliedById.get(e.id);
    if (done) return applied(p.rawId, [...p.warnings, ...done.forfeited.map(bonusForfeitedWarning)]);
    const s = storedById.get(e.id);
    if (s) {
      return sameAsStored(e, s)
        ? duplicate(p.rawId, p.warnings)
        : rejected(p.rawId, "ID_CONFLICT", "A withdrawal with this id and different content is already stored.", p.warnings);
    }
    if (!players.has(e.userId)) return rejected(p.rawId, "UNKNOWN_USER", `User ${e.userId} is unknown; send the users event first.`, p.warnings);
    return rejected(p.rawId, "NO_RATE", `No USD rate for ${e.currencyId} at ${e.createdAt.toISOString()}; send usdAmount.`, p.warnings);
  };
  const answers = new Map([...first.values()].map((p) => [p.event.id, firstResult(p)]));
  return answersInOrder(parsed, first, answers, sameEvents, "withdrawal");
}

/** The batch's writes, in the batch's transaction; returns the withdrawals inserted now. */
async function storeWithdrawals(tx: TTx, items: TParsedWithdrawal[]): Promise<TApplied[]> {
  const e = items.map((p) => p.event);
  const inserted = await tx.$queryRaw<{ id: string; userId: number; usdAmount: string; createdAt: Date }[]>`
    INSERT INTO "Withdrawal" (id, "userId", "currencyId", amount, "usdAmount", "createdAt")
    SELECT i.id, i.user_id, i.currency, i.amount, COALESCE(i.usd, i.amount * usd_rate(i.currency, i.at)), i.at
    FROM unnest(
      ${e.map((x) => x.id)}::text[], ${e.map((x) => x.userId)}::int[], ${e.map((x) => x.currencyId)}::"CurrencyId"[],
      ${e.map((x) => x.amount)}::numeric[], ${e.map((x) => x.usdAmount ?? null)}::numeric[], ${e.map((x) => x.createdAt)}::timestamptz[]
    ) AS i(id, user_id, currency, amount, usd, at)
    JOIN "User" u ON u.id = i.user_id AND u.role = 'PLAYER'
    WHERE COALESCE(i.usd, usd_rate(i.currency, i.at)) IS NOT NULL
    ORDER BY i.id
    ON CONFLICT (id) DO NOTHING
    RETURNING id, "userId", "usdAmount"::text AS "usdAmount", "createdAt"`;
  if (inserted.length === 0) return [];
  const ids = inserted.map((w) => w.id);

  // Players' rows in id order, so concurrent batches queue rather than deadlock.
  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId", "withdrawnUsdAmount")
    SELECT "userId", sum("usdAmount") FROM "Withdrawal" WHERE id = ANY(${ids}::text[]) GROUP BY 1 ORDER BY 1
    ON CONFLICT ("userId") DO UPDATE
    SET "withdrawnUsdAmount" = "UserStatsUsd"."withdrawnUsdAmount" + EXCLUDED."withdrawnUsdAmount", "updatedAt" = now()`;
  await addManyToReferrerRollups(
    tx,
    "withdrawalUsdAmount",
    inserted.map((w) => ({ userId: w.userId, usd: w.usdAmount, at: w.createdAt })),
  );

  // The FORFEIT policy; a bonus two of them fall inside goes to the first one sent.
  const order = new Map(items.map((p) => [p.event.id, p.index]));
  const forfeits = await forfeitForWithdrawals(
    tx,
    Prisma.sql`SELECT w.id, w."userId" AS user_id, w."createdAt" AS at, o.ord
               FROM unnest(${ids}::text[], ${ids.map((id) => order.get(id)!)}::int[]) AS o(id, ord)
               JOIN "Withdrawal" w ON w.id = o.id`,
  );
  return inserted.map((w) => ({
    id: w.id,
    forfeited: forfeits.filter((f) => f.withdrawalId === w.id).map((f) => f.claimId).sort(),
  }));
}

function sameEvents(a: TWithdrawalEvent, b: TWithdrawalEvent): boolean {
  return (
    a.userId === b.userId &&
    a.currencyId === b.currencyId &&
    new Prisma.Decimal(a.amount).eq(b.amount) &&
    (a.usdAmount === undefined) === (b.usdAmount === undefined) &&
    (a.usdAmount === undefined || new Prisma.Decimal(a.usdAmount).eq(b.usdAmount!)) &&
    a.createdAt.getTime() === b.createdAt.getTime()
  );
}
