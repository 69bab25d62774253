-- Money out: withdrawals (SPEC "Money out"). A withdrawal is stored like a deposit (idempotent by
-- id), adds to the player's withdrawn USD and to their referrer's rollups, and — under a promo's
-- FORFEIT policy — cancels an ACTIVE bonus whose window holds it (lib/server/ingest/withdrawals.ts).
-- Every ADD COLUMN has a constant default, so no table is rewritten; the affiliate views name their
-- columns and are unaffected.

-- CreateEnum
CREATE TYPE "WithdrawalPolicy" AS ENUM ('FORFEIT', 'KEEP');

-- AlterTable: what a withdrawal does to an ACTIVE bonus of this promo.
ALTER TABLE "PromoCode" ADD COLUMN "withdrawalPolicy" "WithdrawalPolicy" NOT NULL DEFAULT 'FORFEIT';

-- CreateTable
CREATE TABLE "Withdrawal" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "currencyId" "CurrencyId" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "usdAmount" DECIMAL(38,18) NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "ingestedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Withdrawal_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Withdrawal_amount_check" CHECK ("amount" > 0 AND "usdAmount" >= 0)
);

-- CreateIndex
CREATE INDEX "Withdrawal_userId_createdAt_idx" ON "Withdrawal"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "Withdrawal" ADD CONSTRAINT "Withdrawal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable: the player's lifetime withdrawals in USD, and the referrer's (all time and per business day).
ALTER TABLE "UserStatsUsd" ADD COLUMN "withdrawnUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0;
ALTER TABLE "AffiliateOwnerStats" ADD COLUMN "withdrawalUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0;
ALTER TABLE "AffiliateDailyStats" ADD COLUMN "withdrawalUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0;
