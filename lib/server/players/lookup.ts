import "server-only";

import { toUsd } from "@/lib/domain/money/decimal";
import { db } from "@/lib/server/db";
import { int4FromText } from "@/lib/schemas/ids";
import { countryName, jurisdictionName } from "@/lib/schemas/targeting";
import { checkEligibilityMany } from "@/lib/server/promo-codes/mutations";
import { promoLiveSql } from "@/lib/server/promo-codes/live";

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

/** Everything support needs about one player, as DTOs (`now` judges the pause). */
export async function getPlayer(id: number, now = new Date()) {
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
    // Targeting, from the users event: the country with its English name, and the segment tags.
    country: user.country ? { code: user.country, name: countryName(user.country) } : null,
    tags: user.tags,
    // Responsible play: the jurisdiction whose rules apply (the users event's, else the country's),
    // the player's own opt-out, and a timed pause while it lasts.
    jurisdiction: jurisdictionOf(user.jurisdiction, user.country),
    bonusOptOut: user.bonusOptOut,
    pausedUntil: user.bonusBlockedUntil && user.bonusBlockedUntil.getTime() > now.getTime() ? user.bonusBlockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    referrer: user.referredBy ? { code: user.referredBy.id, ownerId: user.referredBy.owner.id, owner: user.referredBy.owner.username } : null,
    ownCodes: user.affiliateCodes.map((c) => ({ id: c.id, commissionRate: c.commissionRate?.toString() ?? null, wageredUsd: toUsd(c.wageredUsdAmount) })),
    referrals,
    commissions: user.affiliateStatsUsd
      ? { claimableUsd: toUsd(user.affiliateStatsUsd.claimableAmount), claimedUsd: toUsd(user.affiliateStatsUsd.claimedAmount) }
      : null,
    stats: {
      wageredUsd: toUsd(user.stats?.wageredUsdAmount),
      payoutUsd: toUsd(user.stats?.payoutUsdAmount),
      depositedUsd: toUsd(user.stats?.depositedUsdAmount),
      bonusUsd: toUsd(user.stats?.bonusUsdAmount),
      lastBetAt: user.stats?.lastBetAt?.toISOString() ?? null,
    },
    balances: user.balances.map((b) => ({ currencyId: b.currencyId, bucket: b.bucket, amount: b.amount.toFixed() })),
    boards: entries.map((e) => ({ ...e, score: toUsd(e.score), usdAmount: toUsd(e.usdAmount), prizeUsd: toUsd(e.prizeUsd), endDate: e.endDate.toISOString() })),
  };
}
export type TPlayerDetail = NonNullable<Awaited<ReturnType<typeof getPlayer>>>;

/** User.jurisdiction, else the country (the claim rules' choice), saying which it was. */
function jurisdictionOf(jurisdiction: string | null, country: string | null) {
  const code = jurisdiction ?? country;
  return code ? { code, name: jurisdictionName(code), fromCountry: jurisdiction === null } : null;
}

/** At most this many live promos are judged for one player (each is one eligibility check). */
export const OPEN_PROMOS_LIMIT = 50;

/**
 * The live promos (newest first, OPEN_PROMOS_LIMIT at most) and whether this player may claim each,
 * and if not the first failing check: the claim rules' one path, the player's facts read once
 * (checkEligibilityMany).
 */
export async function openPromosForPlayer(playerId: number, now = new Date()) {
  const [promos, [{ total }]] = await Promise.all([
    db.$queryRaw<{ id: string; code: string; title: string; type: "INSTANT" | "DEPOSIT" }[]>`
      SELECT p.id, p.code, p.title, p.type FROM "PromoCode" p
      WHERE ${promoLiveSql("p", now)} ORDER BY p."createdAt" DESC, p.id LIMIT ${OPEN_PROMOS_LIMIT}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "PromoCode" p WHERE ${promoLiveSql("p", now)}`,
  ]);
  const { byPromo } = await checkEligibilityMany(promos.map((p) => p.id), playerId, now);
  const rows = promos.flatMap((p) => {
    const check = byPromo.get(p.id);
    if (!check) return [];
    const first = check.checks.find((c) => !c.passed);
    return [{
      ...p,
      claimable: !first,
      failing: first ? { rule: first.rule, reason: "reason" in first ? (first.reason ?? null) : null, detail: first.detail } : null,
    }];
  });
  return { rows, total, limit: OPEN_PROMOS_LIMIT };
}
export type TOpenPromoRow = Awaited<ReturnType<typeof openPromosForPlayer>>["rows"][number];

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
    rows: rows.map((r) => ({ ...r, id: r.id.toString(), amount: r.amount.toFixed(), usdAmount: toUsd(r.usdAmount), createdAt: r.createdAt.toISOString() })),
    total,
    pageSize: LEDGER_PAGE_SIZE,
  };
}

export const BETS_PAGE_SIZE = 25;

/** The player's bets, newest first, a page at a time (on the [userId, createdAt] index), voids included with their reason. */
export async function playerBets(userId: number, page: number) {
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      { id: string; game: string; currencyId: string; amount: string; usdAmount: string; payoutUsd: string; payoutMultiplier: string; createdAt: Date; voidedAt: Date | null; voidReason: string | null }[]
    >`
      SELECT b.id, g.name AS game, b."currencyId"::text AS "currencyId", round_down_currency(b.amount, b."currencyId")::text AS amount, b."usdAmount"::text AS "usdAmount",
             b."payoutUsd"::text AS "payoutUsd", trim_scale(b."payoutMultiplier")::text AS "payoutMultiplier", b."createdAt",
             b."voidedAt", b."voidReason"
      FROM "Bet" b JOIN "Game" g ON g.id = b."gameId"
      WHERE b."userId" = ${userId}
      ORDER BY b."createdAt" DESC, b.id DESC
      LIMIT ${BETS_PAGE_SIZE} OFFSET ${(page - 1) * BETS_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Bet" WHERE "userId" = ${userId}`,
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      usdAmount: toUsd(r.usdAmount),
      payoutUsd: toUsd(r.payoutUsd),
      createdAt: r.createdAt.toISOString(),
      voidedAt: r.voidedAt?.toISOString() ?? null,
    })),
    total,
    pageSize: BETS_PAGE_SIZE,
  };
}
export type TPlayerBetRow = Awaited<ReturnType<typeof playerBets>>["rows"][number];

export const WITHDRAWALS_PAGE_SIZE = 50;

/**
 * The player's withdrawals (the platform's money out), newest first, a page at a time (on the
 * [userId, createdAt] index), with how many there are in all; amounts rounded down to the
 * currency's scale, like bets'.
 */
export async function playerWithdrawals(userId: number, page = 1) {
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<{ id: string; currencyId: string; amount: string; usdAmount: string; createdAt: Date }[]>`
      SELECT w.id, w."currencyId"::text AS "currencyId", round_down_currency(w.amount, w."currencyId")::text AS amount,
             w."usdAmount"::text AS "usdAmount", w."createdAt"
      FROM "Withdrawal" w
      WHERE w."userId" = ${userId}
      ORDER BY w."createdAt" DESC, w.id DESC
      LIMIT ${WITHDRAWALS_PAGE_SIZE} OFFSET ${(page - 1) * WITHDRAWALS_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Withdrawal" WHERE "userId" = ${userId}`,
  ]);
  return {
    rows: rows.map((w) => ({ ...w, usdAmount: toUsd(w.usdAmount), createdAt: w.createdAt.toISOString() })),
    total,
    page,
    pageSize: WITHDRAWALS_PAGE_SIZE,
  };
}
export type TPlayerWithdrawalRow = Awaited<ReturnType<typeof playerWithdrawals>>["rows"][number];
