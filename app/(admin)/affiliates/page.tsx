import { Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, NumCell, right } from "@/components/data-table";
import { DateRangeForm } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { SearchForm } from "@/components/filter-bar";
import { KpiCard } from "@/components/kpi-card";
import { ListPage } from "@/components/list-page";
import { listHref, SortLink } from "@/components/list-pager";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatCount, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { ZOverviewQuery } from "@/lib/schemas/affiliates";
import { affiliateCharts, affiliateKpis, affiliateOverview } from "@/lib/server/affiliates/reports";
import { requirePermission } from "@/lib/server/auth/guards";
import { reportRange } from "@/lib/server/report-range";

import { OverviewCharts } from "./_components/overview-charts";

export const metadata: Metadata = { title: "Affiliate overview" };

export default async function AffiliateOverviewPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const operator = await requirePermission("affiliateReports.read");
  const q = ZOverviewQuery.parse(await searchParams);
  const range = await reportRange(q);
  const [{ rows, total, pageSize }, kpis, charts] = await Promise.all([affiliateOverview(q), affiliateKpis(), affiliateCharts(range)]);

  const sort = (column: "earned" | "unclaimed" | "referrals" | "active" | "ggr", label: string) =>
    right(<SortLink path="/affiliates" query={q} column={column} label={label} />);

  return (
    <ListPage
      title="Affiliate overview"
      description="Every affiliate's commissions and referrals (AffiliateAggregatedInfo)."
      actions={
        can(operator.role, "affiliateCodes.write") && (
          <Button asChild variant="outline">
            <Link href="/affiliates/codes">Affiliate codes</Link>
          </Button>
        )
      }
      path="/affiliates"
      before={
        <>
          <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-6">
            <KpiCard label="Affiliates" value={formatCount(kpis.affiliates)} testId="kpi-affiliates" />
            <KpiCard label="Referrals" value={formatCount(kpis.referrals)} testId="kpi-referrals" />
            <KpiCard label="Active referrals" value={formatCount(kpis.active)} hint="bet in the last 30 days" testId="kpi-active" />
            <KpiCard label="Referrals' GGR" value={formatUsd(kpis.ggr)} testId="kpi-ggr" />
            <KpiCard label="Commissions earned" value={formatUsd(kpis.earned)} testId="kpi-earned" />
            <KpiCard label="Unclaimed" value={formatUsd(kpis.unclaimed)} testId="kpi-unclaimed" />
          </div>
          <div className="mb-4">
            <DateRangeForm from={range.from} to={range.to} keep={{ q: q.q, sort: q.sort, dir: q.dir }} resetHref={listHref("/affiliates", { q: q.q, sort: q.sort, dir: q.dir })} />
          </div>
          <div className="mb-6">
            <OverviewCharts commissions={charts.commissions} topByGgr={charts.topByGgr} rangeLabel={`${range.from} to ${range.to}`} />
          </div>
          <SearchForm label="Search affiliates" placeholder="Affiliate, id or code" className="w-64" q={q.q} keep={{ sort: q.sort, dir: q.dir, from: q.from || undefined, to: q.to || undefined }} />
        </>
      }
      empty={rows.length === 0 && <EmptyState icon={Users} title={q.q ? "No affiliate matches" : "No affiliates yet"} hint="Affiliates appear once they own a code." />}
      pager={{ total, page: q.page, pageSize, noun: ["affiliate", "affiliates"], query: q }}
    >
      <DataTable columns={["Affiliate", sort("earned", "Earned"), sort("unclaimed", "Unclaimed"), sort("referrals", "Referrals"), sort("active", "Active"), sort("ggr", "Referrals' GGR")]}>
        {rows.map((r) => (
          <TableRow key={r.userId} data-testid={`affiliate-row-${r.userId}`}>
            <TableCell>
              <span className="font-medium">{r.username}</span> <span className="text-xs text-muted-foreground">#{r.userId}</span>
              {r.isStreamer && (
                <Badge variant="secondary" className="ml-1">
                  Streamer
                </Badge>
              )}
              <span className="block font-mono text-xs text-muted-foreground">{r.codes.join(", ")}</span>
            </TableCell>
            <NumCell>{formatUsd(r.earned)}</NumCell>
            <NumCell>{formatUsd(r.unclaimed)}</NumCell>
            <NumCell>{formatCount(r.referrals)}</NumCell>
            <NumCell>{formatCount(r.active)}</NumCell>
            <NumCell>{formatUsd(r.ggr)}</NumCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
