import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { KpiCard } from "@/components/kpi-card";
import { LedgerTable } from "@/components/ledger-table";
import { ListPager } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { requirePermission } from "@/lib/server/auth/guards";
import { getPlayer, playerLedger } from "@/lib/server/players/lookup";
import { listPlayerClaims } from "@/lib/server/promo-codes/queries";

import { ClaimsTable } from "../../promo-codes/_components/claims-table";
import { int4FromText } from "@/lib/schemas/ids";

export const metadata: Metadata = { title: "Player" };


export default async function PlayerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; tab?: string }> }) {
  const operator = await requirePermission("players.read");
  const id = int4FromText((await params).id);
  if (id === null) notFound();
  const sp = await searchParams;
  const page = Math.max(1, Math.min(100_000, Number(sp.page) || 1));
  const player = await getPlayer(id);
  if (!player) notFound();
  const [ledger, claims] = await Promise.all([playerLedger(id, page), listPlayerClaims(id)]);

  return (
    <>
      <PageHeader title={player.username} description={`Player #${player.id} · KYC ${player.kycLevel} · since ${formatDateTime(player.createdAt)}`} />
      <div className="mb-4 flex flex-wrap gap-2">
        {player.bonusBlocked && <Badge variant="destructive">Bonus-blocked</Badge>}
        {player.isStreamer && <Badge variant="secondary">Streamer</Badge>}
        {player.referrer ? (
          <Badge variant="outline">
            Referred by {player.referrer.code} ({player.referrer.owner})
          </Badge>
        ) : (
          <Badge variant="muted">Not referred</Badge>
        )}
      </div>
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard label="Deposited" value={formatUsd(player.stats.depositedUsd)} />
        <KpiCard label="Wagered" value={formatUsd(player.stats.wageredUsd)} hint={player.stats.lastBetAt ? `last bet ${formatDateTime(player.stats.lastBetAt)}` : "no bets yet"} />
        <KpiCard label="Paid out" value={formatUsd(player.stats.payoutUsd)} />
        <KpiCard label="Bonuses granted" value={formatUsd(player.stats.bonusUsd)} />
      </div>
      <Card className="mb-6 py-0">
        <CardHeader className="pt-6">
          <CardTitle>Balances</CardTitle>
        </CardHeader>
        {player.balances.length === 0 ? (
          <CardContent className="pb-6 text-sm text-muted-foreground">No credits from Rollover yet.</CardContent>
        ) : (
          <Table data-testid="balances">
            <TableHeader>
              <TableRow>
                <TableHead>Currency</TableHead>
                <TableHead>Bucket</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {player.balances.map((b) => (
                <TableRow key={`${b.currencyId}-${b.bucket}`}>
                  <TableCell>{b.currencyId}</TableCell>
                  <TableCell>{b.bucket === "CASH" ? "Cash" : "Bonus"}</TableCell>
                  <TableCell className="text-right font-mono tabular-nums">{b.amount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <Tabs defaultValue={sp.tab ?? "ledger"}>
        <TabsList className="h-auto max-w-full flex-wrap justify-start">
          <TabsTrigger value="ledger">Ledger ({ledger.total})</TabsTrigger>
          <TabsTrigger value="claims">Claims ({claims.length})</TabsTrigger>
          <TabsTrigger value="boards">Leaderboards ({player.boards.length})</TabsTrigger>
          <TabsTrigger value="affiliate">Affiliate</TabsTrigger>
        </TabsList>
        <TabsContent value="ledger" className="pt-2">
          <Card className="py-0">
            {ledger.rows.length === 0 ? (
              <p className="py-6 text-center text-sm text-muted-foreground">No ledger entries.</p>
            ) : (
              <LedgerTable rows={ledger.rows} />
            )}
          </Card>
          <ListPager total={ledger.total} page={page} pageSize={ledger.pageSize} noun={["entry", "entries"]} hrefFor={(p) => `/players/${id}?tab=ledger&page=${p}`} />
        </TabsContent>
        <TabsContent value="claims" className="pt-2">
          <Card className="py-0">
            <ClaimsTable claims={claims} canCancel={can(operator.role, "claims.cancel")} byPromo />
          </Card>
        </TabsContent>
        <TabsContent value="boards" className="pt-2">
          <Card className="py-0">
            {player.boards.length === 0 ? (
              <p className="py-6 text-center text-sm text-muted-foreground">Not on any leaderboard.</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Board</TableHead>
                    <TableHead className="text-right">Score</TableHead>
                    <TableHead className="text-right">Final position</TableHead>
                    <TableHead className="text-right">Prize</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {player.boards.map((b) => (
                    <TableRow key={b.boardId}>
                      <TableCell>
                        <Link href={`/leaderboards/${b.boardId}`} className="hover:underline">
                          {b.name}
                        </Link>
                        <span className="block text-xs text-muted-foreground">ends {formatDateTime(b.endDate)}</span>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{b.type === "WAGERED" ? formatUsd(b.score) : `${b.score}×`}</TableCell>
                      <TableCell className="text-right">{b.finalPosition ?? "—"}</TableCell>
                      <TableCell className="text-right tabular-nums">{Number(b.prizeUsd) > 0 ? formatUsd(b.prizeUsd) : "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Card>
        </TabsContent>
        <TabsContent value="affiliate" className="pt-2">
          <Card>
            <CardContent className="grid gap-3 text-sm">
              <p>
                Referrer:{" "}
                {player.referrer ? (
                  <>
                    code <span className="font-mono">{player.referrer.code}</span>, owned by{" "}
                    <Link className="underline" href={`/players/${player.referrer.ownerId}`}>
                      {player.referrer.owner}
                    </Link>
                  </>
                ) : (
                  "none"
                )}
              </p>
              <p>
                Own codes:{" "}
                {player.ownCodes.length === 0
                  ? "none"
                  : player.ownCodes.map((c) => `${c.id} (${c.commissionRate ?? "global rate"}, ${formatUsd(c.wageredUsd)} wagered)`).join("; ")}
                {player.ownCodes.length > 0 && ` · ${player.referrals} referred players`}
              </p>
              {player.commissions && (
                <p>
                  Commissions: {formatUsd(player.commissions.claimableUsd)} claimable, {formatUsd(player.commissions.claimedUsd)} claimed.
                </p>
              )}
            </CardContent>
          </Card>
        </TabsContent>
      </Tabs>
    </>
  );
}
