-- Campaign controls: budget, deposit rule, country and segment targeting (lib/domain/promos/claim-rules.ts
-- decides; lib/server/claims/facts.ts gathers the facts). Every ADD COLUMN has a constant default,
-- so no table is rewritten.

-- CreateEnum
CREATE TYPE "DepositRule" AS ENUM ('ANY', 'FIRST_DEPOSIT', 'RELOAD');

-- AlterTable: the most USD this promo may ever grant (NULL = no budget) and what it has granted,
-- kept in the transaction of each grant. The check is the backstop of the conditional updates that
-- take from the budget: no concurrency can ever grant beyond it.
ALTER TABLE "PromoCode" ADD COLUMN "budgetUsdAmount" DECIMAL(38,18);
ALTER TABLE "PromoCode" ADD COLUMN "grantedUsdAmount" DECIMAL(38,18) NOT NULL DEFAULT 0;
ALTER TABLE "PromoCode" ADD COLUMN "depositRule" "DepositRule" NOT NULL DEFAULT 'ANY';
ALTER TABLE "PromoCode" ADD COLUMN "countries" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "PromoCode" ADD COLUMN "excludedCountries" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "PromoCode" ADD COLUMN "requiredTags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "PromoCode" ADD COLUMN "excludedTags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "PromoCode" ADD CONSTRAINT "PromoCode_budget_check"
  CHECK ("grantedUsdAmount" >= 0 AND ("budgetUsdAmount" IS NULL OR "grantedUsdAmount" <= "budgetUsdAmount"));

-- AlterTable: the player's country (ISO 3166-1 alpha-2) and the platform's segments, from the users event.
ALTER TABLE "User" ADD COLUMN "country" TEXT;
ALTER TABLE "User" ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
