import "server-only";

import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TAffiliateCodeListQuery, TAffiliateCodeParsed } from "@/lib/schemas/affiliates";
import { writeAudit, writeSwitchAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db, isUniqueViolation } from "@/lib/server/db";
import { int4FromText } from "@/lib/schemas/ids";

export const CODES_PAGE_SIZE = 50;

/**
 * Affiliate codes with their owner, terms, wagered USD (exact: the screen rounds it down with
 * `formatUsd`) and referral count (counted on the index, per page).
 */
export async function listAffiliateCodes(q: TAffiliateCodeListQuery) {
  const where = q.q
    ? Prisma.sql`(c.id ILIKE ${`%${q.q}%`} OR u.username ILIKE ${`%${q.q}%`} OR c."ownerId" = ${int4FromText(q.q) ?? -1})`
    : Prisma.sql`true`;
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      {
        id: string;
        ownerId: number;
        owner: string;
        isStreamer: boolean;
        commissionRate: string | null;
        allowCommissionBonus: boolean;
        wageredUsd: string;
        referrals: number;
        createdAt: Date;
      }[]
    >`
      SELECT c.id, c."ownerId", u.username AS owner, u."isStreamer", c."commissionRate"::text, c."allowCommissionBonus",
             c."wageredUsdAmount"::text AS "wageredUsd", c."createdAt",
             (SELECT count(*)::int FROM "User" r WHERE r."affiliateCodeId" = c.id) AS referrals
      FROM "AffiliateCode" c JOIN "User" u ON u.id = c."ownerId"
      WHERE ${where}
      ORDER BY c."createdAt" DESC, c.id
      LIMIT ${CODES_PAGE_SIZE} OFFSET ${(q.page - 1) * CODES_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "AffiliateCode" c JOIN "User" u ON u.id = c."ownerId" WHERE ${where}`,
  ]);
  return { rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total, pageSize: CODES_PAGE_SIZE };
}
export type TAffiliateCodeRow = Awaited<ReturnType<typeof listAffiliateCodes>>["rows"][number];

async function resolveOwner(owner: string) {
  const byId = /^\d{1,10}$/.test(owner) ? await db.user.findUnique({ where: { id: Number(owner) } }) : null;
  const user = byId ?? (await db.user.findFirst({ where: { username: { equals: owner, mode: "insensitive" } }, orderBy: { id: "asc" } }));
  if (!user || user.role !== "PLAYER") throw new AppError("UNKNOWN_OWNER", "No player with this id or username", { field: "owner" });
  return user;
}

const codeTaken = () => new AppError("CODE_TAKEN", "Code taken: another affiliate uses it", { field: "code" });

/** Creates a code for an owner (codes are unique case-insensitively: stored upper-case). */
export async function createAffiliateCode(operator: TOperator, input: TAffiliateCodeParsed) {
  const owner = await resolveOwner(input.owner);
  return db
    .$transaction(async (tx) => {
      const row = await tx.affiliateCode.create({
        data: {
          id: input.code,
          ownerId: owner.id,
          commissionRate: input.commissionRate === "" ? null : input.commissionRate,
          allowCommissionBonus: input.allowCommissionBonus,
        },
      });
      // The owner's rollup row exists from the start, so the views list the affiliate at once.
      await tx.$executeRaw`INSERT INTO "AffiliateOwnerStats" ("userId") VALUES (${owner.id}) ON CONFLICT DO NOTHING`;
      await writeAudit(tx, { operator, action: "affiliate_code.create", entityType: "AffiliateCode", entityId: row.id, after: row });
      return { id: row.id };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw codeTaken();
      throw error;
    });
}

/** New terms apply to bets from now on: commission is fixed at bet time. */
export async function updateAffiliateCode(operator: TOperator, input: { id: string; commissionRate: string; allowCommissionBonus: boolean }) {
  return db.$transaction(async (tx) => {
    const id = input.id.toUpperCase();
    const before = await tx.affiliateCode.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "No such affiliate code");
    const after = await tx.affiliateCode.update({
      where: { id },
      data: { commissionRate: input.commissionRate === "" ? null : input.commissionRate, allowCommissionBonus: input.allowCommissionBonus },
    });
    await writeAudit(tx, { operator, action: "affiliate_code.update", entityType: "AffiliateCode", entityId: id, before, after });
    return { id };
  });
}

/** Marks a code owner as a streamer (or not): the streamer report lists owners with the flag. */
export async function setStreamer(operator: TOperator, ownerId: number, isStreamer: boolean) {
  return db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { isStreamer: true, role: true } });
    if (!owner || owner.role !== "PLAYER") throw new AppError("NOT_FOUND", "No such player");
    await tx.user.update({ where: { id: ownerId }, data: { isStreamer } });
    const actions: [string, string] = ["affiliate.mark_streamer", "affiliate.unmark_streamer"];
    await writeSwitchAudit(tx, { operator, actions, entityType: "User", entityId: ownerId, flag: "isStreamer", before: owner.isStreamer, after: isStreamer });
    return { ownerId, isStreamer };
  });
}
