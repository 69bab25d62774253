import "server-only";

import { checkClaimRules } from "@/lib/domain/promos/claim-rules";
import { AppError } from "@/lib/domain/errors";
import { toUsd } from "@/lib/domain/money/decimal";
import { Prisma } from "@/lib/generated/prisma/client";
import { toSeconds, type TPromoCodeParsed, type TWhitelistInput } from "@/lib/schemas/promo-codes";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { cancelUnusedClaims } from "@/lib/server/claims/lifecycle";
import { claimFacts, playerFactsSql, promoFactsColumnsSql, type TPlayerFactsRow, type TPromoFactsRow } from "@/lib/server/claims/facts";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";
import { promoHoldsCodeSql } from "@/lib/server/promo-codes/live";

function toRow(input: TPromoCodeParsed) {
  return {
    title: input.title,
    description: input.description || null,
    type: input.type,
    code: input.code,
    amount: input.amount,
    currencyId: input.currencyId,
    isPublic: input.isPublic,
    isHidden: input.isHidden,
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    claimsLeft: input.claimsLeft ? Number(input.claimsLeft) : null,
    minKYCLevelToClaim: input.minKYCLevelToClaim,
    minTotalWagerUsdToClaim: input.minTotalWagerUsdToClaim,
    bonusMultiplier: input.type === "DEPOSIT" ? input.bonusMultiplier : "0",
    maxBonusUsdAmount: input.type === "DEPOSIT" && input.maxBonusUsdAmount ? input.maxBonusUsdAmount : null,
    timeSecondsToComplete: input.type === "DEPOSIT" ? toSeconds(input.timeToComplete, input.timeUnit) : null,
    wagerMultiplierToComplete: input.type === "DEPOSIT" ? input.wagerMultiplierToComplete : "0",
    affiliateCodeId: input.affiliateCodeId ? input.affiliateCodeId.toUpperCase() : null,
    // Only when the input names one: a new promo otherwise gets the column's default (FORFEIT), an edit keeps its policy.
    ...(input.withdrawalPolicy ? { withdrawalPolicy: input.withdrawalPolicy } : {}),
    // The wagering basis, the same way (a new promo: DEPOSIT_AND_BONUS). Activation snapshots it.
    ...(input.wageringBasis ? { wageringBasis: input.wageringBasis } : {}),
    // Campaign controls, the same way: each only when the input names it ("" budget = no budget).
    ...(input.budgetUsdAmount !== undefined ? { budgetUsdAmount: input.budgetUsdAmount || null } : {}),
    ...(input.depositRule ? { depositRule: input.depositRule } : {}),
    ...(input.countries ? { countries: input.countries } : {}),
    ...(input.excludedCountries ? { excludedCountries: input.excludedCountries } : {}),
    ...(input.requiredTags ? { requiredTags: input.requiredTags } : {}),
    ...(input.excludedTags ? { excludedTags: input.excludedTags } : {}),
  };
}

const codeTaken = () => new AppError("CODE_TAKEN", "Code taken: a live promo uses it", { field: "code" });

/**
 * Frees `code` for a new or renamed promo (SPEC §3): an active promo holding it that is expired or
 * exhausted is deactivated here, audited; a live one makes the code taken. The row lock decides a
 * race between two operators; the [code, isActive] unique is the backstop.
 */
async function freeCode(tx: TTx, operator: TOperator, code: string, exceptId: string | null) {
  const [holder] = await tx.$queryRaw<{ id: string; live: boolean }[]>`
    SELECT id, ${promoHoldsCodeSql("p", Prisma.sql`now()`)} AS live
    FROM "PromoCode" p WHERE code = ${code} AND "isActive" FOR UPDATE`;
  if (!holder || holder.id === exceptId) return;
  if (holder.live) throw codeTaken();
  await deactivateInTx(tx, operator, holder.id, "code reused by a new promo");
}

async function checkAffiliateCode(tx: TTx, id: string | null) {
  if (id && !(await tx.affiliateCode.findUnique({ where: { id } }))) {
    throw new AppError("UNKNOWN_AFFILIATE_CODE", "No such affiliate code", { field: "affiliateCodeId" });
  }
}

export async function createPromoCode(operator: TOperator, input: TPromoCodeParsed): Promise<{ id: string }> {
  const data = toRow(input);
  return db
    .$transaction(async (tx) => {
      await freeCode(tx, operator, data.code, null);
      await checkAffiliateCode(tx, data.affiliateCodeId);
      const row = await tx.promoCode.create({ data: { ...data, createdById: operator.id } });
      await writeAudit(tx, { operator, action: "promo_code.create", entityType: "PromoCode", entityId: row.id, after: row });
      return { id: row.id };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw codeTaken();
      throw error;
    });
}

export async function updatePromoCode(operator: TOperator, id: string, input: TPromoCodeParsed): Promise<{ id: string }> {
  const data = toRow(input);
  return db
    .$transaction(async (tx) => {
      // Lock the promo first: a claim in flight holds a key-share lock on it (lib/server/claims/claim.ts),
      // so this waits for it, and the count of claims below sees every claim made under the old type.
      await tx.$queryRaw`SELECT 1 FROM "PromoCode" WHERE id = ${id}::uuid FOR UPDATE`;
      const before = await tx.promoCode.findUnique({ where: { id } });
      if (!before) throw new AppError("NOT_FOUND", "This promo doesn't exist");
      if (!before.isActive) throw new AppError("INACTIVE", "A deactivated promo can't be edited; clone it instead");
      if (before.code !== data.code) await freeCode(tx, operator, data.code, id);
      await checkAffiliateCode(tx, data.affiliateCodeId);
      // grantedUsdAmount is the budget's counter, kept only while there is a budget: a promo given one
      // now counts what it granted before from the ledger. The row is locked (claims and activations
      // in flight hold key-share locks on it, so this waited for them), so no grant can land between
      // this count or check and the update; the CHECK (granted ≤ budget) is the backstop, this names
      // the field and the figure.
      const granted = data.budgetUsdAmount && before.budgetUsdAmount === null ? await grantedFromLedger(tx, id) : before.grantedUsdAmount;
      if (data.budgetUsdAmount && granted.gt(data.budgetUsdAmount)) {
        throw new AppError("BUDGET_BELOW_GRANTED", `The budget can't be below the $${toUsd(granted)} already granted`, {
          field: "budgetUsdAmount",
        });
      }
      // Claims already made keep their snapshotted terms; the type can't change under them.
      if (before.type !== data.type && (await tx.userPromoCode.count({ where: { promoCodeId: id } })) > 0) {
        throw new AppError("TYPE_LOCKED", "Players have claimed this promo: its type can't change", { field: "type" });
      }
      const after = await tx.promoCode.update({ where: { id }, data: { ...data, grantedUsdAmount: granted } });
      await writeAudit(tx, { operator, action: "promo_code.update", entityType: "PromoCode", entityId: id, before, after });
      return { id };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw codeTaken();
      throw error;
    });
}

/** What a promo has granted, from the ledger: its INSTANT credits and deposit bonus grants, in USD. */
async function grantedFromLedger(tx: TTx, promoId: string): Promise<Prisma.Decimal> {
  const [row] = await tx.$queryRaw<{ granted: string }[]>`
    SELECT COALESCE(sum(l."usdAmount"), 0)::text AS granted
    FROM "UserPromoCode" c
    JOIN "LedgerEntry" l ON l.kind IN ('INSTANT_CREDIT', 'BONUS_GRANT') AND l."sourceId" = c.id::text
    WHERE c."promoCodeId" = ${promoId}::uuid`;
  return new Prisma.Decimal(row.granted);
}

/** Deactivation: isActive → NULL (the code is free again); unused CLAIMED claims are cancelled; ACTIVE bonuses run on. */
async function deactivateInTx(tx: TTx, operator: TOperator, id: string, reason: string) {
  // Waits for claims in flight (they hold a key-share lock on the promo), so the cancel below sees them;
  // a claim arriving later waits for this and then finds the promo inactive.
  await tx.$queryRaw`SELECT 1 FROM "PromoCode" WHERE id = ${id}::uuid FOR UPDATE`;
  const before = await tx.promoCode.findUnique({ where: { id } });
  if (!before?.isActive) throw new AppError("NOT_ACTIVE", "This promo is already inactive");
  const after = await tx.promoCode.update({ where: { id }, data: { isActive: null, deactivatedAt: new Date() } });
  const cancelled = await cancelUnusedClaims(tx, id, "Promo deactivated", new Date());
  await writeAudit(tx, {
    operator,
    action: "promo_code.deactivate",
    entityType: "PromoCode",
    entityId: id,
    before: { isActive: before.isActive },
    after: { isActive: after.isActive, reason, cancelledClaims: cancelled },
  });
  return { cancelledClaims: cancelled };
}

export async function deactivatePromoCode(operator: TOperator, id: string) {
  return db.$transaction((tx) => deactivateInTx(tx, operator, id, "deactivated by an operator"));
}

/** Replaces the whitelist in one transaction; edits apply from the next bet. */
export async function saveWhitelist(operator: TOperator, input: TWhitelistInput) {
  return db.$transaction(async (tx) => {
    const promo = await tx.promoCode.findUnique({ where: { id: input.promoCodeId }, include: { whitelist: true } });
    if (!promo) throw new AppError("NOT_FOUND", "This promo doesn't exist");
    const games = await tx.game.count({ where: { id: { in: input.rows.map((r) => r.gameId) } } });
    if (games !== input.rows.length) throw new AppError("UNKNOWN_GAME", "A game in the list doesn't exist");
    await tx.promoGameWhitelist.deleteMany({ where: { promoCodeId: promo.id, gameId: { notIn: input.rows.map((r) => r.gameId) } } });
    for (const r of input.rows) {
      const data = { maxBetAmount: r.maxBetAmount || null, wagerMultiplier: r.wagerMultiplier, enabled: r.enabled };
      await tx.promoGameWhitelist.upsert({
        where: { promoCodeId_gameId: { promoCodeId: promo.id, gameId: r.gameId } },
        create: { promoCodeId: promo.id, gameId: r.gameId, ...data },
        update: data,
      });
    }
    await writeAudit(tx, {
      operator,
      action: "promo_code.whitelist",
      entityType: "PromoCode",
      entityId: promo.id,
      before: promo.whitelist,
      after: input.rows,
    });
    return { rows: input.rows.length };
  });
}

/** The claim conditions of one promo for a player whose facts are read, in the API's order. */
function judge(promo: TPromoFactsRow & { isActive: boolean | null }, player: TPlayerFactsRow, alreadyClaimed: boolean, now: Date) {
  const checks = [
    { rule: "PROMO_NOT_FOUND", passed: !!promo.isActive, detail: promo.isActive ? "promo is active" : "promo is inactive" },
    ...checkClaimRules(claimFacts(promo, player, { alreadyClaimed, now })),
  ];
  const first = checks.find((c) => !c.passed);
  return {
    player: { id: player.id, username: player.username },
    checks,
    result: first?.rule ?? "CLAIMABLE",
    reason: first && "reason" in first ? (first.reason ?? null) : null,
  };
}

/**
 * The claim conditions of several promos for one player, without claiming: the player's facts read
 * once, the promos' and the claims in one query each. By promo id; an unknown id is left out.
 */
export async function checkEligibilityMany(promoCodeIds: string[], playerId: number, now = new Date()) {
  const [promos, [player], claimed] = await Promise.all([
    db.$queryRaw<(TPromoFactsRow & { id: string; isActive: boolean | null })[]>`
      SELECT p.id, p."isActive", ${promoFactsColumnsSql("p", now)} FROM "PromoCode" p WHERE p.id = ANY(${promoCodeIds}::uuid[])`,
    db.$queryRaw<TPlayerFactsRow[]>(playerFactsSql(playerId)),
    db.$queryRaw<{ promoCodeId: string }[]>`
      SELECT "promoCodeId" FROM "UserPromoCode" WHERE "userId" = ${playerId} AND "promoCodeId" = ANY(${promoCodeIds}::uuid[])`,
  ]);
  const claimedIds = new Set(claimed.map((c) => c.promoCodeId));
  return {
    found: new Set(promos.map((p) => p.id)),
    player: player ?? null,
    byPromo: new Map(player ? promos.map((p) => [p.id, judge(p, player, claimedIds.has(p.id), now)]) : []),
  };
}

/** The claim conditions for one player and promo, in the API's order, without claiming. */
export async function checkEligibility(promoCodeId: string, playerId: number, now = new Date()) {
  const { found, byPromo } = await checkEligibilityMany([promoCodeId], playerId, now);
  if (!found.has(promoCodeId)) throw new AppError("NOT_FOUND", "This promo doesn't exist");
  const result = byPromo.get(promoCodeId);
  if (!result) throw new AppError("PLAYER_NOT_FOUND", "No player with this id", { field: "playerId" });
  return result;
}
