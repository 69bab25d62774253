import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, EmptyRow, right } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { ZCurrencyId } from "@/lib/schemas/money";
import { requirePermission } from "@/lib/server/auth/guards";
import { currentRates, rateHistory } from "@/lib/server/rates/queries";

import { RateForm } from "./_components/rate-form";

export const metadata: Metadata = { title: "Currency rates" };

export default async function RatesPage({ searchParams }: { searchParams: Promise<{ currency?: string }> }) {
  await requirePermission("rates.admin");
  const currency = ZCurrencyId.catch("BTC").parse((await searchParams).currency);
  const [rates, history] = await Promise.all([currentRates(), rateHistory(currency)]);

  return (
    <>
      <PageHeader
        title="Currency rates"
        description="USD per unit of each currency. Every USD figure uses the rate in force at its moment; earlier figures keep the rate they used."
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>New rate</CardTitle>
          <CardDescription>Takes effect from the time given (now or later). Rates are never edited: the history stays.</CardDescription>
        </CardHeader>
        <CardContent>
          <RateForm currencyId={currency} />
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="py-0">
          <CardHeader className="pt-6">
            <CardTitle>In force now</CardTitle>
          </CardHeader>
          <DataTable columns={["Currency", right("USD"), { label: "Since", className: "hidden sm:table-cell" }]}>
            {rates.map((r) => (
              <TableRow key={r.currencyId} data-testid={`rate-${r.currencyId}`} className={r.currencyId === currency ? "bg-muted/50" : ""}>
                <TableCell>
                  <Link href={`/settings/rates?currency=${r.currencyId}`} className="font-medium hover:underline">
                    {r.currencyId}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{r.name}</span>
                </TableCell>
                <TableCell className="text-right font-mono tabular-nums">
                  {r.rate ?? <span className="text-destructive">none</span>}
                  {r.next && (
                    <span className="block text-xs text-muted-foreground">
                      → {r.next.rate} from {formatDateTime(r.next.validFrom)}
                    </span>
                  )}
                </TableCell>
                <TableCell className="hidden text-xs sm:table-cell">{r.validFrom ? formatDateTime(r.validFrom) : "—"}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </Card>
        <Card className="py-0">
          <CardHeader className="pt-6">
            <CardTitle>{currency} history</CardTitle>
            <CardDescription>Newest first; the last 50.</CardDescription>
          </CardHeader>
          <DataTable data-testid="rate-history" columns={["From", right("USD"), "Set by"]}>
            {history.map((h) => (
              <TableRow key={h.id}>
                <TableCell className="text-xs">{formatDateTime(h.validFrom)}</TableCell>
                <TableCell className="text-right font-mono tabular-nums">{h.usdRate}</TableCell>
                <TableCell>{h.createdBy}</TableCell>
              </TableRow>
            ))}
            {history.length === 0 && (
              <EmptyRow colSpan={3}>No rate yet: USD figures in {currency} can&apos;t be computed until one is added.</EmptyRow>
            )}
          </DataTable>
        </Card>
      </div>
    </>
  );
}
