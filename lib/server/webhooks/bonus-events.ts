import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { PROGRESS_THRESHOLDS } from "@/lib/schemas/webhooks";
import { amountTextSql, isoSql, outboxCtesSql, usdTextSql } from "@/lib/server/webhooks/outbox";

// What each bonus event says (WEBHOOK_DATA in lib/schemas/webhooks.ts), built once here from the rows
// the state change's own statement returns, so every place a bonus activates, moves, completes or
// ends writes the same payload. Each answer is outbox CTEs (outboxCtesSql) for the caller to add to
// the statement that makes the change: the event commits or rolls back with it, in no extra round trip.
// `rows` is a relation the caller's statement defines (a CTE over its UPDATE … RETURNING, usually).

/** bonus.activated per row of `rows`: claim_id, deposit_id, then the new progress row's columns. */
export function bonusActivatedCtesSql(rows: Prisma.Sql, name = "activated"): Prisma.Sql {
  return outboxCtesSql(
    "bonus.activated",
    Prisma.sql`
      SELECT r."userId" AS user_id, NULL::text AS dedupe_key, jsonb_build_object(
        'userId', r."userId", 'claimId', r.claim_id::text, 'promoCodeId', r."promoCodeId"::text,
        'depositId', r.deposit_id::text, 'currencyId', r."currencyId"::text,
        'bonusAmount', ${amountTextSql(`r."bonusAmount"`, `r."currencyId"`)},
        'bonusUsdAmount', ${usdTextSql(`r."bonusUsdAmount"`)},
        'wagerUsdAmountToComplete', ${usdTextSql(`r."wagerUsdAmountToComplete"`)},
        'activatedAt', ${isoSql(`r."activatedAt"`)}, 'expiresAt', ${isoSql(`r."expiresAt"`)}) AS data
      FROM ${rows} r`,
    name,
  );
}

/**
 * bonus.progress for each threshold (PROGRESS_THRESHOLDS, % of the target) a progress row just
 * crossed: `rows` has claim_id, user_id, promo_code_id, before and after (wagered USD), target
 * (wagerUsdAmountToComplete) and expires_at. A batch crossing both writes both. The dedupe key makes
 * each threshold once per claim for good: a replayed batch moves nothing, and wagering that a
 * rollback took back and a later bet crosses again finds the key taken. A target of 0 (complete at
 * once) crosses nothing. Marketing: outboxCtesSql leaves out players who don't take part now.
 */
export function bonusProgressCtesSql(rows: Prisma.Sql, name = "progress"): Prisma.Sql {
  return outboxCtesSql(
    "bonus.progress",
    Prisma.sql`
      SELECT r.user_id, 'bonus.progress:' || t.threshold || ':' || r.claim_id AS dedupe_key, jsonb_build_object(
        'userId', r.user_id, 'claimId', r.claim_id::text, 'promoCodeId', r.promo_code_id::text, 'threshold', t.threshold,
        'wageredUsdAmount', ${usdTextSql("r.after")},
        'wagerUsdAmountToComplete', ${usdTextSql("r.target")},
        'leftUsdAmount', ${usdTextSql("GREATEST(r.target - r.after, 0)")},
        'expiresAt', ${isoSql("r.expires_at")}) AS data
      FROM ${rows} r
      CROSS JOIN unnest(${[...PROGRESS_THRESHOLDS]}::int[]) AS t(threshold)
      WHERE r.before < r.target * t.threshold / 100 AND r.after >= r.target * t.threshold / 100`,
    name,
  );
}

/** bonus.completed per row of `rows`: id (the claim), "userId", "promoCodeId", "endedAt", and the progress's "currencyId", "bonusAmount", "wageredUsdAmount". */
export function bonusCompletedCtesSql(rows: Prisma.Sql, name = "completed"): Prisma.Sql {
  return outboxCtesSql(
    "bonus.completed",
    Prisma.sql`
      SELECT r."userId" AS user_id, NULL::text AS dedupe_key, jsonb_build_object(
        'userId', r."userId", 'claimId', r.id::text, 'promoCodeId', r."promoCodeId"::text, 'currencyId', r."currencyId"::text,
        'releasedAmount', ${amountTextSql(`r."bonusAmount"`, `r."currencyId"`)},
        'wageredUsdAmount', ${usdTextSql(`r."wageredUsdAmount"`)},
        'completedAt', ${isoSql(`r."endedAt"`)}) AS data
      FROM ${rows} r`,
    name,
  );
}

/**
 * bonus.forfeited per claim `rows` ended EXPIRED or CANCELLED: id, "userId", "promoCodeId", status,
 * "cancelReason", "endedAt", and the grant's "bonusAmount" and "currencyId" (NULL without a progress
 * row: a CLAIMED bonus, or one cancelled at activation). Nothing granted (no grant, or a zero one)
 * → forfeitedAmount and currencyId null: there is nothing to tell the player they lost.
 */
export function bonusForfeitedCtesSql(rows: Prisma.Sql, name = "forfeited"): Prisma.Sql {
  return outboxCtesSql(
    "bonus.forfeited",
    Prisma.sql`
      SELECT r."userId" AS user_id, NULL::text AS dedupe_key, jsonb_build_object(
        'userId', r."userId", 'claimId', r.id::text, 'promoCodeId', r."promoCodeId"::text,
        'status', r.status::text, 'reason', r."cancelReason",
        'currencyId', CASE WHEN r."bonusAmount" > 0 THEN r."currencyId"::text END,
        'forfeitedAmount', CASE WHEN r."bonusAmount" > 0 THEN ${amountTextSql(`r."bonusAmount"`, `r."currencyId"`)} END,
        'endedAt', ${isoSql(`r."endedAt"`)}) AS data
      FROM ${rows} r`,
    name,
  );
}
