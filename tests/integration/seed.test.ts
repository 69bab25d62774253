import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { migrate } from "@/lib/db/migrator";
import { setEnv } from "@/lib/env";
import { db, disconnectDb } from "@/lib/server/db";
import { seedDemo } from "@/lib/server/seed/demo";
import { DEMO_OPERATORS } from "@/lib/server/seed/operators";
import { createTestDatabase, type TTestDatabase } from "@/tests/support/test-database";

// The seed rebuilds every derived figure from scratch, so it gets a database of its own instead of
// rewriting rollups under the other test files' feet.
let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("rollover_it_seed", inject("serverUrl") || undefined);
  await migrate({ connectionString: database.url });
  await disconnectDb();
  setEnv({ DATABASE_URL: database.url });
});
afterAll(async () => {
  await disconnectDb();
  await database.drop();
});

// Counts of the seed's own rows (other test files write to the same database at the same time).
const SEED_ROWS: Record<string, string> = {
  players: `SELECT count(*) AS n FROM "User" WHERE id <= 200`,
  operators: `SELECT count(*) AS n FROM "User" WHERE email LIKE '%@rollover.local'`,
  games: `SELECT count(*) AS n FROM "Game" WHERE id <= 20`,
  promos: `SELECT count(*) AS n FROM "PromoCode" p JOIN "User" u ON u.id = p."createdById" WHERE u.email LIKE '%@rollover.local'`,
  whitelists: `SELECT count(*) AS n FROM "PromoGameWhitelist" w JOIN "PromoCode" p ON p.id = w."promoCodeId" JOIN "User" u ON u.id = p."createdById" WHERE u.email LIKE '%@rollover.local'`,
  claims: `SELECT count(*) AS n FROM "UserPromoCode" WHERE "userId" <= 200`,
  ledger: `SELECT count(*) AS n FROM "LedgerEntry" WHERE "userId" <= 200`,
  balances: `SELECT count(*) AS n FROM "Balance" WHERE "userId" <= 200`,
  bets: `SELECT count(*) AS n FROM "Bet" WHERE id LIKE 'seed_bet_%'`,
  deposits: `SELECT count(*) AS n FROM "Deposit" WHERE id LIKE 'seed_dep_%'`,
  affiliateCodes: `SELECT count(*) AS n FROM "AffiliateCode" WHERE "ownerId" <= 200`,
  challenges: `SELECT count(*) AS n FROM "Challenge" WHERE "defaultTitle" = 'Hit 100× on Plinko'`,
  boards: `SELECT count(*) AS n FROM "Leaderboard" WHERE name = 'Weekly Wager Race'`,
  standings: `SELECT count(*) AS n FROM "LeaderboardUser" WHERE "userId" <= 200`,
  currencies: `SELECT count(*) AS n FROM "Currency"`,
  rates: `SELECT count(*) AS n FROM "CurrencyRate"`,
};

async function counts() {
  const out: Record<string, number> = {};
  for (const [name, sql] of Object.entries(SEED_ROWS)) {
    const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(sql);
    out[name] = Number(rows[0].n);
  }
  return out;
}

describe("demo seed", () => {
  it("creates the demo world, and running it again duplicates nothing", async () => {
    const first = await seedDemo();
    const after1 = await counts();
    const second = await seedDemo();
    const after2 = await counts();
    expect(first.players).toBe(200);
    expect(second.created).toBe(false);
    expect(after2).toEqual(after1);
    for (const op of DEMO_OPERATORS) {
      expect(await db.user.findUnique({ where: { email: op.email } })).toMatchObject({ role: op.role });
    }
    expect(after1.games).toBe(20);
    expect(after1.bets).toBe(8000);
    expect(await db.leaderboard.count({ where: { status: "ACTIVE" } })).toBeGreaterThan(0);
    expect(await db.leaderboardUser.count()).toBeGreaterThan(0);
    const streamers = await db.affiliateStreamer.findMany({ where: { isStreamer: true } });
    expect(streamers.length).toBeGreaterThan(0);
    expect(streamers.every((s) => s.referrals > 0)).toBe(true);
  });
});
