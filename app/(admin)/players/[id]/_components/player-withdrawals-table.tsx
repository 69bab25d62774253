import { DataTable, NumCell, right } from "@/components/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import type { TPlayerWithdrawalRow } from "@/lib/server/players/lookup";

/** A player's withdrawals: the platform's id, when, the amount (rounded down to its currency's scale) and its USD value. */
export function PlayerWithdrawalsTable({ rows }: { rows: TPlayerWithdrawalRow[] }) {
  return (
    <DataTable data-testid="player-withdrawals" columns={["Withdrawal", "When", right("Amount"), right("USD")]}>
      {rows.map((w) => (
        <TableRow key={w.id}>
          <TableCell className="font-mono text-xs">{w.id}</TableCell>
          <TableCell>{formatDateTime(w.createdAt)}</TableCell>
          <NumCell>{`${w.amount} ${w.currencyId}`}</NumCell>
          <NumCell>{formatUsd(w.usdAmount)}</NumCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
