import "server-only";

import { BUDGET_NEARLY_SPENT_RATIO } from "@/lib/domain/promos/budget";
import type { TPromoState } from "@/lib/domain/promos/live";
import { Prisma } from "@/lib/generated/prisma/client";

// "Is the promo live?" as SQL, for every query that filters promos by it: the same rule as
// lib/domain/promos/live.ts (an integration test holds them to the same answers). `p` is the
// PromoCode alias in the caller's query; `at` the instant judged.

type TAt = Date | Prisma.Sql;

const col = (p: string, name: string) => Prisma.raw(`${p}."${name}"`);
const atSql = (at: TAt) => (at instanceof Date ? Prisma.sql`${at}::timestamptz` : at);

/** Not past its expiry at `at` (no expiry never expires). */
export function promoNotExpiredSql(p: string, at: TAt): Prisma.Sql {
  return Prisma.sql`(${col(p, "expiresAt")} IS NULL OR ${col(p, "expiresAt")} > ${atSql(at)})`;
}

/** A claim limit with none left, or a budget with nothing left (lib/domain/promos/budget.ts). */
function exhaustedSql(p: string): Prisma.Sql {
  const left = col(p, "claimsLeft");
  const budget = col(p, "budgetUsdAmount");
  return Prisma.sql`(COALESCE(${left} <= 0, false) OR COALESCE(${col(p, "grantedUsdAmount")} >= ${budget}, false))`;
}

/** Started at `at` (no start date starts at once). */
export function promoStartedSql(p: string, at: TAt): Prisma.Sql {
  return Prisma.sql`(${col(p, "startsAt")} IS NULL OR ${col(p, "startsAt")} <= ${atSql(at)})`;
}

/** The promo is in `state` at `at` (the same order as promoState: inactive, expired, exhausted, scheduled, active). */
export function promoInStateSql(p: string, state: TPromoState, at: TAt): Prisma.Sql {
  const active = col(p, "isActive");
  switch (state) {
    case "inactive":
      return Prisma.sql`${active} IS NOT TRUE`;
    case "expired":
      return Prisma.sql`(${active} AND NOT ${promoNotExpiredSql(p, at)})`;
    case "exhausted":
      return Prisma.sql`(${active} AND ${promoNotExpiredSql(p, at)} AND ${exhaustedSql(p)})`;
    case "scheduled":
      return Prisma.sql`(${active} AND ${promoNotExpiredSql(p, at)} AND NOT ${exhaustedSql(p)} AND NOT ${promoStartedSql(p, at)})`;
    case "active":
      return Prisma.sql`(${active} AND ${promoNotExpiredSql(p, at)} AND NOT ${exhaustedSql(p)} AND ${promoStartedSql(p, at)})`;
  }
}

/** Holds its code: live or scheduled (an expired or exhausted holder gives its code up to a new promo). */
export function promoHoldsCodeSql(p: string, at: TAt): Prisma.Sql {
  return Prisma.sql`(${col(p, "isActive")} AND ${promoNotExpiredSql(p, at)} AND NOT ${exhaustedSql(p)})`;
}

/** A budget with at least BUDGET_NEARLY_SPENT_RATIO of it granted (the list's filter, the dashboard's card). */
export function budgetNearlySpentSql(p: string): Prisma.Sql {
  return Prisma.sql`(${col(p, "budgetUsdAmount")} IS NOT NULL
    AND ${col(p, "grantedUsdAmount")} >= ${col(p, "budgetUsdAmount")} * ${BUDGET_NEARLY_SPENT_RATIO}::numeric)`;
}

/** Live: active, started, not expired, a claim and some budget left. */
export const promoLiveSql = (p: string, at: TAt) => promoInStateSql(p, "active", at);
