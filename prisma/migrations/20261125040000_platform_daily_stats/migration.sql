-- Platform-wide wagering per UTC day, for the dashboard's wagering-volume chart without scanning
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
SELECT ("createdAt" AT TIME ZONE 'UTC')::date, 0, sum("usdAmount"), sum("payoutUsd"), count(*)
FROM "Bet" GROUP BY 1;
