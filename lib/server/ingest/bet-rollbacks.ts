import "server-only";

import {
  ALREADY_VOIDED,
  betNotYetReceivedWarning,
  type TBetRollbackEvent,
  type TEventResult,
} from "@/lib/schemas/api/events";
import { applyCommissions, moveActiveReferrals, refreshLastReferralBet } from "@/lib/server/affiliates/commissions";
import { db, type TTx } from "@/lib/server/db";
import { applyBatch, OUT_OF_RANGE_MESSAGE } from "@/lib/server/ingest/batch";
import { BET_ARRIVAL_LOCK } from "@/lib/server/ingest/bet-insert";
import { addToPlatformDaily, takeBackUserStats } from "@/lib/server/ingest/bet-totals";
import { answersInOrder, applied, duplicate, firstById, rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";
import { applyVoidedBetHooks, type TVoidedBet } from "@/lib/server/ingest/void-hooks";
import { takeBackRollover } from "@/lib/server/rollover/apply";

type TParsedRollback = Extract<TParsedEvent<TBetRollbackEvent>, { ok: true }>;
type TStoredRollback = { id: string; betId: string; reason: string; createdAt: Date };
/** A rollback this batch stored; `voided` when its bet was there and is voided now, else it waits for the bet. */
type TStored = { id: string; voided: boolean };

const byBet = (a: TParsedRollback, b: TParsedRollback) =>
  a.event.betId < b.event.betId ? -1 : a.event.betId > b.event.betId ? 1 : 0;

/**
 * Records bet rollbacks (idempotent by id, like deposits and bets) in one transaction per batch,
 * set-based. Each new rollback voids its bet — the row stays, gaining voidedAt (the rollback's
 * createdAt), voidReason and rollbackId — and every figure the bet fed is moved back (see
 * `voidStoredBets`). A rollback for a bet not received yet is stored and waits: the bet is stored
 * voided when it arrives (lib/server/ingest/bet-insert.ts). A second rollback id for a bet that
 * already has one is ALREADY_VOIDED; within a batch the first sent for a bet wins.
 */
export async function ingestBetRollbacks(parsed: TParsedEvent<TBetRollbackEvent>[], now = new Date()): Promise<TEventResult[]> {
  const first = firstById(parsed);
  const firstForBet = new Map<string, TParsedRollback>();
  for (const p of first.values()) if (!firstForBet.has(p.event.betId)) firstForBet.set(p.event.betId, p);
  // In bet id order, like the insert (its conflicts are on betId too), so concurrent batches and the
  // one-by-one fallback of applyBatch take locks in one order.
  const batch = [...firstForBet.values()].sort(byBet);
  const { results, outOfRange } = await applyBatch(batch, (tx, items) => storeRollbacks(tx, items, now));

  const storedNow = new Map(results.map((r) => [r.id, r]));
  const tooBig = new Set([...outOfRange].map((p) => p.event.id));
  const rest = [...first.values()].filter((p) => !storedNow.has(p.event.id) && !tooBig.has(p.event.id));
  // Read after the commit: a rollback a concurrent batch stored first is judged against what it stored.
  const stored = rest.length
    ? await db.$queryRaw<TStoredRollback[]>`
        SELECT id, "betId", reason, "createdAt" FROM "BetRollback"
        WHERE id = ANY(${rest.map((p) => p.event.id)}::text[]) OR "betId" = ANY(${rest.map((p) => p.event.betId)}::text[])`
    : [];
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const storedForBet = new Map(stored.map((s) => [s.betId, s]));

  const firstResult = (p: TParsedRollback): TEventResult => {
    const e = p.event;
    if (tooBig.has(e.id)) return rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings);
    const done = storedNow.get(e.id);
    if (done) return applied(p.rawId, done.voided ? p.warnings : [...p.warnings, betNotYetReceivedWarning(e.betId)]);
    const same = storedById.get(e.id);
    if (same) {
      return sameRollback(e, same)
        ? duplicate(p.rawId, p.warnings)
        : rejected(p.rawId, "ID_CONFLICT", "A rollback with this id and different content is already stored.", p.warnings);
    }
    const other = storedForBet.get(e.betId);
    const by = other ? `rollback ${other.id}` : "another rollback sent first in this batch";
    return rejected(p.rawId, ALREADY_VOIDED, `Bet ${e.betId} is already voided by ${by}; a bet is voided once.`, p.warnings);
  };
  const answers = new Map([...first.values()].map((p) => [p.event.id, firstResult(p)]));
  return answersInOrder(parsed, first, answers, sameRollback, "rollback");
}

/** The batch's writes, in the batch's transaction; returns the rollbacks stored now. */
async function storeRollbacks(tx: TTx, items: TParsedRollback[], now: Date): Promise<TStored[]> {
  const e = items.map((p) => p.event);
  const betIds = e.map((x) => x.betId);
  // A rollback whose bet isn't stored may have to wait for it: hold the arrival lock exclusively
  // before writing anything, so no bet batch is half-way between reading BetRollback and committing
  // (see BET_ARRIVAL_LOCK). The statements below then see every bet stored so far.
  const [{ missing }] = await tx.$queryRaw<{ missing: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM unnest(${betIds}::text[]) AS i(id) WHERE NOT EXISTS (SELECT 1 FROM "Bet" b WHERE b.id = i.id)) AS missing`;
  if (missing) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BET_ARRIVAL_LOCK[0]}::int, ${BET_ARRIVAL_LOCK[1]}::int)`;

  // New rollbacks only: an id already stored, or a bet that already has a rollback, inserts nothing.
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "BetRollback" (id, "betId", reason, "createdAt")
    SELECT * FROM unnest(${e.map((x) => x.id)}::text[], ${betIds}::text[], ${e.map((x) => x.reason)}::text[],
                         ${e.map((x) => x.createdAt)}::timestamptz[]) AS i(id, bet_id, reason, at)
    ORDER BY bet_id
    ON CONFLICT DO NOTHING
    RETURNING id`;
  if (inserted.length === 0) return [];

  // Void the bets that are stored (locked in id order, as a deposit's activation share-locks them).
  const voided = await tx.$queryRaw<(TVoidedBet & { rollbackId: string })[]>`
    WITH r AS (
      SELECT id, "betId", reason, "createdAt" FROM "BetRollback" WHERE id = ANY(${inserted.map((r) => r.id)}::text[])
    ),
    locked AS (
      SELECT b.id FROM "Bet" b WHERE b.id IN (SELECT "betId" FROM r) AND b."voidedAt" IS NULL ORDER BY b.id FOR UPDATE
    ),
    voided AS (
      UPDATE "Bet" b SET "voidedAt" = r."createdAt", "voidReason" = r.reason, "rollbackId" = r.id
      FROM r JOIN locked l ON l.id = r."betId"
      WHERE b.id = r."betId"
      RETURNING b.id, b."userId", b."gameId", b."usdAmount"::text AS "usdAmount", b."payoutMultiplier"::text AS "payoutMultiplier",
                b."createdAt", b."rollbackId"
    ),
    marked AS (
      UPDATE "BetRollback" x SET "appliedAt" = now() FROM voided v WHERE x.id = v."rollbackId"
    )
    SELECT * FROM voided ORDER BY id`;
  if (voided.length > 0) {
    await voidStoredBets(
      tx,
      voided.map(({ rollbackId: _rollbackId, ...bet }) => bet),
      now,
    );
  }
  const voidedBy = new Set(voided.map((v) => v.rollbackId));
  return inserted.map((r) => ({ id: r.id, voided: voidedBy.has(r.id) }));
}

/**
 * Moves back every figure the bets just voided by this batch had fed, in the bet path's table order
 * (so a rollback batch and a bet batch never wait on each other in a circle): user stats and the
 * platform's day, the rollover (recorded contributions), leaderboards and challenges (the void
 * hooks), then the affiliate side — commission per currency and in USD, the owner's totals and
 * business-day rollup, the code's wagering — and the active-referral count if a latest bet moved back.
 */
async function voidStoredBets(tx: TTx, voided: TVoidedBet[], now: Date): Promise<void> {
  const ids = voided.map((v) => v.id);
  const lastBets = await takeBackUserStats(tx, ids);
  await addToPlatformDaily(tx, ids, -1);
  await takeBackRollover(tx, ids);
  await applyVoidedBetHooks(tx, voided, now);
  await applyCommissions(tx, ids, -1);
  await refreshLastReferralBet(tx, ids);
  await moveActiveReferrals(
    tx,
    lastBets.filter((m) => (m.before?.getTime() ?? null) !== (m.after?.getTime() ?? null)),
  );
}

function sameRollback(a: TBetRollbackEvent | TStoredRollback, b: TBetRollbackEvent | TStoredRollback): boolean {
  return a.betId === b.betId && a.reason === b.reason && a.createdAt.getTime() === b.createdAt.getTime();
}
