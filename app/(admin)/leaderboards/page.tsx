import { CalendarClock, Trophy } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, NumCell, right } from "@/components/data-table";
import { ListPage } from "@/components/list-page";
import { StatusFilter } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { ZLeaderboardListQuery } from "@/lib/schemas/leaderboards";
import { listBoards } from "@/lib/server/leaderboards/queries";

import { requireReader } from "../_lib/access";
import { BOARD_STATUSES, BoardStatusBadge } from "./_components/board-status-badge";

const NOUN: [string, string] = ["leaderboard", "leaderboards"];

export const metadata: Metadata = { title: "Leaderboards" };

export default async function LeaderboardsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { canWrite } = await requireReader("leaderboards");
  const q = ZLeaderboardListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listBoards(q);

  return (
    <ListPage
      title="Leaderboards"
      description="Wagering and multiplier races with prize tables. Live boards first."
      actions={
        <Button asChild variant="outline">
          <Link href="/leaderboards/schedules">
            <CalendarClock /> Schedules
          </Link>
        </Button>
      }
      path="/leaderboards"
      create={canWrite && "New leaderboard"}
      search={{ value: q.q, placeholder: "Search name" }}
      filters={<StatusFilter value={q.status} labels={BOARD_STATUSES} />}
      emptyList={rows.length === 0 && { icon: Trophy, filtered: !!(q.q || q.status), hint: canWrite ? "Create one, or a schedule that creates them for you." : undefined }}
      pager={{ total, page: q.page, pageSize, noun: NOUN, query: q }}
    >
      <DataTable columns={["Board", "Status", "Window", right("Players"), right("Prize pool")]}>
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
            <NumCell>{formatCount(b.entries)}</NumCell>
            <NumCell>
              {formatUsd(b.prizePoolUsd)}
              <span className="block text-xs text-muted-foreground">in {b.prizeCurrency}</span>
            </NumCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
