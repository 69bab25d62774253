import { DataTable, NumCell, right } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import type { TPlayerBetRow } from "@/lib/server/players/lookup";

/** A player's bets; a voided one is struck through and says when and why the platform voided it. */
export function PlayerBetsTable({ rows }: { rows: TPlayerBetRow[] }) {
  return (
    <DataTable data-testid="player-bets" columns={["Bet", "Game", "When", right("Stake"), right("USD"), right("Payout USD"), "Status"]}>
      {rows.map((b) => (
        <TableRow key={b.id} data-testid={`bet-row-${b.id}`} className={b.voidedAt ? "text-muted-foreground" : undefined}>
          <TableCell className={`font-mono text-xs ${b.voidedAt ? "line-through" : ""}`}>{b.id}</TableCell>
          <TableCell>{b.game}</TableCell>
          <TableCell>{formatDateTime(b.createdAt)}</TableCell>
          <NumCell>{`${b.amount} ${b.currencyId}`}</NumCell>
          <NumCell>{formatUsd(b.usdAmount)}</NumCell>
          <NumCell>{`${formatUsd(b.payoutUsd)} (${b.payoutMultiplier}×)`}</NumCell>
          <TableCell>
            {b.voidedAt ? (
              <span className="grid gap-0.5">
                <Badge variant="destructive" className="w-fit">
                  Voided
                </Badge>
                <span className="text-xs">
                  {b.voidReason} · {formatDateTime(b.voidedAt)}
                </span>
              </span>
            ) : (
              <span className="text-xs">Counted</span>
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
