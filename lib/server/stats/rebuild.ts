import "server-only";

import type { TTx } from "@/lib/server/db";
import { PLAYER_COMPETES_TEXT } from "@/lib/server/leaderboards/standings";

type TSql = Pick<TTx, "$executeRawUnsafe">;

/**
 * Recomputes every derived figure from the stored events (bets, deposits, withdrawals, the ledger), set-based: user stats, affiliate rollups
 * (per owner, per owner per day, per currency), AffiliateCode.wageredUsdAmount and the standings of
 * boards that are running or awaiting settlement. Ingestion keeps these incrementally; this is the
 * reference it must agree with, and what the seed and the load generator use after bulk inserts.
 * Commission per bet is read from the bet (fixed at bet time), never recomputed. Days are cut by
 * business_day(), the database's one rule, so the rebuild and ingestion can't disagree on a day.
 * A voided bet (a rollback's) counts nowhere: not in wagering, payout, latest bet, commission or
 * standings. Claimable commission is earned minus claimed, and may be below zero after a rollback.
 * Rollover progress is not rebuilt (it is recorded per bet as counted; BetRolloverContribution).
 */
export async function rebuildDerivedStats(tx: TSql) {
  const statements = [
    // Big group-bys: let them hash in memory instead of spilling to disk.
    `SET LOCAL work_mem = '256MB'`,
    `CREATE TEMP TABLE IF NOT EXISTS rb_user (LIKE "UserStatsUsd") ON COMMIT DROP`,
    `TRUNCATE rb_user`,
    `INSERT INTO rb_user ("userId", "wageredUsdAmount", "payoutUsdAmount", "depositedUsdAmount", "bonusUsdAmount", "withdrawnUsdAmount", "lastBetAt", "createdAt", "updatedAt")
     SELECT u.id, COALESCE(b.w, 0), COALESCE(b.p, 0), COALESCE(d.s, 0), COALESCE(g.s, 0), COALESCE(wd.s, 0), b.last, now(), now()
     FROM "User" u
     LEFT JOIN (SELECT "userId", sum("usdAmount") w, sum("payoutUsd") p, max("createdAt") last FROM "Bet" WHERE "voidedAt" IS NULL GROUP BY 1) b ON b."userId" = u.id
     LEFT JOIN (SELECT "userId", sum("usdAmount") s FROM "Deposit" GROUP BY 1) d ON d."userId" = u.id
     LEFT JOIN (SELECT "userId", sum("usdAmount") s FROM "LedgerEntry" WHERE kind IN ('INSTANT_CREDIT', 'BONUS_GRANT') GROUP BY 1) g ON g."userId" = u.id
     LEFT JOIN (SELECT "userId", sum("usdAmount") s FROM "Withdrawal" GROUP BY 1) wd ON wd."userId" = u.id
     WHERE u.role = 'PLAYER' AND (b."userId" IS NOT NULL OR d."userId" IS NOT NULL OR g."userId" IS NOT NULL OR wd."userId" IS NOT NULL)`,
    `INSERT INTO "UserStatsUsd" ("userId", "wageredUsdAmount", "payoutUsdAmount", "depositedUsdAmount", "bonusUsdAmount", "withdrawnUsdAmount", "lastBetAt")
     SELECT "userId", "wageredUsdAmount", "payoutUsdAmount", "depositedUsdAmount", "bonusUsdAmount", "withdrawnUsdAmount", "lastBetAt" FROM rb_user
     ON CONFLICT ("userId") DO UPDATE SET
       "wageredUsdAmount" = EXCLUDED."wageredUsdAmount", "payoutUsdAmount" = EXCLUDED."payoutUsdAmount",
       "depositedUsdAmount" = EXCLUDED."depositedUsdAmount", "bonusUsdAmount" = EXCLUDED."bonusUsdAmount",
       "withdrawnUsdAmount" = EXCLUDED."withdrawnUsdAmount", "lastBetAt" = EXCLUDED."lastBetAt", "updatedAt" = now()`,

    // Platform wagering per business day (the dashboard's volume chart), into shard 0.
    `DELETE FROM "PlatformDailyStats"`,
    `INSERT INTO "PlatformDailyStats" (day, shard, "wageredUsdAmount", "payoutUsdAmount", "betCount")
     SELECT business_day("createdAt"), 0, sum("usdAmount"), sum("payoutUsd"), count(*) FROM "Bet" WHERE "voidedAt" IS NULL GROUP BY 1`,

    // Who owns each referred player.
    `CREATE TEMP TABLE IF NOT EXISTS rb_ref (user_id int PRIMARY KEY, owner_id int, code text, created_at timestamptz) ON COMMIT DROP`,
    `TRUNCATE rb_ref`,
    `INSERT INTO rb_ref SELECT u.id, c."ownerId", c.id, u."createdAt" FROM "User" u JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"`,

    `UPDATE "AffiliateCode" c SET "wageredUsdAmount" = x.w, "updatedAt" = now()
     FROM (
       SELECT c2.id, COALESCE(sum(s."wageredUsdAmount"), 0) w
       FROM "AffiliateCode" c2 LEFT JOIN rb_ref r ON r.code = c2.id LEFT JOIN rb_user s ON s."userId" = r.user_id
       GROUP BY c2.id
     ) x
     WHERE x.id = c.id`,

    `CREATE TEMP TABLE IF NOT EXISTS rb_commission (owner_id int, "currencyId" "CurrencyId", amount numeric, usd numeric, last_bet timestamptz) ON COMMIT DROP`,
    `TRUNCATE rb_commission`,
    // Voided bets keep their (owner, currency) row, at zero, so a claim paid before a void is recomputed too.
    `INSERT INTO rb_commission
     SELECT r.owner_id, b."currencyId",
            COALESCE(sum(b."commissionAmount") FILTER (WHERE b."voidedAt" IS NULL), 0),
            COALESCE(sum(b."commissionUsdAmount") FILTER (WHERE b."voidedAt" IS NULL), 0),
            max(b."createdAt") FILTER (WHERE b."voidedAt" IS NULL)
     FROM "Bet" b JOIN rb_ref r ON r.user_id = b."userId" GROUP BY 1, 2`,

    // Per owner per currency: claimable = earned - already claimed (below zero when a rollback took back a claimed commission).
    `INSERT INTO "AffiliateUserStats" ("userId", "currencyId", "claimableAmount", "claimedAmount")
     SELECT owner_id, "currencyId", amount, 0 FROM rb_commission
     ON CONFLICT ("userId", "currencyId") DO UPDATE SET
       "claimableAmount" = EXCLUDED."claimableAmount" - "AffiliateUserStats"."claimedAmount", "updatedAt" = now()`,
    `INSERT INTO "AffiliateUserStatsUsd" ("userId", "claimableAmount", "claimedAmount", "lastBetCreatedAt")
     SELECT owner_id, sum(usd), 0, max(last_bet) FROM rb_commission GROUP BY 1
     ON CONFLICT ("userId") DO UPDATE SET
       "claimableAmount" = EXCLUDED."claimableAmount" - "AffiliateUserStatsUsd"."claimedAmount",
       "lastBetCreatedAt" = EXCLUDED."lastBetCreatedAt", "updatedAt" = now()`,

    // Per owner totals; every code owner has a row, referred players or not.
    `INSERT INTO "AffiliateOwnerStats" ("userId", "referralsCount", "depositUsdAmount", "wageredUsdAmount", "payoutUsdAmount", "commissionUsdAmount", "bonusUsdAmount", "withdrawalUsdAmount")
     SELECT o.owner_id, COALESCE(x.n, 0), COALESCE(x.d, 0), COALESCE(x.w, 0), COALESCE(x.p, 0), COALESCE(c.usd, 0), COALESCE(x.bonus, 0), COALESCE(x.wd, 0)
     FROM (SELECT DISTINCT "ownerId" AS owner_id FROM "AffiliateCode") o
     LEFT JOIN (
       SELECT r.owner_id, count(*) n, sum(s."depositedUsdAmount") d, sum(s."wageredUsdAmount") w,
              sum(s."payoutUsdAmount") p, sum(s."bonusUsdAmount") bonus, sum(s."withdrawnUsdAmount") wd
       FROM rb_ref r LEFT JOIN rb_user s ON s."userId" = r.user_id GROUP BY 1
     ) x ON x.owner_id = o.owner_id
     LEFT JOIN (SELECT owner_id, sum(usd) usd FROM rb_commission GROUP BY 1) c ON c.owner_id = o.owner_id
     ON CONFLICT ("userId") DO UPDATE SET
       "referralsCount" = EXCLUDED."referralsCount", "depositUsdAmount" = EXCLUDED."depositUsdAmount",
       "wageredUsdAmount" = EXCLUDED."wageredUsdAmount", "payoutUsdAmount" = EXCLUDED."payoutUsdAmount",
       "commissionUsdAmount" = EXCLUDED."commissionUsdAmount", "bonusUsdAmount" = EXCLUDED."bonusUsdAmount",
       "withdrawalUsdAmount" = EXCLUDED."withdrawalUsdAmount", "updatedAt" = now()`,

    // Per owner per business day.
    `DELETE FROM "AffiliateDailyStats"`,
    `INSERT INTO "AffiliateDailyStats" ("userId", "day", "signups", "depositUsdAmount", "wageredUsdAmount", "payoutUsdAmount", "commissionUsdAmount", "bonusUsdAmount", "withdrawalUsdAmount", "lastActiveReferrals")
     SELECT owner_id, day, sum(signups)::int, sum(dep), sum(w), sum(p), sum(c), sum(bonus), sum(wd), sum(last_active)::int FROM (
       SELECT owner_id, business_day(created_at) AS day, 1 AS signups, 0 dep, 0 w, 0 p, 0 c, 0 bonus, 0 wd, 0 last_active FROM rb_ref
       UNION ALL
       SELECT r.owner_id, business_day(d."createdAt"), 0, d."usdAmount", 0, 0, 0, 0, 0, 0
       FROM "Deposit" d JOIN rb_ref r ON r.user_id = d."userId"
       UNION ALL
       SELECT r.owner_id, business_day(b."createdAt"), 0, 0, sum(b."usdAmount"), sum(b."payoutUsd"), sum(b."commissionUsdAmount"), 0, 0, 0
       FROM "Bet" b JOIN rb_ref r ON r.user_id = b."userId" WHERE b."voidedAt" IS NULL GROUP BY 1, 2
       UNION ALL
       -- A grant counts on the day it was granted: the claim's activation (an INSTANT claim's moment,
       -- a deposit bonus's deposit), as the incremental path dates it — not when the ledger row was
       -- written, which for a deposit sent late is a later day.
       SELECT r.owner_id, business_day(COALESCE(c."activatedAt", l."createdAt")), 0, 0, 0, 0, 0, l."usdAmount", 0, 0
       FROM "LedgerEntry" l JOIN rb_ref r ON r.user_id = l."userId"
       LEFT JOIN "UserPromoCode" c ON c.id::text = l."sourceId"
       WHERE l.kind IN ('INSTANT_CREDIT', 'BONUS_GRANT')
       UNION ALL
       SELECT r.owner_id, business_day(w."createdAt"), 0, 0, 0, 0, 0, 0, w."usdAmount", 0
       FROM "Withdrawal" w JOIN rb_ref r ON r.user_id = w."userId"
       UNION ALL
       SELECT r.owner_id, business_day(s."lastBetAt"), 0, 0, 0, 0, 0, 0, 0, 1
       FROM rb_user s JOIN rb_ref r ON r.user_id = s."userId" WHERE s."lastBetAt" IS NOT NULL
     ) t GROUP BY 1, 2`,

    // Standings of boards still taking bets or waiting for settlement.
    `DELETE FROM "LeaderboardUser" lu USING "Leaderboard" l
     WHERE lu."leaderboardId" = l.id AND l.status IN ('ACTIVE', 'ENDED')`,
    `INSERT INTO "LeaderboardUser" ("leaderboardId", "userId", "usdAmount", "score", "scoreReachedAt")
     SELECT x.board, x."userId", x.usd,
            CASE WHEN x.type = 'WAGERED' THEN x.usd ELSE x.best END,
            CASE WHEN x.type = 'WAGERED' THEN x.last ELSE x.best_at END
     FROM (
       SELECT l.id board, l.type, b."userId", sum(b."usdAmount") usd, max(b."createdAt") last,
              max(b."payoutMultiplier") best,
              (array_agg(b."createdAt" ORDER BY b."payoutMultiplier" DESC, b."createdAt" ASC))[1] best_at
       FROM "Leaderboard" l
       JOIN "Bet" b ON b."createdAt" >= l."startDate" AND b."createdAt" < l."endDate"
       -- The player takes part (standings.ts): not blocked, not opted out, not paused at the bet.
       JOIN "User" u ON u.id = b."userId" AND ${PLAYER_COMPETES_TEXT}
       WHERE l.status IN ('ACTIVE', 'ENDED') AND b."voidedAt" IS NULL
         AND (jsonb_array_length(COALESCE(l.config->'gameIds', '[]'::jsonb)) = 0
              OR l.config->'gameIds' @> to_jsonb(b."gameId"))
         AND b."usdAmount" >= COALESCE((l.config->>'minBetUsd')::numeric, 0)
       GROUP BY l.id, l.type, b."userId"
     ) x`,
  ];
  for (const sql of statements) await tx.$executeRawUnsafe(sql);
}
