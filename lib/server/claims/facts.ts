import "server-only";

import type { TClaimFacts } from "@/lib/domain/promos/claim-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import { jurisdictionRulesSql } from "@/lib/server/jurisdictions/queries";

// The facts the claim rules judge (lib/domain/promos/claim-rules.ts), read and mapped in one place
// for the claim itself, the claimable-promos list and the back office's eligibility check.

/** A player's side of the claim rules, as the SQL below returns it: the rule input and who it is. */
export type TPlayerFactsRow = TClaimFacts["player"] & { id: number; username: string; hasOpenDepositBonus: boolean };

/**
 * The jurisdiction that applies to the user aliased `u` — User.jurisdiction, else their country —
 * and its configured rules as JSON (null when none): the exact code's row, else its country's (a
 * CA-ON player follows CA's rules until CA-ON has its own). Read per statement: an admin's edit
 * applies to the next claim.
 */
export function jurisdictionOfSql(u: string): { code: Prisma.Sql; rules: Prisma.Sql } {
  const code = Prisma.raw(`COALESCE(${u}."jurisdiction", ${u}."country")`);
  return {
    code,
    rules: Prisma.sql`(
      SELECT to_jsonb(r) FROM (
        SELECT ${jurisdictionRulesSql("j")} FROM "Jurisdiction" j WHERE j.code IN (${code}, split_part(${code}, '-', 1))
        ORDER BY length(j.code) DESC LIMIT 1) r)`,
  };
}

/** Ever granted a bonus (firstBonusOnly): an INSTANT credit or an activated deposit bonus, other than `exceptClaim`. */
export function hasReceivedBonusSql(u: string, exceptClaim: Prisma.Sql = Prisma.sql`NULL::uuid`): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "UserPromoCode" g WHERE g."userId" = ${Prisma.raw(u)}.id AND g."activatedAt" IS NOT NULL
    AND g.id IS DISTINCT FROM ${exceptClaim})`;
}

/**
 * The player's facts as a subquery (one row, none for an unknown or non-player id): bonus block,
 * pause and opt-out, referral, whether they have deposited, country and tags, jurisdiction and its
 * rules, whether they were ever granted a bonus, KYC, lifetime wagering, and whether a deposit bonus
 * is open. Compose it into the caller's statement (the claim reads it in the same round trip as the
 * promo and its claim row).
 */
export function playerFactsSql(userId: number, opts: { lockShare?: boolean } = {}): Prisma.Sql {
  const jurisdiction = jurisdictionOfSql("u");
  return Prisma.sql`
    SELECT u.id, u.username, u."bonusBlocked", u."bonusBlockedUntil", u."bonusOptOut", u."affiliateCodeId",
           EXISTS (SELECT 1 FROM "Deposit" d WHERE d."userId" = u.id) AS "hasDeposited",
           u.country, u.tags, ${jurisdiction.code} AS "jurisdictionCode", ${jurisdiction.rules} AS jurisdiction,
           ${hasReceivedBonusSql("u")} AS "hasReceivedBonus",
           u."kycLevel", COALESCE(s."wageredUsdAmount", 0)::text AS "wageredUsdAmount",
           EXISTS (SELECT 1 FROM "UserPromoCode" o WHERE o."userId" = u.id AND o."isActive") AS "hasOpenDepositBonus"
    FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id
    WHERE u.id = ${userId} AND u.role = 'PLAYER'
    ${opts.lockShare ? Prisma.sql`FOR SHARE OF u` : Prisma.empty}`;
}

// An advisory lock class of our own (int4), keyed by the player: "this player's first bonus".
const FIRST_BONUS_LOCK = 71_020_262;

/**
 * Takes the first-bonus lock of each player (ascending, so two holders never wait in a circle):
 * claims and deposit activations of a player under a firstBonusOnly rule run one after the other.
 * Advisory, so it doesn't touch the user row the claim share-locks.
 */
export function firstBonusLockSql(userIds: number[]): Prisma.Sql {
  return Prisma.sql`SELECT pg_advisory_xact_lock(${FIRST_BONUS_LOCK}::int, x.id)
    FROM (SELECT DISTINCT unnest(${userIds}::int[]) AS id ORDER BY 1) x`;
}

/** A promo's side of the claim rules, as promoFactsColumnsSql returns it. */
export type TPromoFactsRow = TClaimFacts["promo"];

/**
 * The INSTANT credit in USD at `at`: the amount rounded down to the currency's scale, at the rate in
 * force (18 places, as stored); NULL while no rate is in force. The claim credits it, takes it from
 * the budget, and the rules judge whether it fits (and a jurisdiction's cap), all from this one
 * expression. Without a rate the credit is worth $0 to the ledger and the budget, and fails any
 * jurisdiction's cap (its value can't be shown to be under it).
 */
export function instantCreditUsdSql(p: string, at: Date): Prisma.Sql {
  const c = (name: string) => Prisma.raw(`${p}."${name}"`);
  return Prisma.sql`trunc(round_down_currency(${c("amount")}, ${c("currencyId")}) * usd_rate(${c("currencyId")}, ${at}::timestamptz), 18)`;
}

/** The promo columns the rules judge, for the promo aliased `p`, with money as text. */
export function promoFactsColumnsSql(p: string, at: Date): Prisma.Sql {
  const c = (name: string) => Prisma.raw(`${p}."${name}"`);
  return Prisma.sql`${c("type")}, ${c("startsAt")}, ${c("expiresAt")}, ${c("claimsLeft")},
    ${c("budgetUsdAmount")}::text AS "budgetUsdAmount", ${c("grantedUsdAmount")}::text AS "grantedUsdAmount",
    CASE WHEN ${c("type")} = 'INSTANT' THEN ${instantCreditUsdSql(p, at)}::text END AS "grantUsdAmount",
    ${c("affiliateCodeId")}, ${c("depositRule")}, ${c("countries")}, ${c("excludedCountries")}, ${c("requiredTags")}, ${c("excludedTags")},
    ${c("minKYCLevelToClaim")}, ${c("minTotalWagerUsdToClaim")}::text AS "minTotalWagerUsdToClaim",
    ${c("wageringBasis")}, trim_scale(${c("wagerMultiplierToComplete")})::text AS "wagerMultiplierToComplete",
    ${c("maxBonusUsdAmount")}::text AS "maxBonusUsdAmount", ${c("timeSecondsToComplete")}`;
}

/**
 * The rule input from a promo's and a player's facts (each row may carry more columns than the
 * rules read). A player's facts that came through JSON (the claim's one round trip) carry the
 * pause as text; it is a Date here.
 */
export function claimFacts(
  promo: TPromoFactsRow,
  player: TPlayerFactsRow,
  claim: { alreadyClaimed: boolean; now: Date },
): TClaimFacts {
  const until = player.bonusBlockedUntil as Date | string | null;
  return {
    promo,
    player: { ...player, bonusBlockedUntil: until === null ? null : new Date(until) },
    alreadyClaimed: claim.alreadyClaimed,
    hasOpenDepositBonus: player.hasOpenDepositBonus,
    now: claim.now,
  };
}
