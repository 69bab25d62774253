import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { voidedOnArrivalWarning, type TBetEvent, type TEventResult } from "@/lib/schemas/api/events";
import { db } from "@/lib/server/db";
import { OUT_OF_RANGE_MESSAGE } from "@/lib/server/ingest/batch";
import { rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";

export type TParsedBet = Extract<TParsedEvent<TBetEvent>, { ok: true }>;

/**
 * Each event's result once the batch is stored, in the order sent: applied (inserted now; with
 * VOIDED_ON_ARRIVAL when a rollback was waiting for it), duplicate
 * (a replay of a stored or earlier bet), ID_CONFLICT (same id, other content), OUT_OF_RANGE, or why
 * the insert left it out (UNKNOWN_USER, UNKNOWN_GAME, else NO_RATE). It reads after the commit, so a
 * bet a concurrent batch stored first is judged against what that batch stored.
 */
export async function classifyBetResults(
  parsed: TParsedEvent<TBetEvent>[],
  batch: { firstById: Map<string, TParsedBet>; inserted: Set<string>; voidedOnArrival: Map<string, string>; tooBig: Set<string> },
): Promise<TEventResult[]> {
  const { firstById, inserted, voidedOnArrival, tooBig } = batch;
  // Everything not inserted: a replay (same content), an id clash, or an unknown user/game.
  const notInserted = [...firstById.values()].filter((p) => !inserted.has(p.event.id) && !tooBig.has(p.event.id));
  const stored = notInserted.length
    ? await db.$queryRaw<TStoredBet[]>`
        SELECT id, "userId", "gameId", "currencyId"::text, amount::text, "usdAmount"::text, payout::text,
               "payoutUsd"::text, "payoutMultiplier"::text, "createdAt"
        FROM "Bet" WHERE id = ANY(${notInserted.map((p) => p.event.id)}::text[])`
    : [];
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const missing = notInserted.filter((p) => !storedById.has(p.event.id));
  const known = missing.length
    ? await knownUsersAndGames(missing.map((p) => p.event))
    : { users: new Set<number>(), games: new Set<number>() };

  return parsed.map((p) =>
    p.ok
      ? betResult(p, { first: firstById.get(p.event.id)!, stored: storedById.get(p.event.id), inserted, voidedOnArrival, tooBig, known })
      : p.result,
  );
}

function betResult(
  p: TParsedBet,
  c: {
    first: TParsedBet;
    stored: TStoredBet | undefined;
    inserted: Set<string>;
    voidedOnArrival: Map<string, string>;
    tooBig: Set<string>;
    known: { users: Set<number>; games: Set<number> };
  },
): TEventResult {
  const ok = (status: "applied" | "duplicate"): TEventResult => ({
    id: p.rawId,
    status,
    error: null,
    warnings: p.warnings,
  });
  if (c.first !== p) {
    // A repeat inside the batch: the first one decided. A repeat of a rejected bet is rejected the
    // same way (not stored, may be sent again) — with group commit it may be the platform's resend.
    if (!sameBetEvents(c.first.event, p.event)) {
      return rejected(p.rawId, "ID_CONFLICT", "Another bet with this id and different content was sent.", p.warnings);
    }
    const firstResult = betResult(c.first, { ...c, first: c.first });
    return firstResult.status === "rejected" ? { ...firstResult, id: p.rawId, warnings: p.warnings } : ok("duplicate");
  }
  if (c.tooBig.has(p.event.id)) return rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings);
  if (c.inserted.has(p.event.id)) {
    const rollbackId = c.voidedOnArrival.get(p.event.id);
    return rollbackId === undefined
      ? ok("applied")
      : { id: p.rawId, status: "applied", error: null, warnings: [...p.warnings, voidedOnArrivalWarning(rollbackId)] };
  }
  if (c.stored) {
    return sameBet(p.event, c.stored)
      ? ok("duplicate")
      : rejected(p.rawId, "ID_CONFLICT", "A bet with this id and different content is already stored.", p.warnings);
  }
  const refuse = (code: "UNKNOWN_USER" | "UNKNOWN_GAME", message: string) => rejected(p.rawId, code, message, p.warnings);
  if (!c.known.users.has(p.event.userId)) return refuse("UNKNOWN_USER", `User ${p.event.userId} is unknown; send the users event first.`);
  if (!c.known.games.has(p.event.gameId)) return refuse("UNKNOWN_GAME", `Game ${p.event.gameId} is unknown; send the games event first.`);
  return rejected(
    p.rawId,
    "NO_RATE",
    `No USD rate for ${p.event.currencyId} at ${p.event.createdAt.toISOString()}; send usdAmount.`,
    p.warnings,
  );
}

type TStoredBet = {
  id: string;
  userId: number;
  gameId: number;
  currencyId: string;
  amount: string;
  usdAmount: string;
  payout: string;
  payoutUsd: string;
  payoutMultiplier: string;
  createdAt: Date;
};

/** Same bet? Compared on what the platform sent (a usdAmount it left out was derived, not sent). */
function sameBet(sent: TBetEvent, stored: TStoredBet): boolean {
  const eq = (a: string, b: string) => new Prisma.Decimal(a).eq(b);
  return (
    sent.userId === stored.userId &&
    sent.gameId === stored.gameId &&
    sent.currencyId === stored.currencyId &&
    eq(sent.amount, stored.amount) &&
    eq(sent.payout, stored.payout) &&
    eq(sent.payoutMultiplier, stored.payoutMultiplier) &&
    (sent.usdAmount === undefined || eq(sent.usdAmount, stored.usdAmount)) &&
    (sent.payoutUsd === undefined || eq(sent.payoutUsd, stored.payoutUsd)) &&
    sent.createdAt.getTime() === stored.createdAt.getTime()
  );
}

function sameBetEvents(a: TBetEvent, b: TBetEvent): boolean {
  return (
    JSON.stringify({ ...a, createdAt: a.createdAt.getTime() }) ===
    JSON.stringify({ ...b, createdAt: b.createdAt.getTime() })
  );
}

async function knownUsersAndGames(events: TBetEvent[]) {
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.userId))] }, role: "PLAYER" },
    select: { id: true },
  });
  const games = await db.game.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.gameId))] } },
    select: { id: true },
  });
  return { users: new Set<number>(users.map((u) => u.id)), games: new Set<number>(games.map((g) => g.id)) };
}
