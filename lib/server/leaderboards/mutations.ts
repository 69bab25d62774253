import "server-only";

import { effectiveBoardStatus } from "@/lib/domain/leaderboards/board";
import { AppError } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TLeaderboardParsed, TLeaderboardScheduleParsed } from "@/lib/schemas/leaderboards";
import { writeAudit, writeSwitchAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db, type TTx } from "@/lib/server/db";
import { settleBoard, settleEarly } from "@/lib/server/leaderboards/lifecycle";
import { ensureScheduledBoards } from "@/lib/server/leaderboards/schedules";

const boardNotFound = () => new AppError("NOT_FOUND", "This leaderboard doesn't exist");

async function checkGames(tx: TTx, gameIds: number[]) {
  if (gameIds.length === 0) return;
  const found = await tx.game.count({ where: { id: { in: gameIds } } });
  if (found !== new Set(gameIds).size)
    throw new AppError("UNKNOWN_GAME", "One of the games doesn't exist", { field: "config.gameIds" });
}

export async function createBoard(operator: TOperator, input: TLeaderboardParsed, now = new Date()) {
  return db.$transaction(async (tx) => {
    await checkGames(tx, input.config.gameIds);
    const startDate = new Date(input.startDate);
    const endDate = new Date(input.endDate);
    if (endDate <= now)
      throw new AppError("IN_THE_PAST", "A new board must end in the future", { field: "endDate" });
    const row = await tx.leaderboard.create({
      data: {
        name: input.name,
        type: input.type,
        config: input.config as Prisma.InputJsonValue,
        startDate,
        endDate,
        status:
          effectiveBoardStatus({ status: "NOT_STARTED", startDate, endDate }, now) === "ACTIVE"
            ? "ACTIVE"
            : "NOT_STARTED",
        createdById: operator.id,
      },
    });
    await writeAudit(tx, {
      operator,
      action: "leaderboard.create",
      entityType: "Leaderboard",
      entityId: row.id,
      after: row,
    });
    return { id: row.id };
  });
}

/**
 * Edits a board. Before it starts everything may change. Once it has started, what decides who
 * scores (type, start, eligible games, minimum bet) is fixed, because scores already counted would
 * no longer match; the name, the end (not into the past), the prize table, currency and settlement
 * delay may change until settlement starts. The row lock orders this against the worker's moves.
 */
export async function updateBoard(operator: TOperator, id: string, input: TLeaderboardParsed, now = new Date()) {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Leaderboard" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw boardNotFound();
    const before = await tx.leaderboard.findUniqueOrThrow({ where: { id } });
    const status = effectiveBoardStatus(before, now);
    if (status === "SETTLEMENT" || status === "FINISHED") {
      throw new AppError("SETTLED", "This board is being settled or is finished; it can't change any more");
    }
    await checkGames(tx, input.config.gameIds);
    const startDate = new Date(input.startDate);
    const endDate = new Date(input.endDate);
    if (status !== "NOT_STARTED") {
      const old = before.config as { gameIds?: number[]; minBetUsd?: string };
      const locks: [boolean, string, string][] = [
        [input.type !== before.type, "type", "The type can't change once the board has started"],
        [
          startDate.getTime() !== before.startDate.getTime(),
          "startDate",
          "The start can't move once the board has started",
        ],
        [
          [...(old.gameIds ?? [])].sort().join() !== [...input.config.gameIds].sort().join(),
          "config.gameIds",
          "Eligible games can't change once the board has started",
        ],
        [
          Number(old.minBetUsd ?? 0) !== Number(input.config.minBetUsd),
          "config.minBetUsd",
          "The minimum bet can't change once the board has started",
        ],
      ];
      const broken = locks.find(([changed]) => changed);
      if (broken) throw new AppError("LOCKED_FIELD", broken[2], { field: broken[1] });
      if (endDate.getTime() !== before.endDate.getTime() && endDate <= now) {
        throw new AppError("IN_THE_PAST", "The end can only move to a time still ahead", { field: "endDate" });
      }
    } else if (endDate <= now) {
      throw new AppError("IN_THE_PAST", "The board must end in the future", { field: "endDate" });
    }
    const after = await tx.leaderboard.update({
      where: { id },
      data: { name: input.name, type: input.type, config: input.config as Prisma.InputJsonValue, startDate, endDate },
    });
    // Extending an ENDED board's end reopens it; the worker moves it on by the clock as usual.
    if (before.status === "ENDED" && endDate > now) {
      await tx.leaderboard.update({ where: { id }, data: { status: startDate <= now ? "ACTIVE" : "NOT_STARTED" } });
    }
    await writeAudit(tx, {
      operator,
      action: "leaderboard.update",
      entityType: "Leaderboard",
      entityId: id,
      before,
      after,
    });
    return { id };
  });
}

/**
 * The settle button: an ENDED board goes to SETTLEMENT now and is settled at once here (the worker
 * resumes it on its next round if this request dies half-way; settlement is idempotent).
 */
export async function settleBoardNow(operator: TOperator, id: string, now = new Date()) {
  // Boards still marked ACTIVE by the column but past their end move to ENDED first.
  await db.$executeRaw`
    UPDATE "Leaderboard" SET status = 'ENDED', "updatedAt" = now()
    WHERE id = ${id}::uuid AND status IN ('NOT_STARTED', 'ACTIVE') AND "endDate" <= ${now}`;
  const started = await db.$transaction(async (tx) => {
    const moved = await settleEarly(id, now, tx);
    if (moved)
      await writeAudit(tx, {
        operator,
        action: "leaderboard.settle_early",
        entityType: "Leaderboard",
        entityId: id,
        after: { status: "SETTLEMENT" },
      });
    return moved;
  });
  if (!started) {
    const board = await db.leaderboard.findUnique({ where: { id }, select: { status: true } });
    if (!board) throw boardNotFound();
    if (board.status !== "SETTLEMENT")
      throw new AppError("NOT_ENDED", "Only a board that has ended can be settled");
  }
  return settleBoard(id, now);
}

// ---- schedules

export async function createSchedule(operator: TOperator, input: TLeaderboardScheduleParsed, now = new Date()) {
  const id = await db.$transaction(async (tx) => {
    await checkGames(tx, input.config.leaderboard.gameIds);
    const row = await tx.leaderboardSchedule.create({
      data: {
        name: input.name,
        enabled: input.enabled,
        config: input.config as Prisma.InputJsonValue,
        createdById: operator.id,
      },
    });
    await writeAudit(tx, {
      operator,
      action: "leaderboard_schedule.create",
      entityType: "LeaderboardSchedule",
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  // Enabling creates the current board (and the next once it has started) right away.
  if (input.enabled) await ensureScheduledBoards(now, id);
  return { id };
}

/** Edits apply to boards not yet created; boards already created keep their terms. */
export async function updateSchedule(
  operator: TOperator,
  id: string,
  input: TLeaderboardScheduleParsed,
  now = new Date(),
) {
  await db.$transaction(async (tx) => {
    const before = await tx.leaderboardSchedule.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "This schedule doesn't exist");
    await checkGames(tx, input.config.leaderboard.gameIds);
    const after = await tx.leaderboardSchedule.update({
      where: { id },
      data: { name: input.name, enabled: input.enabled, config: input.config as Prisma.InputJsonValue },
    });
    await writeAudit(tx, {
      operator,
      action: "leaderboard_schedule.update",
      entityType: "LeaderboardSchedule",
      entityId: id,
      before,
      after,
    });
  });
  if (input.enabled) await ensureScheduledBoards(now, id);
  return { id };
}

/** Enabling creates the current board at once; disabling stops boards not yet created. */
export async function setScheduleEnabled(operator: TOperator, id: string, enabled: boolean, now = new Date()) {
  await db.$transaction(async (tx) => {
    const before = await tx.leaderboardSchedule.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "This schedule doesn't exist");
    await tx.leaderboardSchedule.update({ where: { id }, data: { enabled } });
    const actions: [string, string] = ["leaderboard_schedule.enable", "leaderboard_schedule.disable"];
    await writeSwitchAudit(tx, { operator, actions, entityType: "LeaderboardSchedule", entityId: id, flag: "enabled", before: before.enabled, after: enabled });
  });
  const created = enabled ? await ensureScheduledBoards(now, id) : 0;
  return { id, enabled, boardsCreated: created };
}
