import "server-only";

import Decimal from "decimal.js";

import { boardSummary, effectiveBoardStatus, paidRanks, prizeAt, prizePool, type TPrize } from "@/lib/domain/leaderboards/board";
import { nextRuns } from "@/lib/domain/leaderboards/schedule";
import { sumUsd, toUsd } from "@/lib/domain/money/decimal";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  ZLeaderboardConfig,
  ZLeaderboardScheduleConfig,
  type TLeaderboardConfig,
  type TLeaderboardListQuery,
} from "@/lib/schemas/leaderboards";
import { db } from "@/lib/server/db";
import { playerPosition } from "@/lib/server/leaderboards/ranks";
import { BET_IN_BOARD } from "@/lib/server/leaderboards/standings";

export const BOARD_PAGE_SIZE = 25;

/** A board's stored config, or an empty one when it no longer parses (shown, never used to pay). */
export function configOf(raw: unknown): TLeaderboardConfig {
  const parsed = ZLeaderboardConfig.safeParse(raw);
  return parsed.success
    ? parsed.data
    : { prizes: [], gameIds: [], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 };
}

const STATUS_SQL = {
  NOT_STARTED: Prisma.sql`b.status = 'NOT_STARTED' AND b."startDate" > now()`,
  ACTIVE: Prisma.sql`b.status IN ('NOT_STARTED', 'ACTIVE') AND b."startDate" <= now() AND b."endDate" > now()`,
  ENDED: Prisma.sql`b.status IN ('NOT_STARTED', 'ACTIVE', 'ENDED') AND b."endDate" <= now()`,
  SETTLEMENT: Prisma.sql`b.status = 'SETTLEMENT'`,
  FINISHED: Prisma.sql`b.status = 'FINISHED'`,
} as const;

/** The board list: running first, then upcoming, then the rest newest first; entry counts per board. */
export async function listBoards(q: TLeaderboardListQuery, now = new Date()) {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (q.q) where.push(Prisma.sql`b.name ILIKE ${`%${q.q}%`}`);
  if (q.status) where.push(STATUS_SQL[q.status]);
  const cond = Prisma.join(where, " AND ");
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      {
        id: string;
        name: string;
        type: string;
        status: string;
        startDate: Date;
        endDate: Date;
        config: unknown;
        scheduleName: string | null;
        entries: number;
      }[]
    >`
      SELECT b.id, b.name, b.type::text, b.status::text, b."startDate", b."endDate", b.config, s.name AS "scheduleName",
             (SELECT count(*)::int FROM "LeaderboardUser" lu WHERE lu."leaderboardId" = b.id) AS entries
      FROM "Leaderboard" b LEFT JOIN "LeaderboardSchedule" s ON s.id = b."scheduleId"
      WHERE ${cond}
      ORDER BY CASE WHEN b."startDate" <= now() AND b."endDate" > now() THEN 0 WHEN b."startDate" > now() THEN 1 ELSE 2 END,
               CASE WHEN b."startDate" > now() THEN b."startDate" END ASC, b."endDate" DESC, b.id
      LIMIT ${BOARD_PAGE_SIZE} OFFSET ${(q.page - 1) * BOARD_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Leaderboard" b WHERE ${cond}`,
  ]);
  return {
    rows: rows.map((b) => {
      const config = configOf(b.config);
      return { ...boardSummary(b, config, now), scheduleName: b.scheduleName, entries: b.entries };
    }),
    total,
    pageSize: BOARD_PAGE_SIZE,
  };
}
export type TBoardRow = Awaited<ReturnType<typeof listBoards>>["rows"][number];

export async function getBoard(id: string, now = new Date()) {
  const b = await db.leaderboard.findUnique({
    where: { id },
    include: { schedule: { select: { id: true, name: true } } },
  });
  if (!b) return null;
  const config = configOf(b.config);
  const [counts] = await db.$queryRaw<{ entries: number; paidUsd: string; remainingUsd: string; winners: number }[]>`
    SELECT count(*)::int AS entries, COALESCE(sum("prizeUsdAmount" - "remainingUsdPrize"), 0)::text AS "paidUsd",
           COALESCE(sum("remainingUsdPrize"), 0)::text AS "remainingUsd", count(*) FILTER (WHERE "isWinner")::int AS winners
    FROM "LeaderboardUser" WHERE "leaderboardId" = ${id}::uuid`;
  return {
    ...boardSummary(b, config, now),
    settledAt: b.settledAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
    schedule: b.schedule,
    config,
    entries: counts.entries,
    paidUsd: toUsd(counts.paidUsd),
    remainingUsd: toUsd(counts.remainingUsd),
    winners: counts.winners,
  };
}
export type TBoardDetail = NonNullable<Awaited<ReturnType<typeof getBoard>>>;

type TStandingRow = {
  userId: number;
  username: string;
  score: string;
  usdAmount: string;
  scoreReachedAt: Date;
  finalPosition: number | null;
  isWinner: boolean;
  prizeUsdAmount: string;
  remainingUsdPrize: string;
};

const STANDING_COLUMNS = Prisma.sql`lu."userId", u.username, lu.score::text, lu."usdAmount"::text, lu."scoreReachedAt",
  lu."finalPosition", lu."isWinner", lu."prizeUsdAmount"::text, lu."remainingUsdPrize"::text`;

function standingDto(r: TStandingRow, position: number, prizes: TPrize[], settled: boolean) {
  return {
    position,
    userId: r.userId,
    username: r.username,
    score: r.score,
    wageredUsd: toUsd(r.usdAmount),
    scoreReachedAt: r.scoreReachedAt.toISOString(),
    // Before settlement the prize a position would win now; after, the frozen prize and whether it is paid.
    prizeUsd: settled ? (r.isWinner ? toUsd(r.prizeUsdAmount) : null) : prizeAt(prizes, position),
    paid: settled ? r.isWinner && new Decimal(r.remainingUsdPrize).isZero() : null,
  };
}

/**
 * The standings page: the top N read along the standing index (or by final position once settled),
 * and, when asked, one player's row found by id or username with their position (exact in the top
 * 10,000, from the rank cache beyond).
 */
export async function boardStandings(boardId: string, top: number, player?: string) {
  const board = await db.leaderboard.findUnique({ where: { id: boardId }, select: { status: true, config: true } });
  if (!board) return null;
  const prizes = configOf(board.config).prizes;
  const settled = board.status === "SETTLEMENT" || board.status === "FINISHED";
  const rows = await db.$queryRaw<TStandingRow[]>`
    SELECT ${STANDING_COLUMNS}
    FROM "LeaderboardUser" lu JOIN "User" u ON u.id = lu."userId"
    WHERE lu."leaderboardId" = ${boardId}::uuid
    ORDER BY lu.score DESC, lu."scoreReachedAt" ASC, lu."userId" ASC
    LIMIT ${top}`;
  let found: ReturnType<typeof standingDto> | null = null;
  let searched = false;
  if (player) {
    searched = true;
    // The player by id, or by exact username (both on indexes), then their entry by (board, user).
    const asId = /^\d{1,10}$/.test(player) ? Number(player) : -1;
    const [row] = await db.$queryRaw<TStandingRow[]>`
      SELECT ${STANDING_COLUMNS}
      FROM (SELECT id, 0 AS pref FROM "User" WHERE id = ${asId}
            UNION ALL SELECT id, 1 FROM (SELECT id FROM "User" WHERE username = ${player} LIMIT 5) x) c
      JOIN "LeaderboardUser" lu ON lu."leaderboardId" = ${boardId}::uuid AND lu."userId" = c.id
      JOIN "User" u ON u.id = lu."userId"
      ORDER BY c.pref LIMIT 1`;
    if (row) {
      const position = row.finalPosition ?? (await playerPosition(boardId, row.userId)) ?? 0;
      found = standingDto(row, position, prizes, settled);
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    top: rows.map((r, i) => standingDto(r, r.finalPosition ?? i + 1, prizes, settled)),
    player: found,
    searched,
  };
}
export type TStandings = NonNullable<Awaited<ReturnType<typeof boardStandings>>>;

/**
 * What settling now would pay: per prize range, how many of its ranks have a player and the USD
 * that goes out (ranks nobody reached pay nothing).
 */
export async function settlementPreview(boardId: string, prizes: TPrize[]) {
  const [{ entries }] = await db.$queryRaw<{ entries: number }[]>`
    SELECT count(*)::int AS entries FROM (SELECT 1 FROM "LeaderboardUser" WHERE "leaderboardId" = ${boardId}::uuid LIMIT ${paidRanks(prizes)}) x`;
  const ranges = [...prizes]
    .sort((a, b) => a.from - b.from)
    .map((p) => {
      const filled = Math.max(0, Math.min(p.to, entries) - p.from + 1);
      return { ...p, filled, payoutUsd: toUsd(new Decimal(p.usd).mul(filled)) };
    });
  return {
    ranges,
    payoutUsd: sumUsd(ranges.map((r) => r.payoutUsd)),
    poolUsd: prizePool(prizes),
  };
}

export const SETTLEMENT_VOIDS_LIMIT = 500;

/**
 * The settlement tab's voids (SPEC "Corrections: bet rollbacks"): from SETTLEMENT on a board is
 * frozen, so a bet voided after settlement started stays in its standings and prizes; this lists
 * each such bet that counted there — stored before settlement started, falling in the board by the
 * bet path's rule (BET_IN_BOARD), by one of its entrants — with the entrant's frozen result.
 * "Settlement started" is the board's settledAt (set as it enters SETTLEMENT); a void is after it
 * when its rollback was applied (BetRollback.appliedAt, this system's clock) at or after that moment.
 * Empty before SETTLEMENT (voids then are recomputed into the standings). Oldest first, at most 500.
 */
export async function listVoidsAfterSettlement(boardId: string) {
  const rows = await db.$queryRaw<
    {
      betId: string;
      userId: number;
      username: string;
      type: string;
      usdAmount: string;
      payoutMultiplier: string;
      betAt: Date;
      reason: string | null;
      voidedAt: Date;
      appliedAt: Date;
      finalPosition: number | null;
      isWinner: boolean;
      prizeUsdAmount: string;
    }[]
  >`
    SELECT b.id AS "betId", b."userId", u.username, l.type::text, b."usdAmount"::text, trim_scale(b."payoutMultiplier")::text AS "payoutMultiplier",
           b."createdAt" AS "betAt", COALESCE(b."voidReason", r.reason) AS reason, COALESCE(b."voidedAt", r."createdAt") AS "voidedAt",
           r."appliedAt", lu."finalPosition", lu."isWinner", lu."prizeUsdAmount"::text
    FROM "Leaderboard" l
    JOIN "BetRollback" r ON r."appliedAt" >= COALESCE(l."settledAt", l."endDate")
    JOIN "Bet" b ON b.id = r."betId" AND b."voidedAt" IS NOT NULL AND b."ingestedAt" < COALESCE(l."settledAt", l."endDate") AND ${BET_IN_BOARD}
    JOIN "LeaderboardUser" lu ON lu."leaderboardId" = l.id AND lu."userId" = b."userId"
    JOIN "User" u ON u.id = b."userId"
    WHERE l.id = ${boardId}::uuid AND l.status IN ('SETTLEMENT', 'FINISHED')
    ORDER BY r."appliedAt", b.id
    LIMIT ${SETTLEMENT_VOIDS_LIMIT}`;
  return rows.map((r) => ({
    betId: r.betId,
    userId: r.userId,
    username: r.username,
    betAt: r.betAt.toISOString(),
    usd: toUsd(r.usdAmount),
    // What the bet weighed in the score: its USD on a WAGERED board, its multiplier on a MULTIPLIER one.
    scoreAmount: r.type === "WAGERED" ? toUsd(r.usdAmount) : r.payoutMultiplier,
    payoutMultiplier: r.payoutMultiplier,
    reason: r.reason,
    voidedAt: r.voidedAt.toISOString(),
    appliedAt: r.appliedAt.toISOString(),
    finalPosition: r.finalPosition,
    prizeUsd: r.isWinner ? toUsd(r.prizeUsdAmount) : null,
  }));
}
export type TSettlementVoid = Awaited<ReturnType<typeof listVoidsAfterSettlement>>[number];

// ---- schedules

export async function listSchedules(now = new Date()) {
  const schedules = await db.leaderboardSchedule.findMany({
    orderBy: [{ enabled: "desc" }, { name: "asc" }],
    take: 200,
  });
  const upcoming = await db.$queryRaw<
    { scheduleId: string; id: string; name: string; startDate: Date; status: string }[]
  >`
    SELECT DISTINCT ON ("scheduleId") "scheduleId", id, name, "startDate", status::text FROM "Leaderboard"
    WHERE "scheduleId" = ANY(${schedules.map((s) => s.id)}::uuid[]) AND "endDate" > ${now}
    ORDER BY "scheduleId", "startDate"`;
  const current = new Map(upcoming.map((u) => [u.scheduleId, u]));
  return schedules.map((s) => {
    const parsed = ZLeaderboardScheduleConfig.safeParse(s.config);
    const c = parsed.success ? parsed.data : null;
    const board = current.get(s.id);
    return {
      id: s.id,
      name: s.name,
      enabled: s.enabled,
      valid: !!c,
      kind: c?.recurrence.kind ?? null,
      intervalSeconds: c?.recurrence.intervalSeconds ?? null,
      timeZone: c?.recurrence.timeZone ?? null,
      type: c?.type ?? null,
      prizePoolUsd: c ? prizePool(c.leaderboard.prizes) : null,
      nextStart: c && s.enabled ? (nextRuns(c.recurrence, now, 1)[0]?.start.toISOString() ?? null) : null,
      currentBoard: board ? { id: board.id, name: board.name, startDate: board.startDate.toISOString() } : null,
    };
  });
}

export async function getSchedule(id: string) {
  const s = await db.leaderboardSchedule.findUnique({ where: { id } });
  if (!s) return null;
  const parsed = ZLeaderboardScheduleConfig.safeParse(s.config);
  const boards = await db.leaderboard.findMany({
    where: { scheduleId: id },
    orderBy: { startDate: "desc" },
    take: 10,
    select: { id: true, name: true, startDate: true, endDate: true, status: true },
  });
  return {
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    config: parsed.success ? parsed.data : null,
    boards: boards.map((b) => ({
      id: b.id,
      name: b.name,
      startDate: b.startDate.toISOString(),
      endDate: b.endDate.toISOString(),
      status: effectiveBoardStatus(b, new Date()),
    })),
  };
}
