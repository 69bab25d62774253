import { Badge } from "@/components/ui/badge";
import type { TChallengeStatus } from "@/lib/schemas/challenges";

const VARIANTS: Record<
  TChallengeStatus,
  { label: string; variant: "success" | "warning" | "muted" | "outline" | "default" }
> = {
  open: { label: "Open", variant: "success" },
  scheduled: { label: "Scheduled", variant: "outline" },
  pending: { label: "Winner to confirm", variant: "warning" },
  confirmed: { label: "Won", variant: "default" },
  ended: { label: "Ended, no winner", variant: "muted" },
};

export function ChallengeStatusBadge({ status }: { status: TChallengeStatus }) {
  const v = VARIANTS[status];
  return <Badge variant={v.variant}>{v.label}</Badge>;
}
