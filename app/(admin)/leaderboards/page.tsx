import { CalendarClock, Plus, Trophy } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { ListPager, listHref } from "@/components/list-pager";
import { FilterBar } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { ZLeaderboardListQuery } from "@/lib/schemas/leaderboards";
import { requirePermission } from "@/lib/server/auth/guards";
import { listBoards } from "@/lib/server/leaderboards/queries";

import { BoardStatusBadge } from "./_components/board-status-badge";

export const metadata: Metadata = { title: "Leaderboards" };

export default async function LeaderboardsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const operator = await requirePermission("leaderboards.read");
  const q = ZLeaderboardListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listBoards(q);
  const canWrite = can(operator.role, "leaderboards.write");

  return (
    <>
      <PageHeader
        title="Leaderboards"
        description="Wagering and multiplier races with prize tables. Live boards first."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/leaderboards/schedules">
                <CalendarClock /> Schedules
              </Link>
            </Button>
            {canWrite && (
              <Button asChild>
                <Link href="/leaderboards/new">
                  <Plus /> New leaderboard
                </Link>
              </Button>
            )}
          </>
        }
      />
      <FilterBar resetHref="/leaderboards">
        <Input name="q" defaultValue={q.q} placeholder="Search name" className="col-span-2 sm:w-56" />
        <NativeSelect name="status" defaultValue={q.status ?? ""} aria-label="Status">
          <option value="">Any status</option>
          <option value="ACTIVE">Live</option>
          <option value="NOT_STARTED">Upcoming</option>
          <option value="ENDED">Ended, to settle</option>
          <option value="SETTLEMENT">Settling</option>
          <option value="FINISHED">Finished</option>
        </NativeSelect>
      </FilterBar>
      {rows.length === 0 ? (
        <EmptyState
          icon={Trophy}
          title={q.q || q.status ? "No leaderboard matches these filters" : "No leaderboards yet"}
          hint={canWrite ? "Create one, or a schedule that creates them for you." : undefined}
        />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Board</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Window</TableHead>
                <TableHead className="text-right">Players</TableHead>
                <TableHead className="text-right">Prize pool</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((b) => (
                <TableRow key={b.id} data-testid={`board-row-${b.id}`}>
                  <TableCell>
                    <Link href={`/leaderboards/${b.id}`} className="font-medium hover:underline">
                      {b.name}
                    </Link>
                    <span className="block text-xs text-muted-foreground">
                      {b.type === "WAGERED" ? "Wagered" : "Multiplier"}
                      {b.scheduleName ? ` · ${b.scheduleName}` : ""}
                    </span>
                  </TableCell>
                  <TableCell>
                    <BoardStatusBadge status={b.status} />
                  </TableCell>
                  <TableCell className="text-xs">
                    {formatDateTime(b.startDate)} → {formatDateTime(b.endDate)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(b.entries)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatUsd(b.prizePoolUsd)}
                    <span className="block text-xs text-muted-foreground">in {b.prizeCurrency}</span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <ListPager
        total={total}
        page={q.page}
        pageSize={pageSize}
        noun={["leaderboard", "leaderboards"]}
        hrefFor={(page) => listHref("/leaderboards", { ...q, page })}
      />
    </>
  );
}
