import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { migrate } from "@/lib/db/migrator";
import { env, setEnv } from "@/lib/env";
import type { TBetEvent, TUserEvent } from "@/lib/schemas/api/events";
import { db, disconnectDb } from "@/lib/server/db";
import { ingestBets } from "@/lib/server/ingest/bets";
import type { TParsedEvent } from "@/lib/server/ingest/envelope";
import { ingestUsers } from "@/lib/server/ingest/users";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";
import { ensureCurrencies, makeGame, makePlayer, uniqueCode, uniqueId } from "@/tests/fixtures/factories";
import { createTestDatabase, serverUrl, type TTestDatabase } from "@/tests/support/test-database";

// business_day() is the one rule for business days. This file runs on a database of its own whose
// zone (UTC+14) differs from the process's BUSINESS_TIME_ZONE (UTC), so any place still cutting days
// by hand, or with the env's zone, lands on another day than the rule; and the rebuild wipes the
// rollups it recomputes, which must not touch the shared database. The embedded PGlite serves one
// database whatever the name asked for, so neither holds there: the file needs a real server.
const ZONE = "Pacific/Kiritimati";
const embedded = inject("isEmbedded");

let database: TTestDatabase | undefined;
beforeAll(async () => {
  if (embedded) return;
  database = await createTestDatabase("rollover_it_bday", serverUrl());
  await migrate({ connectionString: database.url, businessTimeZone: ZONE });
  await disconnectDb();
  setEnv({ DATABASE_URL: database.url });
  await ensureCurrencies();
}, 120_000);
afterAll(async () => {
  if (!database) return;
  await disconnectDb();
  await database.drop();
});

const parsed = <T>(events: T[]): TParsedEvent<T>[] =>
  events.map((event, index) => ({ index, rawId: index, ok: true, event, warnings: [] }));

describe("business_today()", () => {
  it("is business_day(now()): one rule, read from the session's zone setting", async () => {
    // SET LOCAL: this transaction only (on PGlite this is the shared database, the zone must not leak).
    const [r] = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL rollover.business_time_zone = '${ZONE}'`);
      return tx.$queryRaw<{ today: string; rule: string; late: string; early: string }[]>`
        SELECT business_today()::text AS today, business_day(now())::text AS rule,
               business_day('2031-06-15T10:30:00Z')::text AS late, business_day('2031-06-15T09:30:00Z')::text AS early`;
    });
    expect(r.today).toBe(r.rule);
    expect([r.early, r.late]).toEqual(["2031-06-15", "2031-06-16"]);
  });
});

describe.skipIf(embedded)("business days: one definition", () => {
  it("the database's zone differs from the env's here, so the checks below can tell them apart", () => {
    expect(env().BUSINESS_TIME_ZONE).toBe("UTC");
  });

  it("ingestion and the rebuild put sign-ups, bets and active referrals on the same business days", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("BD"), ownerId: owner.id } });
    const game = await makeGame({ houseEdge: "0.02" });
    const playerId = uniqueId();
    // 10:30Z on 15 June is 16 June in the zone; 09:30Z is still 15 June.
    const [early, late] = [new Date("2031-06-15T09:30:00Z"), new Date("2031-06-15T10:30:00Z")];
    const user: TUserEvent = { id: playerId, username: `bday_${playerId}`, affiliateCode: code.id, createdAt: late };
    expect((await ingestUsers(parsed([user])))[0].status).toBe("applied");
    const bet = (id: string, usd: string, at: Date): TBetEvent => ({
      id: `bday_${playerId}_${id}`,
      userId: playerId,
      gameId: game.id,
      currencyId: "USDT",
      amount: usd,
      usdAmount: usd,
      payout: "0",
      payoutMultiplier: "0",
      createdAt: at,
    });
    const results = await ingestBets(parsed([bet("a", "10", early), bet("b", "20", late)]));
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);

    const rollups = async () => ({
      affiliate: await db.$queryRaw<unknown[]>`
        SELECT day::text, signups, "wageredUsdAmount"::float8 AS wagered, "commissionUsdAmount"::float8 AS commission,
               "lastActiveReferrals" AS active
        FROM "AffiliateDailyStats" WHERE "userId" = ${owner.id} ORDER BY day`,
      platform: await db.$queryRaw<unknown[]>`
        SELECT day::text, sum("wageredUsdAmount")::float8 AS wagered, sum("betCount")::int AS bets
        FROM "PlatformDailyStats" GROUP BY day ORDER BY day`,
    });
    const incremental = await rollups();
    expect(incremental).toEqual({
      affiliate: [
        { day: "2031-06-15", signups: 0, wagered: 10, commission: 0.05, active: 0 },
        { day: "2031-06-16", signups: 1, wagered: 20, commission: 0.1, active: 1 },
      ],
      platform: [
        { day: "2031-06-15", wagered: 10, bets: 1 },
        { day: "2031-06-16", wagered: 20, bets: 1 },
      ],
    });

    await db.$transaction((tx) => rebuildDerivedStats(tx), { timeout: 60_000 });
    expect(await rollups()).toEqual(incremental);
  });
});
