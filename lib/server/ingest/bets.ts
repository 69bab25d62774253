import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TBetEvent, TEventResult } from "@/lib/schemas/api/events";
import { env } from "@/lib/env";
import { expireByLateBets } from "@/lib/server/claims/lifecycle";
import { db, type TTx } from "@/lib/server/db";
import { applyBatch, OUT_OF_RANGE_MESSAGE } from "@/lib/server/ingest/batch";
import { rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";
import { applyBetHooks } from "@/lib/server/ingest/hooks";
import { applyRollover } from "@/lib/server/rollover/apply";

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

/**
 * Records a batch of bets in one transaction, set-based: the bets (idempotent by id), user stats,
 * rollover progress, completion and late-bet expiry, then the hooks (leaderboards, challenges,
 * commissions). A replay — even concurrent — inserts nothing and changes nothing.
 */
export async function ingestBets(parsed: TParsedEvent<TBetEvent>[], now = new Date()): Promise<TEventResult[]> {
  const results: (TEventResult | undefined)[] = parsed.map((p) => (p.ok ? undefined : p.result));
  // The first event with an id is processed; a repeat in the same batch is judged against it.
  const firstById = new Map<string, TParsedEvent<TBetEvent> & { ok: true }>();
  for (const p of parsed) if (p.ok && !firstById.has(p.event.id)) firstById.set(p.event.id, p);
  const batch = [...firstById.values()].sort((a, b) =>
    a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0,
  );
  const rate = env().AFFILIATE_COMMISSION_RATE;

  const { results: insertedIds, outOfRange } = await applyBatch(batch, (tx, items) =>
    insertBets(
      tx,
      items.map((p) => p.event),
      rate,
      now,
    ),
  );
  const inserted = new Set(insertedIds);
  const tooBig = new Set([...outOfRange].map((p) => p.event.id));

  // Everything not inserted: a replay (same content), an id clash, or an unknown user/game.
  const notInserted = batch.filter((p) => !inserted.has(p.event.id) && !tooBig.has(p.event.id));
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
    : { users: new Set(), games: new Set() };

  for (const p of parsed) {
    if (!p.ok) continue;
    const first = firstById.get(p.event.id)!;
    const s = storedById.get(p.event.id);
    let result: TEventResult;
    if (first !== p) {
      // A repeat inside the batch: the first one decided.
      const same = sameBetEvents(first.event, p.event);
      result = same
        ? { id: p.rawId, status: "duplicate", error: null, warnings: p.warnings }
        : rejected(p.rawId, "ID_CONFLICT", "Another bet with this id and different content was sent.", p.warnings);
    } else if (tooBig.has(p.event.id)) {
      result = rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings);
    } else if (inserted.has(p.event.id)) {
      result = { id: p.rawId, status: "applied", error: null, warnings: p.warnings };
    } else if (s) {
      result = sameBet(p.event, s)
        ? { id: p.rawId, status: "duplicate", error: null, warnings: p.warnings }
        : rejected(p.rawId, "ID_CONFLICT", "A bet with this id and different content is already stored.", p.warnings);
    } else if (!known.users.has(p.event.userId)) {
      result = rejected(
        p.rawId,
        "UNKNOWN_USER",
        `User ${p.event.userId} is unknown; send the users event first.`,
        p.warnings,
      );
    } else if (!known.games.has(p.event.gameId)) {
      result = rejected(
        p.rawId,
        "UNKNOWN_GAME",
        `Game ${p.event.gameId} is unknown; send the games event first.`,
        p.warnings,
      );
    } else {
      result = rejected(
        p.rawId,
        "NO_RATE",
        `No USD rate for ${p.event.currencyId} at ${p.event.createdAt.toISOString()}; send usdAmount.`,
        p.warnings,
      );
    }
    results[p.index] = result;
  }
  return results as TEventResult[];
}

/** Stores new bets (one statement) and moves every figure they feed; returns the ids inserted. */
async function insertBets(tx: TTx, e: TBetEvent[], rate: string, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH input AS (
        SELECT * FROM unnest(
          ${e.map((x) => x.id)}::text[], ${e.map((x) => x.userId)}::int[], ${e.map((x) => x.gameId)}::int[],
          ${e.map((x) => x.currencyId)}::"CurrencyId"[], ${e.map((x) => x.amount)}::numeric[],
          ${e.map((x) => x.usdAmount ?? null)}::numeric[], ${e.map((x) => x.payout)}::numeric[],
          ${e.map((x) => x.payoutUsd ?? null)}::numeric[], ${e.map((x) => x.payoutMultiplier)}::numeric[],
          ${e.map((x) => x.createdAt)}::timestamptz[]
        ) AS i(id, user_id, game_id, currency, amount, usd, payout, payout_usd, mult, at)
      ),
      priced AS (
        SELECT i.*, COALESCE(i.usd, i.amount * usd_rate(i.currency, i.at)) AS usd_v,
               g."houseEdge" AS edge, c.id AS code, c."commissionRate" AS code_rate, c."allowCommissionBonus" AS allow_bonus
        FROM input i
        JOIN "User" u ON u.id = i.user_id AND u.role = 'PLAYER'
        JOIN "Game" g ON g.id = i.game_id
        LEFT JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
      ),
      commission AS (
        SELECT p.*,
          CASE WHEN p.code IS NULL THEN 0::numeric
               WHEN NOT p.allow_bonus AND EXISTS (
                 SELECT 1 FROM "UserPromoCode" uc JOIN "UserPromoCodeProgress" pr
                   ON pr."promoCodeId" = uc."promoCodeId" AND pr."userId" = uc."userId"
                 WHERE uc."userId" = p.user_id AND uc.status IN ('ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELLED')
                   AND p.at >= pr."activatedAt" AND p.at < LEAST(pr."expiresAt", COALESCE(uc."endedAt", pr."expiresAt"))
               ) THEN 0::numeric
               ELSE COALESCE(p.code_rate, ${rate}::numeric) END AS commission_rate
        FROM priced p WHERE p.usd_v IS NOT NULL
      )
      INSERT INTO "Bet" (id, "userId", "gameId", "currencyId", amount, "usdAmount", payout, "payoutUsd",
                         "payoutMultiplier", "commissionAmount", "commissionUsdAmount", "createdAt")
      SELECT id, user_id, game_id, currency, amount, usd_v, payout, COALESCE(payout_usd, usd_v * mult), mult,
             amount * edge * commission_rate, usd_v * edge * commission_rate, at
      FROM commission
      ORDER BY id
      ON CONFLICT (id) DO NOTHING
      RETURNING id`;
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const fromBatch = Prisma.sql`SELECT id, "userId", "gameId", "usdAmount", "createdAt" FROM "Bet" WHERE id = ANY(${ids}::text[])`;

  const lastBets = await updateUserStats(tx, ids);
  await addToPlatformDaily(tx, ids);
  await applyRollover(tx, fromBatch, now);
  await expireByLateBets(tx, ids);
  await applyBetHooks(tx, ids, lastBets, now);
  return ids;
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

/**
 * The platform's wagering per business day (dashboard). Each transaction writes to one of 8 shard rows
 * per day, picked by its transaction id, so concurrent batches rarely wait on the same row; days in
 * ascending order keep the lock order stable.
 */
async function addToPlatformDaily(tx: TTx, ids: string[]) {
  await tx.$executeRaw`
    INSERT INTO "PlatformDailyStats" (day, shard, "wageredUsdAmount", "payoutUsdAmount", "betCount")
    SELECT business_day("createdAt"), (txid_current() % 8)::smallint, sum("usdAmount"), sum("payoutUsd"), count(*)
    FROM "Bet" WHERE id = ANY(${ids}::text[]) GROUP BY 1 ORDER BY 1
    ON CONFLICT (day, shard) DO UPDATE SET
      "wageredUsdAmount" = "PlatformDailyStats"."wageredUsdAmount" + EXCLUDED."wageredUsdAmount",
      "payoutUsdAmount" = "PlatformDailyStats"."payoutUsdAmount" + EXCLUDED."payoutUsdAmount",
      "betCount" = "PlatformDailyStats"."betCount" + EXCLUDED."betCount",
      "updatedAt" = now()`;
}

export type TLastBetMove = { userId: number; before: Date | null; after: Date };

/**
 * Per-user totals, one upsert per user in id order. Returns each player's latest bet time before and
 * after the batch (the affiliate rollup counts active referrals by the day of their latest bet).
 */
async function updateUserStats(tx: TTx, ids: string[]): Promise<TLastBetMove[]> {
  // A row for every player first (waiting for a concurrent batch's new row rather than missing it),
  // then lock the rows in id order and update them, reading each "before" from the locked, latest
  // row — so two batches racing for one player never both see the same "before".
  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId")
    SELECT DISTINCT "userId" FROM "Bet" WHERE id = ANY(${ids}::text[]) ORDER BY 1
    ON CONFLICT ("userId") DO NOTHING`;
  return tx.$queryRaw<TLastBetMove[]>`
    WITH agg AS (
      SELECT "userId", sum("usdAmount") AS wagered, sum("payoutUsd") AS payout, max("createdAt") AS last
      FROM "Bet" WHERE id = ANY(${ids}::text[]) GROUP BY "userId"
    ),
    old AS (
      SELECT s."userId", s."lastBetAt" FROM "UserStatsUsd" s
      WHERE s."userId" IN (SELECT "userId" FROM agg) ORDER BY s."userId" FOR UPDATE
    )
    UPDATE "UserStatsUsd" s SET
      "wageredUsdAmount" = s."wageredUsdAmount" + agg.wagered,
      "payoutUsdAmount" = s."payoutUsdAmount" + agg.payout,
      "lastBetAt" = GREATEST(s."lastBetAt", agg.last),
      "updatedAt" = now()
    FROM agg JOIN old USING ("userId")
    WHERE s."userId" = agg."userId"
    RETURNING s."userId", old."lastBetAt" AS before, s."lastBetAt" AS after`;
}
