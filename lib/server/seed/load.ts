import "server-only";

import { env } from "@/lib/env";
import { LEADERBOARD_CONFIG_DEFAULTS } from "@/lib/schemas/leaderboards";
import { db } from "@/lib/server/db";
import { seedReferenceData } from "@/lib/server/seed/demo";
import { insertSyntheticBets } from "@/lib/server/seed/synthetic";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";

// Load users take ids from here up (below the operator range, far from the demo's 1–200).
export const LOAD_USER_BASE = 500_000_000;
const DAY = 86_400_000;
const CHUNK = 500_000;

export type TLoadOptions = {
  users: number;
  bets: number;
  referred: number;
  affiliates: number;
  boardEntries: number;
  log?: (line: string) => void;
  now?: Date;
};

/**
 * Builds a large data set with set-based SQL generated inside PostgreSQL, then rebuilds every
 * derived figure from the bets, so stats, rollups and standings agree with them exactly.
 * Players [1, boardEntries] bet inside the load board's window (so it has exactly that many
 * entries, given enough bets); the others bet before it.
 */
export async function generateLoad(o: TLoadOptions) {
  const log = o.log ?? (() => {});
  const now = o.now ?? new Date();
  const t = (label: string, started: number) => log(`${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const first = LOAD_USER_BASE + 1;
  const last = LOAD_USER_BASE + o.users;
  if (o.affiliates + o.referred > o.users) throw new Error("--affiliates + --referred must not exceed --users");
  if (o.boardEntries > o.users) throw new Error("--board-entries must not exceed --users");

  let s = Date.now();
  await seedReferenceData();
  await db.$executeRawUnsafe(`
    INSERT INTO "User" (id, username, "kycLevel", "createdAt")
    SELECT n, 'load_' || n, (ARRAY['NONE','LEVEL_1','LEVEL_2','LEVEL_3'])[1 + n % 4]::"KycLevel",
           timestamptz '${new Date(now.getTime() - 90 * DAY).toISOString()}' + make_interval(secs => (n % 7776000))
    FROM generate_series(${first}, ${last}) n
    ON CONFLICT (id) DO NOTHING`);
  t(`users: ${o.users}`, s);

  s = Date.now();
  await db.$executeRawUnsafe(`
    INSERT INTO "AffiliateCode" (id, "ownerId", "commissionRate")
    SELECT 'LOAD' || (n - ${LOAD_USER_BASE}), n, CASE WHEN n % 5 = 0 THEN 0.30 ELSE NULL END
    FROM generate_series(${first}, ${first + o.affiliates - 1}) n
    ON CONFLICT (id) DO NOTHING`);
  await db.$executeRawUnsafe(`
    UPDATE "User" SET "isStreamer" = true WHERE id BETWEEN ${first} AND ${first + o.affiliates - 1} AND id % 3 = 0`);
  if (o.affiliates > 0) {
    await db.$executeRawUnsafe(`
      UPDATE "User" SET "affiliateCodeId" = 'LOAD' || (1 + (id % ${o.affiliates}))
      WHERE id BETWEEN ${first + o.affiliates} AND ${first + o.affiliates + o.referred - 1} AND "affiliateCodeId" IS NULL`);
  }
  await db.$executeRawUnsafe(`
    INSERT INTO "Deposit" (id, "userId", "currencyId", amount, "usdAmount", "createdAt")
    SELECT 'load_dep_' || n, n, 'USDT', 10 + n % 490, 10 + n % 490,
           timestamptz '${new Date(now.getTime() - 30 * DAY).toISOString()}' + make_interval(secs => (n::bigint * 7919) % 2592000)
    FROM generate_series(${first}, ${last}) n WHERE n % 3 = 0
    ON CONFLICT (id) DO NOTHING`);
  t(`affiliates: ${o.affiliates}, referred: ${o.referred}, deposits`, s);

  // The load board runs from 7 days ago to 7 days ahead; its players bet inside it.
  const boardStart = new Date(now.getTime() - 7 * DAY);
  const boardEnd = new Date(now.getTime() + 7 * DAY);
  const boardBets = o.users === 0 ? 0 : Math.round((o.bets * o.boardEntries) / o.users);
  const groups = [
    { from: first, to: first + o.boardEntries - 1, count: boardBets, start: boardStart, end: now },
    {
      from: first + o.boardEntries,
      to: last,
      count: o.bets - boardBets,
      start: new Date(now.getTime() - 30 * DAY),
      end: boardStart,
    },
  ];
  const commissionRate = env().AFFILIATE_COMMISSION_RATE;
  // Big loads: build the two secondary bet indexes once at the end instead of row by row, and skip
  // per-row foreign-key triggers when we may (superuser). Indexes come back even if a chunk fails.
  const bulk = o.bets >= 1_000_000;
  const [{ superuser }] = await db.$queryRaw<
    { superuser: boolean }[]
  >`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`;
  if (bulk) await db.$executeRawUnsafe(`DROP INDEX IF EXISTS "Bet_userId_createdAt_idx", "Bet_gameId_createdAt_idx"`);
  try {
    await insertBetGroups();
  } finally {
    if (bulk) {
      s = Date.now();
      await db.$executeRawUnsafe(`SET maintenance_work_mem = '512MB'`);
      await db.$executeRawUnsafe(
        `CREATE INDEX IF NOT EXISTS "Bet_userId_createdAt_idx" ON "Bet"("userId", "createdAt")`,
      );
      await db.$executeRawUnsafe(
        `CREATE INDEX IF NOT EXISTS "Bet_gameId_createdAt_idx" ON "Bet"("gameId", "createdAt")`,
      );
      t("bet indexes rebuilt", s);
    }
  }

  // Chunks of bets, two at a time (one PostgreSQL backend per core).
  async function insertBetGroups() {
    const chunks: { group: number; first: number; count: number }[] = [];
    let n = 1;
    for (const [i, g] of groups.entries()) {
      for (let done = 0; done < g.count; done += CHUNK) {
        const count = Math.min(CHUNK, g.count - done);
        chunks.push({ group: i, first: n, count });
        n += count;
      }
    }
    let next = 0;
    let inserted = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const c = chunks[next++];
        const g = groups[c.group];
        const started = Date.now();
        await db.$transaction(
          (tx) =>
            insertSyntheticBets(tx, {
              prefix: `load${c.group}_`,
              first: c.first,
              count: c.count,
              userIds: { from: g.from, to: g.to },
              gameIds: { from: 1, to: 20 },
              from: g.start,
              to: g.end,
              commissionRate,
              skipForeignKeyChecks: bulk && superuser,
            }),
          { timeout: 600_000, maxWait: 60_000 },
        );
        inserted += c.count;
        t(`bets ${inserted}/${o.bets}`, started);
      }
    };
    await Promise.all([worker(), worker()]);
  }

  s = Date.now();
  const name = "Load board";
  const existing = await db.leaderboard.findFirst({ where: { name } });
  if (!existing) {
    await db.leaderboard.create({
      data: {
        name,
        type: "WAGERED",
        status: "ACTIVE",
        startDate: boardStart,
        endDate: boardEnd,
        config: {
          ...LEADERBOARD_CONFIG_DEFAULTS,
          prizes: [
            { from: 1, to: 1, usd: "5000" },
            { from: 2, to: 10, usd: "500" },
            { from: 11, to: 100, usd: "50" },
          ],
        },
      },
    });
  }
  await db.$transaction((tx) => rebuildDerivedStats(tx), { timeout: 3_600_000 });
  t("derived stats rebuilt", s);
  s = Date.now();
  await db.$executeRawUnsafe("ANALYZE");
  t("analyzed", s);
}
