import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { db, type TTx } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";
import { amountTextSql, isoSql, outboxCtesSql, usdTextSql } from "@/lib/server/webhooks/outbox";

type TPrize = { from: number; to: number; usd: string };

// The freeze is one statement over the whole board (up to a million entries, SPEC §6); its
// transaction only adds the board's lock, so it gets the time that statement needs, not the
// 5 s default of an interactive transaction.
const FREEZE_TIMEOUT_MS = 10 * 60_000;

/**
 * Moves boards along NOT_STARTED → ACTIVE → ENDED by the clock, and ENDED boards whose
 * settleAfterSeconds have passed into SETTLEMENT. Conditional updates: running it twice, or on two
 * workers at once, changes each board once. Returns the boards that entered SETTLEMENT.
 */
export async function advanceBoards(now = new Date()): Promise<string[]> {
  await db.$executeRaw`
    UPDATE "Leaderboard" SET status = 'ACTIVE', "updatedAt" = now()
    WHERE status = 'NOT_STARTED' AND "startDate" <= ${now} AND "endDate" > ${now}`;
  await db.$executeRaw`
    UPDATE "Leaderboard" SET status = 'ENDED', "updatedAt" = now()
    WHERE status IN ('NOT_STARTED', 'ACTIVE') AND "endDate" <= ${now}`;
  const settling = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Leaderboard" SET status = 'SETTLEMENT', "settledAt" = ${now}, "updatedAt" = now()
    WHERE status = 'ENDED'
      AND "endDate" + make_interval(secs => COALESCE((config->>'settleAfterSeconds')::int, 300)) <= ${now}
    RETURNING id`;
  return settling.map((b) => b.id);
}

/** The settle button: an ENDED board goes to SETTLEMENT now, whatever its settleAfterSeconds. */
export async function settleEarly(boardId: string, now = new Date(), client: TTx | typeof db = db): Promise<boolean> {
  const n = await client.$executeRaw`
    UPDATE "Leaderboard" SET status = 'SETTLEMENT', "settledAt" = ${now}, "updatedAt" = now()
    WHERE id = ${boardId}::uuid AND status = 'ENDED'`;
  return n === 1;
}

/**
 * Settles a board in SETTLEMENT (SPEC §2): freezes final positions, marks winners with their prize
 * from the prize table, credits each prize once in the prize currency at this moment's rate
 * (recorded), sets remainingUsdPrize to 0 as each is paid (with its leaderboard.prize event), and
 * marks the board FINISHED when all are paid. Every step is idempotent, so a crash anywhere is resumed by running it again: positions
 * are frozen only once, each credit is unique per (board, player), and only unpaid entries are paid.
 */
export async function settleBoard(boardId: string, now = new Date()): Promise<{ paid: number; finished: boolean }> {
  const board = await db.leaderboard.findUnique({ where: { id: boardId } });
  if (!board || board.status !== "SETTLEMENT") return { paid: 0, finished: board?.status === "FINISHED" };
  const config = board.config as { prizes?: TPrize[]; prizeCurrency?: CurrencyId };
  const prizes = config.prizes ?? [];
  const currency = config.prizeCurrency ?? "USDT";

  // 1. Freeze positions and prizes, once (only while no entry has a final position yet). Two workers
  //    settling the same board take turns on the board's row first: without that, a freeze that
  //    waited on the other's row locks still saw "nothing frozen" (its statement's snapshot) and
  //    wrote every prize again after the other had started paying, re-arming prizes already paid.
  //    After the lock, the NOT EXISTS reads a fresh snapshot and sees the other's freeze.
  await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Leaderboard" WHERE id = ${boardId}::uuid FOR NO KEY UPDATE`;
      await tx.$executeRaw`
    WITH ranked AS (
      SELECT id, row_number() OVER (ORDER BY score DESC, "scoreReachedAt" ASC, "userId" ASC)::int AS pos
      FROM "LeaderboardUser" WHERE "leaderboardId" = ${boardId}::uuid
    ),
    prize AS (
      SELECT r.id, r.pos, p.usd FROM ranked r
      LEFT JOIN unnest(${prizes.map((p) => p.from)}::int[], ${prizes.map((p) => p.to)}::int[], ${prizes.map((p) => p.usd)}::numeric[])
        AS p("from", "to", usd) ON r.pos BETWEEN p."from" AND p."to"
    )
    UPDATE "LeaderboardUser" lu
    SET "finalPosition" = prize.pos, "isWinner" = prize.usd IS NOT NULL AND prize.usd > 0,
        "prizeUsdAmount" = COALESCE(prize.usd, 0), "remainingUsdPrize" = COALESCE(prize.usd, 0), "updatedAt" = now()
    FROM prize
    WHERE lu.id = prize.id
      AND NOT EXISTS (SELECT 1 FROM "LeaderboardUser" f WHERE f."leaderboardId" = ${boardId}::uuid AND f."finalPosition" IS NOT NULL)`;
    },
    { timeout: FREEZE_TIMEOUT_MS },
  );

  // 2. Pay every unpaid winner, in small transactions (a crash loses nothing: the ledger entry and
  //    remainingUsdPrize → 0 are written together, and the entry is unique per board and player).
  let paid = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string; userId: number; usd: string; rate: string; amount: string }[]>`
        SELECT lu.id, lu."userId", lu."remainingUsdPrize"::text AS usd, r.rate::text AS rate,
               round_down_currency(lu."remainingUsdPrize" / r.rate, ${currency}::"CurrencyId")::text AS amount
        FROM "LeaderboardUser" lu, (SELECT usd_rate(${currency}::"CurrencyId", ${now}::timestamptz) AS rate) r
        WHERE lu."leaderboardId" = ${boardId}::uuid AND lu."remainingUsdPrize" > 0 AND r.rate > 0
        ORDER BY lu."finalPosition" LIMIT 200
        FOR UPDATE OF lu SKIP LOCKED`;
      if (due.length === 0) return 0;
      await appendLedger(
        tx,
        due.map((d) => ({
          userId: d.userId,
          kind: "LEADERBOARD_PRIZE" as const,
          bucket: "CASH" as const,
          currencyId: currency,
          amount: d.amount,
          usdAmount: d.usd,
          usdRate: d.rate,
          sourceId: `${boardId}:${d.userId}`,
        })),
      );
      // Marked paid with a leaderboard.prize event per prize, in the one statement: the amounts are
      // the ones just credited.
      await tx.$executeRaw`
        WITH paid AS (
          UPDATE "LeaderboardUser" lu SET "remainingUsdPrize" = 0, "updatedAt" = now()
          FROM unnest(${due.map((d) => d.id)}::uuid[], ${due.map((d) => d.amount)}::numeric[], ${due.map((d) => d.usd)}::numeric[])
            AS d(id, amount, usd)
          WHERE lu.id = d.id
          RETURNING lu."userId", lu."finalPosition", d.amount, d.usd
        ),
        ${outboxCtesSql(
          "leaderboard.prize",
          Prisma.sql`SELECT "userId" AS user_id, NULL::text AS dedupe_key, jsonb_build_object(
              'userId', "userId", 'leaderboardId', ${boardId}::text, 'rank', "finalPosition", 'currencyId', ${currency}::text,
              'amount', ${amountTextSql(`amount`, Prisma.sql`${currency}::"CurrencyId"`)}, 'usdAmount', ${usdTextSql(`usd`)},
              'paidAt', ${isoSql(Prisma.sql`${now}::timestamptz`)}) AS data
            FROM paid`,
        )}
        SELECT count(*) FROM paid`;
      return due.length;
    });
    paid += batch;
    if (batch === 0) break;
  }

  // 3. FINISHED once nothing is left to pay.
  const finished = await db.$executeRaw`
    UPDATE "Leaderboard" SET status = 'FINISHED', "finishedAt" = ${now}, "updatedAt" = now()
    WHERE id = ${boardId}::uuid AND status = 'SETTLEMENT'
      AND NOT EXISTS (SELECT 1 FROM "LeaderboardUser" WHERE "leaderboardId" = ${boardId}::uuid AND "remainingUsdPrize" > 0)`;
  return { paid, finished: finished === 1 };
}
