import { describe, expect, it, vi } from "vitest";

import { dayRange } from "@/lib/domain/dates/range";
import { LEADERBOARD_CONFIG_DEFAULTS } from "@/lib/schemas/leaderboards";
import type { TOperator } from "@/lib/server/auth/guards";
import { useDatabaseOfItsOwn } from "@/tests/fixtures/own-database";

// The dashboard's KPIs count the whole platform, so this file runs on a database of its own (other
// files write to the shared one in parallel); then operators and rates through the real actions.
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const database = useDatabaseOfItsOwn("rollover_it_dash");


describe("dashboard KPIs and charts on a fixture", () => {
  it("every card and chart gives the figure worked out by hand", async () => {
    const { db } = await import("@/lib/server/db");
    const { dashboardCharts, dashboardKpis, pendingWork } = await import("@/lib/server/dashboard/queries");
    const f = await import("@/tests/fixtures/factories");
    const { bet, sendBets } = await import("@/tests/fixtures/events");
    await f.ensureCurrencies();
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const range = dayRange({}, today);
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 86_400_000);

    // Promos: two live, one expired, one exhausted, one deactivated → 2 active.
    const live = await f.makePromo({ type: "DEPOSIT" });
    await f.makePromo({ type: "INSTANT", amount: "10" });
    await f.makePromo({ expiresAt: new Date(now.getTime() - 1000) });
    await f.makePromo({ claimsLeft: 0 });
    await f.makePromo({ isActive: null });
    // Deposit bonuses ended in range: 3 completed, 1 expired, 1 cancelled → 60%; one claim today still open.
    const players = await Promise.all(Array.from({ length: 6 }, () => f.makePlayer()));
    const ended = ["COMPLETED", "COMPLETED", "COMPLETED", "EXPIRED", "CANCELLED"] as const;
    for (const [i, status] of ended.entries()) {
      await db.userPromoCode.create({
        data: { userId: players[i].id, promoCodeId: live.id, status, endedAt: now, createdAt: lastMonth },
      });
    }
    await db.userPromoCode.create({
      data: { userId: players[5].id, promoCodeId: live.id, status: "CLAIMED", isActive: true },
    });
    // Ledger: cost this month = 10 + 40 + 25 + 100 = 175 (a grant is not a cost; last month's credit is not this month's).
    const entries: [string, string, Date][] = [
      ["INSTANT_CREDIT", "10", now],
      ["BONUS_RELEASE", "40", now],
      ["CHALLENGE_REWARD", "25", now],
      ["LEADERBOARD_PRIZE", "100", now],
      ["BONUS_GRANT", "50", now],
      ["BONUS_FORFEIT", "-20", now],
      ["INSTANT_CREDIT", "999", lastMonth],
    ];
    for (const [i, [kind, usd, at]] of entries.entries()) {
      await db.$executeRaw`
        INSERT INTO "LedgerEntry" ("userId", kind, bucket, "currencyId", amount, "usdAmount", "usdRate", "sourceId", "createdAt")
        VALUES (${players[0].id}, ${kind}::"LedgerKind", 'CASH', 'USDT', ${usd}::numeric, ${usd}::numeric, 1, ${`fixture-${i}`}, ${at})`;
    }
    // One live board (pool 500 + 2×200 + 7×50 = 1,250) and one finished.
    const prizes = [{ from: 1, to: 1, usd: "500" }, { from: 2, to: 3, usd: "200" }, { from: 4, to: 10, usd: "50" }];
    const config = { ...LEADERBOARD_CONFIG_DEFAULTS, prizes };
    await db.leaderboard.create({
      data: {
        name: "live",
        type: "WAGERED",
        status: "ACTIVE",
        config,
        startDate: new Date(now.getTime() - 3_600_000),
        endDate: new Date(now.getTime() + 3_600_000),
      },
    });
    await db.leaderboard.create({
      data: {
        name: "done",
        type: "WAGERED",
        status: "FINISHED",
        config,
        startDate: lastMonth,
        endDate: new Date(lastMonth.getTime() + 3_600_000),
      },
    });
    // A challenge won by a bet, not yet confirmed.
    const game = await f.makeGame();
    const op = await f.makeOperator("PROMO_MANAGER");
    await db.challenge.create({
      data: {
        createdById: op.id,
        defaultTitle: "hit",
        targetGameId: game.id,
        minBetAmountUsd: "1",
        minBetMultiplier: "10",
        rewardCurrency: "USDT",
        rewardAmount: "25",
        rewardUsdAmount: "25",
        rewardUsdRate: "1",
      },
    });
    await sendBets({
      events: [
        bet(players[0].id, game.id, "30", new Date(now.getTime() - 60_000), { payoutMultiplier: "20", payout: "600" }),
        bet(players[1].id, game.id, "12.5", new Date(now.getTime() - 30_000)),
      ],
    });
    // Unclaimed commissions 12.50 + 7.50.
    await db.affiliateUserStatsUsd.createMany({
      data: [
        { userId: players[2].id, claimableAmount: "12.5" },
        { userId: players[3].id, claimableAmount: "7.5" },
      ],
    });

    const k = await dashboardKpis(range, now);
    expect(k).toEqual({
      activePromos: 2,
      claimsToday: 1,
      bonusCostMonthUsd: "175.00",
      completionRate: 0.6,
      completed: 3,
      ended: 5,
      activeBoards: 1,
      activePrizePoolUsd: "1250.00",
      pendingWinners: 1,
      unclaimedCommissionsUsd: "20.00",
      // No promo here has a budget (tests/integration/dashboard-budget-burn.test.ts has them).
      budgetBurn: { nearlySpent: 0, grantedUsd: "0.00", budgetUsd: null, usedRatio: null },
      scheduledPromos: 0,
      today,
      monthStart: `${today.slice(0, 8)}01`,
    });
    // The bonus-cost card's list gives the same total.
    const { listCredits, COST_KINDS } = await import("@/lib/server/ledger/queries");
    const credits = await listCredits({ kinds: COST_KINDS, from: k.monthStart, to: k.today, page: 1 });
    expect([credits.totalUsd, credits.total]).toEqual(["175.00", 4]);
    const { days, wageredTotalUsd } = await dashboardCharts(range);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({
      day: today,
      depositClaims: 1,
      instantClaims: 0,
      grantedUsd: 50,
      releasedUsd: 40,
      forfeitedUsd: 20,
      wageredUsd: 42.5,
    });
    expect(wageredTotalUsd).toBe("42.50");
    const pending = await pendingWork(now);
    expect(pending.winners.map((w) => w.winner)).toEqual([players[0].username]);

    // The wagering rollup agrees with the bets, and the rebuild writes the same figures.
    const sum = async () =>
      (await db.$queryRaw<{ w: string }[]>`SELECT sum("wageredUsdAmount")::text AS w FROM "PlatformDailyStats"`)[0].w;
    expect(Number(await sum())).toBe(42.5);
    const { rebuildDerivedStats } = await import("@/lib/server/stats/rebuild");
    await db.$transaction((tx) => rebuildDerivedStats(tx));
    expect(Number(await sum())).toBe(42.5);
  });
});

describe("operators (admin)", () => {
  it("create with a one-time password, change role, disable (refused at once), reset; never the last admin, never yourself", async () => {
    const { db } = await import("@/lib/server/db");
    const f = await import("@/tests/fixtures/factories");
    const actions = await import("@/app/(admin)/settings/actions");
    const promoActions = await import("@/app/(admin)/promo-codes/actions");
    const admin = f.asOperator(await f.makeOperator("ADMIN"));
    session.operator = admin;

    const created = (await actions.createOperatorAction({
      email: "New.Op@Example.com",
      name: "New Op",
      role: "SUPPORT",
    }))!.data!;
    expect(created.email).toBe("new.op@example.com");
    expect(created.oneTimePassword.length).toBeGreaterThanOrEqual(12);
    const dup = await actions.createOperatorAction({ email: "new.op@example.com", name: "Again", role: "SUPPORT" });
    expect(dup?.validationErrors).toMatchObject({ email: { _errors: ["An operator with this email exists"] } });

    expect((await actions.changeOperatorRoleAction({ id: created.id, role: "PROMO_MANAGER" }))?.data).toEqual({
      id: created.id,
      role: "PROMO_MANAGER",
    });
    // The new operator acts; disabled, their very next action is refused.
    const newOp = f.asOperator(await db.user.findUniqueOrThrow({ where: { id: created.id } }));
    session.operator = newOp;
    const promo = await f.makePromo();
    session.operator = admin;
    await actions.setOperatorDisabledAction({ id: created.id, disabled: true });
    session.operator = newOp;
    expect((await promoActions.deactivatePromoCodeAction({ id: promo.id }))?.serverError).toBe("Please sign in again.");
    session.operator = admin;

    expect((await actions.setOperatorDisabledAction({ id: admin.id, disabled: true }))?.serverError).toMatch(
      /your own access/,
    );
    expect((await actions.changeOperatorRoleAction({ id: admin.id, role: "SUPPORT" }))?.serverError).toMatch(
      /your own access/,
    );
    // With one other enabled admin, demoting them is the last-admin case from their own seat.
    const other = f.asOperator(await f.makeOperator("ADMIN"));
    await db.user.updateMany({
      where: { role: "ADMIN", id: { notIn: [admin.id, other.id] } },
      data: { disabled: true },
    });
    session.operator = other;
    expect((await actions.changeOperatorRoleAction({ id: admin.id, role: "SUPPORT" }))?.data?.role).toBe("SUPPORT");
    session.operator = f.asOperator({ ...admin, email: admin.email, username: admin.name, role: "SUPPORT" });
    expect((await actions.changeOperatorRoleAction({ id: other.id, role: "SUPPORT" }))?.serverError).toBe(
      "You don't have access to this.",
    );
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    session.operator = admin;
    await db.user.update({ where: { id: other.id }, data: { disabled: false } });

    const reset = (await actions.resetOperatorPasswordAction({ id: created.id }))!.data!;
    expect(reset.oneTimePassword).not.toBe(created.oneTimePassword);
    expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(true);
    const audit = await db.auditLog.findMany({
      where: { entityType: "User", entityId: String(created.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "operator.create",
      "operator.change_role",
      "operator.disable",
      "operator.reset_password",
    ]);
  });

  it("the last enabled admin can't be demoted or disabled, even by two admins at once", async () => {
    const { db } = await import("@/lib/server/db");
    const f = await import("@/tests/fixtures/factories");
    const { changeOperatorRole } = await import("@/lib/server/operators/mutations");
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { disabled: true } });
    const [a, b] = [f.asOperator(await f.makeOperator("ADMIN")), f.asOperator(await f.makeOperator("ADMIN"))];
    // a demotes b while b demotes a: one wins, the other is refused; an admin remains.
    const results = await Promise.allSettled([
      changeOperatorRole(a, b.id, "SUPPORT"),
      changeOperatorRole(b, a.id, "SUPPORT"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
  });
});

describe("currency rates (admin)", () => {
  it("adding a rate keeps the history; USD figures use the rate in force at their moment", async () => {
    const { db } = await import("@/lib/server/db");
    const f = await import("@/tests/fixtures/factories");
    const actions = await import("@/app/(admin)/settings/actions");
    const { currentRates, rateHistory } = await import("@/lib/server/rates/queries");
    await f.ensureCurrencies();
    session.operator = f.asOperator(await f.makeOperator("ADMIN"));
    const before = (await currentRates()).find((r) => r.currencyId === "BTC")!.rate;

    expect(
      (await actions.addRateAction({ currencyId: "BTC", usdRate: "150.25", validFrom: "" }))?.data?.id,
    ).toBeTruthy();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await actions.addRateAction({ currencyId: "BTC", usdRate: "160", validFrom: future });
    const past = await actions.addRateAction({ currencyId: "BTC", usdRate: "1", validFrom: "2020-01-01T00:00:00Z" });
    expect(past?.validationErrors).toMatchObject({
      validFrom: { _errors: ["A rate can start now or later, not in the past"] },
    });
    const zero = await actions.addRateAction({ currencyId: "BTC", usdRate: "0", validFrom: "" });
    expect(zero?.validationErrors).toMatchObject({ usdRate: { _errors: ["The rate must be more than 0"] } });

    const sol = (await currentRates()).find((r) => r.currencyId === "BTC")!;
    expect([sol.rate, sol.next?.rate]).toEqual(["150.25", "160"]);
    const history = await rateHistory("BTC");
    expect(history.map((h) => h.usdRate).slice(0, 2)).toEqual(["160", "150.25"]);
    expect(history.map((h) => h.usdRate)).toContain(before);
    // The engine's usd_rate() reads the same history: now 150.25, in two hours 160, last year the old one.
    const [r] = await db.$queryRaw<{ now: string; later: string }[]>`
      SELECT usd_rate('BTC', now())::text AS now, usd_rate('BTC', now() + interval '2 hours')::text AS later`;
    expect([Number(r.now), Number(r.later)]).toEqual([150.25, 160]);
    const audit = await db.auditLog.findFirst({
      where: { action: "currency_rate.add", entityId: "BTC" },
      orderBy: { id: "asc" },
    });
    expect(audit?.before).toEqual({ usdRate: before });
  });
});

describe("business days", () => {
  it("'claims today' and the charts cut days in BUSINESS_TIME_ZONE, not UTC", async () => {
    const { db, disconnectDb: reconnect } = await import("@/lib/server/db");
    const f = await import("@/tests/fixtures/factories");
    const { dashboardCharts, dashboardKpis } = await import("@/lib/server/dashboard/queries");
    // UTC+14: 10:30Z on 15 June is already 16 June there, 09:30Z is still 15 June.
    const name = new URL(database.url).pathname.slice(1);
    await db.$executeRawUnsafe(`ALTER DATABASE "${name}" SET rollover.business_time_zone = 'Pacific/Kiritimati'`);
    await reconnect(); // the setting applies to new sessions
    const promo = await f.makePromo({ type: "INSTANT", amount: "1" });
    const [a, b] = [await f.makePlayer(), await f.makePlayer()];
    await db.userPromoCode.create({
      data: { userId: a.id, promoCodeId: promo.id, status: "COMPLETED", createdAt: new Date("2031-06-15T10:30:00Z") },
    });
    await db.userPromoCode.create({
      data: { userId: b.id, promoCodeId: promo.id, status: "COMPLETED", createdAt: new Date("2031-06-15T09:30:00Z") },
    });
    const now = new Date("2031-06-15T12:00:00Z"); // 16 June, 02:00 in Kiritimati
    expect((await dashboardKpis(dayRange({}, "2031-06-16"), now)).claimsToday).toBe(1);
    const { days } = await dashboardCharts({ from: "2031-06-15", to: "2031-06-16", days: 2 });
    expect(days.map((d) => [d.day, d.instantClaims])).toEqual([
      ["2031-06-15", 1],
      ["2031-06-16", 1],
    ]);
  });
});
