"use server";

import {
  ZWebhookDeliveryIdInput,
  ZWebhookEndpointEnabledInput,
  ZWebhookEndpointForm,
  ZWebhookEndpointIdInput,
  ZWebhookEndpointUpdateInput,
} from "@/lib/schemas/webhooks";
import { writeActions } from "@/lib/server/action-client";
import { resendDelivery, sendPing } from "@/lib/server/webhooks/deliver";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
} from "@/lib/server/webhooks/mutations";

// ADMIN only (webhooks.admin, re-checked on every call). The list, each endpoint's delivery log and
// its deliveries' pages sit under /settings/webhooks: all revalidated after a write.
const webhooks = writeActions("webhooks.admin", [["/settings/webhooks", "layout"]]);

// The answer carries the new secret: the only time it leaves the server.
export const createWebhookEndpointAction = webhooks.form(ZWebhookEndpointForm, (input, op) => createWebhookEndpoint(op, input));

export const updateWebhookEndpointAction = webhooks.form(ZWebhookEndpointUpdateInput, ({ id, ...input }, op) => updateWebhookEndpoint(op, id, input));

// The new secret, shown once; the old one keeps signing for 24 h.
export const rotateWebhookSecretAction = webhooks.write(ZWebhookEndpointIdInput, (input, op) => rotateWebhookSecret(op, input.id));

export const setWebhookEndpointEnabledAction = webhooks.write(ZWebhookEndpointEnabledInput, (input, op) =>
  setWebhookEndpointEnabled(op, input.id, input.enabled),
);

export const deleteWebhookEndpointAction = webhooks.write(ZWebhookEndpointIdInput, (input, op) => deleteWebhookEndpoint(op, input.id));

// The test button: a `ping` to this endpoint now, and what the receiver answered (status, error, time).
export const pingWebhookEndpointAction = webhooks.write(ZWebhookEndpointIdInput, (input) => sendPing(input.id));

export const resendWebhookDeliveryAction = webhooks.write(ZWebhookDeliveryIdInput, (input) => resendDelivery(input.deliveryId));
