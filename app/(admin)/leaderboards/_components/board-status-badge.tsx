import { statusBadge, type TStatusLabels } from "@/components/status-badge";
import type { TBoardStatus } from "@/lib/domain/leaderboards/board";

/** In the list filter's order. */
export const BOARD_STATUSES: TStatusLabels<TBoardStatus> = {
  ACTIVE: { label: "Live", variant: "success" },
  NOT_STARTED: { label: "Upcoming", variant: "outline" },
  ENDED: { label: "Ended, to settle", variant: "warning" },
  SETTLEMENT: { label: "Settling", variant: "warning" },
  FINISHED: { label: "Finished", variant: "muted" },
};

export const BoardStatusBadge = statusBadge(BOARD_STATUSES);
