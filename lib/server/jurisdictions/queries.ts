import "server-only";

import Decimal from "decimal.js";

import type { TJurisdictionRules } from "@/lib/domain/promos/compliance";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

/** The jurisdiction row's columns as the compliance function takes them, for the table aliased `j`. */
export function jurisdictionRulesSql(j: string): Prisma.Sql {
  const c = (name: string) => Prisma.raw(`${j}."${name}"`);
  return Prisma.sql`${c("code")}, ${c("bonusesAllowed")}, ${c("maxWagerMultiplier")}::text AS "maxWagerMultiplier",
    ${c("maxBonusUsdAmount")}::text AS "maxBonusUsdAmount", ${c("minSecondsToComplete")}, ${c("firstBonusOnly")}`;
}

/** Every configured jurisdiction's rules, by code: the promo form's live verdicts and the settings page. */
export async function listJurisdictionRules(): Promise<TJurisdictionRules[]> {
  return db.$queryRaw<TJurisdictionRules[]>`SELECT ${jurisdictionRulesSql("j")} FROM "Jurisdiction" j ORDER BY j.code`;
}

/** A decimal column's text without its 18 trailing zeros: "10.000000000000000000" → "10". */
const plainDecimal = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());

/** A row's rules with plain decimals: the settings page, its edit form and the audit log's before/after. */
export function plainRules(r: TJurisdictionRules): TJurisdictionRules {
  return { ...r, maxWagerMultiplier: plainDecimal(r.maxWagerMultiplier), maxBonusUsdAmount: plainDecimal(r.maxBonusUsdAmount) };
}

/** Every jurisdiction for Settings → Jurisdictions and its edit form, decimals as an operator typed them. */
export async function listJurisdictions(): Promise<TJurisdictionRules[]> {
  return (await listJurisdictionRules()).map(plainRules);
}
