-- AffiliateStreamer read the streamer flag by joining "User", which the planner could answer with a
-- scan of every user. An owner count is small (thousands); a per-owner index lookup keeps the
-- streamer report fast at a million users.
CREATE OR REPLACE VIEW "AffiliateStreamer" AS
SELECT
    a."userId" AS "id",
    (SELECT u."isStreamer" FROM "User" u WHERE u."id" = a."userId") AS "isStreamer",
    a."referralsCount" AS "referrals",
    a."activeReferralsCount" AS "activeReferrals",
    o."depositUsdAmount" AS "referralsDepositUsdAmount",
    a."referralsGgr" - a."earnedCommissions" - o."bonusUsdAmount" AS "profitLoss"
FROM "AffiliateAggregatedInfo" a
JOIN "AffiliateOwnerStats" o ON o."userId" = a."userId";
