import { CalendarClock, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { requirePermission } from "@/lib/server/auth/guards";
import { listSchedules } from "@/lib/server/leaderboards/queries";

import { EnableToggle } from "./_components/enable-toggle";

export const metadata: Metadata = { title: "Leaderboard schedules" };

const every = (kind: string | null, seconds: number | null) =>
  kind === "INTERVAL"
    ? `Every ${seconds && seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`}`
    : kind
      ? kind.charAt(0) + kind.slice(1).toLowerCase()
      : "Invalid config";

export default async function SchedulesPage() {
  const operator = await requirePermission("leaderboards.read");
  const schedules = await listSchedules();
  const canWrite = can(operator.role, "leaderboards.write");
  return (
    <>
      <PageHeader
        title="Leaderboard schedules"
        description="Recurring boards: each board's start creates the next one, so the upcoming board is always visible."
        actions={
          canWrite && (
            <Button asChild>
              <Link href="/leaderboards/schedules/new">
                <Plus /> New schedule
              </Link>
            </Button>
          )
        }
      />
      {schedules.length === 0 ? (
        <EmptyState
          icon={CalendarClock}
          title="No schedules yet"
          hint={canWrite ? "A daily or weekly race runs itself once scheduled." : undefined}
        />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Schedule</TableHead>
                <TableHead>Repeats</TableHead>
                <TableHead>Current board</TableHead>
                <TableHead>Next start</TableHead>
                <TableHead className="text-right">Pool per board</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
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
                  <TableCell className="text-right tabular-nums">{formatUsd(s.prizePoolUsd)}</TableCell>
                  <TableCell className="text-right">
                    {canWrite && s.valid && <EnableToggle id={s.id} enabled={s.enabled} name={s.name} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
