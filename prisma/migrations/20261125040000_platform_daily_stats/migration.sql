-- The business day of a moment (BUSINESS_TIME_ZONE, stored by the migration runner as a database
-- setting; UTC when unset): the dashboard's days and the platform rollup below are cut with it.
CREATE FUNCTION "business_day"(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
    SELECT (at AT TIME ZONE COALESCE(NULLIF(current_setting('rollover.business_time_zone', true), ''), 'UTC'))::date
$$;

-- Platform-wide wagering per business day, for the dashboard's wagering-volume chart without scanning
-- bets. Bet ingestion adds each batch's totals; concurrent batches write to one of 8 shard rows per
-- day (chosen by transaction id) so they don't all queue on one hot row. Reads sum the shards.
CREATE TABLE "PlatformDailyStats" (
    "day" DATE NOT NULL,
    "shard" SMALLINT NOT NULL,
    "wageredUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "payoutUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "betCount" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformDailyStats_pkey" PRIMARY KEY ("day", "shard")
);

-- Backfill from the bets already stored.
INSERT INTO "PlatformDailyStats" ("day", "shard", "wageredUsdAmount", "payoutUsdAmount", "betCount")
SELECT business_day("createdAt"), 0, sum("usdAmount"), sum("payoutUsd"), count(*)
FROM "Bet" GROUP BY 1;
