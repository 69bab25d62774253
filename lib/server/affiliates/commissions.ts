import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { betRows, type TBetRows } from "@/lib/server/ingest/bet-totals";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/**
 * The referring code of each row's player (`userId`), joined as u: one probe of User's primary key per
 * row (OFFSET 0 keeps the planner from flattening it into a join that hashes all of User — a seq scan
 * of every player for each batch of 500, measured at several times the cost of the probes; issue #18).
 */
const codeOfPlayer = (userId: Prisma.Sql) =>
  Prisma.sql`CROSS JOIN LATERAL (SELECT u."affiliateCodeId" FROM "User" u WHERE u.id = ${userId} OFFSET 0) u`;

/**
 * Whether player `userId` was referred (has a code): the players applyCommissions and
 * moveActiveReferrals move figures for. When a batch has none, the bet path skips both statements.
 */
export const isReferred = (userId: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "User" u WHERE u.id = ${userId} AND u."affiliateCodeId" IS NOT NULL)`;

/**
 * The affiliate side of a batch of new bets (SPEC §2 Affiliates), set-based: each referred player's
 * bets add their commission (fixed at bet time, stored on the bet) to the code owner's
 * AffiliateUserStats (per currency) and AffiliateUserStatsUsd, their USD wagered and payout to the
 * owner's totals and business-day rollup, and their wagered USD to AffiliateCode.wageredUsdAmount.
 * Rows are locked in key order so concurrent batches never deadlock.
 * `bets`: the bets' ids, or the bet path's selection of its batch (batchBets).
 * `sign` -1 takes voided bets back out of every one of these figures (a bet rollback): claimable may
 * then go below zero, and later commissions in that currency fill it first. The latest-bet time is
 * not moved by it (see `refreshLastReferralBet`).
 */
export async function applyCommissions(tx: TSqlTx, bets: TBetRows, sign: 1 | -1 = 1) {
  const latest = sign === 1 ? Prisma.sql`max("createdAt")` : Prisma.sql`NULL::timestamptz`;
  await tx.$executeRaw`
    WITH b AS (
      SELECT b."currencyId", ${sign}::int * b."usdAmount" AS "usdAmount", ${sign}::int * b."payoutUsd" AS "payoutUsd",
             ${sign}::int * b."commissionAmount" AS "commissionAmount", ${sign}::int * b."commissionUsdAmount" AS "commissionUsdAmount",
             b."createdAt", c.id AS code, c."ownerId" AS owner
      FROM (${betRows(bets)}) b ${codeOfPlayer(Prisma.sql`b."userId"`)} JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
    ),
    locked_codes AS (
      SELECT id FROM "AffiliateCode" WHERE id IN (SELECT code FROM b) ORDER BY id FOR UPDATE
    ),
    codes AS (
      UPDATE "AffiliateCode" ac SET "wageredUsdAmount" = ac."wageredUsdAmount" + x.usd, "updatedAt" = now()
      FROM (SELECT code, sum("usdAmount") AS usd FROM b GROUP BY code) x JOIN locked_codes l ON l.id = x.code
      WHERE ac.id = x.code
    ),
    per_currency AS (
      INSERT INTO "AffiliateUserStats" ("userId", "currencyId", "claimableAmount")
      SELECT owner, "currencyId", sum("commissionAmount") FROM b GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT ("userId", "currencyId") DO UPDATE SET
        "claimableAmount" = "AffiliateUserStats"."claimableAmount" + EXCLUDED."claimableAmount", "updatedAt" = now()
    ),
    usd AS (
      INSERT INTO "AffiliateUserStatsUsd" ("userId", "claimableAmount", "lastBetCreatedAt")
      SELECT owner, sum("commissionUsdAmount"), ${latest} FROM b GROUP BY 1 ORDER BY 1
      ON CONFLICT ("userId") DO UPDATE SET
        "claimableAmount" = "AffiliateUserStatsUsd"."claimableAmount" + EXCLUDED."claimableAmount",
        "lastBetCreatedAt" = GREATEST("AffiliateUserStatsUsd"."lastBetCreatedAt", EXCLUDED."lastBetCreatedAt"),
        "updatedAt" = now()
    ),
    totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", "wageredUsdAmount", "payoutUsdAmount", "commissionUsdAmount")
      SELECT owner, sum("usdAmount"), sum("payoutUsd"), sum("commissionUsdAmount") FROM b GROUP BY 1 ORDER BY 1
      ON CONFLICT ("userId") DO UPDATE SET
        "wageredUsdAmount" = "AffiliateOwnerStats"."wageredUsdAmount" + EXCLUDED."wageredUsdAmount",
        "payoutUsdAmount" = "AffiliateOwnerStats"."payoutUsdAmount" + EXCLUDED."payoutUsdAmount",
        "commissionUsdAmount" = "AffiliateOwnerStats"."commissionUsdAmount" + EXCLUDED."commissionUsdAmount",
        "updatedAt" = now()
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, "wageredUsdAmount", "payoutUsdAmount", "commissionUsdAmount")
    SELECT owner, business_day("createdAt"), sum("usdAmount"), sum("payoutUsd"), sum("commissionUsdAmount")
    FROM b GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("userId", day) DO UPDATE SET
      "wageredUsdAmount" = "AffiliateDailyStats"."wageredUsdAmount" + EXCLUDED."wageredUsdAmount",
      "payoutUsdAmount" = "AffiliateDailyStats"."payoutUsdAmount" + EXCLUDED."payoutUsdAmount",
      "commissionUsdAmount" = "AffiliateDailyStats"."commissionUsdAmount" + EXCLUDED."commissionUsdAmount",
      "updatedAt" = now()`;
}

/**
 * Active referrals are counted by the business day of each referred player's latest bet: when a
 * batch moves a player's latest bet to a later day, their count moves from the old day to the new.
 * A rollback may move it back to an earlier day, or to none (`after` null: their only bets voided).
 */
export async function moveActiveReferrals(tx: TSqlTx, moves: { userId: number; before: Date | null; after: Date | null }[]) {
  if (moves.length === 0) return;
  await tx.$executeRaw`
    WITH m AS (
      SELECT c."ownerId" AS owner, business_day(x.before) AS old_day, business_day(x.after) AS new_day
      FROM unnest(
        ${moves.map((m) => m.userId)}::int[],
        ${moves.map((m) => m.before)}::timestamptz[],
        ${moves.map((m) => m.after)}::timestamptz[]
      ) AS x(user_id, before, after)
      ${codeOfPlayer(Prisma.sql`x.user_id`)} JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
    ),
    delta AS (
      SELECT owner, day, sum(n)::int AS n FROM (
        SELECT owner, new_day AS day, 1 AS n FROM m WHERE new_day IS NOT NULL AND old_day IS DISTINCT FROM new_day
        UNION ALL
        SELECT owner, old_day, -1 FROM m WHERE old_day IS NOT NULL AND old_day IS DISTINCT FROM new_day
      ) d GROUP BY 1, 2 HAVING sum(n) <> 0
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, "lastActiveReferrals")
    SELECT owner, day, n FROM delta ORDER BY 1, 2
    ON CONFLICT ("userId", day) DO UPDATE SET
      "lastActiveReferrals" = "AffiliateDailyStats"."lastActiveReferrals" + EXCLUDED."lastActiveReferrals", "updatedAt" = now()`;
}

/**
 * After a rollback: each code owner's latest referral bet (AffiliateUserStatsUsd.lastBetCreatedAt),
 * recomputed from their referred players' latest standing bets (UserStatsUsd.lastBetAt, already
 * moved back) — only for owners whose latest could have been one of the voided bets.
 */
export async function refreshLastReferralBet(tx: TSqlTx, betIds: string[]) {
  await tx.$executeRaw`
    UPDATE "AffiliateUserStatsUsd" s
    SET "lastBetCreatedAt" = (
          SELECT max(us."lastBetAt") FROM "AffiliateCode" c
          JOIN "User" u ON u."affiliateCodeId" = c.id JOIN "UserStatsUsd" us ON us."userId" = u.id
          WHERE c."ownerId" = s."userId"),
        "updatedAt" = now()
    FROM (
      SELECT c."ownerId" AS owner, max(b."createdAt") AS latest
      FROM "Bet" b JOIN "User" u ON u.id = b."userId" JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
      WHERE b.id = ANY(${betIds}::text[]) GROUP BY 1
    ) v
    WHERE s."userId" = v.owner AND v.latest >= s."lastBetCreatedAt"`;
}
