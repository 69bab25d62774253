import "server-only";

import { AppError } from "@/lib/domain/errors";
import type { TWebhookEndpointForm } from "@/lib/schemas/webhooks";
import { writeAudit, writeSwitchAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db, type TTx } from "@/lib/server/db";
import { checkWebhookUrl } from "@/lib/server/webhooks/address";
import { generateWebhookSecret } from "@/lib/server/webhooks/signing";

// Settings → Webhooks (ADMIN; the actions check the permission). Each write is one transaction with
// its audit row. A secret is returned once, to the action that shows it, and never written to an
// audit row or a log: the audit records that a secret was made or rotated, not its value.

const ENTITY = "WebhookEndpoint";
/** After a rotation the old secret still signs (both signatures are sent) for this long. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 3_600_000;

/** An endpoint as the audit log shows it: what an admin set, no secret. */
type TAuditView = { url: string; description: string; eventTypes: string[]; enabled: boolean };

const notFound = () => new AppError("NOT_FOUND", "This endpoint no longer exists (deleted meanwhile?); reload the page.");

/**
 * The URL's address must be one Rollover may call (SPEC §7): resolved and checked here, before any
 * transaction (a DNS lookup holds nothing), and again by the worker at every attempt.
 */
async function assertCallable(url: string) {
  const checked = await checkWebhookUrl(url);
  if (!checked.ok) throw new AppError("ADDRESS_REFUSED", checked.reason, { field: "url" });
}

/** The row as the audit log shows it, locked for this transaction. */
async function lockedView(tx: TTx, id: string) {
  const [row] = await tx.$queryRaw<(TAuditView & { id: string })[]>`
    SELECT id, url, description, "eventTypes", enabled FROM "WebhookEndpoint" WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw notFound();
  return { url: row.url, description: row.description, eventTypes: row.eventTypes, enabled: row.enabled } satisfies TAuditView;
}

/** Creates an endpoint with a new secret; the secret is in the answer, this once. */
export async function createWebhookEndpoint(operator: TOperator, input: TWebhookEndpointForm): Promise<{ id: string; url: string; secret: string }> {
  await assertCallable(input.url);
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { url: input.url, description: input.description, eventTypes: input.eventTypes, enabled: input.enabled, secret, createdById: operator.id },
      select: { id: true, url: true, description: true, eventTypes: true, enabled: true },
    });
    const after: TAuditView = { url: row.url, description: row.description, eventTypes: row.eventTypes, enabled: row.enabled };
    await writeAudit(tx, { operator, action: "webhook_endpoint.create", entityType: ENTITY, entityId: row.id, after });
    return { id: row.id, url: row.url, secret };
  });
}

/**
 * Replaces what an admin sets (URL, description, event types, enabled). Turning an endpoint back on
 * clears why it was off and its failing streak, so the worker's 3-day rule starts afresh; turning it
 * off here leaves no reason (the admin did it).
 */
export async function updateWebhookEndpoint(operator: TOperator, id: string, input: TWebhookEndpointForm): Promise<{ id: string }> {
  await assertCallable(input.url);
  return db.$transaction(async (tx) => {
    const before = await lockedView(tx, id);
    const after: TAuditView = { url: input.url, description: input.description, eventTypes: input.eventTypes, enabled: input.enabled };
    await tx.webhookEndpoint.update({
      where: { id },
      data: { ...after, ...enabledChange(before.enabled, input.enabled) },
    });
    await writeAudit(tx, { operator, action: "webhook_endpoint.update", entityType: ENTITY, entityId: id, before, after });
    return { id };
  });
}

function enabledChange(before: boolean, after: boolean) {
  if (before === after) return {};
  return after ? { disabledReason: null, failingSince: null } : { disabledReason: null };
}

/** The list's on/off switch. */
export async function setWebhookEndpointEnabled(operator: TOperator, id: string, enabled: boolean): Promise<{ id: string; enabled: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await lockedView(tx, id);
    if (before.enabled !== enabled) {
      await tx.webhookEndpoint.update({ where: { id }, data: { enabled, ...enabledChange(before.enabled, enabled) } });
    }
    await writeSwitchAudit(tx, {
      operator,
      actions: ["webhook_endpoint.enable", "webhook_endpoint.disable"],
      entityType: ENTITY,
      entityId: id,
      flag: "enabled",
      before: before.enabled,
      after: enabled,
    });
    return { id, enabled };
  });
}

/**
 * A new secret, returned once; the one it replaces keeps signing for 24 h (each delivery carries both
 * signatures meanwhile), so a receiver can switch without losing a message. A second rotation within
 * the 24 h replaces the previous secret: only the last two ever sign.
 */
export async function rotateWebhookSecret(operator: TOperator, id: string): Promise<{ id: string; secret: string; previousSecretExpiresAt: string }> {
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    await lockedView(tx, id);
    const [row] = await tx.$queryRaw<{ expiresAt: Date }[]>`
      UPDATE "WebhookEndpoint"
      SET "previousSecret" = secret, secret = ${secret},
          "previousSecretExpiresAt" = now() + ${PREVIOUS_SECRET_VALID_MS / 1000}::int * interval '1 second', "updatedAt" = now()
      WHERE id = ${id}::uuid
      RETURNING "previousSecretExpiresAt" AS "expiresAt"`;
    const previousSecretExpiresAt = row.expiresAt.toISOString();
    // The fact and the old secret's end, never a secret.
    await writeAudit(tx, {
      operator,
      action: "webhook_endpoint.rotate_secret",
      entityType: ENTITY,
      entityId: id,
      after: { secretRotated: true, previousSecretValidUntil: previousSecretExpiresAt },
    });
    return { id, secret, previousSecretExpiresAt };
  });
}

/** Deletes the endpoint and, with it, its deliveries and their attempts (the events stay for other endpoints). */
export async function deleteWebhookEndpoint(operator: TOperator, id: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const before = await lockedView(tx, id);
    await tx.webhookEndpoint.delete({ where: { id } });
    await writeAudit(tx, { operator, action: "webhook_endpoint.delete", entityType: ENTITY, entityId: id, before });
    return { id };
  });
}
