import "server-only";

import { boardSummary, effectiveBoardStatus, type TPrize } from "@/lib/domain/leaderboards/board";
import { roundDown, toUsd } from "@/lib/domain/money/decimal";
import { db } from "@/lib/server/db";
import { playerPosition } from "@/lib/server/leaderboards/ranks";

type TConfig = { prizes?: TPrize[]; prizeCurrency?: string };

/** GET /leaderboards: running and upcoming boards, and those ended in the last 7 days. */
export async function listBoardsForPlayer(now = new Date()) {
  const boards = await db.leaderboard.findMany({
    where: { endDate: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
    orderBy: [{ startDate: "asc" }],
    take: 50,
  });
  return {
    leaderboards: boards.map((b) => {
      const config = b.config as TConfig;
      return {
        ...boardSummary(b, config, now),
        prizes: config.prizes ?? [],
      };
    }),
  };
}

const mask = (name: string) => (name.length <= 3 ? `${name[0] ?? ""}**` : `${name.slice(0, 2)}***${name.slice(-1)}`);

/**
 * GET /leaderboards/{id}?top=N: the top N (read along the standing index) and my position (exact in
 * the top 10,000, from the rank cache beyond).
 */
export async function getBoardForPlayer(id: string, userId: number, top: number, now = new Date()) {
  const board = await db.leaderboard.findUnique({ where: { id } });
  if (!board) return null;
  const rows = await db.$queryRaw<
    {
      userId: number;
      username: string;
      score: string;
      usdAmount: string;
      isWinner: boolean;
      finalPosition: number | null;
    }[]
  >`
    SELECT lu."userId", u.username, lu.score::text, lu."usdAmount"::text, lu."isWinner", lu."finalPosition"
    FROM "LeaderboardUser" lu JOIN "User" u ON u.id = lu."userId"
    WHERE lu."leaderboardId" = ${id}::uuid
    ORDER BY lu.score DESC, lu."scoreReachedAt" ASC, lu."userId" ASC
    LIMIT ${top}`;
  const mineRow = await db.leaderboardUser.findUnique({
    where: { leaderboardId_userId: { leaderboardId: id, userId } },
  });
  const position = mineRow ? await playerPosition(id, userId) : null;
  const mine =
    mineRow && position ? { score: mineRow.score.toFixed(), usdAmount: mineRow.usdAmount.toFixed(), position } : null;
  const { leaderboards } = await listBoardsForPlayer(now);
  const summary = leaderboards.find((b) => b.id === id);
  const scoreOf = (s: string) => roundDown(s, 2); // USD for WAGERED, a multiplier for MULTIPLIER
  return {
    leaderboard: summary ?? {
      id: board.id,
      name: board.name,
      type: board.type,
      status: effectiveBoardStatus(board, now),
    },
    top: rows.map((r, i) => ({
      position: r.finalPosition ?? i + 1,
      player: r.userId === userId ? r.username : mask(r.username),
      isMe: r.userId === userId,
      score: scoreOf(r.score),
      wageredUsd: toUsd(r.usdAmount),
    })),
    me: mine ? { position: mine.position, score: scoreOf(mine.score), wageredUsd: toUsd(mine.usdAmount) } : null,
  };
}
