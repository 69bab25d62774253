import { Badge } from "@/components/ui/badge";

const VARIANTS = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "warning" },
  exhausted: { label: "Exhausted", variant: "warning" },
  inactive: { label: "Inactive", variant: "muted" },
} as const;

export function PromoStatusBadge({ status }: { status: keyof typeof VARIANTS }) {
  const v = VARIANTS[status];
  return <Badge variant={v.variant}>{v.label}</Badge>;
}

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
