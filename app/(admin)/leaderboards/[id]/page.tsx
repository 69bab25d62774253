import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatCount, formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { requirePermission } from "@/lib/server/auth/guards";
import { getBoard, settlementPreview } from "@/lib/server/leaderboards/queries";
import { listGamesForPicker } from "@/lib/server/games/queries";

import { BoardForm } from "../_components/board-form";
import { BoardStatusBadge } from "../_components/board-status-badge";
import { LiveStandings } from "../_components/live-standings";
import { SettleButton } from "../_components/settle-button";
import { isUuid } from "@/lib/schemas/ids";

export const metadata: Metadata = { title: "Leaderboard" };

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const operator = await requirePermission("leaderboards.read");
  const { id } = await params;
  const { tab } = await searchParams;
  if (!isUuid(id)) notFound();
  const board = await getBoard(id);
  if (!board) notFound();
  const canWrite = can(operator.role, "leaderboards.write");
  const editable = canWrite && ["NOT_STARTED", "ACTIVE", "ENDED"].includes(board.status);
  const settled = board.status === "SETTLEMENT" || board.status === "FINISHED";
  const [preview, games] = await Promise.all([
    settlementPreview(id, board.config.prizes),
    editable ? listGamesForPicker() : Promise.resolve([]),
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
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
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
      </div>
      <Tabs defaultValue={tab ?? "standings"}>
        <TabsList className="h-auto max-w-full flex-wrap justify-start">
          <TabsTrigger value="standings">Standings</TabsTrigger>
          <TabsTrigger value="settlement">Settlement</TabsTrigger>
          <TabsTrigger value="settings">Settings</TabsTrigger>
        </TabsList>
        <TabsContent value="standings" className="pt-2">
          <LiveStandings boardId={board.id} type={board.type} live={board.status === "ACTIVE"} />
        </TabsContent>
        <TabsContent value="settlement" className="pt-2">
          <Card className="py-0" data-testid="settlement-preview">
            <CardHeader className="pt-6">
              <CardTitle>{settled ? "Settlement" : "Settlement preview"}</CardTitle>
              <CardDescription>
                {settled
                  ? `Positions frozen ${board.settledAt ? formatDateTime(board.settledAt) : ""}: ${board.winners} winners, ${formatUsd(board.paidUsd)} paid, ${formatUsd(board.remainingUsd)} still due.${board.finishedAt ? ` Finished ${formatDateTime(board.finishedAt)}.` : ""}`
                  : `If the board were settled now: ${formatUsd(preview.payoutUsd)} of the ${formatUsd(preview.poolUsd)} pool would be paid. Ranks nobody has reached pay nothing.`}
              </CardDescription>
            </CardHeader>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Ranks</TableHead>
                  <TableHead className="text-right">USD each</TableHead>
                  <TableHead className="text-right">Filled</TableHead>
                  <TableHead className="text-right">Pays</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.ranges.map((r) => (
                  <TableRow key={r.from}>
                    <TableCell>{r.from === r.to ? `#${r.from}` : `#${r.from}–${r.to}`}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatUsd(r.usd)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {r.filled} / {r.to - r.from + 1}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatUsd(r.payoutUsd)}</TableCell>
                  </TableRow>
                ))}
                {preview.ranges.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={4} className="py-6 text-center text-muted-foreground">
                      No prize table.
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Card>
        </TabsContent>
        <TabsContent value="settings" className="pt-2">
          {editable ? (
            <BoardForm
              mode="edit"
              boardId={board.id}
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
        </TabsContent>
      </Tabs>
    </>
  );
}
