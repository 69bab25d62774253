import { Download, Users } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { DateRangeForm } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { KpiCard } from "@/components/kpi-card";
import { ListPager, listHref } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { ZStreamerPlayersQuery } from "@/lib/schemas/affiliates";
import { ZDayRangeQuery } from "@/lib/schemas/reports";
import { getStreamer, streamerPlayers, streamerSeries } from "@/lib/server/affiliates/reports";
import { requirePermission } from "@/lib/server/auth/guards";
import { reportRange } from "@/lib/server/report-range";

import { StreamerCharts } from "../_components/streamer-charts";
import { int4FromText } from "@/lib/schemas/ids";

export const metadata: Metadata = { title: "Streamer" };

export default async function StreamerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  await requirePermission("affiliateReports.read");
  const id = int4FromText((await params).id);
  if (id === null) notFound();
  const sp = await searchParams;
  const q = ZStreamerPlayersQuery.parse(sp);
  const range = await reportRange(ZDayRangeQuery.parse(sp));
  const streamer = await getStreamer(id);
  if (!streamer) notFound();
  const [players, series] = await Promise.all([streamerPlayers(id, q), streamerSeries(range, id)]);
  const base = `/affiliates/streamers/${id}`;

  return (
    <>
      <PageHeader
        title={streamer.username}
        description={`Affiliate #${streamer.userId}${streamer.isStreamer ? " · streamer" : ""}: referred players and their totals.`}
        actions={
          <Button asChild variant="outline">
            <a href={listHref(`${base}/export`, { q: q.q })} download>
              <Download /> Export players CSV
            </a>
          </Button>
        }
      />
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
      <form method="get" className="mb-4 flex flex-wrap gap-2" aria-label="Search players">
        <Input name="q" defaultValue={q.q} placeholder="Player or id" className="w-56" aria-label="Search players" />
        <input type="hidden" name="from" value={range.from} />
        <input type="hidden" name="to" value={range.to} />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {players.rows.length === 0 ? (
        <EmptyState icon={Users} title={q.q ? "No referred player matches" : "No referred players yet"} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Player</TableHead>
                <TableHead>Code</TableHead>
                <TableHead className="hidden md:table-cell">Joined</TableHead>
                <TableHead className="text-right">Deposited</TableHead>
                <TableHead className="text-right">Wagered</TableHead>
                <TableHead className="text-right">GGR</TableHead>
                <TableHead className="text-right">Bonus</TableHead>
                <TableHead className="hidden md:table-cell">Last bet</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {players.rows.map((p) => (
                <TableRow key={p.userId}>
                  <TableCell>
                    {p.username} <span className="text-xs text-muted-foreground">#{p.userId}</span>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{p.code}</TableCell>
                  <TableCell className="hidden text-xs md:table-cell">{formatDateTime(p.joinedAt)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(p.depositedUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(p.wageredUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(p.ggrUsd)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(p.bonusUsd)}</TableCell>
                  <TableCell className="hidden text-xs md:table-cell">{p.lastBetAt ? formatDateTime(p.lastBetAt) : "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <ListPager
        total={players.total}
        page={q.page}
        pageSize={players.pageSize}
        noun={["referred player", "referred players"]}
        hrefFor={(page) => listHref(base, { q: q.q, from: range.from, to: range.to, page })}
      />
    </>
  );
}
