import "server-only";

import { activationTerms, type TActivation } from "@/lib/domain/promos/rollover";
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
import { firstBonusLockSql, hasReceivedBonusSql, jurisdictionOfSql } from "@/lib/server/claims/facts";
import type { TWageringBasis } from "@/lib/schemas/enums";
import { bonusActivatedCtesSql, bonusForfeitedCtesSql } from "@/lib/server/webhooks/bonus-events";


/**
 * Records deposits (idempotent by id) and activates CLAIMED deposit bonuses, in one transaction per
 * batch, deposits in the order sent.
 */
export async function ingestDeposits(parsed: TParsedEvent<TDepositEvent>[], now = new Date()): Promise<TEventResult[]> {
  const ok = parsed.filter((p) => p.ok);
  const { results, outOfRange } = await applyBatch(ok, async (tx, items) => {
    const out: { index: number; result: TEventResult }[] = [];
    const activations: TActivated[] = [];
    await lockDepositPlayers(tx, items.map((p) => p.event.userId));
    const firstBonusPlayers = await lockFirstBonusPlayers(tx, items.map((p) => p.event.userId));
    for (const p of items) {
      const { result, activated } = await ingestDeposit(tx, p.event, p.rawId, p.warnings);
      out.push({ index: p.index, result });
      if (activated) activations.push(activated);
    }
    // The grants come after every deposit of the batch is stored: the budgeted promos' rows are
    // locked then, in one stable order, for the rest of the transaction only.
    await grantActivations(tx, activations, firstBonusPlayers, now);
    return out;
  });
  const byIndex = new Map(results.map((r) => [r.index, r.result]));
  for (const p of outOfRange) byIndex.set(p.index, rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings));
  return parsed.map((p) => (p.ok ? byIndex.get(p.index)! : p.result));
}

async function ingestDeposit(
  tx: TTx,
  e: TDepositEvent,
  rawId: string | number | null,
  warnings: string[],
): Promise<{ result: TEventResult; activated?: TActivated | null }> {
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
      return {
        result: sameAsStored(e, stored)
          ? { id: rawId, status: "duplicate" as const, error: null, warnings }
          : rejected(rawId, "ID_CONFLICT", "A deposit with this id and different content is already stored.", warnings),
      };
    }
    const user = await tx.user.findFirst({ where: { id: e.userId, role: "PLAYER" }, select: { id: true } });
    return {
      result: user
        ? rejected(rawId, "NO_RATE", `No USD rate for ${e.currencyId} at ${e.createdAt.toISOString()}; send usdAmount.`, warnings)
        : rejected(rawId, "UNKNOWN_USER", `User ${e.userId} is unknown; send the users event first.`, warnings),
    };
  }

  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId", "depositedUsdAmount") VALUES (${e.userId}, ${row.usdAmount}::numeric)
    ON CONFLICT ("userId") DO UPDATE SET "depositedUsdAmount" = "UserStatsUsd"."depositedUsdAmount" + EXCLUDED."depositedUsdAmount", "updatedAt" = now()`;
  await addToReferrerRollups(tx, e.userId, "depositUsdAmount", row.usdAmount, e.createdAt);
  const activated = await activateClaim(tx, { ...e, usdAmount: row.usdAmount });
  return { result: { id: rawId, status: "applied" as const, error: null, warnings }, activated };
}

type TActivated = {
  claimId: string;
  promoCodeId: string;
  budgeted: boolean;
  bonusMultiplier: string;
  maxBonusUsdAmount: string | null;
  wagerMultiplierToComplete: string;
  timeSecondsToComplete: number | null;
  wageringBasis: TWageringBasis;
  deposit: TDepositEvent & { usdAmount: string };
};

/**
 * Activation (SPEC §2): the player's CLAIMED deposit bonus, if this deposit is dated at or after the
 * claim, before the promo's expiry, worth at least the promo's minimum (its amount converted to USD
 * at the deposit's time), and allowed by the promo's deposit rule: FIRST_DEPOSIT only by the
 * player's first deposit ever (no other stored), RELOAD only with an earlier one. The claim flips by
 * a conditional update, so only one deposit activates it; its grant follows in grantActivations.
 * A FIRST_DEPOSIT claim this deposit didn't activate can never be activated (no later deposit is a
 * first), so it ends CANCELLED with DEPOSIT_RULE and the player's one open deposit bonus is free.
 */
async function activateClaim(tx: TTx, d: TDepositEvent & { usdAmount: string }): Promise<TActivated | null> {
  const otherDeposit = (earlierOnly: boolean) => Prisma.sql`EXISTS (
    SELECT 1 FROM "Deposit" o WHERE o."userId" = ${d.userId} AND o.id <> ${d.id}
      ${earlierOnly ? Prisma.sql`AND o."createdAt" <= ${d.createdAt}::timestamptz` : Prisma.empty})`;
  const [activated] = await tx.$queryRaw<Omit<TActivated, "deposit" | "budgeted">[]>`
    UPDATE "UserPromoCode" c
    SET status = 'ACTIVE', "activatedAt" = ${d.createdAt}, "depositId" = ${d.id}, "updatedAt" = now()
    FROM "PromoCode" p
    WHERE c."userId" = ${d.userId} AND c."isActive" AND c.status = 'CLAIMED' AND p.id = c."promoCodeId" AND p."isActive"
      AND c."createdAt" <= ${d.createdAt}
      AND ${promoNotExpiredSql("p", d.createdAt)}
      AND ${d.usdAmount}::numeric >= p.amount * COALESCE(usd_rate(p."currencyId", ${d.createdAt}::timestamptz), 0)
      AND CASE p."depositRule" WHEN 'FIRST_DEPOSIT' THEN NOT ${otherDeposit(false)} WHEN 'RELOAD' THEN ${otherDeposit(true)} ELSE true END
    RETURNING c.id AS "claimId", c."promoCodeId",
              p."bonusMultiplier"::text AS "bonusMultiplier", p."maxBonusUsdAmount"::text AS "maxBonusUsdAmount",
              p."wagerMultiplierToComplete"::text AS "wagerMultiplierToComplete", p."timeSecondsToComplete", p."wageringBasis"`;
  if (activated) return { ...activated, budgeted: false, deposit: d };
  await tx.$executeRaw`
    WITH ended AS (
      UPDATE "UserPromoCode" c
      SET status = 'CANCELLED', "isActive" = NULL, "endedAt" = ${d.createdAt}, "cancelReason" = 'DEPOSIT_RULE', "updatedAt" = now()
      FROM "PromoCode" p
      WHERE c."userId" = ${d.userId} AND c."isActive" AND c.status = 'CLAIMED' AND p.id = c."promoCodeId"
        AND p."depositRule" = 'FIRST_DEPOSIT'
      RETURNING c.id, c."userId", c."promoCodeId", c.status, c."cancelReason", c."endedAt",
                NULL::numeric AS "bonusAmount", NULL::"CurrencyId" AS "currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT count(*) FROM ended`;
  return null;
}

/**
 * The activations' grants, in the batch's order. A budgeted promo grants min(bonus, what is left)
 * (SPEC §2 Campaign controls): its row is locked (all of them in id order, so two batches never
 * deadlock on each other), the batch's bonuses are taken from it in one statement, and an
 * activation left with nothing ends CANCELLED with BUDGET_SPENT, nothing granted. Then each granted
 * bonus's terms are snapshotted onto the progress row, the bonus is granted to BONUS in the
 * deposit's currency at its rate, and bets already stored since activation count at once.
 */
async function grantActivations(tx: TTx, all: TActivated[], firstBonusPlayers: Set<number>, now: Date) {
  const activations = await outsideFirstBonusRule(tx, all, firstBonusPlayers);
  if (activations.length === 0) return;
  const terms = activations.map((a) =>
    activationTerms({ ...a, timeSecondsToComplete: a.timeSecondsToComplete ?? 0 }, { usdAmount: a.deposit.usdAmount, createdAt: a.deposit.createdAt }),
  );
  // Whether each promo has a budget, read under a key-share lock (which doesn't block claims or other
  // batches): an operator setting a budget holds the row FOR UPDATE, so either that save committed
  // first and this reads the budget, or it waits for this batch and then counts its grants.
  const promoIds = [...new Set(activations.map((a) => a.promoCodeId))].sort();
  const fresh = await tx.$queryRaw<{ id: string; budgeted: boolean }[]>`
    SELECT id, "budgetUsdAmount" IS NOT NULL AS budgeted FROM "PromoCode" WHERE id = ANY(${promoIds}::uuid[]) ORDER BY id FOR KEY SHARE`;
  const hasBudget = new Set(fresh.filter((f) => f.budgeted).map((f) => f.id));
  for (const a of activations) a.budgeted = hasBudget.has(a.promoCodeId);
  const granted = new Map<string, string>();
  const budgeted = activations.flatMap((a, i) => (a.budgeted ? [{ ...a, bonus: terms[i].bonusUsdAmount, ord: i }] : []));
  if (budgeted.length > 0) {
    await tx.$queryRaw`
      SELECT 1 FROM "PromoCode" WHERE id = ANY(${budgeted.map((b) => b.promoCodeId)}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
    // A fresh statement under those locks sees every committed grant. Each activation gets what is
    // left after the earlier ones of the batch (their bonuses summed in order), never below zero.
    const rows = await tx.$queryRaw<{ claimId: string; granted: string }[]>`
      WITH a AS (
        SELECT * FROM unnest(${budgeted.map((b) => b.claimId)}::uuid[], ${budgeted.map((b) => b.promoCodeId)}::uuid[],
                             ${budgeted.map((b) => b.bonus)}::numeric[], ${budgeted.map((b) => b.ord)}::int[]) AS a(claim_id, promo_id, bonus, ord)
      ),
      alloc AS (
        SELECT a.claim_id, a.promo_id,
               GREATEST(LEAST(a.bonus, p."budgetUsdAmount" - p."grantedUsdAmount" - COALESCE(sum(a.bonus) OVER w, 0)), 0) AS granted
        FROM a JOIN "PromoCode" p ON p.id = a.promo_id
        WINDOW w AS (PARTITION BY a.promo_id ORDER BY a.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      ),
      taken AS (
        UPDATE "PromoCode" p SET "grantedUsdAmount" = p."grantedUsdAmount" + s.total, "updatedAt" = now()
        FROM (SELECT promo_id, sum(granted) AS total FROM alloc GROUP BY promo_id) s
        WHERE p.id = s.promo_id
      )
      SELECT claim_id AS "claimId", granted::text AS granted FROM alloc`;
    for (const r of rows) granted.set(r.claimId, r.granted);
  }

  for (const [i, a] of activations.entries()) {
    const cap = granted.get(a.claimId) ?? null;
    if (cap !== null && !/[1-9]/.test(cap) && /[1-9]/.test(terms[i].bonusUsdAmount)) {
        await cancelUngranted(tx, a, "BUDGET_SPENT");
      continue;
    }
    await grantBonus(tx, a, cap === null ? terms[i] : activationTerms(
      { ...a, timeSecondsToComplete: a.timeSecondsToComplete ?? 0 },
      { usdAmount: a.deposit.usdAmount, createdAt: a.deposit.createdAt },
      cap,
    ), now);
  }
}

/**
 * An activation that grants nothing ends the claim CANCELLED: no progress row, no ledger entry, and a
 * bonus.forfeited with nothing forfeited (it was never activated: no bonus.activated came before).
 */
async function cancelUngranted(tx: TTx, a: TActivated, reason: "BUDGET_SPENT" | "JURISDICTION") {
  await tx.$executeRaw`
    WITH ended AS (
      UPDATE "UserPromoCode" SET status = 'CANCELLED', "isActive" = NULL, "activatedAt" = NULL, "endedAt" = ${a.deposit.createdAt},
             "cancelReason" = ${reason}, "updatedAt" = now()
      WHERE id = ${a.claimId}::uuid
      RETURNING id, "userId", "promoCodeId", status, "cancelReason", "endedAt",
                NULL::numeric AS "bonusAmount", NULL::"CurrencyId" AS "currencyId"
    ),
    ${bonusForfeitedCtesSql(Prisma.sql`ended`)}
    SELECT count(*) FROM ended`;
}

// The advisory lock class of "a deposit batch holds this player" (users and games events use 1 and 2).
const DEPOSIT_PLAYER_LOCK = 4;

/**
 * Every player of the batch, locked in ascending id order before anything else: a batch applies its
 * deposits in the order sent, so two batches holding the same players in opposite orders (group
 * commit makes such batches of single deposits) would otherwise lock their rows in a circle and one
 * would die a deadlock victim. With these first, they queue per player in one order instead.
 */
async function lockDepositPlayers(tx: TTx, userIds: number[]) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEPOSIT_PLAYER_LOCK}::int, x.id)
    FROM (SELECT DISTINCT unnest(${userIds}::int[]) AS id ORDER BY 1) x`;
}

/**
 * The batch's players under a firstBonusOnly jurisdiction (e.g. SE), their first-bonus locks taken
 * (firstBonusLockSql, ascending) before anything else of the batch: the claim path takes it before
 * it touches their stats, so taking it first here keeps one lock order (first-bonus lock, then
 * UserStatsUsd) and a racing INSTANT claim and this batch run one after the other, not deadlocking.
 */
async function lockFirstBonusPlayers(tx: TTx, userIds: number[]): Promise<Set<number>> {
  const rules = jurisdictionOfSql("u").rules;
  const under = await tx.$queryRaw<{ id: number }[]>`
    SELECT u.id FROM "User" u
    WHERE u.id = ANY(${[...new Set(userIds)]}::int[]) AND COALESCE((${rules} ->> 'firstBonusOnly')::boolean, false)`;
  if (under.length > 0) await tx.$executeRaw(firstBonusLockSql(under.map((u) => u.id)));
  return new Set(under.map((l) => l.id));
}

/**
 * firstBonusOnly, checked again at activation: a player who was granted a bonus since the claim (an
 * INSTANT credit, say) gets none from this one, and the claim ends CANCELLED with JURISDICTION.
 * Their first-bonus locks are held (lockFirstBonusPlayers), so this statement sees what a racing claim
 * committed. Returns the activations that go on.
 */
async function outsideFirstBonusRule(tx: TTx, activations: TActivated[], firstBonusPlayers: Set<number>): Promise<TActivated[]> {
  const under = activations.filter((a) => firstBonusPlayers.has(a.deposit.userId));
  if (under.length === 0) return activations;
  const had = await tx.$queryRaw<{ claimId: string }[]>`
    SELECT a.claim_id::text AS "claimId"
    FROM unnest(${under.map((a) => a.claimId)}::uuid[], ${under.map((a) => a.deposit.userId)}::int[]) AS a(claim_id, user_id)
    JOIN "User" u ON u.id = a.user_id
    WHERE ${hasReceivedBonusSql("u", Prisma.sql`a.claim_id`)}`;
  const refused = new Set(had.map((h) => h.claimId));
  for (const a of activations) if (refused.has(a.claimId)) await cancelUngranted(tx, a, "JURISDICTION");
  return activations.filter((a) => !refused.has(a.claimId));
}

/**
 * One activation's progress row (with its bonus.activated event, written by the same statement),
 * grant and the bets already stored since it.
 */
async function grantBonus(tx: TTx, a: TActivated, terms: TActivation, now: Date) {
  const d = a.deposit;
  // The grant is in the deposit's currency at its rate, rounded down to that currency's scale.
  const [progress] = await tx.$queryRaw<
    { id: string; bonusAmount: string; bonusUsdAmount: string; rate: string; currencyId: CurrencyId }[]
  >`
    WITH x AS (SELECT ${terms.bonusUsdAmount}::numeric AS bonus, ${d.usdAmount}::numeric / ${d.amount}::numeric AS rate),
    progress AS (
      INSERT INTO "UserPromoCodeProgress" ("userId", "promoCodeId", "activatedAt", "expiresAt", "baseUsdAmount", "bonusUsdAmount",
        "bonusAmount", "currencyId", "wagerMultiplierToComplete", "wagerUsdAmountToComplete", "wageringBasis")
      SELECT ${d.userId}, ${a.promoCodeId}::uuid, ${d.createdAt}::timestamptz, ${terms.expiresAt}::timestamptz,
             ${terms.baseUsdAmount}::numeric, bonus, CASE WHEN rate = 0 THEN 0 ELSE round_down_currency(bonus / rate, ${d.currencyId}::"CurrencyId") END,
             ${d.currencyId}::"CurrencyId", ${a.wagerMultiplierToComplete}::numeric, ${terms.wagerUsdAmountToComplete}::numeric,
             ${a.wageringBasis}::"WageringBasis"
      FROM x
      RETURNING *, ${a.claimId}::uuid AS claim_id, ${d.id}::text AS deposit_id
    ),
    ${bonusActivatedCtesSql(Prisma.sql`progress`)}
    SELECT id, "bonusAmount"::text AS "bonusAmount", "bonusUsdAmount"::text AS "bonusUsdAmount",
           (${d.usdAmount}::numeric / ${d.amount}::numeric)::text AS rate, "currencyId"
    FROM progress`;

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
        sourceId: a.claimId,
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
