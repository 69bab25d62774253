import "server-only";

import { checkClaimRules, type TKycLevel } from "@/lib/domain/promos/claim-rules";
import { roundDown } from "@/lib/domain/money/decimal";
import { effectiveStatus } from "@/lib/domain/promos/rollover";
import { db } from "@/lib/server/db";

const USD_SCALE = 2;
const usd = (v: string) => roundDown(v, USD_SCALE);

async function currencyScales(): Promise<Map<string, number>> {
  const rows = await db.currency.findMany({ select: { id: true, decimals: true } });
  return new Map(rows.map((r) => [r.id, r.decimals]));
}

/** GET /me/promo-codes: the player's claims, newest first, with progress and the effective status. */
export async function listMyClaims(userId: number, now = new Date()) {
  const rows = await db.userPromoCode.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { promoCode: { select: { code: true, type: true, title: true } } },
  });
  const progress = await db.userPromoCodeProgress.findMany({ where: { userId } });
  const byPromo = new Map(progress.map((p) => [p.promoCodeId, p]));
  return {
    claims: rows.map((c) => {
      const p = byPromo.get(c.promoCodeId);
      return {
        id: c.id,
        promoCodeId: c.promoCodeId,
        code: c.promoCode.code,
        title: c.promoCode.title,
        type: c.promoCode.type,
        status: effectiveStatus(c.status, p?.expiresAt ?? null, now),
        claimedAt: c.createdAt.toISOString(),
        endedAt: c.endedAt?.toISOString() ?? null,
        cancelReason: c.cancelReason,
        progress: p
          ? {
              baseUsdAmount: usd(p.baseUsdAmount.toFixed()),
              bonusUsdAmount: usd(p.bonusUsdAmount.toFixed()),
              wageredUsdAmount: usd(p.wageredUsdAmount.toFixed()),
              wagerUsdAmountToComplete: usd(p.wagerUsdAmountToComplete.toFixed()),
              activatedAt: p.activatedAt.toISOString(),
              expiresAt: p.expiresAt.toISOString(),
            }
          : null,
      };
    }),
  };
}

/**
 * GET /promo-codes: the listed promos this player may claim, plus those failing only KYC or the
 * wager minimum (with that reason). Hidden, claimed, expired, exhausted and other players'
 * exclusive promos never appear.
 */
export async function listClaimablePromos(userId: number, now = new Date()) {
  const [player] = await db.$queryRaw<
    { bonusBlocked: boolean; affiliateCodeId: string | null; kycLevel: TKycLevel; wagered: string; openDeposit: boolean }[]
  >`
    SELECT u."bonusBlocked", u."affiliateCodeId", u."kycLevel", COALESCE(s."wageredUsdAmount", 0)::text AS wagered,
           EXISTS (SELECT 1 FROM "UserPromoCode" c WHERE c."userId" = u.id AND c."isActive") AS "openDeposit"
    FROM "User" u LEFT JOIN "UserStatsUsd" s ON s."userId" = u.id WHERE u.id = ${userId}`;
  const promos = await db.promoCode.findMany({
    where: {
      isActive: true,
      isHidden: false,
      AND: [
        { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        { OR: [{ claimsLeft: null }, { claimsLeft: { gt: 0 } }] },
        // Exclusive promos only for players referred by that code.
        player.affiliateCodeId
          ? { OR: [{ affiliateCodeId: null }, { affiliateCodeId: player.affiliateCodeId }] }
          : { affiliateCodeId: null },
      ],
      claims: { none: { userId } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const scales = await currencyScales();
  const listed = [];
  for (const p of promos) {
    const failed = checkClaimRules({
      promo: {
        type: p.type,
        expiresAt: p.expiresAt,
        claimsLeft: p.claimsLeft,
        affiliateCodeId: p.affiliateCodeId,
        minKYCLevelToClaim: p.minKYCLevelToClaim,
        minTotalWagerUsdToClaim: p.minTotalWagerUsdToClaim.toFixed(),
      },
      player: { ...player, wageredUsdAmount: player.wagered },
      alreadyClaimed: false,
      hasOpenDepositBonus: player.openDeposit,
      now,
    })
      .filter((c) => !c.passed)
      .map((c) => c.rule);
    const onlySoft = failed.every((r) => r === "KYC_LEVEL_TOO_LOW" || r === "WAGER_TOO_LOW");
    if (!onlySoft) continue;
    listed.push({
      id: p.id,
      code: p.code,
      title: p.title,
      description: p.description,
      type: p.type,
      currencyId: p.currencyId,
      amount: roundDown(p.amount.toFixed(), scales.get(p.currencyId) ?? 18),
      bonusMultiplier: p.bonusMultiplier.toFixed(),
      maxBonusUsdAmount: p.maxBonusUsdAmount ? usd(p.maxBonusUsdAmount.toFixed()) : null,
      wagerMultiplierToComplete: p.wagerMultiplierToComplete.toFixed(),
      timeSecondsToComplete: p.timeSecondsToComplete,
      expiresAt: p.expiresAt?.toISOString() ?? null,
      claimsLeft: p.claimsLeft,
      claimable: failed.length === 0,
      reason: (failed[0] as "KYC_LEVEL_TOO_LOW" | "WAGER_TOO_LOW" | undefined) ?? null,
    });
  }
  return { promoCodes: listed };
}
