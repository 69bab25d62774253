import { Radio } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, NumCell, right } from "@/components/data-table";
import { DateRangeForm } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { FilterField } from "@/components/filter-bar";
import { KpiCard } from "@/components/kpi-card";
import { ExportButton, ListPage } from "@/components/list-page";
import { listHref } from "@/components/list-pager";
import { Input } from "@/components/ui/input";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatCount, formatUsd } from "@/lib/client/format";
import { sumUsd } from "@/lib/domain/money/decimal";
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
  const total = (key: "depositUsd" | "ggrUsd" | "commissionUsd" | "profitLoss") => sumUsd(rows.map((r) => r[key]));

  return (
    <ListPage
      title="Streamer report"
      description="Affiliates marked as streamers (AffiliateStreamer), with their figures over the range from the daily rollup."
      actions={<ExportButton href={listHref("/affiliates/streamers/export", params)}>Export CSV</ExportButton>}
      path="/affiliates/streamers"
      before={
        <>
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
        </>
      }
      empty={
        rows.length === 0 && (
          <EmptyState icon={Radio} title={q.q ? "No streamer matches" : "No streamers yet"} hint="Mark an affiliate as a streamer on the affiliate codes page." />
        )
      }
      after={
        <p className="mt-3 text-xs text-muted-foreground">
          Referrals and active referrals are current; the money columns cover {range.from} to {range.to} (business days). Net deposits = deposits − withdrawals.
          Profit/loss = GGR − commissions − bonuses granted to referred players.
        </p>
      }
    >
      <DataTable
        data-testid="streamer-table"
        columns={["Streamer", ...["Referrals", "Active", "Sign-ups", "Deposits", "Withdrawals", "Net deposits", "Wagered", "GGR", "Commissions", "Bonus", "Profit/loss"].map((l) => right(l))]}
      >
        {rows.map((r) => (
          <TableRow key={r.userId} data-testid={`streamer-row-${r.userId}`}>
            <TableCell>
              <Link className="font-medium hover:underline" href={listHref(`/affiliates/streamers/${r.userId}`, { from: range.from, to: range.to })}>
                {r.username}
              </Link>
              <span className="block font-mono text-xs text-muted-foreground">{r.codes.join(", ")}</span>
            </TableCell>
            <NumCell>{formatCount(r.referrals)}</NumCell>
            <NumCell>{formatCount(r.activeReferrals)}</NumCell>
            <NumCell>{formatCount(r.signups)}</NumCell>
            <NumCell>{formatUsd(r.depositUsd)}</NumCell>
            <NumCell>{formatUsd(r.withdrawalsUsd)}</NumCell>
            <NumCell className={r.netDepositsUsd.startsWith("-") ? "text-destructive" : ""}>{formatUsd(r.netDepositsUsd)}</NumCell>
            <NumCell>{formatUsd(r.wageredUsd)}</NumCell>
            <NumCell>{formatUsd(r.ggrUsd)}</NumCell>
            <NumCell>{formatUsd(r.commissionUsd)}</NumCell>
            <NumCell>{formatUsd(r.bonusUsd)}</NumCell>
            <NumCell className={r.profitLoss.startsWith("-") ? "text-destructive" : ""}>{formatUsd(r.profitLoss)}</NumCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
