import "server-only";

import { randomUUID } from "node:crypto";

import { roundDown } from "@/lib/domain/money/decimal";
import { DomainError } from "@/lib/domain/errors";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";

/** GET /me/affiliate: the player's own codes, their referrals and commissions. */
export async function getMyAffiliate(userId: number) {
  const codes = await db.affiliateCode.findMany({ where: { ownerId: userId }, orderBy: { createdAt: "asc" } });
  const [info] = await db.$queryRaw<{ referralsCount: number; activeReferralsCount: number; earned: string; unclaimed: string }[]>`
    SELECT "referralsCount", "activeReferralsCount", "earnedCommissions"::text AS earned, "unclaimedCommissions"::text AS unclaimed
    FROM "AffiliateAggregatedInfo" WHERE "userId" = ${userId}`;
  const stats = await db.$queryRaw<{ currencyId: string; claimable: string; claimed: string; decimals: number }[]>`
    SELECT s."currencyId"::text AS "currencyId", s."claimableAmount"::text AS claimable, s."claimedAmount"::text AS claimed,
           COALESCE(c.decimals, 18) AS decimals
    FROM "AffiliateUserStats" s LEFT JOIN "Currency" c ON c.id = s."currencyId"
    WHERE s."userId" = ${userId} ORDER BY 1`;
  return {
    codes: codes.map((c) => ({ id: c.id, createdAt: c.createdAt.toISOString() })),
    referralsCount: info?.referralsCount ?? 0,
    activeReferralsCount: info?.activeReferralsCount ?? 0,
    earnedUsd: roundDown(info?.earned ?? "0", 2),
    unclaimedUsd: roundDown(info?.unclaimed ?? "0", 2),
    claimable: stats.map((s) => ({
      currencyId: s.currencyId,
      amount: roundDown(s.claimable, s.decimals),
      claimed: roundDown(s.claimed, s.decimals),
    })),
  };
}

/**
 * POST /me/affiliate/claim: every currency at once. The claimable amounts are locked and moved to
 * claimed in one transaction, so two claims at the same moment credit once (the second finds nothing
 * and answers NOTHING_TO_CLAIM). Each currency is credited to CASH rounded down to its scale; the
 * sub-unit dust stays claimable for next time.
 */
export async function claimMyCommissions(userId: number, now = new Date()) {
  const claimId = randomUUID();
  return db.$transaction(async (tx) => {
    const moved = await tx.$queryRaw<{ currencyId: CurrencyId; amount: string; rate: string; usd: string }[]>`
      WITH due AS (
        SELECT s."currencyId", trunc(s."claimableAmount", COALESCE(c.decimals, 18)) AS amount
        FROM "AffiliateUserStats" s LEFT JOIN "Currency" c ON c.id = s."currencyId"
        WHERE s."userId" = ${userId} AND trunc(s."claimableAmount", COALESCE(c.decimals, 18)) > 0
        ORDER BY s."currencyId"
        FOR UPDATE OF s
      )
      UPDATE "AffiliateUserStats" s
      SET "claimableAmount" = s."claimableAmount" - due.amount, "claimedAmount" = s."claimedAmount" + due.amount, "updatedAt" = now()
      FROM due
      WHERE s."userId" = ${userId} AND s."currencyId" = due."currencyId"
      RETURNING s."currencyId", due.amount::text AS amount,
                COALESCE(usd_rate(s."currencyId", ${now}::timestamptz), 0)::text AS rate,
                (due.amount * COALESCE(usd_rate(s."currencyId", ${now}::timestamptz), 0))::text AS usd`;
    if (moved.length === 0) throw new DomainError("NOTHING_TO_CLAIM", "There is no commission to claim.", { status: 409 });
    await tx.$executeRaw`
      UPDATE "AffiliateUserStatsUsd" SET "claimedAmount" = "claimedAmount" + "claimableAmount", "claimableAmount" = 0, "updatedAt" = now()
      WHERE "userId" = ${userId}`;
    await appendLedger(
      tx,
      moved.map((m) => ({
        userId,
        kind: "COMMISSION_CLAIM" as const,
        bucket: "CASH" as const,
        currencyId: m.currencyId,
        amount: m.amount,
        usdAmount: m.usd,
        usdRate: m.rate,
        sourceId: `${claimId}:${m.currencyId}`,
      })),
    );
    return { claimId, credits: moved.map((m) => ({ currencyId: m.currencyId, amount: m.amount })) };
  });
}
