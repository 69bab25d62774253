-- CreateTable: every 1,000th entry of a big board with its exact position, refreshed every few
-- seconds by the worker, so one player's position deep in a million-entry board is a short count from
-- the nearest sample instead of a count over everyone ahead of them.
CREATE TABLE "LeaderboardRankSample" (
    "leaderboardId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "score" DECIMAL(38,18) NOT NULL,
    "scoreReachedAt" TIMESTAMPTZ(6) NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderboardRankSample_pkey" PRIMARY KEY ("leaderboardId","position")
);

-- AddForeignKey
ALTER TABLE "LeaderboardRankSample" ADD CONSTRAINT "LeaderboardRankSample_leaderboardId_fkey" FOREIGN KEY ("leaderboardId") REFERENCES "Leaderboard"("id") ON DELETE CASCADE ON UPDATE CASCADE;
