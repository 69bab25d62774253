import "server-only";

import { roundDown, toUsd } from "@/lib/domain/money/decimal";
import { db } from "@/lib/server/db";

type TRow = {
  id: bigint;
  txId: string;
  userId: number;
  kind: string;
  bucket: "CASH" | "BONUS";
  currencyId: string;
  amount: string;
  usdAmount: string;
  sourceId: string;
  createdAt: Date;
  decimals: number;
};

/**
 * The credits feed: ledger entries after a cursor, oldest first. Entries are ordered by
 * (transaction id, entry id) and only those whose transaction is older than every transaction still
 * running are served, so an entry that commits late can never land behind a cursor already handed
 * out. The cursor is "<txId>.<id>" of the last entry of the page.
 */
export async function readCredits(after: string | undefined, limit: number) {
  const [afterTx, afterId] = after ? after.split(".") : ["0", "0"];
  const rows = await db.$queryRaw<TRow[]>`
    SELECT l.id, l."txId"::text AS "txId", l."userId", l.kind::text, l.bucket::text, l."currencyId"::text,
           l.amount::text, l."usdAmount"::text, l."sourceId", l."createdAt", COALESCE(c.decimals, 18) AS decimals
    FROM "LedgerEntry" l LEFT JOIN "Currency" c ON c.id = l."currencyId"
    WHERE (l."txId", l.id) > (${afterTx}::xid8, ${afterId}::bigint)
      AND l."txId" < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY l."txId", l.id
    LIMIT ${limit}`;
  const credits = rows.map((r) => ({
    id: r.id.toString(),
    cursor: `${r.txId}.${r.id}`,
    userId: r.userId,
    kind: r.kind,
    bucket: r.bucket,
    currencyId: r.currencyId,
    amount: roundDown(r.amount, r.decimals),
    usdAmount: toUsd(r.usdAmount),
    sourceId: r.sourceId,
    createdAt: r.createdAt.toISOString(),
  }));
  return { credits, nextCursor: credits.length ? credits[credits.length - 1].cursor : (after ?? null) };
}
