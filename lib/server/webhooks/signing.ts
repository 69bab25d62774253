import "server-only";

import { randomBytes } from "node:crypto";

import { Webhook } from "standardwebhooks";

// Standard Webhooks signatures (SPEC §2): `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed
// with the secret's decoded bytes. Signed by the standardwebhooks package itself, so a receiver
// using any Standard Webhooks verifier accepts it by construction (tests/unit/webhook-signing.test.ts
// holds it to the specification's published vector).

const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 24;

/** A new endpoint secret: whsec_ + base64 of 24 random bytes (Standard Webhooks' format). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

/**
 * The webhook-signature header: one `v1,<b64>` per secret, space-separated (a receiver accepts the
 * message when any of them verifies: during a rotation, with either the old or the new secret).
 */
export function signatureHeader(secrets: string[], msgId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(" ");
}

type TEndpointSecrets = { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null };

/** The secrets that sign now: the current one, and the previous one while its 24 h after a rotation last. */
export function activeSecrets(endpoint: TEndpointSecrets, now: Date = new Date()): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = endpoint;
  const isPreviousValid = previousSecret !== null && previousSecretExpiresAt !== null && previousSecretExpiresAt > now;
  return isPreviousValid ? [secret, previousSecret] : [secret];
}
