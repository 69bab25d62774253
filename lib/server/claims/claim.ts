import "server-only";

import type { z } from "zod";

import { CLAIM_ERRORS, firstClaimFailure, type TClaimCheck, type TClaimError, type TIneligibleReason } from "@/lib/domain/promos/claim-rules";
import type { TComplianceRule } from "@/lib/domain/promos/compliance";
import { AppError } from "@/lib/domain/errors";
import { isPromoExpired } from "@/lib/domain/promos/live";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { bonusGrantedCtesSql } from "@/lib/server/affiliates/rollups";
import { isUniqueViolation } from "@/lib/server/db";
import { sql, sqlTransaction, type TSqlTx } from "@/lib/server/sql-transaction";
import { claimFacts, firstBonusLockSql, hasReceivedBonusSql, playerFactsSql, promoFactsColumnsSql, type TPlayerFactsRow, type TPromoFactsRow } from "@/lib/server/claims/facts";
import { ledgerCtesSql } from "@/lib/server/ledger/credit";
import { countHit, rateWindow } from "@/lib/server/rate-limit";
import { promoLiveSql } from "@/lib/server/promo-codes/live";
import { outboxCtesSql, webhookSubscribedSql } from "@/lib/server/webhooks/outbox";
import type { WEBHOOK_DATA } from "@/lib/schemas/webhooks";
import { env } from "@/lib/env";

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
  /** Whether an enabled endpoint subscribes to claim.created (the outbox's gate, read in the first statement). */
  subscribed: boolean;
  claimId: string | null;
  claimedAt: Date | null;
  creditAmount: string;
  creditRate: string;
  player: TPlayerFactsRow;
};

type TPromoRow = TPromoFactsRow & { id: string; code: string; amount: string; currencyId: CurrencyId };

/** The per-player claim limit, counted in the claim's own first statement (see claimPromoCode). */
export type TClaimLimit = { key: string; max: number; windowSeconds: number };

/** How a claim names its promo: by code (a player's claim, or a grant naming it so), or by id (a grant). */
export type TPromoRef = { code: string } | { id: string };

/** A code as claims match it: codes are stored upper case, and a player may type one in any case. */
export const claimCodeKey = (raw: string) => raw.trim().toUpperCase();

/** A CRM's grant (SPEC §2 "Grants"): its id (the Grant row's), the API key that sent it. */
export type TGrantSpec = { id: string; apiKeyId: string | null };

/** An applied grant as stored: a replay of its id is judged against it (`code` as named, NULL when named by id). */
export type TStoredGrant = { id: string; userId: number; promoCodeId: string; code: string | null; claimId: string };

/** A grant's answer when the claim rules didn't refuse it (they throw, like a code claim's). */
export type TGrantOutcome =
  | { kind: "granted"; claim: TClaimResultDto }
  | { kind: "stored"; grant: TStoredGrant }
  | { kind: "limit"; max: number };

/** The grant and the code (as matched) that claimInTransaction records with the claim. */
type TGrantRecord = TGrantSpec & { code: string | null };

/** A claim's answer when it fails: the error, and whether its rate-limit hit still has to be counted. */
class ClaimFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/**
 * Claims a promo for a player (SPEC §2), all in one transaction. The database decides every racy
 * condition: the claim row is inserted first (one per user per promo: a player racing themselves
 * gets ALREADY_CLAIMED), `claimsLeft` and the budget are taken by one conditional update (never
 * below zero, never beyond the budget), and a DEPOSIT claim's open state is guarded by the
 * [userId, isActive] unique. Any failure rolls back.
 *
 * Round trips on the way to a granted claim: BEGIN, one statement that counts the request against
 * the player's claim limit (`limit`), reads the promo, inserts the claim row and reads the player's
 * facts, one statement of writes (the INSTANT credit with its ledger, balance, stats and rollups, or
 * the DEPOSIT claim's open state; either with its claim.created webhook event), the slot-and-budget
 * update for a limited promo, COMMIT. A claim that fails rolls back, its hit with it, so the hit is
 * counted again on its own: every request counts against the limit, granted or not. The
 * transaction runs on a connection of the app's pool without Prisma's query engine (sqlTransaction: the same SQL fragments, a quarter of the CPU per
 * statement; docs/decisions.md "Claims without Prisma's engine").
 */
export async function claimPromoCode(
  userId: number,
  rawCode: string,
  now = new Date(),
  options: { limit?: TClaimLimit } = {},
): Promise<TClaimResultDto> {
  const code = claimCodeKey(rawCode);
  const window = options.limit ? rateWindow(options.limit.windowSeconds, now) : null;
  try {
    return await sqlTransaction((tx) => claimInTransaction(tx, userId, { code }, now, options.limit, window, null));
  } catch (thrown) {
    if (!(thrown instanceof ClaimFailed)) throw thrown;
    // The rollback took the hit with it: count it on its own (an unknown player counts nothing).
    if (options.limit && window && thrown.error.code !== "PLAYER_NOT_FOUND") {
      await sql.$queryRaw(countHit(Prisma.sql`SELECT ${options.limit.key}::text`, window.start));
    }
    throw thrown.error;
  }
}

// Advisory lock classes of our own (int4): "a grant to this player" and "a grant with this id".
const GRANT_PLAYER_LOCK = 71_020_263;
const GRANT_ID_LOCK = 71_020_264;

/**
 * A grant (SPEC §2 "Grants"): the claim path itself, in one transaction, with the promo named by id
 * or code, hidden promos included (they are claimable by code already), no per-player claim limit,
 * the claim's origin GRANT and the Grant row written with it. First the grant's two advisory locks
 * (the player's, then the id's: only grants take them, always first and in this order, so they
 * can't join a cycle with the claim's or a deposit's locks), then — in a fresh statement that sees
 * every grant committed before the locks were granted — the id already applied (→ `stored`, for the
 * caller to judge the replay) and GRANTS_PER_PLAYER_PER_DAY applied grants in the rolling 24 h
 * before `now` (→ `limit`; a rejected grant left no row, a code claim has none). Then the claim
 * rules, in their order, throwing the claim's errors.
 */
export async function grantPromo(userId: number, promo: TPromoRef, grant: TGrantSpec, now = new Date()): Promise<TGrantOutcome> {
  const ref: TPromoRef = "code" in promo ? { code: claimCodeKey(promo.code) } : promo;
  const max = env().GRANTS_PER_PLAYER_PER_DAY;
  try {
    return await sqlTransaction(async (tx): Promise<TGrantOutcome> => {
      await tx.$executeRaw`
        SELECT pg_advisory_xact_lock(k.class, k.key)
        FROM (SELECT * FROM (VALUES (${GRANT_PLAYER_LOCK}::int, ${userId}::int), (${GRANT_ID_LOCK}::int, hashtext(${grant.id})))
              AS v(class, key) ORDER BY class) k`;
      const [seen] = await tx.$queryRaw<{ prior: TStoredGrant | null; recent: number }[]>`
        SELECT (SELECT jsonb_build_object('id', g.id, 'userId', g."userId", 'promoCodeId', g."promoCodeId", 'code', g.code, 'claimId', g."claimId")
                FROM "Grant" g WHERE g.id = ${grant.id}) AS prior,
               (SELECT count(*)::int FROM "Grant" g
                WHERE g."userId" = ${userId} AND g."createdAt" > ${now}::timestamptz - interval '24 hours') AS recent`;
      if (seen.prior) return { kind: "stored", grant: seen.prior };
      if (seen.recent >= max) return { kind: "limit", max };
      const record = { ...grant, code: "code" in ref ? ref.code : null };
      return { kind: "granted", claim: await claimInTransaction(tx, userId, ref, now, undefined, null, record) };
    });
  } catch (thrown) {
    throw thrown instanceof ClaimFailed ? thrown.error : thrown;
  }
}

async function claimInTransaction(
  tx: TSqlTx,
  userId: number,
  ref: TPromoRef,
  now: Date,
  limit: TClaimLimit | undefined,
  window: ReturnType<typeof rateWindow> | null,
  grant: TGrantRecord | null,
): Promise<TClaimResultDto> {
  const fail = (error: AppError): never => {
    throw new ClaimFailed(error);
  };
  // One round trip: the request's hit, the promo, the claim row (rule 2 by the unique constraint),
  // the player's facts and, for INSTANT, the credit at the current rate. The claim row starts ended
  // (COMPLETED, isActive NULL) so it can't collide with an open deposit bonus before the other rules
  // are checked; the end of the transaction sets its real state. Over the limit, the promo is not
  // read and nothing is inserted.
  const hit = limit && window
    ? Prisma.sql`hit AS (${countHit(Prisma.sql`SELECT ${limit.key}::text FROM "User" WHERE id = ${userId} AND role = 'PLAYER'`, window.start)}),`
    : Prisma.empty;
  // The hit is counted only for a known player, so under the limit the promo is read for one only;
  // without a limit (a grant) the player is checked here, or an unknown id would reach the insert.
  const gate = limit
    ? Prisma.sql`AND (SELECT "count" FROM hit) <= ${limit.max}`
    : Prisma.sql`AND EXISTS (SELECT 1 FROM "User" WHERE id = ${userId} AND role = 'PLAYER')`;
  const named = "id" in ref ? Prisma.sql`id = ${ref.id}::uuid` : Prisma.sql`code = ${ref.code}`;
  const [row] = await tx.$queryRaw<({ hits: number | null } & Partial<TPromoRow & TFacts> & { player: TPlayerFactsRow })[]>`
    WITH ${hit}
    promo AS (
      SELECT * FROM "PromoCode" WHERE ${named} AND "isActive" ${gate}
      -- Deactivation and type changes take the row FOR UPDATE: a claim waits for them and then sees
      -- the promo as they left it, and they wait for claims in flight. Key-share locks don't block
      -- each other or the conditional update below, so claims of one promo still run side by side.
      FOR KEY SHARE
    ),
    claim AS (
      INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "endedAt", "createdAt", origin)
      SELECT ${userId}, id, 'COMPLETED', NULL, ${now}, ${now}, ${now}, ${grant ? "GRANT" : "CODE"}::"ClaimOrigin" FROM promo
      ON CONFLICT ("promoCodeId", "userId") DO NOTHING
      RETURNING id, "createdAt"
    )
    SELECT ${limit ? Prisma.sql`(SELECT "count" FROM hit)` : Prisma.sql`NULL::int`} AS hits,
           p.id, p.code, p.amount::text AS amount, p."currencyId", ${promoFactsColumnsSql("p", now)},
           c.id AS "claimId", c."createdAt" AS "claimedAt",
           to_jsonb(u) AS player,
           round_down_currency(p.amount, p."currencyId")::text AS "creditAmount",
           COALESCE(usd_rate(p."currencyId", ${now}::timestamptz), 0)::text AS "creditRate",
           ${CLAIM_CREATED_SUBSCRIBED} AS subscribed
    FROM (${playerFactsSql(userId, { lockShare: true })}) u
    LEFT JOIN promo p ON true
    LEFT JOIN claim c ON true`;
  if (!row) fail(new AppError("PLAYER_NOT_FOUND", "Rollover doesn't know this player."));
  if (limit && window && (row.hits ?? 0) > limit.max) {
    fail(new AppError("RATE_LIMITED", "Too many requests; slow down.", { headers: { "Retry-After": String(window.retryAfterSeconds) } }));
  }
  if (!row.id) fail(claimError("PROMO_NOT_FOUND"));
  const promo = row as TPromoRow & TFacts & { player: TPlayerFactsRow };
  const claim = promo.claimId ? { id: promo.claimId, createdAt: promo.claimedAt! } : null;
  const { player } = promo;
  // claimsLeft and the budget are decided below by the conditional update, not by this (possibly
  // stale) read; a read that already shows them spent is final (neither ever grows back by a claim).
  const failure = firstClaimFailure(claimFacts({ ...promo, claimsLeft: null }, player, { alreadyClaimed: !claim, now }));
  if (failure && FINAL_FROM_READ.has(failure.rule)) fail(failureError(failure));
  const take = takeFor(promo);
  if (failure) {
    // A later rule failed, but PROMO_EXHAUSTED comes first if there is no slot or budget left.
    if (take && !(await takeSlotAndBudget(tx, promo.id, take, now))) fail(claimError(await whyNotTaken(tx, promo.id, now)));
    fail(failureError(failure!));
  }

  if (!claim) return fail(claimError("ALREADY_CLAIMED")); // decided above; this narrows the type
  if (player.jurisdiction?.firstBonusOnly) await assertStillFirstBonus(tx, userId, claim.id).catch(rethrowAsFailure);

  const result: TClaimResultDto = {
    claim: {
      id: claim.id,
      promoCodeId: promo.id,
      code: promo.code,
      type: promo.type,
      status: promo.type === "DEPOSIT" ? "CLAIMED" : "COMPLETED",
      claimedAt: claim.createdAt.toISOString(),
    },
    credit: promo.type === "INSTANT" ? { currencyId: promo.currencyId, amount: promo.creditAmount } : null,
  };
  // The claim's record — its claim.created event and a grant's row — rides on the one statement of
  // writes below, so a claim keeps its round trips. The event's CTEs are added only when the first
  // statement saw an endpoint subscribed: planning them costs ~0.4 ms a claim (measured, pgbench),
  // and with nobody listening they would write nothing anyway.
  const recorded = claimRecordCtesSql(userId, result, grant, now, promo.subscribed);
  if (promo.type === "DEPOSIT") {
    const open = Prisma.sql`
      UPDATE "UserPromoCode" SET status = 'CLAIMED', "isActive" = true, "activatedAt" = NULL, "endedAt" = NULL
      WHERE id = ${claim.id}::uuid`;
    await tx.$executeRaw(recorded ? Prisma.sql`WITH opened AS (${open}), ${recorded} SELECT 1` : open).catch((error: unknown) => {
      if (isUniqueViolation(error)) fail(claimError("ACTIVE_BONUS_EXISTS"));
      throw error;
    });
  } else {
    await creditInstant(tx, userId, claim.id, promo, now, recorded);
  }

  // Rule 4 last: the slot and the budget are taken by one conditional update just before commit,
  // so the promo row is locked only for that instant and a popular promo's claims don't queue
  // behind each other. A promo with neither a limit nor a budget never touches the row. A claim
  // that later ends never gives its slot or its grant back.
  if (take && !(await takeSlotAndBudget(tx, promo.id, take, now))) {
    fail(claimError(await whyNotTaken(tx, promo.id, now)));
  }

  return result;
}

// The outbox's gate for claim.created (as outboxCtesSql writes it), for the claim's first statement.
const CLAIM_CREATED_SUBSCRIBED = webhookSubscribedSql("claim.created");

/**
 * CTEs recording a claim as it is granted, or null when there is nothing to record: its
 * claim.created webhook event (WEBHOOK_DATA; when `subscribed`, and the outbox checks again) and,
 * for a grant, the Grant row (the grants counted by GRANTS_PER_PLAYER_PER_DAY, and what a replay is
 * judged against).
 */
function claimRecordCtesSql(userId: number, result: TClaimResultDto, grant: TGrantRecord | null, now: Date, subscribed: boolean): Prisma.Sql | null {
  const { id: claimId, ...claim } = result.claim;
  const data: z.infer<(typeof WEBHOOK_DATA)["claim.created"]> = {
    userId, claimId, ...claim, origin: grant ? "GRANT" : "CODE", grantId: grant?.id ?? null, credit: result.credit,
  };
  const ctes: Prisma.Sql[] = [];
  if (subscribed) {
    const source = Prisma.sql`SELECT ${userId}::int AS user_id, NULL::text AS dedupe_key, ${JSON.stringify(data)}::jsonb AS data`;
    ctes.push(outboxCtesSql("claim.created", source, "claim"));
  }
  if (grant) {
    ctes.push(Prisma.sql`
      grant_row AS (
        INSERT INTO "Grant" (id, "userId", "promoCodeId", code, "claimId", "apiKeyId", "createdAt")
        VALUES (${grant.id}, ${userId}, ${result.claim.promoCodeId}::uuid, ${grant.code}, ${result.claim.id}::uuid, ${grant.apiKeyId}::uuid, ${now})
      )`);
  }
  return ctes.length ? Prisma.join(ctes, ", ") : null;
}

function rethrowAsFailure(error: unknown): never {
  throw error instanceof AppError ? new ClaimFailed(error) : error;
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
async function assertStillFirstBonus(tx: TSqlTx, userId: number, claimId: string) {
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
async function takeSlotAndBudget(tx: TSqlTx, promoId: string, take: TTake, now: Date): Promise<boolean> {
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

async function whyNotTaken(tx: TSqlTx, promoId: string, now: Date): Promise<TClaimError> {
  const [row] = await tx.$queryRaw<{ isActive: boolean | null; expiresAt: Date | null }[]>`
    SELECT "isActive", "expiresAt" FROM "PromoCode" WHERE id = ${promoId}::uuid`;
  if (!row?.isActive) return "PROMO_NOT_FOUND";
  if (isPromoExpired(row.expiresAt, now)) return "PROMO_EXPIRED";
  return "PROMO_EXHAUSTED";
}

/**
 * INSTANT: the amount, rounded down to the currency's scale, to CASH at the current rate, with the
 * player's and their referrer's granted-bonus figures, and the claim's record (`recorded`) — one statement.
 */
async function creditInstant(tx: TSqlTx, userId: number, claimId: string, promo: TPromoRow & TFacts, now: Date, recorded: Prisma.Sql | null) {
  // The credit's USD value as the rules and the budget saw it (instantCreditUsdSql): one figure.
  const usd = promo.grantUsdAmount ?? "0";
  const entry = {
    userId,
    kind: "INSTANT_CREDIT",
    bucket: "CASH",
    currencyId: promo.currencyId,
    amount: promo.creditAmount,
    usdAmount: usd,
    usdRate: promo.creditRate,
    sourceId: claimId,
  } as const;
  const record = recorded ? Prisma.sql`, ${recorded}` : Prisma.empty;
  await tx.$executeRaw`WITH ${ledgerCtesSql([entry])}, ${bonusGrantedCtesSql(userId, usd, now)}${record} SELECT 1`;
}
