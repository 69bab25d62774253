import "server-only";

import { checkClaimRules } from "@/lib/domain/promos/claim-rules";
import { toUsd } from "@/lib/domain/money/decimal";
import { effectiveStatus } from "@/lib/domain/promos/rollover";
import { Prisma, type UserPromoCodeProgress } from "@/lib/generated/prisma/client";
import { claimFacts, playerFactsSql, promoFactsColumnsSql, type TPlayerFactsRow, type TPromoFactsRow } from "@/lib/server/claims/facts";
import { withdrawalForfeitsSql } from "@/lib/server/claims/lifecycle";
import { db } from "@/lib/server/db";
import { promoLiveSql } from "@/lib/server/promo-codes/live";


type TListedPromoRow = TPromoFactsRow & {
  id: string;
  code: string;
  title: string;
  description: string | null;
  currencyId: string;
  amount: string;
  bonusMultiplier: string;
  maxBonusUsdAmount: string | null;
  wagerMultiplierToComplete: string;
  timeSecondsToComplete: number | null;
};

type TClaimRow = Prisma.UserPromoCodeGetPayload<{ include: { promoCode: { select: { code: true; type: true; title: true } } } }>;

/** One claim with its progress, as the player API shows it (GET /me/promo-codes, GET /players/{id}/bonus-status). */
function claimDto(c: TClaimRow, p: UserPromoCodeProgress | undefined, now: Date) {
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
    voidedAfterEndUsdAmount: toUsd(c.voidedAfterEndUsdAmount),
    progress: p
      ? {
          baseUsdAmount: toUsd(p.baseUsdAmount),
          bonusUsdAmount: toUsd(p.bonusUsdAmount),
          wageredUsdAmount: toUsd(p.wageredUsdAmount),
          wagerUsdAmountToComplete: toUsd(p.wagerUsdAmountToComplete),
          wageringBasis: p.wageringBasis,
          activatedAt: p.activatedAt.toISOString(),
          expiresAt: p.expiresAt.toISOString(),
        }
      : null,
  };
}

/** A player's claims (newest first) with their progress, in the player API's shape. */
async function claimsWithProgress(userId: number, where: Prisma.UserPromoCodeWhereInput, now: Date) {
  const rows = await db.userPromoCode.findMany({
    where: { ...where, userId },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { promoCode: { select: { code: true, type: true, title: true } } },
  });
  const progress = await db.userPromoCodeProgress.findMany({ where: { userId } });
  const byPromo = new Map(progress.map((p) => [p.promoCodeId, p]));
  return rows.map((c) => claimDto(c, byPromo.get(c.promoCodeId), now));
}

/** GET /me/promo-codes: the player's claims, newest first, with progress and the effective status. */
export async function listMyClaims(userId: number, now = new Date()) {
  return { claims: await claimsWithProgress(userId, {}, now) };
}

/**
 * GET /players/{id}/bonus-status (the cashier, before a withdrawal): the player's open bonuses —
 * CLAIMED or ACTIVE and not past expiry — in the shape of GET /me/promo-codes, and per currency
 * what a withdrawal made now would forfeit: the granted amounts of the bonuses the withdrawal ingest
 * would forfeit, by the same selection (withdrawalForfeitsSql). Null for a player Rollover doesn't know.
 */
export async function getBonusStatus(userId: number, now = new Date()) {
  const player = await db.user.findFirst({ where: { id: userId, role: "PLAYER" }, select: { id: true } });
  if (!player) return null;
  const [claims, forfeits] = await Promise.all([
    claimsWithProgress(userId, { status: { in: ["CLAIMED", "ACTIVE"] } }, now),
    db.$queryRaw<{ currencyId: string; amount: string; usdAmount: string }[]>`
      SELECT f."currencyId"::text AS "currencyId", round_down_currency(sum(f."bonusAmount"), f."currencyId")::text AS amount,
             sum(f."bonusUsdAmount")::text AS "usdAmount"
      FROM (${withdrawalForfeitsSql(Prisma.sql`SELECT ${userId}::int AS user_id, ${now}::timestamptz AS at`)}) f
      GROUP BY f."currencyId"
      ORDER BY 1`,
  ]);
  return {
    bonuses: claims.filter((c) => c.status === "CLAIMED" || c.status === "ACTIVE"),
    withdrawalForfeits: forfeits
      .filter((f) => /[1-9]/.test(f.amount) || /[1-9]/.test(f.usdAmount))
      .map((f) => ({ currencyId: f.currencyId, amount: f.amount, usdAmount: toUsd(f.usdAmount) })),
  };
}

/**
 * GET /promo-codes: the listed promos this player may claim, plus those failing only KYC or the
 * wager minimum (with that reason). Hidden, claimed, expired, exhausted (claims or budget) promos,
 * other players' exclusive ones and those whose deposit rule or targeting the player fails never
 * appear: the SQL narrows by the cheap conditions, the claim rules judge the rest.
 */
export async function listClaimablePromos(userId: number, now = new Date()) {
  const [player] = await db.$queryRaw<TPlayerFactsRow[]>(playerFactsSql(userId));
  if (!player) return { promoCodes: [] };
  // Live promos (the one rule, lib/server/promo-codes/live.ts), listed, not claimed by this player,
  // and exclusive ones only for players referred by that code.
  const promos = await db.$queryRaw<TListedPromoRow[]>`
    SELECT p.id, p.code, p.title, p.description, p.type, p."currencyId",
           round_down_currency(p.amount, p."currencyId")::text AS amount, trim_scale(p."bonusMultiplier")::text AS "bonusMultiplier",
           ${promoFactsColumnsSql("p", now)}
    FROM "PromoCode" p
    WHERE ${promoLiveSql("p", now)} AND NOT p."isHidden"
      AND (p."affiliateCodeId" IS NULL OR p."affiliateCodeId" = ${player.affiliateCodeId})
      AND NOT EXISTS (SELECT 1 FROM "UserPromoCode" c WHERE c."promoCodeId" = p.id AND c."userId" = ${userId})
    ORDER BY p."createdAt" DESC
    LIMIT 100`;
  const listed = [];
  for (const p of promos) {
    const failed = checkClaimRules(claimFacts(p, player, { alreadyClaimed: false, now }))
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
      amount: p.amount,
      bonusMultiplier: p.bonusMultiplier,
      maxBonusUsdAmount: p.maxBonusUsdAmount ? toUsd(p.maxBonusUsdAmount) : null,
      wagerMultiplierToComplete: p.wagerMultiplierToComplete,
      wageringBasis: p.wageringBasis,
      timeSecondsToComplete: p.timeSecondsToComplete,
      expiresAt: p.expiresAt?.toISOString() ?? null,
      claimsLeft: p.claimsLeft,
      claimable: failed.length === 0,
      reason: (failed[0] as "KYC_LEVEL_TOO_LOW" | "WAGER_TOO_LOW" | undefined) ?? null,
    });
  }
  return { promoCodes: listed };
}
