import "server-only";

import { toCents } from "@/lib/domain/money/decimal";
import { db } from "@/lib/server/db";
import { int4FromText } from "@/lib/schemas/ids";


/** Player search by id (exact) or username (prefix first, then contains), players only. */
export async function searchPlayers(q: string) {
  const asId = int4FromText(q) ?? -1;
  const rows = await db.$queryRaw<{ id: number; username: string; kycLevel: string; affiliateCodeId: string | null; bonusBlocked: boolean; createdAt: Date }[]>`
    SELECT id, username, "kycLevel"::text, "affiliateCodeId", "bonusBlocked", "createdAt" FROM "User"
    WHERE role = 'PLAYER' AND (id = ${asId} OR username ILIKE ${`%${q}%`})
    ORDER BY id = ${asId} DESC, username ILIKE ${`${q}%`} DESC, id
    LIMIT 50`;
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export const LEDGER_PAGE_SIZE = 25;

/** Everything support needs about one player, as DTOs. */
export async function getPlayer(id: number) {
  const user = await db.user.findUnique({
    where: { id },
    include: {
      referredBy: { select: { id: true, owner: { select: { id: true, username: true } } } },
      affiliateCodes: { select: { id: true, commissionRate: true, wageredUsdAmount: true } },
      stats: true,
      balances: { orderBy: [{ currencyId: "asc" }, { bucket: "asc" }] },
      affiliateStatsUsd: true,
    },
  });
  if (!user || user.role !== "PLAYER") return null;
  const [entries, referrals] = await Promise.all([
    db.$queryRaw<{ boardId: string; name: string; type: string; status: string; score: string; usdAmount: string; finalPosition: number | null; prizeUsd: string; endDate: Date }[]>`
      SELECT b.id AS "boardId", b.name, b.type::text, b.status::text, lu.score::text, lu."usdAmount"::text AS "usdAmount",
             lu."finalPosition", lu."prizeUsdAmount"::text AS "prizeUsd", b."endDate"
      FROM "LeaderboardUser" lu JOIN "Leaderboard" b ON b.id = lu."leaderboardId"
      WHERE lu."userId" = ${id} ORDER BY b."endDate" DESC LIMIT 20`,
    user.affiliateCodes.length
      ? db.user.count({ where: { affiliateCodeId: { in: user.affiliateCodes.map((c) => c.id) } } })
      : Promise.resolve(0),
  ]);
  return {
    id: user.id,
    username: user.username,
    kycLevel: user.kycLevel,
    bonusBlocked: user.bonusBlocked,
    isStreamer: user.isStreamer,
    createdAt: user.createdAt.toISOString(),
    referrer: user.referredBy ? { code: user.referredBy.id, ownerId: user.referredBy.owner.id, owner: user.referredBy.owner.username } : null,
    ownCodes: user.affiliateCodes.map((c) => ({ id: c.id, commissionRate: c.commissionRate?.toString() ?? null, wageredUsd: toCents(c.wageredUsdAmount) })),
    referrals,
    commissions: user.affiliateStatsUsd
      ? { claimableUsd: toCents(user.affiliateStatsUsd.claimableAmount), claimedUsd: toCents(user.affiliateStatsUsd.claimedAmount) }
      : null,
    stats: {
      wageredUsd: toCents(user.stats?.wageredUsdAmount),
      payoutUsd: toCents(user.stats?.payoutUsdAmount),
      depositedUsd: toCents(user.stats?.depositedUsdAmount),
      bonusUsd: toCents(user.stats?.bonusUsdAmount),
      lastBetAt: user.stats?.lastBetAt?.toISOString() ?? null,
    },
    balances: user.balances.map((b) => ({ currencyId: b.currencyId, bucket: b.bucket, amount: b.amount.toFixed() })),
    boards: entries.map((e) => ({ ...e, score: toCents(e.score), usdAmount: toCents(e.usdAmount), prizeUsd: toCents(e.prizeUsd), endDate: e.endDate.toISOString() })),
  };
}
export type TPlayerDetail = NonNullable<Awaited<ReturnType<typeof getPlayer>>>;

/** The player's ledger, newest first, a page at a time (on the [userId, id] index). */
export async function playerLedger(userId: number, page: number) {
  const [rows, total] = await Promise.all([
    db.ledgerEntry.findMany({
      where: { userId },
      orderBy: { id: "desc" },
      take: LEDGER_PAGE_SIZE,
      skip: (page - 1) * LEDGER_PAGE_SIZE,
      select: { id: true, kind: true, bucket: true, currencyId: true, amount: true, usdAmount: true, sourceId: true, createdAt: true },
    }),
    db.ledgerEntry.count({ where: { userId } }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, id: r.id.toString(), amount: r.amount.toFixed(), usdAmount: toCents(r.usdAmount), createdAt: r.createdAt.toISOString() })),
    total,
    pageSize: LEDGER_PAGE_SIZE,
  };
}
