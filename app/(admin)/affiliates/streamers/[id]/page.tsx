import { Users } from "lucide-react";
import type { Metadata } from "next";

import { DataTable, NumCell, right } from "@/components/data-table";
import { DateRangeForm } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { SearchForm } from "@/components/filter-bar";
import { KpiCard } from "@/components/kpi-card";
import { ExportButton, ListPage } from "@/components/list-page";
import { listHref } from "@/components/list-pager";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { ZStreamerPlayersQuery } from "@/lib/schemas/affiliates";
import { ZDayRangeQuery } from "@/lib/schemas/reports";
import { getStreamer, streamerPlayers, streamerSeries } from "@/lib/server/affiliates/reports";
import { requirePermission } from "@/lib/server/auth/guards";
import { reportRange } from "@/lib/server/report-range";

import { rowByUserIdOr404 } from "../../../_lib/route-row";
import { StreamerCharts } from "../_components/streamer-charts";

export const metadata: Metadata = { title: "Streamer" };

export default async function StreamerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  await requirePermission("affiliateReports.read");
  const streamer = await rowByUserIdOr404(params, getStreamer);
  const id = streamer.userId;
  const sp = await searchParams;
  const q = ZStreamerPlayersQuery.parse(sp);
  const range = await reportRange(ZDayRangeQuery.parse(sp));
  const [players, series] = await Promise.all([streamerPlayers(id, q), streamerSeries(range, id)]);
  const base = `/affiliates/streamers/${id}`;

  return (
    <ListPage
      title={streamer.username}
      description={`Affiliate #${streamer.userId}${streamer.isStreamer ? " · streamer" : ""}: referred players and their totals.`}
      actions={<ExportButton href={listHref(`${base}/export`, { q: q.q })}>Export players CSV</ExportButton>}
      path={base}
      before={
        <>
          <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
            <KpiCard label="Referrals" value={formatCount(streamer.referrals)} />
            <KpiCard label="Active referrals" value={formatCount(streamer.activeReferrals)} />
            <KpiCard label="Deposits, all time" value={formatUsd(streamer.depositUsd)} />
            <KpiCard label="Profit/loss, all time" value={formatUsd(streamer.profitLoss)} />
          </div>
          <div className="mb-4">
            <DateRangeForm from={range.from} to={range.to} keep={{ q: q.q }} resetHref={listHref(base, { q: q.q })} />
          </div>
          <div className="mb-6">
            <StreamerCharts series={series} referredBy={streamer.username} />
          </div>
          <SearchForm label="Search players" placeholder="Player or id" className="w-56" q={q.q} keep={{ from: range.from, to: range.to }} />
        </>
      }
      empty={players.rows.length === 0 && <EmptyState icon={Users} title={q.q ? "No referred player matches" : "No referred players yet"} />}
      pager={{
        total: players.total,
        page: q.page,
        pageSize: players.pageSize,
        noun: ["referred player", "referred players"],
        query: { q: q.q, from: range.from, to: range.to },
      }}
    >
      <DataTable
        columns={[
          "Player",
          "Code",
          { label: "Joined", className: "hidden md:table-cell" },
          right("Deposited"),
          right("Wagered"),
          right("GGR"),
          right("Bonus"),
          { label: "Last bet", className: "hidden md:table-cell" },
        ]}
      >
        {players.rows.map((p) => (
          <TableRow key={p.userId}>
            <TableCell>
              {p.username} <span className="text-xs text-muted-foreground">#{p.userId}</span>
            </TableCell>
            <TableCell className="font-mono text-xs">{p.code}</TableCell>
            <TableCell className="hidden text-xs md:table-cell">{formatDateTime(p.joinedAt)}</TableCell>
            <NumCell>{formatUsd(p.depositedUsd)}</NumCell>
            <NumCell>{formatUsd(p.wageredUsd)}</NumCell>
            <NumCell>{formatUsd(p.ggrUsd)}</NumCell>
            <NumCell>{formatUsd(p.bonusUsd)}</NumCell>
            <TableCell className="hidden text-xs md:table-cell">{p.lastBetAt ? formatDateTime(p.lastBetAt) : "—"}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
