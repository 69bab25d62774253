import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/client/format";
import type { TWebhookHealth } from "@/lib/server/webhooks/queries";

/** An endpoint's health: healthy; failing since when, with how many deliveries failed; or disabled, and why. */
export function HealthBadge({ health }: { health: TWebhookHealth }) {
  if (health.state === "healthy") return <Badge variant="success">Healthy</Badge>;
  if (health.state === "failing") {
    return (
      <span className="grid justify-items-start gap-0.5">
        <Badge variant="warning">Failing</Badge>
        <span className="text-xs text-muted-foreground">
          since {formatDateTime(health.since)} ({health.failedDeliveries.toLocaleString("en-US")} failed{" "}
          {health.failedDeliveries === 1 ? "delivery" : "deliveries"})
        </span>
      </span>
    );
  }
  return (
    <span className="grid justify-items-start gap-0.5">
      <Badge variant="muted">Disabled</Badge>
      <span className="max-w-64 text-xs whitespace-normal text-muted-foreground">{health.reason ?? "by an admin"}</span>
    </span>
  );
}
