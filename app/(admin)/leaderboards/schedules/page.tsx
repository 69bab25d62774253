import { CalendarClock } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, NumCell, right } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ListPage } from "@/components/list-page";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { listSchedules } from "@/lib/server/leaderboards/queries";

import { requireReader } from "../../_lib/access";
import { EnableToggle } from "./_components/enable-toggle";

export const metadata: Metadata = { title: "Leaderboard schedules" };

const every = (kind: string | null, seconds: number | null) =>
  kind === "INTERVAL"
    ? `Every ${seconds && seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`}`
    : kind
      ? kind.charAt(0) + kind.slice(1).toLowerCase()
      : "Invalid config";

export default async function SchedulesPage() {
  const { canWrite } = await requireReader("leaderboards");
  const schedules = await listSchedules();
  return (
    <ListPage
      title="Leaderboard schedules"
      description="Recurring boards: each board's start creates the next one, so the upcoming board is always visible."
      path="/leaderboards/schedules"
      create={canWrite && "New schedule"}
      empty={
        schedules.length === 0 && (
          <EmptyState
            icon={CalendarClock}
            title="No schedules yet"
            hint={canWrite ? "A daily or weekly race runs itself once scheduled." : undefined}
          />
        )
      }
    >
      <DataTable columns={["Schedule", "Repeats", "Current board", "Next start", right("Pool per board"), null]}>
        {schedules.map((s) => (
          <TableRow key={s.id} data-testid={`schedule-row-${s.id}`}>
            <TableCell>
              <Link href={`/leaderboards/schedules/${s.id}`} className="font-medium hover:underline">
                {s.name}
              </Link>
              <span className="ml-2">
                {s.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="muted">Disabled</Badge>}
              </span>
            </TableCell>
            <TableCell>
              {every(s.kind, s.intervalSeconds)}
              <span className="block text-xs text-muted-foreground">{s.timeZone}</span>
            </TableCell>
            <TableCell>
              {s.currentBoard ? (
                <Link className="hover:underline" href={`/leaderboards/${s.currentBoard.id}`}>
                  {s.currentBoard.name}
                </Link>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
            <TableCell className="text-xs">{s.nextStart ? formatDateTime(s.nextStart) : "—"}</TableCell>
            <NumCell>{formatUsd(s.prizePoolUsd)}</NumCell>
            <TableCell className="text-right">
              {canWrite && s.valid && <EnableToggle id={s.id} enabled={s.enabled} name={s.name} />}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
