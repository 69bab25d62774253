import "server-only";

import type { TTx } from "@/lib/server/db";
import type { BalanceBucket, CurrencyId, LedgerKind } from "@/lib/generated/prisma/enums";

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
 * Appends ledger entries and moves balances in the caller's transaction. An entry whose
 * (kind, sourceId) already exists is skipped — with its balance change — so a retried operation never
 * credits twice. BONUS_RELEASE credits CASH and takes the same amount out of BONUS.
 * Returns the entries actually written.
 */
export async function appendLedger(tx: TTx, credits: TLedgerCredit[]): Promise<{ id: bigint; kind: LedgerKind; sourceId: string }[]> {
  if (credits.length === 0) return [];
  const inserted = await tx.$queryRaw<{ id: bigint; kind: LedgerKind; sourceId: string }[]>`
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
    RETURNING id, kind, "sourceId"`;
  if (inserted.length === 0) return [];

  const written = new Set(inserted.map((r) => `${r.kind}:${r.sourceId}`));
  const moves: { userId: number; currencyId: CurrencyId; bucket: BalanceBucket; amount: string; sign: number }[] = [];
  for (const c of credits) {
    if (!written.has(`${c.kind}:${c.sourceId}`)) continue;
    moves.push({ userId: c.userId, currencyId: c.currencyId, bucket: c.bucket, amount: c.amount, sign: 1 });
    if (c.kind === "BONUS_RELEASE") {
      moves.push({ userId: c.userId, currencyId: c.currencyId, bucket: "BONUS", amount: c.amount, sign: -1 });
    }
  }
  // One upsert for all balance moves, summed per (user, currency, bucket); rows lock in key order.
  await tx.$executeRaw`
    INSERT INTO "Balance" ("userId", "currencyId", bucket, amount)
    SELECT "userId", "currencyId", bucket, sum(amount * sign) FROM unnest(
      ${moves.map((m) => m.userId)}::int[],
      ${moves.map((m) => m.currencyId)}::"CurrencyId"[],
      ${moves.map((m) => m.bucket)}::"BalanceBucket"[],
      ${moves.map((m) => m.amount)}::numeric[],
      ${moves.map((m) => m.sign)}::int[]
    ) AS m("userId", "currencyId", bucket, amount, sign)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT ("userId", "currencyId", bucket)
    DO UPDATE SET amount = "Balance".amount + EXCLUDED.amount, "updatedAt" = now()`;
  return inserted;
}
