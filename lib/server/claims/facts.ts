import "server-only";

import type { TClaimFacts } from "@/lib/domain/promos/claim-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TKycLevel } from "@/lib/schemas/enums";

// The facts the claim rules judge (lib/domain/promos/claim-rules.ts), read and mapped in one place
// for the claim itself, the claimable-promos list and the back office's eligibility check.

/** A player's side of the claim rules, as the SQL below returns it. */
export type TPlayerFactsRow = {
  id: number;
  username: string;
  bonusBlocked: boolean;
  affiliateCodeId: string | null;
  kycLevel: TKycLevel;
  wageredUsdAmount: string;
  hasOpenDepositBonus: boolean;
};

/**
 * The player's facts as a subquery (one row, none for an unknown or non-player id): bonus block,
 * referral, KYC, lifetime wagering, and whether a deposit bonus is open. Compose it into the
 * caller's statement (the claim reads it in the same round trip as the promo and its claim row).
 */
export function playerFactsSql(userId: number): Prisma.Sql {
  return Prisma.sql`
    SELECT u.id, u.username, u."bonusBlocked", u."affiliateCodeId", u."kycLevel",
           COALESCE(s."wageredUsdAmount", 0)::text AS "wageredUsdAmount",
           EXISTS (SELECT 1 FROM "UserPromoCode" o WHERE o."userId" = u.id AND o."isActive") AS "hasOpenDepositBonus"
    FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id
    WHERE u.id = ${userId} AND u.role = 'PLAYER'`;
}

/** A promo's side of the claim rules; amounts may be Decimals (Prisma) or strings (raw SQL). */
export type TPromoFactsSource = {
  type: "INSTANT" | "DEPOSIT";
  expiresAt: Date | null;
  claimsLeft: number | null;
  affiliateCodeId: string | null;
  minKYCLevelToClaim: TKycLevel;
  minTotalWagerUsdToClaim: string | { toFixed(): string };
};

/** The rule input from a promo and a player's facts. */
export function claimFacts(
  promo: TPromoFactsSource,
  player: TPlayerFactsRow,
  claim: { alreadyClaimed: boolean; now: Date },
): TClaimFacts {
  return {
    promo: {
      type: promo.type,
      expiresAt: promo.expiresAt,
      claimsLeft: promo.claimsLeft,
      affiliateCodeId: promo.affiliateCodeId,
      minKYCLevelToClaim: promo.minKYCLevelToClaim,
      minTotalWagerUsdToClaim:
        typeof promo.minTotalWagerUsdToClaim === "string" ? promo.minTotalWagerUsdToClaim : promo.minTotalWagerUsdToClaim.toFixed(),
    },
    player: {
      bonusBlocked: player.bonusBlocked,
      affiliateCodeId: player.affiliateCodeId,
      kycLevel: player.kycLevel,
      wageredUsdAmount: player.wageredUsdAmount,
    },
    alreadyClaimed: claim.alreadyClaimed,
    hasOpenDepositBonus: player.hasOpenDepositBonus,
    now: claim.now,
  };
}
