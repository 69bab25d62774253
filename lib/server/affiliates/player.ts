import "server-only";

import { randomUUID } from "node:crypto";

import { roundDown, toUsd } from "@/lib/domain/money/decimal";
import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";
import { amountTextSql, isoSql, outboxCtesSql, usdTextSql } from "@/lib/server/webhooks/outbox";

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
    earnedUsd: toUsd(info?.earned ?? "0"),
    unclaimedUsd: toUsd(info?.unclaimed ?? "0"),
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
 * sub-unit dust stays claimable for next time. Only currencies whose claimable is above zero are
 * paid: a bet rollback can leave one below zero, and it stays so until later commissions fill it.
 * The USD view moves to claimed all but that negative carry-over, valued at the claim's rates. The
 * move writes the commission.claimed event (one per claim, each currency paid) in the same statement.
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
      ),
      moved AS (
        UPDATE "AffiliateUserStats" s
        SET "claimableAmount" = s."claimableAmount" - due.amount, "claimedAmount" = s."claimedAmount" + due.amount, "updatedAt" = now()
        FROM due
        WHERE s."userId" = ${userId} AND s."currencyId" = due."currencyId"
        RETURNING s."currencyId", due.amount, COALESCE(usd_rate(s."currencyId", ${now}::timestamptz), 0) AS rate
      ),
      ${outboxCtesSql(
        "commission.claimed",
        // One event for the claim, every currency paid in it (none when nothing moved: the claim fails).
        Prisma.sql`SELECT ${userId}::int AS user_id, NULL::text AS dedupe_key, jsonb_build_object(
            'userId', ${userId}::int,
            'payouts', jsonb_agg(jsonb_build_object('currencyId', "currencyId"::text, 'amount', ${amountTextSql("amount", `"currencyId"`)},
                                                    'usdAmount', ${usdTextSql("amount * rate")}) ORDER BY "currencyId"),
            'claimedAt', ${isoSql(Prisma.sql`${now}::timestamptz`)}) AS data
          FROM moved HAVING count(*) > 0`,
      )}
      SELECT "currencyId", amount::text AS amount, rate::text AS rate, (amount * rate)::text AS usd FROM moved`;
    if (moved.length === 0) throw new AppError("NOTHING_TO_CLAIM", "There is no commission to claim.");
    // Without a negative currency the carry is 0: all of the USD claimable moves to claimed, as before.
    await tx.$executeRaw`
      WITH carry AS (
        SELECT COALESCE(sum(s."claimableAmount" * COALESCE(usd_rate(s."currencyId", ${now}::timestamptz), 0)), 0) AS usd
        FROM "AffiliateUserStats" s WHERE s."userId" = ${userId} AND s."claimableAmount" < 0
      )
      UPDATE "AffiliateUserStatsUsd" u
      SET "claimedAmount" = u."claimedAmount" + u."claimableAmount" - carry.usd, "claimableAmount" = carry.usd, "updatedAt" = now()
      FROM carry
      WHERE u."userId" = ${userId}`;
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
