import "server-only";

import { roundDown, toUsd } from "@/lib/domain/money/decimal";
import { budgetUsedRatio } from "@/lib/domain/promos/budget";
import { complianceTerms } from "@/lib/domain/promos/claim-rules";
import { checkCompliance } from "@/lib/domain/promos/compliance";
import { promoState, type TPromoState } from "@/lib/domain/promos/live";
import { effectiveStatus } from "@/lib/domain/promos/rollover";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TPromoListQuery } from "@/lib/schemas/promo-codes";
import { promoFactsColumnsSql, type TPromoFactsRow } from "@/lib/server/claims/facts";
import { db } from "@/lib/server/db";
import { listJurisdictionRules } from "@/lib/server/jurisdictions/queries";
import { budgetNearlySpentSql, promoInStateSql } from "@/lib/server/promo-codes/live";

export const PAGE_SIZE = 25;

export type TPromoStatus = TPromoState;

const SORT_SQL = {
  created: Prisma.sql`p."createdAt"`,
  code: Prisma.sql`p.code`,
  expires: Prisma.sql`p."expiresAt"`,
  claims: Prisma.sql`claims`,
} as const;

/**
 * The ids of the promos matching `filter` whose terms pass `code`'s rules (none for an unknown code),
 * judged by the one compliance function. The rules live in TypeScript only, so the whole filtered
 * set's terms are read (a few short columns a row) and judged here before the page is cut: promos
 * are made by hand, so the table holds hundreds, at most a few thousand rows, and the other filters
 * (status=active above all) narrow it further.
 */
async function idsPassingJurisdiction(filter: Prisma.Sql, code: string, now: Date): Promise<string[]> {
  const rules = (await listJurisdictionRules()).find((j) => j.code === code);
  if (!rules) return [];
  const rows = await db.$queryRaw<(TPromoFactsRow & { id: string })[]>`
    SELECT p.id, ${promoFactsColumnsSql("p", now)} FROM "PromoCode" p WHERE ${filter}`;
  return rows.filter((r) => checkCompliance(complianceTerms(r), rules, null).passed).map((r) => r.id);
}

/** The promo list: filters, sort and page all come from the URL. Claim counts per promo in one pass. */
export async function listPromoCodes(q: TPromoListQuery, now = new Date()) {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (q.q) where.push(Prisma.sql`(p.code ILIKE ${`%${q.q}%`} OR p.title ILIKE ${`%${q.q}%`})`);
  if (q.type) where.push(Prisma.sql`p.type = ${q.type}::"PromoCodeType"`);
  if (q.status) where.push(promoInStateSql("p", q.status, now));
  if (q.currency) where.push(Prisma.sql`p."currencyId" = ${q.currency}::"CurrencyId"`);
  if (q.visibility === "hidden") where.push(Prisma.sql`p."isHidden"`);
  if (q.visibility === "public") where.push(Prisma.sql`p."isPublic" AND NOT p."isHidden"`);
  if (q.visibility === "private") where.push(Prisma.sql`NOT p."isPublic"`);
  if (q.exclusive === "yes") where.push(Prisma.sql`p."affiliateCodeId" IS NOT NULL`);
  if (q.exclusive === "no") where.push(Prisma.sql`p."affiliateCodeId" IS NULL`);
  if (q.budget === "nearly-spent") where.push(budgetNearlySpentSql("p"));
  // The jurisdiction filter judges the filtered set's terms first; the page and the total are then
  // the passing promos', so paging stays exact.
  const passing = q.jurisdiction ? await idsPassingJurisdiction(Prisma.join(where, " AND "), q.jurisdiction, now) : null;
  if (passing) where.push(Prisma.sql`p.id = ANY(${passing}::uuid[])`);
  const filter = Prisma.join(where, " AND ");
  const order = Prisma.sql`${SORT_SQL[q.sort]} ${q.dir === "asc" ? Prisma.sql`ASC NULLS LAST` : Prisma.sql`DESC NULLS LAST`}, p.id`;

  const rows = await db.$queryRaw<
    {
      id: string; code: string; title: string; type: "INSTANT" | "DEPOSIT"; amount: string; currencyId: string; decimals: number;
      bonusMultiplier: string; maxBonusUsdAmount: string | null; isActive: boolean | null; isHidden: boolean; isPublic: boolean;
      affiliateCodeId: string | null; startsAt: Date | null; expiresAt: Date | null; claimsLeft: number | null; createdAt: Date;
      budgetUsdAmount: string | null; grantedUsdAmount: string; claims: number; completed: number; ended: number;
    }[]
  >`
    SELECT p.id, p.code, p.title, p.type, p.amount::text, p."currencyId", COALESCE(cur.decimals, 2) AS decimals,
           p."bonusMultiplier"::text, p."maxBonusUsdAmount"::text, p."isActive", p."isHidden", p."isPublic",
           p."affiliateCodeId", p."startsAt", p."expiresAt", p."claimsLeft", p."createdAt",
           p."budgetUsdAmount"::text, p."grantedUsdAmount"::text,
           COALESCE(c.claims, 0)::int AS claims, COALESCE(c.completed, 0)::int AS completed, COALESCE(c.ended, 0)::int AS ended
    FROM "PromoCode" p
    LEFT JOIN "Currency" cur ON cur.id = p."currencyId"
    LEFT JOIN LATERAL (
      SELECT count(*) AS claims,
             count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
             count(*) FILTER (WHERE status IN ('COMPLETED', 'EXPIRED', 'CANCELLED')) AS ended
      FROM "UserPromoCode" uc WHERE uc."promoCodeId" = p.id
    ) c ON true
    WHERE ${filter}
    ORDER BY ${order}
    LIMIT ${PAGE_SIZE} OFFSET ${(q.page - 1) * PAGE_SIZE}`;
  const total = passing
    ? passing.length
    : (await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "PromoCode" p WHERE ${filter}`)[0].total;

  return {
    total,
    pageSize: PAGE_SIZE,
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      type: r.type,
      amount: roundDown(r.amount, r.decimals),
      currencyId: r.currencyId,
      matchPercent: r.type === "DEPOSIT" ? `${new Prisma.Decimal(r.bonusMultiplier).mul(100).toFixed()}%` : null,
      maxBonusUsd: r.maxBonusUsdAmount ? toUsd(r.maxBonusUsdAmount) : null,
      status: promoState(r, now),
      isHidden: r.isHidden,
      isPublic: r.isPublic,
      affiliateCodeId: r.affiliateCodeId,
      startsAt: r.startsAt?.toISOString() ?? null,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      claimsUsed: r.claims,
      claimsLeft: r.claimsLeft,
      // Null without a budget; the ratio only draws the bar, the figures beside it stay decimals.
      budget: r.budgetUsdAmount === null ? null : { budgetUsd: toUsd(r.budgetUsdAmount), grantedUsd: toUsd(r.grantedUsdAmount), usedRatio: budgetUsedRatio(r) ?? 0 },
      // Completion rate = COMPLETED ÷ ended (SPEC metrics), deposit bonuses only.
      completionRate: r.type === "DEPOSIT" && r.ended > 0 ? r.completed / r.ended : null,
    })),
  };
}
export type TPromoListRow = Awaited<ReturnType<typeof listPromoCodes>>["rows"][number];

export async function getPromoCode(id: string, now = new Date()) {
  const p = await db.promoCode.findUnique({
    where: { id },
    include: { whitelist: { include: { game: { select: { name: true, provider: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!p) return null;
  const budget = { budgetUsdAmount: p.budgetUsdAmount?.toFixed() ?? null, grantedUsdAmount: p.grantedUsdAmount.toFixed() };
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    description: p.description,
    type: p.type,
    amount: p.amount.toFixed(),
    currencyId: p.currencyId,
    isPublic: p.isPublic,
    isHidden: p.isHidden,
    isActive: !!p.isActive,
    status: promoState({ ...p, ...budget }, now),
    startsAt: p.startsAt?.toISOString() ?? null,
    expiresAt: p.expiresAt?.toISOString() ?? null,
    claimsLeft: p.claimsLeft,
    minKYCLevelToClaim: p.minKYCLevelToClaim,
    minTotalWagerUsdToClaim: p.minTotalWagerUsdToClaim.toFixed(),
    bonusMultiplier: p.bonusMultiplier.toFixed(),
    maxBonusUsdAmount: p.maxBonusUsdAmount?.toFixed() ?? null,
    timeSecondsToComplete: p.timeSecondsToComplete,
    wagerMultiplierToComplete: p.wagerMultiplierToComplete.toFixed(),
    affiliateCodeId: p.affiliateCodeId,
    withdrawalPolicy: p.withdrawalPolicy,
    wageringBasis: p.wageringBasis,
    ...budget,
    depositRule: p.depositRule,
    countries: p.countries,
    excludedCountries: p.excludedCountries,
    requiredTags: p.requiredTags,
    excludedTags: p.excludedTags,
    createdAt: p.createdAt.toISOString(),
    whitelist: p.whitelist.map((w) => ({
      gameId: w.gameId,
      gameName: w.game.name,
      provider: w.game.provider,
      maxBetAmount: w.maxBetAmount?.toFixed() ?? "",
      wagerMultiplier: w.wagerMultiplier.toFixed(),
      enabled: w.enabled,
    })),
  };
}
export type TPromoDetail = NonNullable<Awaited<ReturnType<typeof getPromoCode>>>;

export const CLAIMS_PAGE_SIZE = 50;

type TClaimsPage = { page?: number; now?: Date };

/** The claims tab: one page of the promo's claims (one row per player) with progress, and how many there are. */
export async function listPromoClaims(promoCodeId: string, opts: TClaimsPage = {}) {
  return listClaims(Prisma.sql`c."promoCodeId" = ${promoCodeId}::uuid`, opts);
}

/** One player's claims (player lookup), newest first, in the same shape and pages as a promo's claims tab. */
export async function listPlayerClaims(userId: number, opts: TClaimsPage = {}) {
  return listClaims(Prisma.sql`c."userId" = ${userId}`, opts);
}

async function listClaims(where: Prisma.Sql, { page = 1, now = new Date() }: TClaimsPage) {
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      {
        id: string; userId: number; username: string; status: "CLAIMED" | "ACTIVE" | "COMPLETED" | "EXPIRED" | "CANCELLED";
        createdAt: Date; endedAt: Date | null; cancelReason: string | null; wagered: string | null; target: string | null;
        bonusUsd: string | null; expiresAt: Date | null; violations: number | null; promoCodeId: string; promoCode: string;
        voidedAfterEnd: string;
      }[]
    >`
      SELECT c.id, c."userId", u.username, c.status, c."promoCodeId", pc.code AS "promoCode", c."createdAt", c."endedAt", c."cancelReason",
             p."wageredUsdAmount"::text AS wagered, p."wagerUsdAmountToComplete"::text AS target,
             p."bonusUsdAmount"::text AS "bonusUsd", p."expiresAt", p."maxBetViolations" AS violations,
             c."voidedAfterEndUsdAmount"::text AS "voidedAfterEnd"
      FROM "UserPromoCode" c
      JOIN "User" u ON u.id = c."userId"
      JOIN "PromoCode" pc ON pc.id = c."promoCodeId"
      LEFT JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
      WHERE ${where}
      ORDER BY c."createdAt" DESC, c.id
      LIMIT ${CLAIMS_PAGE_SIZE} OFFSET ${(page - 1) * CLAIMS_PAGE_SIZE}`,
    // The same rows as the page's WHERE, counted in full: the tab's "N claims" is every claim, not one page.
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "UserPromoCode" c WHERE ${where}`,
  ]);
  return {
    total,
    page,
    pageSize: CLAIMS_PAGE_SIZE,
    rows: rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      username: r.username,
      promoCodeId: r.promoCodeId,
      promoCode: r.promoCode,
      status: effectiveStatus(r.status, r.expiresAt, now),
      claimedAt: r.createdAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
      cancelReason: r.cancelReason,
      wageredUsd: r.wagered ? toUsd(r.wagered) : null,
      targetUsd: r.target ? toUsd(r.target) : null,
      progress: r.wagered && r.target && Number(r.target) > 0 ? Math.min(1, Number(r.wagered) / Number(r.target)) : null,
      bonusUsd: r.bonusUsd ? toUsd(r.bonusUsd) : null,
      // Wagering voided by the platform after the bonus ended: the bonus stands, this no longer does.
      voidedAfterEndUsd: /[1-9]/.test(r.voidedAfterEnd) ? toUsd(r.voidedAfterEnd) : null,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      maxBetViolations: r.violations ?? 0,
      cancellable: (r.status === "CLAIMED" || r.status === "ACTIVE") && effectiveStatus(r.status, r.expiresAt, now) !== "EXPIRED",
    })),
  };
}
export type TPromoClaimRow = Awaited<ReturnType<typeof listPromoClaims>>["rows"][number];

export async function listAffiliateCodesForPicker() {
  return db.affiliateCode.findMany({ select: { id: true, owner: { select: { username: true } } }, orderBy: { id: "asc" }, take: 2000 });
}
