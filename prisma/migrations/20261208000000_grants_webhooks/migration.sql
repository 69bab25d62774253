-- Grants and webhooks (CRM integration). A grant is the claim path itself with the CRM's id; the
-- webhook outbox is written in the transaction that caused each event, and the worker delivers it.

-- CreateEnum: how a claim came about: the player typed a code, or the CRM granted the promo.
CREATE TYPE "ClaimOrigin" AS ENUM ('CODE', 'GRANT');

-- AlterTable
ALTER TABLE "UserPromoCode" ADD COLUMN "origin" "ClaimOrigin" NOT NULL DEFAULT 'CODE';

-- CreateTable: an applied grant (a rejected one is not stored and may be sent again).
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "promoCodeId" UUID NOT NULL,
    -- The code as the grant named it (NULL when it named the promo's id): a replay is compared with it.
    "code" TEXT,
    "claimId" UUID NOT NULL,
    "apiKeyId" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Grant_claimId_key" ON "Grant"("claimId");
CREATE INDEX "Grant_userId_createdAt_idx" ON "Grant"("userId", "createdAt");
CREATE INDEX "Grant_promoCodeId_createdAt_idx" ON "Grant"("promoCodeId", "createdAt");
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_promoCodeId_fkey" FOREIGN KEY ("promoCodeId") REFERENCES "PromoCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "UserPromoCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable: where events are sent. The secret is kept (it signs); shown in full only when made.
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventTypes" TEXT[] NOT NULL,
    "secret" TEXT NOT NULL,
    -- After a rotation the old secret signs too, until it expires (24 h).
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(6),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    -- Why it was disabled when the worker did it (3 days of failures); NULL when an admin did.
    "disabledReason" TEXT,
    -- The first failed attempt since the last delivered one (NULL while healthy).
    "failingSince" TIMESTAMPTZ(6),
    "lastSuccessAt" TIMESTAMPTZ(6),
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "WebhookEndpoint_eventTypes_check" CHECK (cardinality("eventTypes") > 0)
);
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable: the outbox. `id` is the webhook-id every attempt sends; `dedupeKey` makes a once-only
-- event (a progress threshold, "expiring") once, whoever writes it.
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "userId" INTEGER,
    "dedupeKey" TEXT,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WebhookEvent_dedupeKey_key" ON "WebhookEvent"("dedupeKey");
CREATE INDEX "WebhookEvent_createdAt_idx" ON "WebhookEvent"("createdAt");

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable: one event to one endpoint, fanned out when the event is written.
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "eventId" TEXT NOT NULL,
    "endpointId" UUID NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMPTZ(6),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "lastResponse" TEXT,
    "deliveredAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WebhookDelivery_eventId_endpointId_key" ON "WebhookDelivery"("eventId", "endpointId");
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");
-- The worker claims due deliveries per endpoint (a cap per endpoint, so one slow receiver can't take every slot).
CREATE INDEX "WebhookDelivery_endpointId_status_nextAttemptAt_idx" ON "WebhookDelivery"("endpointId", "status", "nextAttemptAt");
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable: every attempt, for the delivery log.
CREATE TABLE "WebhookAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attemptedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "response" TEXT,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WebhookAttempt_deliveryId_attemptedAt_idx" ON "WebhookAttempt"("deliveryId", "attemptedAt");
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
