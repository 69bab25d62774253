import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, NumCell, right } from "@/components/data-table";
import { KpiCard } from "@/components/kpi-card";
import { LedgerTable } from "@/components/ledger-table";
import { ListPager, pageParam } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { PageTab, PageTabs } from "@/components/page-tabs";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { requirePermission } from "@/lib/server/auth/guards";
import { getPlayer, openPromosForPlayer, playerBets, playerLedger, playerWithdrawals } from "@/lib/server/players/lookup";
import { listPlayerClaims } from "@/lib/server/promo-codes/queries";

import { rowByUserIdOr404 } from "../../_lib/route-row";
import { ClaimsTable } from "../../promo-codes/_components/claims-table";
import { OpenPromos } from "./_components/open-promos";
import { PlayerBetsTable } from "./_components/player-bets-table";
import { PlayerWithdrawalsTable } from "./_components/player-withdrawals-table";

export const metadata: Metadata = { title: "Player" };


export default async function PlayerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; tab?: string }> }) {
  const operator = await requirePermission("players.read");
  const now = new Date();
  const player = await rowByUserIdOr404(params, (playerId) => getPlayer(playerId, now));
  const id = player.id;
  const sp = await searchParams;
  // `page` pages the open tab's list: the ledger's, or the claims', bets' or withdrawals' on ?tab=….
  const page = pageParam(sp.page);
  const pageOf = (tab: string) => ((sp.tab ?? "ledger") === tab ? page : 1);
  const [ledger, claims, bets, withdrawals, openPromos] = await Promise.all([
    playerLedger(id, pageOf("ledger")),
    listPlayerClaims(id, { page: pageOf("claims") }),
    playerBets(id, pageOf("bets")),
    playerWithdrawals(id, pageOf("withdrawals")),
    openPromosForPlayer(id, now),
  ]);
  // The paged tabs: each tab's label counts every row of its list (not one page), as its pager does.
  const lists: TPagedTab[] = [
    { tab: "ledger", label: "Ledger", list: ledger, noun: ["entry", "entries"], empty: "No ledger entries.", table: <LedgerTable rows={ledger.rows} /> },
    { tab: "claims", label: "Claims", list: claims, noun: ["claim", "claims"], table: <ClaimsTable claims={claims.rows} canCancel={can(operator.role, "claims.cancel")} byPromo /> },
    { tab: "bets", label: "Bets", list: bets, noun: ["bet", "bets"], empty: "No bets yet.", table: <PlayerBetsTable rows={bets.rows} /> },
    { tab: "withdrawals", label: "Withdrawals", list: withdrawals, noun: ["withdrawal", "withdrawals"], empty: "No withdrawals.", table: <PlayerWithdrawalsTable rows={withdrawals.rows} /> },
  ];

  return (
    <>
      <PageHeader title={player.username} description={`Player #${player.id} · KYC ${player.kycLevel} · since ${formatDateTime(player.createdAt)}`} />
      <div className="mb-4 flex flex-wrap gap-2">
        {player.bonusBlocked && <Badge variant="destructive">Bonus-blocked</Badge>}
        {player.bonusOptOut && <Badge variant="warning">Opted out of bonuses</Badge>}
        {player.pausedUntil && <Badge variant="warning">Bonuses paused until {formatDateTime(player.pausedUntil)}</Badge>}
        {player.isStreamer && <Badge variant="secondary">Streamer</Badge>}
        {player.referrer ? (
          <Badge variant="outline">
            Referred by {player.referrer.code} ({player.referrer.owner})
          </Badge>
        ) : (
          <Badge variant="muted">Not referred</Badge>
        )}
      </div>
      <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="player-targeting">
        <dt className="text-muted-foreground">Country</dt>
        <dd>
          {player.country ? (
            <>
              {player.country.name} <span className="font-mono text-xs text-muted-foreground">{player.country.code}</span>
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt className="text-muted-foreground">Jurisdiction</dt>
        <dd data-testid="player-jurisdiction">
          {player.jurisdiction ? (
            <>
              {player.jurisdiction.name} <span className="font-mono text-xs text-muted-foreground">{player.jurisdiction.code}</span>
              {player.jurisdiction.fromCountry && <span className="text-muted-foreground"> (from country)</span>}
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt className="text-muted-foreground">Bonus opt-out</dt>
        <dd data-testid="player-opt-out">{player.bonusOptOut ? "opted out of bonuses" : "no"}</dd>
        <dt className="text-muted-foreground">Bonus pause</dt>
        <dd data-testid="player-pause">{player.pausedUntil ? `paused until ${formatDateTime(player.pausedUntil)}` : "not paused"}</dd>
        <dt className="text-muted-foreground">Tags</dt>
        <dd className="flex flex-wrap gap-1">
          {player.tags.length === 0
            ? "—"
            : player.tags.map((t) => (
                <Badge key={t} variant="outline" className="font-mono">
                  {t}
                </Badge>
              ))}
        </dd>
      </dl>
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard label="Deposited" value={formatUsd(player.stats.depositedUsd)} />
        <KpiCard label="Wagered" value={formatUsd(player.stats.wageredUsd)} hint={player.stats.lastBetAt ? `last bet ${formatDateTime(player.stats.lastBetAt)}` : bets.total > 0 ? "no bet counts (all voided)" : "no bets yet"} />
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
          <DataTable data-testid="balances" columns={["Currency", "Bucket", right("Amount")]}>
            {player.balances.map((b) => (
              <TableRow key={`${b.currencyId}-${b.bucket}`}>
                <TableCell>{b.currencyId}</TableCell>
                <TableCell>{b.bucket === "CASH" ? "Cash" : "Bonus"}</TableCell>
                <TableCell className="text-right font-mono tabular-nums">{b.amount}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </Card>
      <OpenPromos rows={openPromos.rows} total={openPromos.total} limit={openPromos.limit} linkPromos={can(operator.role, "promos.read")} />
      <PageTabs
        tab={sp.tab}
        fallback="ledger"
        tabs={[
          ...lists.map((l): [string, string] => [l.tab, `${l.label} (${l.list.total})`]),
          ["boards", `Leaderboards (${player.boards.length})`],
          ["affiliate", "Affiliate"],
        ]}
      >
        {lists.map((l) => (
          <PagedTab key={l.tab} {...l} page={pageOf(l.tab)} path={`/players/${id}`} />
        ))}
        <PageTab value="boards">
          <Card className="py-0">
            {player.boards.length === 0 ? (
              <p className="py-6 text-center text-sm text-muted-foreground">Not on any leaderboard.</p>
            ) : (
              <DataTable columns={["Board", right("Score"), right("Final position"), right("Prize")]}>
                {player.boards.map((b) => (
                  <TableRow key={b.boardId}>
                    <TableCell>
                      <Link href={`/leaderboards/${b.boardId}`} className="hover:underline">
                        {b.name}
                      </Link>
                      <span className="block text-xs text-muted-foreground">ends {formatDateTime(b.endDate)}</span>
                    </TableCell>
                    <NumCell>{b.type === "WAGERED" ? formatUsd(b.score) : `${b.score}×`}</NumCell>
                    <TableCell className="text-right">{b.finalPosition ?? "—"}</TableCell>
                    <NumCell>{Number(b.prizeUsd) > 0 ? formatUsd(b.prizeUsd) : "—"}</NumCell>
                  </TableRow>
                ))}
              </DataTable>
            )}
          </Card>
        </PageTab>
        <PageTab value="affiliate">
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
        </PageTab>
      </PageTabs>
    </>
  );
}

type TPagedTab = {
  tab: string;
  label: string;
  list: { rows: unknown[]; total: number; pageSize: number };
  noun: [string, string];
  /** Shown instead of the table while the list is empty (the claims table says so itself). */
  empty?: string;
  table: React.ReactNode;
};

/**
 * One tab's paged list: the table in a card, or `empty` while there are no rows; then the pager,
 * whose links keep the tab open (`?tab=`).
 */
function PagedTab({ tab, list, noun, empty, table, page, path }: TPagedTab & { page: number; path: string }) {
  return (
    <PageTab value={tab}>
      <Card className="py-0">
        {empty && list.rows.length === 0 ? <p className="py-6 text-center text-sm text-muted-foreground">{empty}</p> : table}
      </Card>
      <ListPager total={list.total} page={page} pageSize={list.pageSize} noun={noun} path={path} query={{ tab }} />
    </PageTab>
  );
}
