-- The outbox's fan-out moves from the causing transaction to the worker (issue #19: ingestion with
-- three endpoints subscribed must run at ≥ 0.9× the rate with none). The transaction writes the event
-- only; the worker gives each event not yet fanned out one delivery per enabled endpoint subscribed
-- to its type, and stamps it. Events already here were fanned out when written.
ALTER TABLE "WebhookEvent" ADD COLUMN "fannedOutAt" TIMESTAMPTZ(6);
UPDATE "WebhookEvent" SET "fannedOutAt" = "createdAt";
CREATE INDEX "WebhookEvent_notFannedOut_idx" ON "WebhookEvent"("createdAt") WHERE "fannedOutAt" IS NULL;
