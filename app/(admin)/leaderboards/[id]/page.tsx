import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, EmptyRow, NumCell, right } from "@/components/data-table";
import { PageHeader, PageMeta } from "@/components/page-header";
import { PageTab, PageTabs } from "@/components/page-tabs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { getBoard, listVoidsAfterSettlement, settlementPreview } from "@/lib/server/leaderboards/queries";
import { listGamesForPicker } from "@/lib/server/games/queries";

import { requireReader } from "../../_lib/access";
import { rowByUuidOr404 } from "../../_lib/route-row";
import { BoardForm } from "../_components/board-form";
import { BoardStatusBadge } from "../_components/board-status-badge";
import { LiveStandings } from "../_components/live-standings";
import { SettleButton } from "../_components/settle-button";
import { VoidsAfterSettlement } from "../_components/voids-after-settlement";

export const metadata: Metadata = { title: "Leaderboard" };

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const { canWrite } = await requireReader("leaderboards");
  const { tab } = await searchParams;
  const board = await rowByUuidOr404(params, getBoard);
  const editable = canWrite && ["NOT_STARTED", "ACTIVE", "ENDED"].includes(board.status);
  const settled = board.status === "SETTLEMENT" || board.status === "FINISHED";
  const [preview, games, voids] = await Promise.all([
    settlementPreview(board.id, board.config.prizes),
    editable ? listGamesForPicker() : Promise.resolve([]),
    settled ? listVoidsAfterSettlement(board.id) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title={board.name}
        description={`${board.type === "WAGERED" ? "Ranked by USD wagered" : "Ranked by best multiplier"} · ${formatDateTime(board.startDate)} → ${formatDateTime(board.endDate)}`}
        actions={
          canWrite &&
          board.status === "ENDED" && (
            <SettleButton id={board.id} name={board.name} payout={formatUsd(preview.payoutUsd)} />
          )
        }
      />
      <PageMeta>
        <BoardStatusBadge status={board.status} />
        {board.status !== "ACTIVE" && <span>{formatCount(board.entries)} players</span>}
        <span>
          · pool {formatUsd(board.prizePoolUsd)} in {board.config.prizeCurrency}
        </span>
        {board.schedule && (
          <span>
            · from schedule{" "}
            <Link className="underline" href={`/leaderboards/schedules/${board.schedule.id}`}>
              {board.schedule.name}
            </Link>
          </span>
        )}
        {board.status === "ENDED" && <span>· settles by itself {board.config.settleAfterSeconds} s after the end</span>}
      </PageMeta>
      <PageTabs
        tab={tab}
        fallback="standings"
        tabs={[
          ["standings", "Standings"],
          ["settlement", "Settlement"],
          ["settings", "Settings"],
        ]}
      >
        <PageTab value="standings">
          <LiveStandings boardId={board.id} type={board.type} live={board.status === "ACTIVE"} />
        </PageTab>
        <PageTab value="settlement">
          <Card className="py-0" data-testid="settlement-preview">
            <CardHeader className="pt-6">
              <CardTitle>{settled ? "Settlement" : "Settlement preview"}</CardTitle>
              <CardDescription>
                {settled
                  ? `Positions frozen ${board.settledAt ? formatDateTime(board.settledAt) : ""}: ${board.winners} winners, ${formatUsd(board.paidUsd)} paid, ${formatUsd(board.remainingUsd)} still due.${board.finishedAt ? ` Finished ${formatDateTime(board.finishedAt)}.` : ""}`
                  : `If the board were settled now: ${formatUsd(preview.payoutUsd)} of the ${formatUsd(preview.poolUsd)} pool would be paid. Ranks nobody has reached pay nothing.`}
              </CardDescription>
            </CardHeader>
            <DataTable columns={["Ranks", right("USD each"), right("Filled"), right("Pays")]}>
              {preview.ranges.map((r) => (
                <TableRow key={r.from}>
                  <TableCell>{r.from === r.to ? `#${r.from}` : `#${r.from}–${r.to}`}</TableCell>
                  <NumCell>{formatUsd(r.usd)}</NumCell>
                  <NumCell>
                    {r.filled} / {r.to - r.from + 1}
                  </NumCell>
                  <NumCell>{formatUsd(r.payoutUsd)}</NumCell>
                </TableRow>
              ))}
              {preview.ranges.length === 0 && <EmptyRow colSpan={4}>No prize table.</EmptyRow>}
            </DataTable>
          </Card>
          {settled && <VoidsAfterSettlement voids={voids} type={board.type} />}
        </PageTab>
        <PageTab value="settings">
          {editable ? (
            <BoardForm
              id={board.id}
              games={games}
              started={board.status !== "NOT_STARTED"}
              initial={{
                name: board.name,
                type: board.type,
                startDate: board.startDate,
                endDate: board.endDate,
                config: board.config,
              }}
            />
          ) : (
            <Card>
              <CardContent className="text-sm text-muted-foreground">
                {settled
                  ? "A board being settled or finished can't change."
                  : "You can read this board; editing needs a promo manager."}{" "}
                Eligible games: {board.config.gameIds.length === 0 ? "all" : board.config.gameIds.length}; minimum bet{" "}
                {formatUsd(board.config.minBetUsd)}.
              </CardContent>
            </Card>
          )}
        </PageTab>
      </PageTabs>
    </>
  );
}
