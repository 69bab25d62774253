import "server-only";

import type { BalanceBucket, CurrencyId, LedgerKind } from "@/lib/generated/prisma/enums";
import type { TTx } from "@/lib/server/db";

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
export async function appendLedger(tx: TTx, credits: TLedgerCredit[]): Promise<{ id: bigint; kind: LedgerKind; sourceId: string }[]> {
  if (credits.length === 0) return [];
  return tx.$queryRaw<{ id: bigint; kind: LedgerKind; sourceId: string }[]>`
    WITH written AS (
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
    moves AS (
      SELECT "userId", "currencyId", bucket, amount FROM written
      UNION ALL
      SELECT "userId", "currencyId", 'BONUS'::"BalanceBucket", -amount FROM written WHERE kind = 'BONUS_RELEASE'
    ),
    balances AS (
      -- Summed per (user, currency, bucket); rows lock in key order.
      INSERT INTO "Balance" ("userId", "currencyId", bucket, amount)
      SELECT "userId", "currencyId", bucket, sum(amount) FROM moves GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ("userId", "currencyId", bucket)
      DO UPDATE SET amount = "Balance".amount + EXCLUDED.amount, "updatedAt" = now()
    )
    SELECT id, kind, "sourceId" FROM written`;
}
