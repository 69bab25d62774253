import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { BalanceBucket, CurrencyId, LedgerKind } from "@/lib/generated/prisma/enums";
import type { TSqlTx } from "@/lib/server/sql-transaction";

export type TLedgerCredit = {
  userId: number;
  kind: LedgerKind;
  bucket: BalanceBucket;
  currencyId: CurrencyId;
  /** Decimal string, signed (forfeits are negative). */
  amount: string;
  usdAmount: string;
  usdRate: string;
  sourceId: string;
};

/**
 * Appends ledger entries and moves balances in the caller's transaction, in one statement. An entry
 * whose (kind, sourceId) already exists is skipped — with its balance change — so a retried
 * operation never credits twice. BONUS_RELEASE credits CASH and takes the same amount out of BONUS.
 * Returns the entries actually written.
 */
export async function appendLedger(tx: TSqlTx, credits: TLedgerCredit[]): Promise<{ id: string; kind: LedgerKind; sourceId: string }[]> {
  if (credits.length === 0) return [];
  // The id as text: the same on Prisma's client and on pg (which hands int8 back as a string).
  return tx.$queryRaw<{ id: string; kind: LedgerKind; sourceId: string }[]>`
    WITH ${ledgerCtesSql(credits)} SELECT id::text AS id, kind, "sourceId" FROM ledger_written`;
}

/**
 * appendLedger as common table expressions (`ledger_written` holds the entries written), for a caller
 * that writes more in the same statement — one round trip (the INSTANT claim). PostgreSQL runs every
 * data-modifying CTE of a statement to completion, read or not.
 */
export function ledgerCtesSql(credits: TLedgerCredit[]): Prisma.Sql {
  return Prisma.sql`
    ledger_written AS (
      INSERT INTO "LedgerEntry" ("userId", kind, bucket, "currencyId", amount, "usdAmount", "usdRate", "sourceId")
      SELECT * FROM unnest(
        ${credits.map((c) => c.userId)}::int[],
        ${credits.map((c) => c.kind)}::"LedgerKind"[],
        ${credits.map((c) => c.bucket)}::"BalanceBucket"[],
        ${credits.map((c) => c.currencyId)}::"CurrencyId"[],
        ${credits.map((c) => c.amount)}::numeric[],
        ${credits.map((c) => c.usdAmount)}::numeric[],
        ${credits.map((c) => c.usdRate)}::numeric[],
        ${credits.map((c) => c.sourceId)}::text[]
      )
      ON CONFLICT (kind, "sourceId") DO NOTHING
      RETURNING id, "userId", kind, bucket, "currencyId", amount, "sourceId"
    ),
    ledger_moves AS (
      SELECT "userId", "currencyId", bucket, amount FROM ledger_written
      UNION ALL
      SELECT "userId", "currencyId", 'BONUS'::"BalanceBucket", -amount FROM ledger_written WHERE kind = 'BONUS_RELEASE'
    ),
    ledger_balances AS (
      -- Summed per (user, currency, bucket); rows lock in key order.
      INSERT INTO "Balance" ("userId", "currencyId", bucket, amount)
      SELECT "userId", "currencyId", bucket, sum(amount) FROM ledger_moves GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ("userId", "currencyId", bucket)
      DO UPDATE SET amount = "Balance".amount + EXCLUDED.amount, "updatedAt" = now()
    )`;
}
