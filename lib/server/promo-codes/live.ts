import "server-only";

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

/** The promo is in `state` at `at`. */
export function promoInStateSql(p: string, state: TPromoState, at: TAt): Prisma.Sql {
  const active = col(p, "isActive");
  const left = col(p, "claimsLeft");
  switch (state) {
    case "inactive":
      return Prisma.sql`${active} IS NOT TRUE`;
    case "expired":
      return Prisma.sql`(${active} AND NOT ${promoNotExpiredSql(p, at)})`;
    case "exhausted":
      return Prisma.sql`(${active} AND ${promoNotExpiredSql(p, at)} AND ${left} <= 0)`;
    case "active":
      return Prisma.sql`(${active} AND ${promoNotExpiredSql(p, at)} AND (${left} IS NULL OR ${left} > 0))`;
  }
}

/** Live: active, not expired, a claim left. */
export const promoLiveSql = (p: string, at: TAt) => promoInStateSql(p, "active", at);
