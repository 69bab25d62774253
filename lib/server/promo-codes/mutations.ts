import "server-only";

import { checkClaimRules } from "@/lib/domain/promos/claim-rules";
import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { toSeconds, type TPromoCodeParsed, type TWhitelistInput } from "@/lib/schemas/promo-codes";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { claimFacts, playerFactsSql, type TPlayerFactsRow } from "@/lib/server/claims/facts";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";
import { promoLiveSql } from "@/lib/server/promo-codes/live";

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
    SELECT id, ${promoLiveSql("p", Prisma.sql`now()`)} AS live
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
      // Claims already made keep their snapshotted terms; the type can't change under them.
      if (before.type !== data.type && (await tx.userPromoCode.count({ where: { promoCodeId: id } })) > 0) {
        throw new AppError("TYPE_LOCKED", "Players have claimed this promo: its type can't change", { field: "type" });
      }
      const after = await tx.promoCode.update({ where: { id }, data });
      await writeAudit(tx, { operator, action: "promo_code.update", entityType: "PromoCode", entityId: id, before, after });
      return { id };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw codeTaken();
      throw error;
    });
}

/** Deactivation: isActive → NULL (the code is free again); unused CLAIMED claims are cancelled; ACTIVE bonuses run on. */
async function deactivateInTx(tx: TTx, operator: TOperator, id: string, reason: string) {
  // Waits for claims in flight (they hold a key-share lock on the promo), so the cancel below sees them;
  // a claim arriving later waits for this and then finds the promo inactive.
  await tx.$queryRaw`SELECT 1 FROM "PromoCode" WHERE id = ${id}::uuid FOR UPDATE`;
  const before = await tx.promoCode.findUnique({ where: { id } });
  if (!before?.isActive) throw new AppError("NOT_ACTIVE", "This promo is already inactive");
  const after = await tx.promoCode.update({ where: { id }, data: { isActive: null, deactivatedAt: new Date() } });
  const cancelled = await tx.$executeRaw`
    UPDATE "UserPromoCode" SET status = 'CANCELLED', "isActive" = NULL, "endedAt" = now(),
           "cancelReason" = 'Promo deactivated', "updatedAt" = now()
    WHERE "promoCodeId" = ${id}::uuid AND status = 'CLAIMED'`;
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

/** The claim conditions for one player and promo, in the API's order, without claiming. */
export async function checkEligibility(promoCodeId: string, playerId: number, now = new Date()) {
  const promo = await db.promoCode.findUnique({ where: { id: promoCodeId } });
  if (!promo) throw new AppError("NOT_FOUND", "This promo doesn't exist");
  const [[player], [claimed]] = await Promise.all([
    db.$queryRaw<TPlayerFactsRow[]>(playerFactsSql(playerId)),
    db.$queryRaw<{ id: string }[]>`SELECT id FROM "UserPromoCode" WHERE "userId" = ${playerId} AND "promoCodeId" = ${promoCodeId}::uuid`,
  ]);
  if (!player) throw new AppError("PLAYER_NOT_FOUND", "No player with this id", { field: "playerId" });
  const checks = [
    { rule: "PROMO_NOT_FOUND", passed: !!promo.isActive, detail: promo.isActive ? "promo is active" : "promo is inactive" },
    ...checkClaimRules(claimFacts(promo, player, { alreadyClaimed: !!claimed, now })),
  ];
  const firstFailure = checks.find((c) => !c.passed)?.rule ?? null;
  return { player: { id: playerId, username: player.username }, checks, result: firstFailure ?? "CLAIMABLE" };
}
