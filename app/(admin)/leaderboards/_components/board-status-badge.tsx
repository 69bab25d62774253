import { Badge } from "@/components/ui/badge";
import type { TBoardStatus } from "@/lib/domain/leaderboards/board";

const VARIANTS: Record<
  TBoardStatus,
  { label: string; variant: "success" | "warning" | "muted" | "outline" | "default" }
> = {
  NOT_STARTED: { label: "Upcoming", variant: "outline" },
  ACTIVE: { label: "Live", variant: "success" },
  ENDED: { label: "Ended, to settle", variant: "warning" },
  SETTLEMENT: { label: "Settling", variant: "warning" },
  FINISHED: { label: "Finished", variant: "muted" },
};

export function BoardStatusBadge({ status }: { status: TBoardStatus }) {
  const v = VARIANTS[status];
  return <Badge variant={v.variant}>{v.label}</Badge>;
}
