import "server-only";

import { effectiveStatus } from "@/lib/domain/promos/rollover";
import { db } from "@/lib/server/db";

// The grants a CRM made of a promo (POST /events/grants), for the promo page's Grants tab: newest
// first, 50 a page, with the claim each one made and the API key it came through.

export const GRANTS_PAGE_SIZE = 50;

type TClaimStatus = "CLAIMED" | "ACTIVE" | "COMPLETED" | "EXPIRED" | "CANCELLED";

export async function listPromoGrants(promoCodeId: string, { page = 1, now = new Date() }: { page?: number; now?: Date } = {}) {
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      {
        id: string; userId: number; username: string; claimId: string; status: TClaimStatus; expiresAt: Date | null;
        apiKeyName: string | null; apiKeyRevoked: boolean | null; createdAt: Date;
      }[]
    >`
      SELECT g.id, g."userId", u.username, g."claimId", c.status, p."expiresAt",
             k.name AS "apiKeyName", k."revokedAt" IS NOT NULL AS "apiKeyRevoked", g."createdAt"
      FROM "Grant" g
      JOIN "User" u ON u.id = g."userId"
      JOIN "UserPromoCode" c ON c.id = g."claimId"
      LEFT JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
      LEFT JOIN "ApiKey" k ON k.id = g."apiKeyId"
      WHERE g."promoCodeId" = ${promoCodeId}::uuid
      ORDER BY g."createdAt" DESC, g.id
      LIMIT ${GRANTS_PAGE_SIZE} OFFSET ${(page - 1) * GRANTS_PAGE_SIZE}`,
    // Every grant of the promo, not one page: the tab's count and the pager's pages.
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Grant" g WHERE g."promoCodeId" = ${promoCodeId}::uuid`,
  ]);
  return {
    total,
    page,
    pageSize: GRANTS_PAGE_SIZE,
    rows: rows.map((r) => ({
      /** The CRM's id of the grant. */
      id: r.id,
      userId: r.userId,
      username: r.username,
      claimId: r.claimId,
      claimStatus: effectiveStatus(r.status, r.expiresAt, now),
      /** The key's name; null when the key was deleted (or the grant came from no key). */
      apiKey: r.apiKeyName === null ? null : { name: r.apiKeyName, revoked: !!r.apiKeyRevoked },
      grantedAt: r.createdAt.toISOString(),
    })),
  };
}
export type TPromoGrantRow = Awaited<ReturnType<typeof listPromoGrants>>["rows"][number];
