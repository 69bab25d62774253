-- Rollover's initial schema. Written to match what `prisma migrate dev` generates for
-- prisma/schema.prisma (names, types, defaults), plus what Prisma's schema can't say: the operator id
-- sequence, CHECK constraints and the SQL views. tests/integration/drift.test.ts guards the match.

-- CreateSequence: operators take ids from a range the platform never uses.
CREATE SEQUENCE "operator_user_id_seq" AS INTEGER START WITH 1000000000 MINVALUE 1000000000 MAXVALUE 2147483647;

-- CreateEnum
CREATE TYPE "CurrencyId" AS ENUM ('BTC', 'ETH', 'LTC', 'USDT', 'USDC', 'SOL', 'DOGE', 'TRX', 'USD');

-- CreateEnum
CREATE TYPE "KycLevel" AS ENUM ('NONE', 'LEVEL_1', 'LEVEL_2', 'LEVEL_3');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('PLAYER', 'SUPPORT', 'AFFILIATE_MANAGER', 'PROMO_MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "PromoCodeType" AS ENUM ('INSTANT', 'DEPOSIT');

-- CreateEnum
CREATE TYPE "UserPromoCodeStatus" AS ENUM ('CLAIMED', 'ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LeaderboardType" AS ENUM ('WAGERED', 'MULTIPLIER');

-- CreateEnum
CREATE TYPE "LeaderboardStatus" AS ENUM ('NOT_STARTED', 'ACTIVE', 'ENDED', 'SETTLEMENT', 'FINISHED');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('INSTANT_CREDIT', 'BONUS_GRANT', 'BONUS_RELEASE', 'BONUS_FORFEIT', 'CHALLENGE_REWARD', 'LEADERBOARD_PRIZE', 'COMMISSION_CLAIM');

-- CreateEnum
CREATE TYPE "BalanceBucket" AS ENUM ('CASH', 'BONUS');

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL DEFAULT nextval('operator_user_id_seq'::regclass),
    "username" TEXT NOT NULL,
    "affiliateCodeId" TEXT,
    "kycLevel" "KycLevel" NOT NULL DEFAULT 'NONE',
    "role" "UserRole" NOT NULL DEFAULT 'PLAYER',
    "email" TEXT,
    "passwordHash" TEXT,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "bonusBlocked" BOOLEAN NOT NULL DEFAULT false,
    "isStreamer" BOOLEAN NOT NULL DEFAULT false,
    "sourceUpdatedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
    -- Operators have an email and a non-player role; platform users have neither.
    CONSTRAINT "User_operator_check" CHECK (("role" = 'PLAYER') = ("email" IS NULL))
);

-- CreateTable
CREATE TABLE "Game" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "houseEdge" DECIMAL(38,18) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Game_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Game_houseEdge_check" CHECK ("houseEdge" >= 0 AND "houseEdge" < 1)
);

-- CreateTable
CREATE TABLE "Currency" (
    "id" "CurrencyId" NOT NULL,
    "name" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Currency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurrencyRate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "currencyId" "CurrencyId" NOT NULL,
    "usdRate" DECIMAL(38,18) NOT NULL,
    "validFrom" TIMESTAMPTZ(6) NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurrencyRate_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CurrencyRate_usdRate_check" CHECK ("usdRate" > 0)
);

-- CreateTable
CREATE TABLE "PromoCode" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "createdById" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "type" "PromoCodeType" NOT NULL,
    "code" TEXT NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "currencyId" "CurrencyId" NOT NULL,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "isHidden" BOOLEAN NOT NULL DEFAULT false,
    "isActive" BOOLEAN DEFAULT true,
    "expiresAt" TIMESTAMPTZ(6),
    "claimsLeft" INTEGER,
    "minKYCLevelToClaim" "KycLevel" NOT NULL DEFAULT 'NONE',
    "minTotalWagerUsdToClaim" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "bonusMultiplier" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "maxBonusUsdAmount" DECIMAL(38,18),
    "timeSecondsToComplete" INTEGER,
    "wagerMultiplierToComplete" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "affiliateCodeId" TEXT,
    "deactivatedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromoCode_pkey" PRIMARY KEY ("id"),
    -- true or NULL, never false, so [code, isActive] is "one active promo per code".
    CONSTRAINT "PromoCode_isActive_check" CHECK ("isActive"),
    CONSTRAINT "PromoCode_code_check" CHECK ("code" = upper("code") AND length("code") BETWEEN 1 AND 64),
    CONSTRAINT "PromoCode_claimsLeft_check" CHECK ("claimsLeft" IS NULL OR "claimsLeft" >= 0),
    CONSTRAINT "PromoCode_amounts_check" CHECK ("amount" >= 0 AND "minTotalWagerUsdToClaim" >= 0 AND "bonusMultiplier" >= 0 AND "wagerMultiplierToComplete" >= 0 AND ("maxBonusUsdAmount" IS NULL OR "maxBonusUsdAmount" >= 0)),
    CONSTRAINT "PromoCode_deposit_time_check" CHECK ("type" <> 'DEPOSIT' OR COALESCE("timeSecondsToComplete", 0) > 0),
    CONSTRAINT "PromoCode_private_check" CHECK ("isPublic" OR "affiliateCodeId" IS NOT NULL)
);

-- CreateTable
CREATE TABLE "UserPromoCode" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" INTEGER NOT NULL,
    "promoCodeId" UUID NOT NULL,
    "isActive" BOOLEAN,
    "status" "UserPromoCodeStatus" NOT NULL,
    "activatedAt" TIMESTAMPTZ(6),
    "endedAt" TIMESTAMPTZ(6),
    "cancelReason" TEXT,
    "depositId" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserPromoCode_pkey" PRIMARY KEY ("id"),
    -- isActive is true exactly while the claim is open (CLAIMED or ACTIVE), else NULL.
    CONSTRAINT "UserPromoCode_isActive_check" CHECK (
        ("status" IN ('CLAIMED', 'ACTIVE') AND "isActive" IS TRUE)
        OR ("status" NOT IN ('CLAIMED', 'ACTIVE') AND "isActive" IS NULL)
    )
);

-- CreateTable
CREATE TABLE "UserPromoCodeProgress" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" INTEGER NOT NULL,
    "promoCodeId" UUID NOT NULL,
    "activatedAt" TIMESTAMPTZ(6) NOT NULL,
    "expiresAt" TIMESTAMPTZ(6) NOT NULL,
    "baseUsdAmount" DECIMAL(38,18) NOT NULL,
    "bonusUsdAmount" DECIMAL(38,18) NOT NULL,
    "bonusAmount" DECIMAL(38,18) NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "wagerMultiplierToComplete" DECIMAL(38,18) NOT NULL,
    "wagerUsdAmountToComplete" DECIMAL(38,18) NOT NULL,
    "wageredUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "maxBetViolations" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserPromoCodeProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromoGameWhitelist" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "promoCodeId" UUID NOT NULL,
    "gameId" INTEGER NOT NULL,
    "maxBetAmount" DECIMAL(38,18),
    "wagerMultiplier" DECIMAL(38,18) NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromoGameWhitelist_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PromoGameWhitelist_values_check" CHECK ("wagerMultiplier" >= 0 AND ("maxBetAmount" IS NULL OR "maxBetAmount" > 0))
);

-- CreateTable
CREATE TABLE "Challenge" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "createdById" INTEGER NOT NULL,
    "defaultTitle" TEXT NOT NULL,
    "targetGameId" INTEGER NOT NULL,
    "minBetAmountUsd" DECIMAL(38,18) NOT NULL,
    "minBetMultiplier" DECIMAL(38,18) NOT NULL,
    "rewardCurrency" "CurrencyId" NOT NULL,
    "rewardAmount" DECIMAL(38,18) NOT NULL,
    "rewardUsdAmount" DECIMAL(38,18) NOT NULL,
    "rewardUsdRate" DECIMAL(38,18) NOT NULL,
    "winnerId" INTEGER,
    "winnerSelectedAt" TIMESTAMPTZ(6),
    "winnerConfirmedById" INTEGER,
    "winnerConfirmedAt" TIMESTAMPTZ(6),
    "betId" TEXT,
    "isHidden" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" TIMESTAMPTZ(6),
    "endsAt" TIMESTAMPTZ(6),
    "rejections" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Challenge_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Challenge_values_check" CHECK ("minBetAmountUsd" >= 0 AND "minBetMultiplier" >= 0 AND "rewardAmount" > 0),
    CONSTRAINT "Challenge_window_check" CHECK ("startsAt" IS NULL OR "endsAt" IS NULL OR "startsAt" < "endsAt")
);

-- CreateTable
CREATE TABLE "Leaderboard" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "type" "LeaderboardType" NOT NULL,
    "config" JSONB NOT NULL,
    "startDate" TIMESTAMPTZ(6) NOT NULL,
    "endDate" TIMESTAMPTZ(6) NOT NULL,
    "status" "LeaderboardStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "scheduleId" UUID,
    "createdById" INTEGER,
    "settledAt" TIMESTAMPTZ(6),
    "finishedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Leaderboard_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Leaderboard_window_check" CHECK ("startDate" < "endDate")
);

-- CreateTable
CREATE TABLE "LeaderboardUser" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" INTEGER NOT NULL,
    "leaderboardId" UUID NOT NULL,
    "usdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "score" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "scoreReachedAt" TIMESTAMPTZ(6) NOT NULL,
    "remainingUsdPrize" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "prizeUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "isWinner" BOOLEAN NOT NULL DEFAULT false,
    "finalPosition" INTEGER,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderboardUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaderboardSchedule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "config" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderboardSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AffiliateCode" (
    "id" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "wageredUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "allowCommissionBonus" BOOLEAN NOT NULL DEFAULT true,
    "commissionRate" DECIMAL(38,18),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffiliateCode_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AffiliateCode_id_check" CHECK ("id" = upper("id") AND "id" ~ '^[A-Z0-9_-]{3,32}$'),
    CONSTRAINT "AffiliateCode_commissionRate_check" CHECK ("commissionRate" IS NULL OR ("commissionRate" >= 0 AND "commissionRate" <= 1))
);

-- CreateTable
CREATE TABLE "AffiliateUserStats" (
    "userId" INTEGER NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "claimableAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "claimedAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffiliateUserStats_pkey" PRIMARY KEY ("userId","currencyId")
);

-- CreateTable
CREATE TABLE "AffiliateUserStatsUsd" (
    "userId" INTEGER NOT NULL,
    "claimableAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "claimedAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "lastBetCreatedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffiliateUserStatsUsd_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "AffiliateOwnerStats" (
    "userId" INTEGER NOT NULL,
    "referralsCount" INTEGER NOT NULL DEFAULT 0,
    "depositUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "wageredUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "payoutUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "commissionUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "bonusUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffiliateOwnerStats_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "AffiliateDailyStats" (
    "userId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "signups" INTEGER NOT NULL DEFAULT 0,
    "depositUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "wageredUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "payoutUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "commissionUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "bonusUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "lastActiveReferrals" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffiliateDailyStats_pkey" PRIMARY KEY ("userId","day")
);

-- CreateTable
CREATE TABLE "Deposit" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "usdAmount" DECIMAL(38,18) NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "ingestedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deposit_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Deposit_amount_check" CHECK ("amount" > 0 AND "usdAmount" >= 0)
);

-- CreateTable
CREATE TABLE "Bet" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "gameId" INTEGER NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "usdAmount" DECIMAL(38,18) NOT NULL,
    "payout" DECIMAL(38,18) NOT NULL,
    "payoutUsd" DECIMAL(38,18) NOT NULL,
    "payoutMultiplier" DECIMAL(38,18) NOT NULL,
    "commissionAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "commissionUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "ingestedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bet_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Bet_amount_check" CHECK ("amount" > 0 AND "usdAmount" >= 0 AND "payout" >= 0 AND "payoutUsd" >= 0 AND "payoutMultiplier" >= 0)
);

-- CreateTable
CREATE TABLE "UserStatsUsd" (
    "userId" INTEGER NOT NULL,
    "wageredUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "payoutUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "depositedUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "bonusUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "lastBetAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserStatsUsd_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" BIGSERIAL NOT NULL,
    "txId" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "userId" INTEGER NOT NULL,
    "kind" "LedgerKind" NOT NULL,
    "bucket" "BalanceBucket" NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "usdAmount" DECIMAL(38,18) NOT NULL,
    "usdRate" DECIMAL(38,18) NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Balance" (
    "userId" INTEGER NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "bucket" "BalanceBucket" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Balance_pkey" PRIMARY KEY ("userId","currencyId","bucket")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" INTEGER,
    "lastUsedAt" TIMESTAMPTZ(6),
    "revokedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "operatorId" INTEGER,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(6) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "User_affiliateCodeId_idx" ON "User"("affiliateCodeId");

-- CreateIndex
CREATE INDEX "User_username_idx" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "CurrencyRate_currencyId_validFrom_key" ON "CurrencyRate"("currencyId", "validFrom");

-- CreateIndex
CREATE INDEX "PromoCode_code_idx" ON "PromoCode"("code");

-- CreateIndex
CREATE INDEX "PromoCode_createdAt_idx" ON "PromoCode"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PromoCode_code_isActive_key" ON "PromoCode"("code", "isActive");

-- CreateIndex
CREATE INDEX "UserPromoCode_promoCodeId_status_idx" ON "UserPromoCode"("promoCodeId", "status");

-- CreateIndex
CREATE INDEX "UserPromoCode_status_createdAt_idx" ON "UserPromoCode"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserPromoCode_promoCodeId_userId_key" ON "UserPromoCode"("promoCodeId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserPromoCode_userId_isActive_key" ON "UserPromoCode"("userId", "isActive");

-- CreateIndex
CREATE INDEX "UserPromoCodeProgress_userId_expiresAt_idx" ON "UserPromoCodeProgress"("userId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserPromoCodeProgress_promoCodeId_userId_key" ON "UserPromoCodeProgress"("promoCodeId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PromoGameWhitelist_promoCodeId_gameId_key" ON "PromoGameWhitelist"("promoCodeId", "gameId");

-- CreateIndex
CREATE INDEX "Challenge_targetGameId_winnerConfirmedAt_idx" ON "Challenge"("targetGameId", "winnerConfirmedAt");

-- CreateIndex
CREATE INDEX "Leaderboard_status_startDate_idx" ON "Leaderboard"("status", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "Leaderboard_scheduleId_startDate_key" ON "Leaderboard"("scheduleId", "startDate");

-- CreateIndex
CREATE INDEX "LeaderboardUser_standing_idx" ON "LeaderboardUser"("leaderboardId", "score" DESC, "scoreReachedAt", "userId");

-- CreateIndex
CREATE INDEX "LeaderboardUser_userId_idx" ON "LeaderboardUser"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LeaderboardUser_leaderboardId_userId_key" ON "LeaderboardUser"("leaderboardId", "userId");

-- CreateIndex
CREATE INDEX "AffiliateCode_ownerId_idx" ON "AffiliateCode"("ownerId");

-- CreateIndex
CREATE INDEX "AffiliateDailyStats_day_idx" ON "AffiliateDailyStats"("day");

-- CreateIndex
CREATE INDEX "Deposit_userId_createdAt_idx" ON "Deposit"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Bet_userId_createdAt_idx" ON "Bet"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Bet_gameId_createdAt_idx" ON "Bet"("gameId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_userId_id_idx" ON "LedgerEntry"("userId", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_kind_createdAt_idx" ON "LedgerEntry"("kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_kind_sourceId_key" ON "LedgerEntry"("kind", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_operatorId_createdAt_idx" ON "AuditLog"("operatorId", "createdAt");

-- CreateIndex
CREATE INDEX "RateLimitCounter_windowStart_idx" ON "RateLimitCounter"("windowStart");

-- CreateIndex: the credits feed reads entries in (txId, id) order.
CREATE INDEX "LedgerEntry_feed_idx" ON "LedgerEntry"("txId", "id");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_affiliateCodeId_fkey" FOREIGN KEY ("affiliateCodeId") REFERENCES "AffiliateCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurrencyRate" ADD CONSTRAINT "CurrencyRate_currencyId_fkey" FOREIGN KEY ("currencyId") REFERENCES "Currency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurrencyRate" ADD CONSTRAINT "CurrencyRate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromoCode" ADD CONSTRAINT "PromoCode_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromoCode" ADD CONSTRAINT "PromoCode_affiliateCodeId_fkey" FOREIGN KEY ("affiliateCodeId") REFERENCES "AffiliateCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPromoCode" ADD CONSTRAINT "UserPromoCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPromoCode" ADD CONSTRAINT "UserPromoCode_promoCodeId_fkey" FOREIGN KEY ("promoCodeId") REFERENCES "PromoCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPromoCodeProgress" ADD CONSTRAINT "UserPromoCodeProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPromoCodeProgress" ADD CONSTRAINT "UserPromoCodeProgress_promoCodeId_fkey" FOREIGN KEY ("promoCodeId") REFERENCES "PromoCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromoGameWhitelist" ADD CONSTRAINT "PromoGameWhitelist_promoCodeId_fkey" FOREIGN KEY ("promoCodeId") REFERENCES "PromoCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromoGameWhitelist" ADD CONSTRAINT "PromoGameWhitelist_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_targetGameId_fkey" FOREIGN KEY ("targetGameId") REFERENCES "Game"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_winnerId_fkey" FOREIGN KEY ("winnerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_winnerConfirmedById_fkey" FOREIGN KEY ("winnerConfirmedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_betId_fkey" FOREIGN KEY ("betId") REFERENCES "Bet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Leaderboard" ADD CONSTRAINT "Leaderboard_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "LeaderboardSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderboardUser" ADD CONSTRAINT "LeaderboardUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderboardUser" ADD CONSTRAINT "LeaderboardUser_leaderboardId_fkey" FOREIGN KEY ("leaderboardId") REFERENCES "Leaderboard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliateCode" ADD CONSTRAINT "AffiliateCode_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliateUserStats" ADD CONSTRAINT "AffiliateUserStats_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliateUserStatsUsd" ADD CONSTRAINT "AffiliateUserStatsUsd_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliateOwnerStats" ADD CONSTRAINT "AffiliateOwnerStats_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deposit" ADD CONSTRAINT "Deposit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserStatsUsd" ADD CONSTRAINT "UserStatsUsd_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Balance" ADD CONSTRAINT "Balance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The ledger is append-only: nothing may change or remove an entry once written.
CREATE FUNCTION "ledger_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'LedgerEntry is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
    FOR EACH ROW EXECUTE FUNCTION "ledger_entry_append_only"();

-- The business day is cut in BUSINESS_TIME_ZONE; the migration runner stores it as a database
-- setting (rollover.business_time_zone). Views fall back to UTC when it is unset.
CREATE FUNCTION "business_today"() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT (now() AT TIME ZONE COALESCE(NULLIF(current_setting('rollover.business_time_zone', true), ''), 'UTC'))::date
$$;

-- CreateView: the live rank of every entry in its board.
CREATE VIEW "LeaderboardUserPositionView" AS
SELECT
    lu."id",
    lu."leaderboardId",
    lu."userId",
    row_number() OVER (
        PARTITION BY lu."leaderboardId"
        ORDER BY lu."score" DESC, lu."scoreReachedAt" ASC, lu."userId" ASC
    ) AS "position"
FROM "LeaderboardUser" lu;

-- CreateView: per code owner, read from the per-owner rollups (never grouping referred players).
-- Active referrals = referred players whose latest bet fell within the last 30 business days.
CREATE VIEW "AffiliateAggregatedInfo" AS
SELECT
    o."userId",
    COALESCE(s."claimableAmount", 0) + COALESCE(s."claimedAmount", 0) AS "earnedCommissions",
    COALESCE(s."claimableAmount", 0) AS "unclaimedCommissions",
    o."referralsCount",
    COALESCE((
        SELECT sum(d."lastActiveReferrals")
        FROM "AffiliateDailyStats" d
        WHERE d."userId" = o."userId" AND d."day" > business_today() - 30
    ), 0)::integer AS "activeReferralsCount",
    o."wageredUsdAmount" - o."payoutUsdAmount" AS "referralsGgr"
FROM "AffiliateOwnerStats" o
LEFT JOIN "AffiliateUserStatsUsd" s ON s."userId" = o."userId";

-- CreateView: the streamer report's figures per code owner.
CREATE VIEW "AffiliateStreamer" AS
SELECT
    a."userId" AS "id",
    u."isStreamer",
    a."referralsCount" AS "referrals",
    a."activeReferralsCount" AS "activeReferrals",
    o."depositUsdAmount" AS "referralsDepositUsdAmount",
    a."referralsGgr" - a."earnedCommissions" - o."bonusUsdAmount" AS "profitLoss"
FROM "AffiliateAggregatedInfo" a
JOIN "AffiliateOwnerStats" o ON o."userId" = a."userId"
JOIN "User" u ON u."id" = a."userId";
