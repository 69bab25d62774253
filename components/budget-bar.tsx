import { formatUsd } from "@/lib/client/format";
import { cn } from "@/lib/utils";

/**
 * How much of a promo's budget is used: a meter with "$used / $budget" beside it. The ratio only
 * draws the bar (a number is fine for pixels); the figures are the exact decimals, formatted.
 * Amber from `warnAt` (the "nearly spent" share), red when spent.
 */
export function BudgetBar({
  usedUsd,
  budgetUsd,
  ratio,
  warnAt,
  className,
}: {
  usedUsd: string;
  budgetUsd: string;
  ratio: number;
  warnAt: number;
  className?: string;
}) {
  const percent = Math.round(Math.min(Math.max(ratio, 0), 1) * 100);
  // A narrow column wraps it before the budget only ("$850.00 /" then "$1,000.00").
  const text = `${formatUsd(usedUsd)}\u00a0/ ${formatUsd(budgetUsd)}`;
  return (
    <div className={cn("grid min-w-24 gap-1", className)} data-testid="budget-bar">
      <div
        role="meter"
        aria-label="Budget used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% used: ${text}`}
        className="h-1.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full", ratio >= 1 ? "bg-destructive" : ratio >= warnAt ? "bg-amber-500" : "bg-primary")}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="text-xs tabular-nums text-muted-foreground">{text}</span>
    </div>
  );
}
