import "server-only";

import { CLAIM_ERRORS, firstClaimFailure, type TClaimCheck, type TClaimError, type TIneligibleReason } from "@/lib/domain/promos/claim-rules";
import type { TComplianceRule } from "@/lib/domain/promos/compliance";
import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { recordBonusGranted } from "@/lib/server/affiliates/rollups";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";
import { claimFacts, firstBonusLockSql, hasReceivedBonusSql, playerFactsSql, promoFactsColumnsSql, type TPlayerFactsRow, type TPromoFactsRow } from "@/lib/server/claims/facts";
import { appendLedger } from "@/lib/server/ledger/credit";
import { promoLiveSql } from "@/lib/server/promo-codes/live";

export type TClaimResultDto = {
  claim: {
    id: string;
    promoCodeId: string;
    code: string;
    type: "INSTANT" | "DEPOSIT";
    status: "CLAIMED" | "COMPLETED";
    claimedAt: string;
  };
  credit: { currencyId: string; amount: string } | null;
};

export function claimError(code: TClaimError, reason?: TIneligibleReason, rule?: TComplianceRule): AppError {
  return new AppError(code, CLAIM_ERRORS[code], reason ? { details: { reason, ...(rule ? { rule } : {}) } } : undefined);
}

const failureError = (check: TClaimCheck) => claimError(check.rule, check.reason, check.complianceRule);

type TFacts = {
  claimId: string | null;
  claimedAt: Date | null;
  creditAmount: string;
  creditRate: string;
  player: TPlayerFactsRow;
};

type TPromoRow = TPromoFactsRow & { id: string; code: string; amount: string; currencyId: CurrencyId };

/**
 * Claims a promo for a player (SPEC §2), all in one transaction. The database decides every racy
 * condition: the claim row is inserted first (one per user per promo: a player racing themselves
 * gets ALREADY_CLAIMED), `claimsLeft` and the budget are taken by one conditional update (never
 * below zero, never beyond the budget), and a DEPOSIT claim's open state is guarded by the
 * [userId, isActive] unique. Any failure rolls back.
 */
export async function claimPromoCode(userId: number, rawCode: string, now = new Date()): Promise<TClaimResultDto> {
  const code = rawCode.trim().toUpperCase();
  return db.$transaction(async (tx) => {
    // One round trip: the promo, the claim row (rule 2 by the unique constraint), the player's facts
    // and, for INSTANT, the credit at the current rate. The claim row starts ended (COMPLETED,
    // isActive NULL) so it can't collide with an open deposit bonus before the other rules are
    // checked; the end of the transaction sets its real state.
    const [row] = await tx.$queryRaw<(TPromoRow & TFacts)[]>`
      WITH promo AS (
        SELECT * FROM "PromoCode" WHERE code = ${code} AND "isActive"
        -- Deactivation and type changes take the row FOR UPDATE: a claim waits for them and then sees
        -- the promo as they left it, and they wait for claims in flight. Key-share locks don't block
        -- each other or the conditional update below, so claims of one promo still run side by side.
        FOR KEY SHARE
      ),
      claim AS (
        INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "endedAt", "createdAt")
        SELECT ${userId}, id, 'COMPLETED', NULL, ${now}, ${now}, ${now} FROM promo
        ON CONFLICT ("promoCodeId", "userId") DO NOTHING
        RETURNING id, "createdAt"
      )
      SELECT p.id, p.code, p.amount::text AS amount, p."currencyId", ${promoFactsColumnsSql("p", now)},
             c.id AS "claimId", c."createdAt" AS "claimedAt",
             to_jsonb(u) AS player,
             round_down_currency(p.amount, p."currencyId")::text AS "creditAmount",
             COALESCE(usd_rate(p."currencyId", ${now}::timestamptz), 0)::text AS "creditRate"
      FROM promo p
      JOIN (${playerFactsSql(userId, { lockShare: true })}) u ON true
      LEFT JOIN claim c ON true`;
    if (!row) throw claimError("PROMO_NOT_FOUND");
    const promo = row;
    const claim = row.claimId ? { id: row.claimId, createdAt: row.claimedAt! } : null;
    const { player } = row;
    // claimsLeft and the budget are decided below by the conditional update, not by this (possibly
    // stale) read; a read that already shows them spent is final (neither ever grows back by a claim).
    const failure = firstClaimFailure(claimFacts({ ...promo, claimsLeft: null }, player, { alreadyClaimed: !claim, now }));
    if (failure && FINAL_FROM_READ.has(failure.rule)) throw failureError(failure);
    const take = takeFor(promo);
    if (failure) {
      // A later rule failed, but PROMO_EXHAUSTED comes first if there is no slot or budget left.
      if (take && !(await takeSlotAndBudget(tx, promo.id, take, now))) throw claimError(await whyNotTaken(tx, promo.id, now));
      throw failureError(failure);
    }

    if (!claim) throw claimError("ALREADY_CLAIMED"); // decided above; this narrows the type
    if (player.jurisdiction?.firstBonusOnly) await assertStillFirstBonus(tx, userId, claim.id);

    let credit: TClaimResultDto["credit"] = null;
    if (promo.type === "DEPOSIT") {
      await tx.$executeRaw`
        UPDATE "UserPromoCode" SET status = 'CLAIMED', "isActive" = true, "activatedAt" = NULL, "endedAt" = NULL
        WHERE id = ${claim.id}::uuid`.catch((error: unknown) => {
        if (isUniqueViolation(error)) throw claimError("ACTIVE_BONUS_EXISTS");
        throw error;
      });
    } else {
      credit = await creditInstant(tx, userId, claim.id, promo, now);
    }

    // Rule 4 last: the slot and the budget are taken by one conditional update just before commit,
    // so the promo row is locked only for that instant and a popular promo's claims don't queue
    // behind each other. A promo with neither a limit nor a budget never touches the row. A claim
    // that later ends never gives its slot or its grant back.
    if (take && !(await takeSlotAndBudget(tx, promo.id, take, now))) {
      throw claimError(await whyNotTaken(tx, promo.id, now));
    }

    return {
      claim: {
        id: claim.id,
        promoCodeId: promo.id,
        code: promo.code,
        type: promo.type,
        status: promo.type === "DEPOSIT" ? "CLAIMED" : "COMPLETED",
        claimedAt: claim.createdAt.toISOString(),
      },
      credit,
    };
  });
}

// Failures the first read decides for good: the claim row's insert, and promo facts that no claim in
// flight can undo (a start or expiry, a budget or claim count already spent).
const FINAL_FROM_READ = new Set<TClaimError>(["ALREADY_CLAIMED", "PROMO_NOT_STARTED", "PROMO_EXPIRED", "PROMO_EXHAUSTED"]);

/**
 * firstBonusOnly (e.g. SE): the player's first-bonus lock is taken, so two claims of one player racing for their
 * first bonus run one after the other, and the later re-reads "ever granted a bonus" in a fresh
 * statement that sees the earlier's commit. An INSTANT claim's own row already counts as granted
 * (it is inserted with activatedAt), so it is left out; a DEPOSIT claim grants nothing yet, and its
 * activation checks again. Only players under such a rule pay for the lock.
 */
async function assertStillFirstBonus(tx: TTx, userId: number, claimId: string) {
  await tx.$executeRaw(firstBonusLockSql([userId]));
  // A fresh statement after the lock: its snapshot sees whatever a racing claim committed.
  const [row] = await tx.$queryRaw<{ had: boolean }[]>`
    SELECT ${hasReceivedBonusSql("u", Prisma.sql`${claimId}::uuid`)} AS had FROM "User" u WHERE u.id = ${userId}`;
  if (row?.had) throw claimError("NOT_ELIGIBLE", "JURISDICTION", "firstBonusOnly");
}

type TTake = { slot: boolean; budget: boolean; grantUsd: string };

/**
 * What the claim takes from the promo row: a slot when claims are limited; from a budget, the
 * INSTANT credit (a DEPOSIT claim grants nothing yet: it only needs something left, its activation
 * takes min(bonus, left)). Null when there is nothing to take.
 */
function takeFor(promo: TPromoRow): TTake | null {
  const slot = promo.claimsLeft !== null;
  const budget = promo.budgetUsdAmount !== null;
  if (!slot && !budget) return null;
  // grantedUsdAmount is the budget's counter: kept while the promo has a budget (setting one counts
  // what was granted before it, lib/server/promo-codes/mutations.ts).
  return { slot, budget, grantUsd: budget && promo.type === "INSTANT" ? (promo.grantUsdAmount ?? "0") : "0" };
}

/**
 * The one conditional update of the promo row: one slot (when limited) and the INSTANT credit from
 * the budget (when budgeted), only while the promo is live and the credit fits what is left. Rows
 * racing for the last slot or the last dollars wait on the row lock and re-check the condition.
 */
async function takeSlotAndBudget(tx: TTx, promoId: string, take: TTake, now: Date): Promise<boolean> {
  const taken = await tx.$executeRaw`
    UPDATE "PromoCode"
    SET "claimsLeft" = CASE WHEN ${take.slot} THEN "claimsLeft" - 1 ELSE "claimsLeft" END,
        "grantedUsdAmount" = "grantedUsdAmount" + ${take.grantUsd}::numeric,
        "updatedAt" = now()
    WHERE id = ${promoId}::uuid AND ${promoLiveSql('"PromoCode"', now)}
      AND (NOT ${take.slot} OR "claimsLeft" > 0)
      AND (NOT ${take.budget} OR ("grantedUsdAmount" + ${take.grantUsd}::numeric <= "budgetUsdAmount"
                                  AND "grantedUsdAmount" < "budgetUsdAmount"))`;
  return taken === 1;
}

async function whyNotTaken(tx: TTx, promoId: string, now: Date): Promise<TClaimError> {
  const [row] = await tx.$queryRaw<{ isActive: boolean | null; expiresAt: Date | null }[]>`
    SELECT "isActive", "expiresAt" FROM "PromoCode" WHERE id = ${promoId}::uuid`;
  if (!row?.isActive) return "PROMO_NOT_FOUND";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "PROMO_EXPIRED";
  return "PROMO_EXHAUSTED";
}

/** INSTANT: the amount, rounded down to the currency's scale, to CASH at the current rate. */
async function creditInstant(tx: TTx, userId: number, claimId: string, promo: TPromoRow & TFacts, now: Date) {
  // The credit's USD value as the rules and the budget saw it (instantCreditUsdSql): one figure.
  const usd = promo.grantUsdAmount ?? "0";
  await appendLedger(tx, [
    {
      userId,
      kind: "INSTANT_CREDIT",
      bucket: "CASH",
      currencyId: promo.currencyId,
      amount: promo.creditAmount,
      usdAmount: usd,
      usdRate: promo.creditRate,
      sourceId: claimId,
    },
  ]);
  await recordBonusGranted(tx, userId, usd, now);
  return { currencyId: promo.currencyId, amount: promo.creditAmount };
}
