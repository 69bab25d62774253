import { beforeAll, describe, expect, it, vi } from "vitest";

import { formatUsd } from "@/lib/client/format";
import type { TOperator } from "@/lib/server/auth/guards";
import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { call, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, sendBets, sendDeposits, sendUsers } from "@/tests/fixtures/events";
import {
  ensureCurrencies,
  makeGame,
  makePlayer,
  makePromo,
  makeSessionOperator,
  reserveIds,
  uniqueCode,
  uniqueId,
} from "@/tests/fixtures/factories";

// The two views and the reports on a small fixture whose every figure is computed by hand, and the
// affiliate-code actions through the real guard (only the session cookie is stubbed).
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const actions = await import("@/app/(admin)/affiliates/actions");
const reports = await import("@/lib/server/affiliates/reports");
const { claimMyCommissions } = await import("@/lib/server/affiliates/player");
const { GET: streamerCsv } = await import("@/app/(admin)/affiliates/streamers/[id]/export/route");
const { db } = await import("@/lib/server/db");
const { listAffiliateCodes } = await import("@/lib/server/affiliates/codes");

const ops = {} as Record<"AFFILIATE_MANAGER" | "PROMO_MANAGER" | "SUPPORT", TOperator>;
beforeAll(async () => {
  await ensureCurrencies();
  for (const role of ["AFFILIATE_MANAGER", "PROMO_MANAGER", "SUPPORT"] as const) ops[role] = await makeSessionOperator(role);
});

/**
 * Owner O (streamer) with code C at rate 0.5; game G with house edge 0.02. Players A and B register
 * with C. A deposits 500 and bets 100 (pays out 50); B claims a 100% deposit bonus, deposits 40 (bonus
 * 40 USD) and bets 200 (pays out 300). By hand: commissions 100×0.02×0.5 + 200×0.02×0.5 = 3;
 * GGR (100 + 200) − (50 + 300) = −50; deposits 540; bonus 40; profit/loss −50 − 3 − 40 = −93.
 */
async function fixture() {
  const owner = await makePlayer({ isStreamer: true });
  session.operator = ops.AFFILIATE_MANAGER;
  const code = uniqueCode("STR");
  expect(
    (
      await actions.createAffiliateCodeAction({
        code: code.toLowerCase(),
        owner: String(owner.id),
        commissionRate: "0.5",
        allowCommissionBonus: true,
      })
    )?.data,
  ).toEqual({ id: code });
  const game = await makeGame({ houseEdge: "0.02" });
  const [a, b] = [uniqueId(), uniqueId()];
  await sendUsers({
    events: [
      { id: a, username: `a${a}`, affiliateCode: code },
      { id: b, username: `b${b}`, affiliateCode: code },
    ],
  });
  const t = new Date(Date.now() - 5 * 60_000);
  await sendDeposits(deposit(a, "500", t));
  const promo = await makePromo({ wagerMultiplierToComplete: "1000" });
  expect((await call(claimRoute, { token: await playerToken(b), body: { code: promo.code } })).status).toBe(201);
  await db.userPromoCode.updateMany({ where: { userId: b }, data: { createdAt: new Date(t.getTime() - 1000) } });
  await sendDeposits(deposit(b, "40", t));
  await sendBets({
    events: [
      bet(a, game.id, "100", new Date(t.getTime() + 1000), { payout: "50", payoutUsd: "50", payoutMultiplier: "0.5" }),
      bet(b, game.id, "200", new Date(t.getTime() + 2000), {
        payout: "300",
        payoutUsd: "300",
        payoutMultiplier: "1.5",
      }),
    ],
  });
  return { owner, code, a, b };
}

const fixed = (v: unknown) => Number(v).toFixed(2);

describe("AffiliateAggregatedInfo and AffiliateStreamer on a hand-computed fixture", () => {
  it("both views and the reports give the figures worked out by hand", async () => {
    const { owner, code, a } = await fixture();
    const [info] = await db.$queryRaw<
      { earned: string; unclaimed: string; referrals: number; active: number; ggr: string }[]
    >`
      SELECT "earnedCommissions"::text AS earned, "unclaimedCommissions"::text AS unclaimed, "referralsCount" AS referrals,
             "activeReferralsCount" AS active, "referralsGgr"::text AS ggr
      FROM "AffiliateAggregatedInfo" WHERE "userId" = ${owner.id}`;
    expect([fixed(info.earned), fixed(info.unclaimed), info.referrals, info.active, fixed(info.ggr)]).toEqual([
      "3.00",
      "3.00",
      2,
      2,
      "-50.00",
    ]);
    const [s] = await db.$queryRaw<
      { referrals: number; active: number; deposit: string; pl: string; isStreamer: boolean }[]
    >`
      SELECT referrals, "activeReferrals" AS active, "referralsDepositUsdAmount"::text AS deposit, "profitLoss"::text AS pl, "isStreamer"
      FROM "AffiliateStreamer" WHERE id = ${owner.id}`;
    expect([s.referrals, s.active, fixed(s.deposit), fixed(s.pl), s.isStreamer]).toEqual([
      2,
      2,
      "540.00",
      "-93.00",
      true,
    ]);

    // The streamer report's range (today) shows the same money from the daily rollup.
    const range = await (await import("@/lib/server/report-range")).reportRange({});
    const row = (await reports.streamerReport({ q: code }, range)).find((r) => r.userId === owner.id)!;
    expect(row).toMatchObject({
      codes: [code],
      signups: 2,
      depositUsd: "540.00",
      wageredUsd: "300.00",
      ggrUsd: "-50.00",
      commissionUsd: "3.00",
      bonusUsd: "40.00",
      profitLoss: "-93.00",
    });
    // A range before any of it: nothing in the money columns; referrals stay current.
    const empty = (await reports.streamerReport({ q: code }, { from: "2020-01-01", to: "2020-01-31", days: 31 })).find(
      (r) => r.userId === owner.id,
    )!;
    expect([empty.depositUsd, empty.profitLoss, empty.referrals]).toEqual(["0.00", "0.00", 2]);
    const series = await reports.streamerSeries(range, owner.id);
    expect(series.at(-1)).toMatchObject({ depositUsd: 540, profitLossUsd: -93 });

    // Overview: searchable by code, and after the owner claims, earned stays and unclaimed is 0.
    await claimMyCommissions(owner.id);
    const overview = await reports.affiliateOverview({ q: code, sort: "ggr", dir: "desc", page: 1 });
    expect(overview.rows.map((r) => [r.userId, r.earned, r.unclaimed, r.referrals, r.active, r.ggr])).toEqual([
      [owner.id, "3.00", "0.00", 2, 2, "-50.00"],
    ]);

    // The drill-down and its streamed CSV list the same players.
    const players = await reports.streamerPlayers(owner.id, { page: 1 });
    expect(players.rows.map((p) => [p.userId, p.depositedUsd, p.wageredUsd, p.ggrUsd]).sort()).toEqual(
      [
        [a, "500.00", "100.00", "50.00"],
        [players.rows.find((p) => p.userId !== a)!.userId, "40.00", "200.00", "-100.00"],
      ].sort(),
    );
    session.operator = ops.SUPPORT;
    const res = await streamerCsv(new Request(`http://x/affiliates/streamers/${owner.id}/export`));
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "Player id,Player,Code,Joined (UTC),Deposited USD,Wagered USD,GGR USD,Bonus USD,Last bet (UTC)",
    );
    expect(lines).toHaveLength(3);
  });

  it("the players CSV streams every batch (keyset by id), not one page", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("BIG"), ownerId: owner.id } });
    const base = reserveIds(2_501); // ids base + 1 … base + 2,500, reserved from this file's block
    await db.$executeRaw`INSERT INTO "User" (id, username, "affiliateCodeId") SELECT ${base} + n, 'bulk' || n, ${code.id} FROM generate_series(1, 2500) n`;
    let batches = 0;
    let rows = 0;
    for await (const batch of reports.streamerPlayersAll(owner.id, undefined, 1000)) {
      batches += 1;
      rows += batch.length;
    }
    expect([batches, rows]).toEqual([3, 2500]);
  });
});

describe("affiliate codes in the back office", () => {
  it("PROMO_MANAGER and SUPPORT can't create codes or mark streamers; AFFILIATE_MANAGER can", async () => {
    const owner = await makePlayer();
    const code = uniqueCode("ROLE");
    for (const role of ["PROMO_MANAGER", "SUPPORT"] as const) {
      session.operator = ops[role];
      expect(
        (
          await actions.createAffiliateCodeAction({
            code,
            owner: String(owner.id),
            commissionRate: "",
            allowCommissionBonus: true,
          })
        )?.serverError,
      ).toBe("You don't have access to this.");
      expect((await actions.setStreamerAction({ ownerId: owner.id, isStreamer: true }))?.serverError).toBe(
        "You don't have access to this.",
      );
    }
    expect(await db.affiliateCode.count({ where: { id: code } })).toBe(0);
    session.operator = ops.AFFILIATE_MANAGER;
    expect((await actions.setStreamerAction({ ownerId: owner.id, isStreamer: true }))?.data).toEqual({
      ownerId: owner.id,
      isStreamer: true,
    });
    expect(
      await db.auditLog.count({
        where: { entityType: "User", entityId: String(owner.id), action: "affiliate.mark_streamer" },
      }),
    ).toBe(1);
  });

  it("a taken code (any case), an unknown owner and a bad rate are field errors with nothing saved", async () => {
    session.operator = ops.AFFILIATE_MANAGER;
    const owner = await makePlayer();
    const code = uniqueCode("DUP");
    await actions.createAffiliateCodeAction({
      code,
      owner: owner.username,
      commissionRate: "",
      allowCommissionBonus: true,
    });
    const taken = await actions.createAffiliateCodeAction({
      code: code.toLowerCase(),
      owner: String(owner.id),
      commissionRate: "",
      allowCommissionBonus: true,
    });
    expect(taken?.validationErrors).toMatchObject({ code: { _errors: ["Code taken: another affiliate uses it"] } });
    const unknown = await actions.createAffiliateCodeAction({
      code: uniqueCode("X"),
      owner: "no-such-player-anywhere",
      commissionRate: "",
      allowCommissionBonus: true,
    });
    expect(unknown?.validationErrors).toMatchObject({ owner: { _errors: ["No player with this id or username"] } });
    const badRate = await actions.createAffiliateCodeAction({
      code: uniqueCode("X"),
      owner: String(owner.id),
      commissionRate: "1.5",
      allowCommissionBonus: true,
    });
    expect(badRate?.validationErrors).toMatchObject({
      commissionRate: { _errors: ["A share between 0 and 1, such as 0.3"] },
    });
    expect(await db.affiliateCode.count({ where: { ownerId: owner.id } })).toBe(1);
  });

  it("a new rate applies to bets from then on; commissions already earned stay", async () => {
    session.operator = ops.AFFILIATE_MANAGER;
    const owner = await makePlayer();
    const code = uniqueCode("RATE");
    await actions.createAffiliateCodeAction({
      code,
      owner: String(owner.id),
      commissionRate: "0.5",
      allowCommissionBonus: true,
    });
    const player = await makePlayer({ affiliateCodeId: code });
    const game = await makeGame({ houseEdge: "0.01" });
    await sendBets(bet(player.id, game.id, "100", new Date(Date.now() - 2000)));
    await actions.updateAffiliateCodeAction({ id: code.toLowerCase(), commissionRate: "", allowCommissionBonus: true });
    await sendBets(bet(player.id, game.id, "100", new Date(Date.now() - 1000)));
    // 100 × 0.01 × 0.5 + 100 × 0.01 × 0.25 (global) = 0.75
    expect(
      (await db.affiliateUserStatsUsd.findUniqueOrThrow({ where: { userId: owner.id } })).claimableAmount.toFixed(2),
    ).toBe("0.75");
    expect((await db.affiliateCode.findUniqueOrThrow({ where: { id: code } })).commissionRate).toBeNull();
  });

  it("the codes list carries the exact wagered USD; the screen rounds it down to cents (formatUsd), never half-up", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("EXACT"), ownerId: owner.id, wageredUsdAmount: "12.349" } });
    const { rows } = await listAffiliateCodes({ q: code.id, page: 1 });
    const row = rows.find((r) => r.id === code.id)!;
    expect(row.wageredUsd).toBe("12.349000000000000000");
    expect(formatUsd(row.wageredUsd)).toBe("$12.34");
  });
});
