import "server-only";

import type { TClaimFacts } from "@/lib/domain/promos/claim-rules";
import { Prisma } from "@/lib/generated/prisma/client";

// The facts the claim rules judge (lib/domain/promos/claim-rules.ts), read and mapped in one place
// for the claim itself, the claimable-promos list and the back office's eligibility check.

/** A player's side of the claim rules, as the SQL below returns it: the rule input and who it is. */
export type TPlayerFactsRow = TClaimFacts["player"] & { id: number; username: string; hasOpenDepositBonus: boolean };

/**
 * The player's facts as a subquery (one row, none for an unknown or non-player id): bonus block,
 * referral, whether they have deposited, country and tags, KYC, lifetime wagering, and whether a
 * deposit bonus is open. Compose it into the caller's statement (the claim reads it in the same
 * round trip as the promo and its claim row).
 */
export function playerFactsSql(userId: number): Prisma.Sql {
  return Prisma.sql`
    SELECT u.id, u.username, u."bonusBlocked", u."affiliateCodeId",
           EXISTS (SELECT 1 FROM "Deposit" d WHERE d."userId" = u.id) AS "hasDeposited",
           u.country, u.tags, u."kycLevel",
           COALESCE(s."wageredUsdAmount", 0)::text AS "wageredUsdAmount",
           EXISTS (SELECT 1 FROM "UserPromoCode" o WHERE o."userId" = u.id AND o."isActive") AS "hasOpenDepositBonus"
    FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id
    WHERE u.id = ${userId} AND u.role = 'PLAYER'`;
}

/** A promo's side of the claim rules, as promoFactsColumnsSql returns it. */
export type TPromoFactsRow = TClaimFacts["promo"];

/**
 * The INSTANT credit in USD at `at`: the amount rounded down to the currency's scale, at the rate in
 * force (18 places, as stored). The claim credits it, takes it from the budget, and the rules judge
 * whether it fits, all from this one expression.
 */
export function instantCreditUsdSql(p: string, at: Date): Prisma.Sql {
  const c = (name: string) => Prisma.raw(`${p}."${name}"`);
  return Prisma.sql`trunc(round_down_currency(${c("amount")}, ${c("currencyId")}) * COALESCE(usd_rate(${c("currencyId")}, ${at}::timestamptz), 0), 18)`;
}

/** The promo columns the rules judge, for the promo aliased `p`, with money as text. */
export function promoFactsColumnsSql(p: string, at: Date): Prisma.Sql {
  const c = (name: string) => Prisma.raw(`${p}."${name}"`);
  return Prisma.sql`${c("type")}, ${c("expiresAt")}, ${c("claimsLeft")},
    ${c("budgetUsdAmount")}::text AS "budgetUsdAmount", ${c("grantedUsdAmount")}::text AS "grantedUsdAmount",
    CASE WHEN ${c("type")} = 'INSTANT' THEN ${instantCreditUsdSql(p, at)}::text END AS "grantUsdAmount",
    ${c("affiliateCodeId")}, ${c("depositRule")}, ${c("countries")}, ${c("excludedCountries")}, ${c("requiredTags")}, ${c("excludedTags")},
    ${c("minKYCLevelToClaim")}, ${c("minTotalWagerUsdToClaim")}::text AS "minTotalWagerUsdToClaim"`;
}

/** The rule input from a promo's and a player's facts. */
export function claimFacts(
  promo: TPromoFactsRow,
  player: TPlayerFactsRow,
  claim: { alreadyClaimed: boolean; now: Date },
): TClaimFacts {
  return {
    promo: {
      type: promo.type,
      expiresAt: promo.expiresAt,
      claimsLeft: promo.claimsLeft,
      budgetUsdAmount: promo.budgetUsdAmount,
      grantedUsdAmount: promo.grantedUsdAmount,
      grantUsdAmount: promo.grantUsdAmount,
      affiliateCodeId: promo.affiliateCodeId,
      depositRule: promo.depositRule,
      countries: promo.countries,
      excludedCountries: promo.excludedCountries,
      requiredTags: promo.requiredTags,
      excludedTags: promo.excludedTags,
      minKYCLevelToClaim: promo.minKYCLevelToClaim,
      minTotalWagerUsdToClaim: promo.minTotalWagerUsdToClaim,
    },
    player: {
      bonusBlocked: player.bonusBlocked,
      affiliateCodeId: player.affiliateCodeId,
      hasDeposited: player.hasDeposited,
      country: player.country,
      tags: player.tags,
      kycLevel: player.kycLevel,
      wageredUsdAmount: player.wageredUsdAmount,
    },
    alreadyClaimed: claim.alreadyClaimed,
    hasOpenDepositBonus: player.hasOpenDepositBonus,
    now: claim.now,
  };
}
