import "server-only";

import type { TTx } from "@/lib/server/db";

type TSql = Pick<TTx, "$executeRawUnsafe">;

/**
 * Inserts `count` synthetic bets in one set-based statement, generated inside PostgreSQL (no rows
 * travel through Node). Bet ids are `${prefix}${n}` for n in [first, first + count): re-running a
 * range inserts nothing (ON CONFLICT DO NOTHING). Values are a pure function of n (hash-based), so a
 * range always produces the same bets. Commission is fixed at insert time, as ingestion does.
 */
export async function insertSyntheticBets(
  tx: TSql,
  o: {
    prefix: string;
    first: number;
    count: number;
    userIds: { from: number; to: number };
    gameIds: { from: number; to: number };
    from: Date;
    to: Date;
    commissionRate: string;
    /** Bulk loads only: skip per-row foreign-key triggers (the generated rows reference existing users and games by construction). Needs superuser. */
    skipForeignKeyChecks?: boolean;
  },
) {
  if (o.skipForeignKeyChecks) await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
  await tx.$executeRawUnsafe(`SET LOCAL synchronous_commit = off`);
  const span = (o.to.getTime() - o.from.getTime()) / 1000;
  // h(n, k): a deterministic pseudo-random number in [0, 1) per bet n and purpose k.
  // hashint8extended is ~20x cheaper than md5 and just as deterministic.
  const h = (k: number) => `((hashint8extended(n::bigint, ${k}) & 9007199254740991)::float8 / 9007199254740992.0::float8)`;
  await tx.$executeRawUnsafe(`
    WITH g AS (
      SELECT n,
        ${o.userIds.from} + floor(${h(1)} * ${o.userIds.to - o.userIds.from + 1})::int AS user_id,
        ${o.gameIds.from} + floor(${h(2)} * ${o.gameIds.to - o.gameIds.from + 1})::int AS game_id,
        (ARRAY['BTC','ETH','LTC','USDT','USDT','USDT','USDC','SOL','DOGE','TRX'])[1 + floor(${h(3)} * 10)::int]::"CurrencyId" AS currency,
        round((exp(${h(4)} * 6.2) - 0.9)::numeric, 2) AS usd,
        -- A cash-out target t (P(t >= x) = 1/x) that pays with probability 0.99/t: 99% RTP at every
        -- target, and now and then a 100x+ hit for challenges.
        CASE WHEN ${h(5)} < 0.99 / greatest(1.01, 1 / greatest(${h(6)}, 0.001))
             THEN round(greatest(1.01, 1 / greatest(${h(6)}, 0.001))::numeric, 2) ELSE 0::numeric END AS mult,
        timestamptz '${o.from.toISOString()}' + make_interval(secs => ${h(7)} * ${span}) AS at
      FROM generate_series(${o.first}, ${o.first + o.count - 1}) AS n
    ),
    rates AS (
      SELECT DISTINCT ON ("currencyId") "currencyId", "usdRate" FROM "CurrencyRate" ORDER BY "currencyId", "validFrom" DESC
    )
    INSERT INTO "Bet" (id, "userId", "gameId", "currencyId", amount, "usdAmount", payout, "payoutUsd", "payoutMultiplier",
                       "commissionAmount", "commissionUsdAmount", "createdAt")
    SELECT '${o.prefix}' || g.n, g.user_id, g.game_id, g.currency,
           g.usd / r."usdRate", g.usd, g.usd / r."usdRate" * g.mult, g.usd * g.mult, g.mult,
           CASE WHEN c.id IS NULL THEN 0 ELSE g.usd / r."usdRate" * gm."houseEdge" * COALESCE(c."commissionRate", ${o.commissionRate}) END,
           CASE WHEN c.id IS NULL THEN 0 ELSE g.usd * gm."houseEdge" * COALESCE(c."commissionRate", ${o.commissionRate}) END,
           g.at
    FROM g
    JOIN rates r ON r."currencyId" = g.currency
    JOIN "Game" gm ON gm.id = g.game_id
    JOIN "User" u ON u.id = g.user_id
    LEFT JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
    WHERE g.usd > 0
    ON CONFLICT (id) DO NOTHING`);
}
