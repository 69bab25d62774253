-- Jurisdiction rules and responsible play. The one compliance function is lib/domain/promos/compliance.ts;
-- these are its facts. Every ADD COLUMN has a constant default, so no table is rewritten.

-- CreateEnum: what a deposit bonus's wagering target multiplies.
CREATE TYPE "WageringBasis" AS ENUM ('DEPOSIT_AND_BONUS', 'BONUS');

-- AlterTable: a promo's start (NULL = at once) and wagering basis; the basis is snapshotted at activation.
ALTER TABLE "PromoCode" ADD COLUMN "startsAt" TIMESTAMPTZ(6);
ALTER TABLE "PromoCode" ADD COLUMN "wageringBasis" "WageringBasis" NOT NULL DEFAULT 'DEPOSIT_AND_BONUS';
ALTER TABLE "UserPromoCodeProgress" ADD COLUMN "wageringBasis" "WageringBasis" NOT NULL DEFAULT 'DEPOSIT_AND_BONUS';

-- AlterTable: the player's jurisdiction (else their country), opt-out and timed pause, from the users event.
ALTER TABLE "User" ADD COLUMN "jurisdiction" TEXT;
ALTER TABLE "User" ADD COLUMN "bonusOptOut" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "bonusBlockedUntil" TIMESTAMPTZ(6);
-- When the pause in force began (the users event's time), so a recompute excludes only the bets inside it.
ALTER TABLE "User" ADD COLUMN "bonusBlockedFrom" TIMESTAMPTZ(6);

-- CreateTable: a regulator's bonus rules, admin-edited; NULL = no rule.
CREATE TABLE "Jurisdiction" (
    "code" TEXT NOT NULL,
    "bonusesAllowed" BOOLEAN,
    "maxWagerMultiplier" DECIMAL(38,18),
    "maxBonusUsdAmount" DECIMAL(38,18),
    "minSecondsToComplete" INTEGER,
    "firstBonusOnly" BOOLEAN,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Jurisdiction_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "Jurisdiction_code_check" CHECK ("code" ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
    CONSTRAINT "Jurisdiction_values_check" CHECK (
      ("maxWagerMultiplier" IS NULL OR "maxWagerMultiplier" >= 0) AND
      ("maxBonusUsdAmount" IS NULL OR "maxBonusUsdAmount" >= 0) AND
      ("minSecondsToComplete" IS NULL OR "minSecondsToComplete" >= 0))
);

-- Reference data (docs/jurisdictions.md names each rule's source):
-- GB: wagering at most 10x the bonus (Gambling Commission, from 19 January 2026).
-- DK: a bonus at most DKK 1,000 (USD 155.00 at 6.45 DKK per USD, 2026-12-05) and at least 60 days to complete.
-- SE: a bonus only the first time a player plays, and at least 60 days.
-- BE: no bonuses.
INSERT INTO "Jurisdiction" ("code", "bonusesAllowed", "maxWagerMultiplier", "maxBonusUsdAmount", "minSecondsToComplete", "firstBonusOnly") VALUES
  ('GB', NULL, 10, NULL, NULL, NULL),
  ('DK', NULL, NULL, 155, 5184000, NULL),
  ('SE', NULL, NULL, NULL, 5184000, true),
  ('BE', false, NULL, NULL, NULL, NULL);
