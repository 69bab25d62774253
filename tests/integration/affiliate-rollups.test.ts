import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { bet, deposit, sendBets, sendDeposits } from "@/tests/fixtures/events";
import { call, playerToken } from "@/tests/fixtures/api";
import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { ensureCurrencies, makeGame, makePlayer, makePromo, uniqueCode } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

beforeAll(ensureCurrencies);

/** What the rollups must hold, recomputed from the stored bets of these owners' referred players. */
async function expected(owners: number[]) {
  const totals = await db.$queryRaw<{ owner: number; wagered: string; payout: string; commission: string }[]>`
    SELECT c."ownerId" AS owner, sum(b."usdAmount")::text AS wagered, sum(b."payoutUsd")::text AS payout, sum(b."commissionUsdAmount")::text AS commission
    FROM "Bet" b JOIN "User" u ON u.id = b."userId" JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
    WHERE c."ownerId" = ANY(${owners}::int[]) GROUP BY 1 ORDER BY 1`;
  const perCurrency = await db.$queryRaw<{ owner: number; currencyId: string; amount: string }[]>`
    SELECT c."ownerId" AS owner, b."currencyId"::text AS "currencyId", sum(b."commissionAmount")::text AS amount
    FROM "Bet" b JOIN "User" u ON u.id = b."userId" JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
    WHERE c."ownerId" = ANY(${owners}::int[]) GROUP BY 1, 2 ORDER BY 1, 2`;
  const daily = await db.$queryRaw<{ owner: number; day: string; wagered: string; active: number }[]>`
    WITH bets AS (
      SELECT c."ownerId" AS owner, (b."createdAt" AT TIME ZONE 'UTC')::date AS day, sum(b."usdAmount") AS wagered
      FROM "Bet" b JOIN "User" u ON u.id = b."userId" JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
      WHERE c."ownerId" = ANY(${owners}::int[]) GROUP BY 1, 2
    ), active AS (
      SELECT c."ownerId" AS owner, (s."lastBetAt" AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n
      FROM "UserStatsUsd" s JOIN "User" u ON u.id = s."userId" JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId"
      WHERE c."ownerId" = ANY(${owners}::int[]) AND s."lastBetAt" IS NOT NULL GROUP BY 1, 2
    )
    SELECT COALESCE(b.owner, a.owner) AS owner, COALESCE(b.day, a.day)::text AS day,
           COALESCE(b.wagered, 0)::text AS wagered, COALESCE(a.n, 0) AS active
    FROM bets b FULL JOIN active a ON a.owner = b.owner AND a.day = b.day ORDER BY 1, 2`;
  return { totals, perCurrency, daily };
}

async function stored(owners: number[]) {
  const totals = await db.$queryRaw<{ owner: number; wagered: string; payout: string; commission: string }[]>`
    SELECT "userId" AS owner, "wageredUsdAmount"::text AS wagered, "payoutUsdAmount"::text AS payout, "commissionUsdAmount"::text AS commission
    FROM "AffiliateOwnerStats" WHERE "userId" = ANY(${owners}::int[]) AND "wageredUsdAmount" > 0 ORDER BY 1`;
  const perCurrency = await db.$queryRaw<{ owner: number; currencyId: string; amount: string }[]>`
    SELECT "userId" AS owner, "currencyId"::text AS "currencyId", ("claimableAmount" + "claimedAmount")::text AS amount
    FROM "AffiliateUserStats" WHERE "userId" = ANY(${owners}::int[]) ORDER BY 1, 2`;
  const daily = await db.$queryRaw<{ owner: number; day: string; wagered: string; active: number }[]>`
    SELECT "userId" AS owner, day::text AS day, "wageredUsdAmount"::text AS wagered, "lastActiveReferrals" AS active
    FROM "AffiliateDailyStats" WHERE "userId" = ANY(${owners}::int[]) AND ("wageredUsdAmount" > 0 OR "lastActiveReferrals" <> 0)
    ORDER BY 1, 2`;
  return { totals, perCurrency, daily };
}

const norm = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "string" && /^-?\d+\.\d+$/.test(x) ? x.replace(/\.?0+$/, "") : x)));

describe("affiliate commissions in bet ingestion", () => {
  it("commission = amount × house edge × rate (the code's or the global 0.25), per currency and in USD", async () => {
    const [ownerA, ownerB] = [await makePlayer(), await makePlayer()];
    const codeA = await db.affiliateCode.create({ data: { id: uniqueCode("CA"), ownerId: ownerA.id, commissionRate: "0.3" } });
    const codeB = await db.affiliateCode.create({ data: { id: uniqueCode("CB"), ownerId: ownerB.id } });
    const game = await makeGame({ houseEdge: "0.02" });
    const [pa, pb, nobody] = [await makePlayer({ affiliateCodeId: codeA.id }), await makePlayer({ affiliateCodeId: codeB.id }), await makePlayer()];
    const at = new Date();
    await sendBets({
      events: [
        bet(pa.id, game.id, "100", at),
        bet(pb.id, game.id, "100", at),
        bet(pb.id, game.id, "0.001", at, { currencyId: "BTC", usdAmount: "100" }),
        bet(nobody.id, game.id, "100", at),
      ],
    });
    const a = await db.affiliateUserStatsUsd.findUniqueOrThrow({ where: { userId: ownerA.id } });
    expect(a.claimableAmount.toFixed(2)).toBe("0.60"); // 100 × 0.02 × 0.30
    const b = await db.affiliateUserStats.findMany({ where: { userId: ownerB.id }, orderBy: { currencyId: "asc" } });
    expect(b.map((s) => [s.currencyId, s.claimableAmount.toFixed()])).toEqual([["BTC", "0.000005"], ["USDT", "0.5"]]);
    expect((await db.affiliateCode.findUniqueOrThrow({ where: { id: codeB.id } })).wageredUsdAmount.toFixed(0)).toBe("200");
    expect((await db.bet.findFirstOrThrow({ where: { userId: nobody.id } })).commissionAmount.toFixed()).toBe("0");
  });

  it("allowCommissionBonus = false: bets inside the player's ACTIVE deposit bonus earn nothing", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("NB"), ownerId: owner.id, allowCommissionBonus: false } });
    const player = await makePlayer({ affiliateCodeId: code.id });
    const game = await makeGame({ houseEdge: "0.01" });
    const t0 = new Date(Date.now() - 600_000);
    await sendBets(bet(player.id, game.id, "100", t0)); // before any bonus: earns
    const promo = await makePromo({ wagerMultiplierToComplete: "1000" });
    expect((await call(claimRoute, { token: await playerToken(player.id), body: { code: promo.code } })).status).toBe(201);
    const t1 = new Date(Date.now() - 60_000);
    await db.userPromoCode.updateMany({ where: { userId: player.id }, data: { createdAt: new Date(t1.getTime() - 1000) } });
    await sendDeposits(deposit(player.id, "50", t1));
    await sendBets(bet(player.id, game.id, "100", new Date(t1.getTime() + 1000))); // inside the bonus: nothing
    expect((await db.affiliateUserStatsUsd.findUniqueOrThrow({ where: { userId: owner.id } })).claimableAmount.toFixed(2)).toBe("0.25");
  });

  it("every rollup agrees with a recomputation from the bets, across days, currencies, batches and replays", async () => {
    const owners = [await makePlayer(), await makePlayer()];
    const codes = await Promise.all(owners.map((o, i) => db.affiliateCode.create({ data: { id: uniqueCode("RB"), ownerId: o.id, commissionRate: i ? null : "0.4" } })));
    const players = await Promise.all(Array.from({ length: 6 }, (_, i) => makePlayer({ affiliateCodeId: codes[i % 2].id })));
    const games = [await makeGame({ houseEdge: "0.01" }), await makeGame({ houseEdge: "0.035" })];
    const day = 86_400_000;
    const base = Date.UTC(2026, 10, 1, 12);
    const batches = [0, 1, 2].map((k) =>
      players.flatMap((p, i) =>
        Array.from({ length: 3 }, (_, j) =>
          bet(p.id, games[(i + j) % 2].id, String(1 + i + j + k), new Date(base + ((i + j + k) % 3) * day + j * 1000), {
            payout: String(j), payoutMultiplier: j ? "1.5" : "0",
          }),
        ),
      ),
    );
    for (const events of batches) await sendBets({ events });
    await sendBets({ events: batches[1] }); // a replay changes nothing
    const ids = owners.map((o) => o.id);
    expect(norm(await stored(ids))).toEqual(norm(await expected(ids)));
  });

  it.skipIf(skipRaces)("concurrent batches for the same affiliates add up exactly", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("CC"), ownerId: owner.id } });
    const players = await Promise.all(Array.from({ length: 8 }, () => makePlayer({ affiliateCodeId: code.id })));
    const game = await makeGame();
    const batches = Array.from({ length: 6 }, () => ({ events: players.map((p) => bet(p.id, game.id, "10", new Date())) }));
    await Promise.all(batches.map((b) => sendBets(b)));
    expect(norm(await stored([owner.id]))).toEqual(norm(await expected([owner.id])));
    expect((await db.affiliateCode.findUniqueOrThrow({ where: { id: code.id } })).wageredUsdAmount.toFixed(0)).toBe("480");
  });
});
