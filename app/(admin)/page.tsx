import { CircleCheck, Trophy, UserCheck, type LucideIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { BudgetBar } from "@/components/budget-bar";
import { DateRangeForm } from "@/components/date-range-form";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { BUDGET_NEARLY_SPENT_RATIO } from "@/lib/domain/promos/budget";
import { ZDayRangeQuery } from "@/lib/schemas/reports";
import { requirePermission } from "@/lib/server/auth/guards";
import { dashboardCharts, dashboardKpis, pendingWork, type TDashboardKpis } from "@/lib/server/dashboard/queries";
import { reportRange } from "@/lib/server/report-range";

import { DashboardCharts } from "./_components/dashboard-charts";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const operator = await requirePermission("dashboard.read");
  const range = await reportRange(ZDayRangeQuery.parse(await searchParams));
  const [kpis, { days, wageredTotalUsd }, pending] = await Promise.all([
    dashboardKpis(range),
    dashboardCharts(range),
    pendingWork(),
  ]);
  const promoLink = (href: string) => (can(operator.role, "promos.read") ? href : undefined);
  const boardLink = (href: string) => (can(operator.role, "leaderboards.read") ? href : undefined);
  const hasPending = pending.winners.length > 0 || pending.boards.length > 0;
  const completion = kpis.completionRate === null ? "—" : `${(kpis.completionRate * 100).toFixed(1)}%`;
  const kpiCards: React.ComponentProps<typeof KpiCard>[] = [
    { label: "Active promos", value: formatCount(kpis.activePromos), href: promoLink("/promo-codes?status=active"), testId: "kpi-active-promos" },
    { label: "Scheduled promos", value: formatCount(kpis.scheduledPromos), hint: "active, starting later", href: promoLink("/promo-codes?status=scheduled"), testId: "kpi-scheduled-promos" },
    { label: "Claims today", value: formatCount(kpis.claimsToday), href: promoLink("/promo-codes?sort=claims&dir=desc"), testId: "kpi-claims-today" },
    { label: "Bonus cost this month", value: formatUsd(kpis.bonusCostMonthUsd), hint: "credits, released bonuses, rewards, prizes", href: `/credits?kind=cost&from=${kpis.monthStart}&to=${kpis.today}`, testId: "kpi-bonus-cost" },
    { label: "Completion rate", value: completion, hint: `${kpis.completed} of ${kpis.ended} deposit bonuses ended in range`, href: promoLink("/promo-codes?type=DEPOSIT"), testId: "kpi-completion" },
    { label: "Live leaderboards", value: formatCount(kpis.activeBoards), hint: `${formatUsd(kpis.activePrizePoolUsd)} in prize pools`, href: boardLink("/leaderboards?status=ACTIVE"), testId: "kpi-boards" },
    { label: "Winners to confirm", value: formatCount(kpis.pendingWinners), href: can(operator.role, "challenges.read") ? "/challenges?status=pending" : undefined, testId: "kpi-pending-winners" },
    { label: "Unclaimed commissions", value: formatUsd(kpis.unclaimedCommissionsUsd), href: "/affiliates?sort=unclaimed&dir=desc", testId: "kpi-unclaimed" },
    { label: "Wagered in range", value: formatUsd(wageredTotalUsd), hint: `${range.from} to ${range.to}` },
  ];

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Signed in as ${operator.name}. Promotions, leaderboards and affiliates at a glance.`}
      />
      {hasPending && (can(operator.role, "challenges.read") || can(operator.role, "leaderboards.read")) && (
        <Card className="mb-6 border-amber-500/40" data-testid="pending-work">
          <CardHeader>
            <CardTitle>Waiting for you</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            {pending.winners.map((w) => (
              <PendingItem key={w.id} href={`/challenges/${w.id}`} icon={UserCheck}>
                Confirm or reject <strong>{w.winner}</strong> as the winner of “{w.title}” ({formatUsd(w.rewardUsd)})
                {w.selectedAt && (
                  <span className="text-muted-foreground">· selected {formatDateTime(w.selectedAt)}</span>
                )}
              </PendingItem>
            ))}
            {pending.boards.map((b) => (
              <PendingItem key={b.id} href={`/leaderboards/${b.id}`} icon={Trophy}>
                {b.settling ? "Settling" : "Ended, to settle"}: <strong>{b.name}</strong>
                <span className="text-muted-foreground">· ended {formatDateTime(b.endDate)}</span>
              </PendingItem>
            ))}
          </CardContent>
        </Card>
      )}
      {!hasPending && (
        <p className="mb-6 flex items-center gap-2 text-sm text-muted-foreground">
          <CircleCheck className="size-4 text-emerald-600" /> Nothing waiting: no winners to confirm, no boards to
          settle.
        </p>
      )}
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {kpiCards.map((card) => (
          <KpiCard key={card.label} {...card} />
        ))}
        <BudgetBurnCard burn={kpis.budgetBurn} href={promoLink("/promo-codes?budget=nearly-spent&status=active")} />
      </div>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <DateRangeForm from={range.from} to={range.to} resetHref="/" />
        <Badge variant="muted">business days</Badge>
      </div>
      <DashboardCharts days={days} rangeLabel={`${range.from} to ${range.to}`} />
    </>
  );
}

/**
 * Live promos whose budgets are nearly spent, and what live budgeted promos have granted of their
 * budgets in all. The link lists the same promos: nearly spent and live (status=active).
 */
function BudgetBurnCard({ burn, href }: { burn: TDashboardKpis["budgetBurn"]; href?: string }) {
  const percent = `${Math.round(Number(BUDGET_NEARLY_SPENT_RATIO) * 100)}%`;
  return (
    <KpiCard
      label="Budget burn"
      value={`${formatCount(burn.nearlySpent)} nearly spent`}
      hint={burn.budgetUsd === null ? "no live promo has a budget" : `live promos at ${percent}+ of their budget`}
      href={href}
      testId="kpi-budget-burn"
    >
      {burn.budgetUsd !== null && (
        <BudgetBar usedUsd={burn.grantedUsd} budgetUsd={burn.budgetUsd} ratio={burn.usedRatio ?? 0} warnAt={Number(BUDGET_NEARLY_SPENT_RATIO)} className="mt-1" />
      )}
    </KpiCard>
  );
}

/** One line of "Waiting for you": a link to what waits, with its icon. */
function PendingItem({ href, icon: Icon, children }: { href: string; icon: LucideIcon; children: React.ReactNode }) {
  return (
    <Link href={href} className="flex flex-wrap items-center gap-2 hover:underline">
      <Icon className="size-4 text-amber-600" />
      {children}
    </Link>
  );
}
