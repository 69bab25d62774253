import { Download, Radio } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DateRangeForm } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { FilterField } from "@/components/filter-bar";
import { KpiCard } from "@/components/kpi-card";
import { listHref } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatUsd } from "@/lib/client/format";
import { sumDecimals } from "@/lib/domain/money/decimal";
import { ZStreamerReportQuery } from "@/lib/schemas/affiliates";
import { streamerReport, streamerSeries } from "@/lib/server/affiliates/reports";
import { requirePermission } from "@/lib/server/auth/guards";
import { reportRange } from "@/lib/server/report-range";

import { StreamerCharts } from "./_components/streamer-charts";

export const metadata: Metadata = { title: "Streamer report" };

export default async function StreamerReportPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePermission("affiliateReports.read");
  const q = ZStreamerReportQuery.parse(await searchParams);
  const range = await reportRange(q);
  const [rows, series] = await Promise.all([streamerReport(q, range), streamerSeries(range)]);
  const params = { from: range.from, to: range.to, q: q.q };
  const total = (key: "depositUsd" | "ggrUsd" | "commissionUsd" | "profitLoss") => sumDecimals(rows.map((r) => r[key]));

  return (
    <>
      <PageHeader
        title="Streamer report"
        description="Affiliates marked as streamers (AffiliateStreamer), with their figures over the range from the daily rollup."
        actions={
          <Button asChild variant="outline">
            <a href={listHref("/affiliates/streamers/export", params)} download>
              <Download /> Export CSV
            </a>
          </Button>
        }
      />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <DateRangeForm from={range.from} to={range.to} keep={{}} resetHref={listHref("/affiliates/streamers", { q: q.q })}>
          <FilterField id="streamer-q" label="Streamer">
            <Input id="streamer-q" name="q" defaultValue={q.q} placeholder="Name, id or code" className="w-48" />
          </FilterField>
        </DateRangeForm>
      </div>
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-5">
        <KpiCard label="Streamers" value={formatCount(rows.length)} />
        <KpiCard label="Deposits in range" value={formatUsd(total("depositUsd"))} testId="streamers-deposits" />
        <KpiCard label="GGR in range" value={formatUsd(total("ggrUsd"))} />
        <KpiCard label="Commissions in range" value={formatUsd(total("commissionUsd"))} />
        <KpiCard label="Profit/loss in range" value={formatUsd(total("profitLoss"))} testId="streamers-pl" />
      </div>
      <div className="mb-6">
        <StreamerCharts series={series} referredBy="any streamer" />
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={Radio} title={q.q ? "No streamer matches" : "No streamers yet"} hint="Mark an affiliate as a streamer on the affiliate codes page." />
      ) : (
        <Card className="py-0">
          <Table data-testid="streamer-table">
            <TableHeader>
              <TableRow>
                <TableHead>Streamer</TableHead>
                <TableHead className="text-right">Referrals</TableHead>
                <TableHead className="text-right">Active</TableHead>
                <TableHead className="text-right">Sign-ups</TableHead>
                <TableHead className="text-right">Deposits</TableHead>
                <TableHead className="text-right">Wagered</TableHead>
                <TableHead className="text-right">GGR</TableHead>
                <TableHead className="text-right">Commissions</TableHead>
                <TableHead className="text-right">Bonus</TableHead>
                <TableHead className="text-right">Profit/loss</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.userId} data-testid={`streamer-row-${r.userId}`}>
                  <TableCell>
                    <Link className="font-medium hover:underline" href={listHref(`/affiliates/streamers/${r.userId}`, { from: range.from, to: range.to })}>
                      {r.username}
                    </Link>
                    <span className="block font-mono text-xs text-muted-foreground">{r.codes.join(", ")}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(r.referrals)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(r.activeReferrals)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(r.signups)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.depositUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.wageredUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.ggrUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.commissionUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(r.bonusUsd)}</TableCell>
                  <TableCell className={`text-right tabular-nums ${r.profitLoss.startsWith("-") ? "text-destructive" : ""}`}>{formatUsd(r.profitLoss)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <p className="mt-3 text-xs text-muted-foreground">
        Referrals and active referrals are current; the money columns cover {range.from} to {range.to} (business days). Profit/loss = GGR − commissions − bonuses
        granted to referred players.
      </p>
    </>
  );
}
