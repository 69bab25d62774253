import { statusBadge, type TStatusLabels } from "@/components/status-badge";
import type { TChallengeStatus } from "@/lib/schemas/challenges";

/** In the list filter's order. */
export const CHALLENGE_STATUSES: TStatusLabels<TChallengeStatus> = {
  pending: { label: "Winner to confirm", variant: "warning" },
  open: { label: "Open", variant: "success" },
  scheduled: { label: "Scheduled", variant: "outline" },
  confirmed: { label: "Won", variant: "default" },
  ended: { label: "Ended, no winner", variant: "muted" },
};

export const ChallengeStatusBadge = statusBadge(CHALLENGE_STATUSES);
