import { DataTable, EmptyRow, NumCell, right } from "@/components/data-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import type { TSettlementVoid } from "@/lib/server/leaderboards/queries";

/** Bets the platform voided after the board froze: the prizes stand; the list is for the operator to follow up. */
export function VoidsAfterSettlement({ voids, type }: { voids: TSettlementVoid[]; type: "WAGERED" | "MULTIPLIER" }) {
  return (
    <Card className="mt-4 py-0" data-testid="settlement-voids">
      <CardHeader className="pt-6">
        <CardTitle>Voided after settlement</CardTitle>
        <CardDescription>
          The platform voided these bets after positions were frozen. Prizes are final and unchanged; a voided bet no longer counts anywhere
          else.
        </CardDescription>
      </CardHeader>
      <DataTable columns={["Player", "Bet", "Reason", right(type === "WAGERED" ? "Wagered" : "Multiplier"), right("Position"), right("Prize")]}>
        {voids.map((v) => (
          <TableRow key={v.betId}>
            <TableCell>{v.username}</TableCell>
            <TableCell>
              <span className="font-mono text-xs">{v.betId}</span>
              <span className="block text-xs text-muted-foreground">
                bet {formatDateTime(v.betAt)} · voided {formatDateTime(v.voidedAt)}
              </span>
            </TableCell>
            <TableCell>{v.reason}</TableCell>
            <NumCell>{type === "WAGERED" ? formatUsd(v.scoreAmount) : `${v.scoreAmount}×`}</NumCell>
            <TableCell className="text-right">{v.finalPosition ?? "—"}</TableCell>
            <NumCell>{v.prizeUsd ? formatUsd(v.prizeUsd) : "—"}</NumCell>
          </TableRow>
        ))}
        {voids.length === 0 && <EmptyRow colSpan={6}>No bet on this board was voided after settlement.</EmptyRow>}
      </DataTable>
    </Card>
  );
}
