import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TChallengeListQuery, TChallengeStatus } from "@/lib/schemas/challenges";
import { db } from "@/lib/server/db";

export const CHALLENGE_PAGE_SIZE = 25;

export type TRejection = {
  userId: number;
  betId: string | null;
  reason: string;
  rejectedById: number;
  rejectedAt: string;
};

/** The status an operator reads, derived from the window and the winner columns. */
export function challengeStatus(
  c: { startsAt: Date | null; endsAt: Date | null; winnerId: number | null; winnerConfirmedAt: Date | null },
  now = new Date(),
): TChallengeStatus {
  if (c.winnerConfirmedAt) return "confirmed";
  if (c.winnerId !== null) return "pending";
  if (c.startsAt && c.startsAt > now) return "scheduled";
  if (c.endsAt && c.endsAt <= now) return "ended";
  return "open";
}

const STATUS_SQL: Record<TChallengeStatus, Prisma.Sql> = {
  confirmed: Prisma.sql`c."winnerConfirmedAt" IS NOT NULL`,
  pending: Prisma.sql`c."winnerId" IS NOT NULL AND c."winnerConfirmedAt" IS NULL`,
  scheduled: Prisma.sql`c."winnerId" IS NULL AND c."startsAt" > now()`,
  ended: Prisma.sql`c."winnerId" IS NULL AND c."endsAt" <= now()`,
  open: Prisma.sql`c."winnerId" IS NULL AND (c."startsAt" IS NULL OR c."startsAt" <= now()) AND (c."endsAt" IS NULL OR c."endsAt" > now())`,
};

/** The challenge list: pending winners first (they need an operator), then newest. */
export async function listChallenges(q: TChallengeListQuery, now = new Date()) {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (q.q) where.push(Prisma.sql`(c."defaultTitle" ILIKE ${`%${q.q}%`} OR g.name ILIKE ${`%${q.q}%`})`);
  if (q.status) where.push(STATUS_SQL[q.status]);
  const cond = Prisma.join(where, " AND ");
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      {
        id: string;
        defaultTitle: string;
        gameName: string;
        minBetAmountUsd: string;
        minBetMultiplier: string;
        rewardCurrency: string;
        rewardAmount: string;
        rewardUsdAmount: string;
        isHidden: boolean;
        startsAt: Date | null;
        endsAt: Date | null;
        winnerId: number | null;
        winnerName: string | null;
        winnerConfirmedAt: Date | null;
      }[]
    >`
      SELECT c.id, c."defaultTitle", g.name AS "gameName", c."minBetAmountUsd"::text, c."minBetMultiplier"::text,
             c."rewardCurrency"::text, trim_scale(c."rewardAmount")::text AS "rewardAmount", c."rewardUsdAmount"::text, c."isHidden",
             c."startsAt", c."endsAt", c."winnerId", u.username AS "winnerName", c."winnerConfirmedAt"
      FROM "Challenge" c JOIN "Game" g ON g.id = c."targetGameId" LEFT JOIN "User" u ON u.id = c."winnerId"
      WHERE ${cond}
      ORDER BY (c."winnerId" IS NOT NULL AND c."winnerConfirmedAt" IS NULL) DESC, c."createdAt" DESC, c.id
      LIMIT ${CHALLENGE_PAGE_SIZE} OFFSET ${(q.page - 1) * CHALLENGE_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM "Challenge" c JOIN "Game" g ON g.id = c."targetGameId" WHERE ${cond}`,
  ]);
  return {
    rows: rows.map((r) => ({ ...r, status: challengeStatus(r, now) })),
    total,
    pageSize: CHALLENGE_PAGE_SIZE,
  };
}
export type TChallengeRow = Awaited<ReturnType<typeof listChallenges>>["rows"][number];

/** One challenge with its winning bet, who decided, and the rejection history (names resolved). */
export async function getChallenge(id: string, now = new Date()) {
  const c = await db.challenge.findUnique({
    where: { id },
    include: {
      targetGame: { select: { id: true, name: true } },
      winner: { select: { id: true, username: true } },
      winnerConfirmedBy: { select: { username: true } },
      bet: {
        select: {
          id: true,
          amount: true,
          currencyId: true,
          usdAmount: true,
          payoutMultiplier: true,
          createdAt: true,
          voidedAt: true,
          voidReason: true,
        },
      },
    },
  });
  if (!c) return null;
  const rejections = (c.rejections as TRejection[]) ?? [];
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set(rejections.flatMap((r) => [r.userId, r.rejectedById]))] } },
        select: { id: true, username: true },
      })
    ).map((u) => [u.id, u.username]),
  );
  return {
    id: c.id,
    title: c.defaultTitle,
    targetGameId: c.targetGameId,
    targetGameName: c.targetGame.name,
    minBetAmountUsd: c.minBetAmountUsd.toString(),
    minBetMultiplier: c.minBetMultiplier.toString(),
    rewardCurrency: c.rewardCurrency,
    rewardAmount: c.rewardAmount.toString(),
    rewardUsdAmount: c.rewardUsdAmount.toString(),
    rewardUsdRate: c.rewardUsdRate.toString(),
    isHidden: c.isHidden,
    startsAt: c.startsAt?.toISOString() ?? null,
    endsAt: c.endsAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    status: challengeStatus(c, now),
    winner: c.winner
      ? { id: c.winner.id, username: c.winner.username, selectedAt: c.winnerSelectedAt?.toISOString() ?? null }
      : null,
    confirmedBy: c.winnerConfirmedBy?.username ?? null,
    confirmedAt: c.winnerConfirmedAt?.toISOString() ?? null,
    bet: c.bet
      ? {
          id: c.bet.id,
          amount: c.bet.amount.toString(),
          currencyId: c.bet.currencyId,
          usdAmount: c.bet.usdAmount.toString(),
          payoutMultiplier: c.bet.payoutMultiplier.toString(),
          createdAt: c.bet.createdAt.toISOString(),
        }
      : null,
    // Set only for a confirmed winner whose bet a rollback voided later (an unconfirmed one is
    // reselected at the void): the winner stays, the panel says the bet no longer stands.
    winningBetVoidedAt: c.bet?.voidedAt?.toISOString() ?? null,
    winningBetVoidReason: c.bet?.voidedAt ? (c.bet.voidReason ?? null) : null,
    rejections: rejections.map((r) => ({
      ...r,
      username: names.get(r.userId) ?? `#${r.userId}`,
      rejectedBy: names.get(r.rejectedById) ?? `#${r.rejectedById}`,
    })),
  };
}
export type TChallengeDetail = NonNullable<Awaited<ReturnType<typeof getChallenge>>>;
