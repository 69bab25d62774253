import "server-only";

import { sumUsd, toUsd } from "@/lib/domain/money/decimal";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

export const CREDIT_KINDS = [
  "INSTANT_CREDIT",
  "BONUS_GRANT",
  "BONUS_RELEASE",
  "BONUS_FORFEIT",
  "CHALLENGE_REWARD",
  "LEADERBOARD_PRIZE",
  "COMMISSION_CLAIM",
] as const;
/** The kinds that make up bonus cost (SPEC §2 Metrics). */
export const COST_KINDS = ["INSTANT_CREDIT", "BONUS_RELEASE", "CHALLENGE_REWARD", "LEADERBOARD_PRIZE"] as const;
export const CREDITS_PAGE_SIZE = 50;

/**
 * The platform's credits (the ledger), newest first, by kind and business day, with the USD total
 * per kind over the same filter — the list behind the dashboard's bonus-cost card.
 */
export async function listCredits(q: { kinds: readonly string[]; from: string; to: string; page: number }) {
  const where = Prisma.sql`l.kind::text = ANY(${q.kinds as string[]}::text[])
    AND l."createdAt" >= ${q.from}::date - 1 AND l."createdAt" < ${q.to}::date + 2
    AND business_day(l."createdAt") BETWEEN ${q.from}::date AND ${q.to}::date`;
  const [rows, totals] = await Promise.all([
    db.$queryRaw<
      {
        id: bigint;
        userId: number;
        username: string;
        kind: string;
        bucket: string;
        currencyId: string;
        amount: string;
        usdAmount: string;
        createdAt: Date;
      }[]
    >`
      SELECT l.id, l."userId", u.username, l.kind::text, l.bucket::text, l."currencyId"::text, trim_scale(l.amount)::text AS amount,
             l."usdAmount"::text AS "usdAmount", l."createdAt"
      FROM "LedgerEntry" l JOIN "User" u ON u.id = l."userId"
      WHERE ${where} ORDER BY l.id DESC LIMIT ${CREDITS_PAGE_SIZE} OFFSET ${(q.page - 1) * CREDITS_PAGE_SIZE}`,
    db.$queryRaw<{ kind: string; n: number; usd: string }[]>`
      SELECT l.kind::text, count(*)::int AS n, sum(l."usdAmount")::text AS usd FROM "LedgerEntry" l WHERE ${where} GROUP BY 1 ORDER BY 1`,
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      id: r.id.toString(),
      usdAmount: toUsd(r.usdAmount),
      createdAt: r.createdAt.toISOString(),
    })),
    totals: totals.map((t) => ({ kind: t.kind, count: t.n, usd: toUsd(t.usd) })),
    totalUsd: sumUsd(totals.map((t) => t.usd)),
    total: totals.reduce((s, t) => s + t.n, 0),
    pageSize: CREDITS_PAGE_SIZE,
  };
}
