import type { Metadata } from "next";
import Link from "next/link";

import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/client/format";
import { getSchedule } from "@/lib/server/leaderboards/queries";
import { listGamesForPicker } from "@/lib/server/games/queries";

import { requireReader } from "../../../_lib/access";
import { rowByUuidOr404 } from "../../../_lib/route-row";
import { BoardStatusBadge } from "../../_components/board-status-badge";
import { EnableToggle } from "../_components/enable-toggle";
import { ScheduleForm } from "../_components/schedule-form";

export const metadata: Metadata = { title: "Schedule" };

export default async function SchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const { canWrite } = await requireReader("leaderboards");
  const s = await rowByUuidOr404(params, getSchedule);
  const games = canWrite ? await listGamesForPicker() : [];
  return (
    <>
      <PageHeader
        title={s.name}
        description={s.enabled ? "Enabled: boards are created as runs start." : "Disabled: no new boards are created."}
        actions={canWrite && s.config && <EnableToggle id={s.id} enabled={s.enabled} name={s.name} />}
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Boards from this schedule</CardTitle>
        </CardHeader>
        <CardContent>
          {s.boards.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              None yet{s.enabled ? "" : ": enable the schedule to create the current board"}.
            </p>
          ) : (
            <ul className="grid gap-2 text-sm" data-testid="schedule-boards">
              {s.boards.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center gap-2">
                  <BoardStatusBadge status={b.status} />
                  <Link className="font-medium hover:underline" href={`/leaderboards/${b.id}`}>
                    {b.name}
                  </Link>
                  <span className="text-muted-foreground">
                    {formatDateTime(b.startDate)} → {formatDateTime(b.endDate)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {canWrite && s.config ? (
        <ScheduleForm
          id={s.id}
          games={games}
          initial={{ name: s.name, enabled: s.enabled, config: s.config }}
        />
      ) : (
        <Card>
          <CardContent className="text-sm text-muted-foreground">
            {s.config
              ? `${s.config.recurrence.kind.toLowerCase()} in ${s.config.recurrence.timeZone}, boards named “${s.config.nameTemplate}”.`
              : "This schedule's config is invalid."}
          </CardContent>
        </Card>
      )}
    </>
  );
}
