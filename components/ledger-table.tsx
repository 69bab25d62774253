import Link from "next/link";

import { DataTable, NumCell, right } from "@/components/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { LEDGER_KIND_LABELS } from "@/lib/client/labels";

export type TLedgerRow = {
  id: string;
  createdAt: string;
  kind: string;
  bucket: string;
  currencyId: string;
  amount: string;
  usdAmount: string;
  userId?: number;
  username?: string;
};

/** Ledger entries as a table (the credits page shows whose; a player's own page doesn't need to). */
export function LedgerTable({ rows, showPlayer = false }: { rows: TLedgerRow[]; showPlayer?: boolean }) {
  return (
    <DataTable columns={["When", ...(showPlayer ? ["Player"] : []), "What", right("Amount"), right("USD")]}>
      {rows.map((r) => (
        <TableRow key={r.id}>
          <TableCell className="text-xs whitespace-nowrap">{formatDateTime(r.createdAt)}</TableCell>
          {showPlayer && (
            <TableCell>
              <Link href={`/players/${r.userId}`} className="hover:underline">
                {r.username}
              </Link>
            </TableCell>
          )}
          <TableCell>
            {LEDGER_KIND_LABELS[r.kind] ?? r.kind}
            <span className="block text-xs text-muted-foreground">
              {r.bucket === "CASH" ? "cash" : "bonus"} balance
            </span>
          </TableCell>
          <TableCell
            className={`text-right font-mono tabular-nums ${r.amount.startsWith("-") ? "text-destructive" : ""}`}
          >
            {r.amount} {r.currencyId}
          </TableCell>
          <NumCell>{formatUsd(r.usdAmount)}</NumCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
