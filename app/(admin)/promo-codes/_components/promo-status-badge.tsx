import { statusBadge, type TStatusLabels } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import type { TPromoStatus } from "@/lib/server/promo-codes/queries";

/** In the list filter's order. */
export const PROMO_STATUSES: TStatusLabels<TPromoStatus> = {
  active: { label: "Active", variant: "success" },
  scheduled: { label: "Scheduled", variant: "secondary" },
  expired: { label: "Expired", variant: "warning" },
  exhausted: { label: "Exhausted", variant: "warning" },
  inactive: { label: "Inactive", variant: "muted" },
};

export const PromoStatusBadge = statusBadge(PROMO_STATUSES);

const CLAIM_VARIANTS = {
  CLAIMED: "outline",
  ACTIVE: "default",
  COMPLETED: "success",
  EXPIRED: "warning",
  CANCELLED: "muted",
} as const;

export function ClaimStatusBadge({ status }: { status: keyof typeof CLAIM_VARIANTS }) {
  return <Badge variant={CLAIM_VARIANTS[status]}>{status.charAt(0) + status.slice(1).toLowerCase()}</Badge>;
}
