import { Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DateRangeForm } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { KpiCard } from "@/components/kpi-card";
import { ListPager, listHref, SortLink } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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

  return (
    <>
      <PageHeader
        title="Affiliate overview"
        description="Every affiliate's commissions and referrals (AffiliateAggregatedInfo)."
        actions={
          can(operator.role, "affiliateCodes.write") && (
            <Button asChild variant="outline">
              <Link href="/affiliates/codes">Affiliate codes</Link>
            </Button>
          )
        }
      />
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
      <form method="get" className="mb-4 flex flex-wrap gap-2" aria-label="Search affiliates">
        <Input name="q" defaultValue={q.q} placeholder="Affiliate, id or code" className="w-64" aria-label="Search affiliates" />
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="dir" value={q.dir} />
        {q.from && <input type="hidden" name="from" value={q.from} />}
        {q.to && <input type="hidden" name="to" value={q.to} />}
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={Users} title={q.q ? "No affiliate matches" : "No affiliates yet"} hint="Affiliates appear once they own a code." />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Affiliate</TableHead>
                <TableHead className="text-right"><SortLink path="/affiliates" query={q} column="earned" label="Earned" /></TableHead>
                <TableHead className="text-right"><SortLink path="/affiliates" query={q} column="unclaimed" label="Unclaimed" /></TableHead>
                <TableHead className="text-right"><SortLink path="/affiliates" query={q} column="referrals" label="Referrals" /></TableHead>
                <TableHead className="text-right"><SortLink path="/affiliates" query={q} column="active" label="Active" /></TableHead>
                <TableHead className="text-right"><SortLink path="/affiliates" query={q} column="ggr" label="Referrals' GGR" /></TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
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
                  <TableCell className="text-right tabular-nums">{formatUsd(r.earned)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.unclaimed)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(r.referrals)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(r.active)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.ggr)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <ListPager total={total} page={q.page} pageSize={pageSize} noun={["affiliate", "affiliates"]} hrefFor={(page) => listHref("/affiliates", { ...q, page })} />
    </>
  );
}
