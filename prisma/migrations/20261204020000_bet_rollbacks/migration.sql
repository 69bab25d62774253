-- Corrections: bet rollbacks (SPEC "Corrections: bet rollbacks", issue #15). A rollback voids one bet:
-- the bet row stays and gains voidedAt / voidReason / rollbackId, and every figure it fed is moved
-- back (lib/server/ingest/bet-rollbacks.ts). A rollback may arrive before its bet, so BetRollback has
-- no foreign key to Bet; appliedAt stays NULL until the bet is stored (already voided).
-- BetRolloverContribution records what each bet added to each progress when it was counted, so a void
-- subtracts exactly that even if the promo's whitelist changed since.
-- Every ADD COLUMN is nullable or has a constant default, so no table is rewritten.

-- AlterTable
ALTER TABLE "Bet" ADD COLUMN "voidedAt" TIMESTAMPTZ(6),
ADD COLUMN "voidReason" TEXT,
ADD COLUMN "rollbackId" TEXT;

-- CreateTable
CREATE TABLE "BetRollback" (
    "id" TEXT NOT NULL,
    "betId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "ingestedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMPTZ(6),

    CONSTRAINT "BetRollback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BetRollback_betId_key" ON "BetRollback"("betId");

-- CreateTable
CREATE TABLE "BetRolloverContribution" (
    "betId" TEXT NOT NULL,
    "progressId" UUID NOT NULL,
    "usdAmount" DECIMAL(38,18) NOT NULL,
    "violation" BOOLEAN NOT NULL,

    CONSTRAINT "BetRolloverContribution_pkey" PRIMARY KEY ("betId","progressId")
);

-- CreateIndex
CREATE INDEX "BetRolloverContribution_progressId_idx" ON "BetRolloverContribution"("progressId");

-- AddForeignKey
ALTER TABLE "BetRolloverContribution" ADD CONSTRAINT "BetRolloverContribution_progressId_fkey" FOREIGN KEY ("progressId") REFERENCES "UserPromoCodeProgress"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable: the rollover a void took back after the bonus had ended (the bonus itself is final).
ALTER TABLE "UserPromoCode" ADD COLUMN "voidedAfterEndUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0;
