import { statusBadge, type TStatusLabels } from "@/components/status-badge";
import type { TWebhookDeliveryStatus } from "@/lib/schemas/webhooks";

/** In the filter's order. */
export const DELIVERY_STATUSES: TStatusLabels<TWebhookDeliveryStatus> = {
  PENDING: { label: "Pending", variant: "secondary" },
  DELIVERED: { label: "Delivered", variant: "success" },
  FAILED: { label: "Failed", variant: "warning" },
};

export const DeliveryStatusBadge = statusBadge(DELIVERY_STATUSES);
