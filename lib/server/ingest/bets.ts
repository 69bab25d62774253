import "server-only";

import type { TBetEvent, TEventResult } from "@/lib/schemas/api/events";
import { applySqlBatch } from "@/lib/server/ingest/batch";
import { applyStoredBets, effectsDue } from "@/lib/server/ingest/bet-effects";
import { HOLD_BET_ARRIVAL_SQL, insertNewBets } from "@/lib/server/ingest/bet-insert";
import { classifyBetResults } from "@/lib/server/ingest/bet-results";
import { firstById, type TParsedEvent } from "@/lib/server/ingest/envelope";

/**
 * Records a batch of bets in one transaction, set-based: the new bets (idempotent by id), then what
 * they feed (user stats, rollover, hooks), then each event's result. A replay — even concurrent —
 * inserts nothing and changes nothing. A bet whose rollback came first is stored voided and feeds
 * nothing (VOIDED_ON_ARRIVAL).
 */
export async function ingestBets(parsed: TParsedEvent<TBetEvent>[], now = new Date()): Promise<TEventResult[]> {
  const first = firstById(parsed);
  // In id order, like the batch's writes, so the one-by-one fallback of applySqlBatch also locks in that order.
  const batch = [...first.values()].sort((a, b) =>
    a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0,
  );

  const { results: inserted, outOfRange } = await applySqlBatch(
    batch,
    async (tx, items) => {
      const rows = await insertNewBets(
        tx,
        items.map((p) => p.event),
      );
      const counted = rows.filter((r) => r.rollbackId === null);
      if (counted.length > 0) await applyStoredBets(tx, counted.map((r) => r.id), now, effectsDue(counted));
      return rows;
    },
    { first: [HOLD_BET_ARRIVAL_SQL] },
  );

  return classifyBetResults(parsed, {
    firstById: first,
    inserted: new Set(inserted.map((r) => r.id)),
    voidedOnArrival: new Map(inserted.flatMap((r) => (r.rollbackId === null ? [] : [[r.id, r.rollbackId] as const]))),
    tooBig: new Set([...outOfRange].map((p) => p.event.id)),
  });
}
