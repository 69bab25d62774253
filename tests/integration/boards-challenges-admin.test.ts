import { beforeAll, describe, expect, it, vi } from "vitest";

import type { TOperator } from "@/lib/server/auth/guards";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makePlayer, makeSessionOperator } from "@/tests/fixtures/factories";

// The back-office actions for challenges, leaderboards and schedules, through the real guard, parse,
// transaction and audit (only the session cookie and revalidation are stubbed, as in promo-actions).
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const challengeActions = await import("@/app/(admin)/challenges/actions");
const boardActions = await import("@/app/(admin)/leaderboards/actions");
const { db } = await import("@/lib/server/db");

const ops = {} as Record<"PROMO_MANAGER" | "SUPPORT" | "AFFILIATE_MANAGER", TOperator>;
beforeAll(async () => {
  await ensureCurrencies();
  for (const role of ["PROMO_MANAGER", "SUPPORT", "AFFILIATE_MANAGER"] as const) ops[role] = await makeSessionOperator(role);
});

const challenge = (gameId: number, extra: Record<string, unknown> = {}) => ({
  title: "Hit it",
  targetGameId: gameId,
  minBetAmountUsd: "1",
  minBetMultiplier: "100",
  rewardCurrency: "USDT" as const,
  rewardAmount: "40",
  isHidden: false,
  startsAt: "",
  endsAt: "",
  ...extra,
});

const hour = 3_600_000;
// Every board counts only its test's own game: an all-games board over "now" would also count the
// bets other files send at the same time.
const board = (gameId: number, extra: Record<string, unknown> = {}) => ({
  name: `Board ${Math.random()}`,
  type: "WAGERED" as const,
  startDate: new Date(Date.now() - hour).toISOString(),
  endDate: new Date(Date.now() + hour).toISOString(),
  config: {
    prizes: [{ from: 1, to: 2, usd: "50" }],
    gameIds: [gameId],
    minBetUsd: "0",
    prizeCurrency: "USDT" as const,
    settleAfterSeconds: 300,
  },
  ...extra,
});

describe("challenges in the back office", () => {
  it("create stores the reward's USD value at the current rate, and a bet already received wins at once", async () => {
    const game = await makeGame();
    const player = await makePlayer();
    await sendBets(
      bet(player.id, game.id, "3", new Date(Date.now() - 60_000), { payoutMultiplier: "150", payout: "450" }),
    );
    session.operator = ops.PROMO_MANAGER;
    const res = await challengeActions.createChallengeAction(
      challenge(game.id, { rewardCurrency: "BTC", rewardAmount: "0.001" }),
    );
    const row = await db.challenge.findUniqueOrThrow({ where: { id: res!.data!.id } });
    const [{ rate }] = await db.$queryRaw<{ rate: string }[]>`SELECT usd_rate('BTC', now())::text AS rate`;
    expect(row.rewardUsdRate.toFixed()).toBe(Number(rate).toString());
    expect(row.rewardUsdAmount.toFixed()).toBe(row.rewardUsdRate.mul("0.001").toFixed());
    expect(row.winnerId).toBe(player.id);
    expect(await db.auditLog.count({ where: { entityId: row.id, action: "challenge.create" } })).toBe(1);
  });

  it("bad input is a field error and nothing is saved; SUPPORT and AFFILIATE_MANAGER are refused", async () => {
    const game = await makeGame();
    // Only this file's operators could have saved one (other files create challenges meanwhile).
    const ours = { createdById: { in: Object.values(ops).map((o) => o.id) } };
    const before = await db.challenge.count({ where: ours });
    session.operator = ops.PROMO_MANAGER;
    const bad = await challengeActions.createChallengeAction(
      challenge(game.id, { rewardAmount: "0", endsAt: "2020-01-01T00:00:00Z", startsAt: "2021-01-01T00:00:00Z" }),
    );
    expect(bad?.validationErrors).toMatchObject({
      rewardAmount: { _errors: ["The reward must be more than 0"] },
      endsAt: { _errors: ["Ends before it starts"] },
    });
    const unknownGame = await challengeActions.createChallengeAction(challenge(999_999_999));
    expect(unknownGame?.validationErrors).toMatchObject({ targetGameId: { _errors: ["No such game"] } });
    for (const role of ["SUPPORT", "AFFILIATE_MANAGER"] as const) {
      session.operator = ops[role];
      expect((await challengeActions.createChallengeAction(challenge(game.id)))?.serverError).toBe(
        "You don't have access to this.",
      );
    }
    expect(await db.challenge.count({ where: ours })).toBe(before);
  });

  it("editing the criteria selects the winner again; a confirmed challenge can't be edited", async () => {
    const game = await makeGame();
    const [a, b] = [await makePlayer(), await makePlayer()];
    const t = Date.now() - 10 * 60_000;
    await sendBets({
      events: [
        bet(a.id, game.id, "2", new Date(t), { payoutMultiplier: "120", payout: "240" }),
        bet(b.id, game.id, "2", new Date(t + 1000), { payoutMultiplier: "300", payout: "600" }),
      ],
    });
    session.operator = ops.PROMO_MANAGER;
    const id = (await challengeActions.createChallengeAction(challenge(game.id)))!.data!.id;
    expect((await db.challenge.findUniqueOrThrow({ where: { id } })).winnerId).toBe(a.id);
    await challengeActions.updateChallengeAction({ id, values: challenge(game.id, { minBetMultiplier: "200" }) });
    expect((await db.challenge.findUniqueOrThrow({ where: { id } })).winnerId).toBe(b.id);
    await challengeActions.updateChallengeAction({ id, values: challenge(game.id, { minBetMultiplier: "1000" }) });
    expect((await db.challenge.findUniqueOrThrow({ where: { id } })).winnerId).toBeNull();
    await challengeActions.updateChallengeAction({ id, values: challenge(game.id) });
    expect((await challengeActions.confirmWinnerAction({ id }))?.data?.winnerId).toBe(a.id);
    const refused = await challengeActions.updateChallengeAction({
      id,
      values: challenge(game.id, { title: "Changed" }),
    });
    expect(refused?.serverError).toMatch(/confirmed/);
    expect((await db.challenge.findUniqueOrThrow({ where: { id } })).defaultTitle).toBe("Hit it");
  });

  it("a reject needs a reason", async () => {
    session.operator = ops.PROMO_MANAGER;
    const res = await challengeActions.rejectWinnerAction({ id: "00000000-0000-4000-8000-000000000000", reason: " " });
    expect(res?.validationErrors).toMatchObject({ reason: { _errors: ["Say why (at least 3 characters)"] } });
  });
});

describe("leaderboards in the back office", () => {
  it("a started board keeps what decides who scores; name, end and prizes may change", async () => {
    session.operator = ops.PROMO_MANAGER;
    const values = board((await makeGame()).id);
    const id = (await boardActions.createBoardAction(values))!.data!.id;
    expect((await db.leaderboard.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    const typeChange = await boardActions.updateBoardAction({ id, values: { ...values, type: "MULTIPLIER" } });
    expect(typeChange?.validationErrors).toMatchObject({
      type: { _errors: ["The type can't change once the board has started"] },
    });
    const gamesChange = await boardActions.updateBoardAction({
      id,
      values: { ...values, config: { ...values.config, minBetUsd: "5" } },
    });
    expect(gamesChange?.validationErrors).toMatchObject({
      config: { minBetUsd: { _errors: [expect.stringMatching(/minimum bet/)] } },
    });
    const ok = await boardActions.updateBoardAction({
      id,
      values: {
        ...values,
        name: "Renamed",
        endDate: new Date(Date.now() + 2 * hour).toISOString(),
        config: { ...values.config, prizes: [{ from: 1, to: 3, usd: "70" }] },
      },
    });
    expect(ok?.data?.id).toBe(id);
    const after = await db.leaderboard.findUniqueOrThrow({ where: { id } });
    expect([after.name, after.type, (after.config as { prizes: unknown[] }).prizes]).toEqual([
      "Renamed",
      "WAGERED",
      [{ from: 1, to: 3, usd: "70" }],
    ]);
    expect(await db.auditLog.count({ where: { entityId: id, action: "leaderboard.update" } })).toBe(1);
  });

  it("overlapping prize ranges are refused with nothing saved", async () => {
    session.operator = ops.PROMO_MANAGER;
    const gameId = (await makeGame()).id;
    const values = board(gameId, {
      config: {
        ...board(gameId).config,
        prizes: [
          { from: 1, to: 3, usd: "10" },
          { from: 3, to: 5, usd: "5" },
        ],
      },
    });
    const res = await boardActions.createBoardAction(values);
    expect(res?.validationErrors).toMatchObject({
      config: { prizes: { _errors: ["Ranks 3–3 are in two prize ranges"] } },
    });
    expect(await db.leaderboard.count({ where: { name: values.name } })).toBe(0);
  });

  it("settle now: refused while the board runs, pays the winners once it has ended; SUPPORT can't", async () => {
    session.operator = ops.PROMO_MANAGER;
    const game = await makeGame();
    const [a, b] = [await makePlayer(), await makePlayer()];
    const id = (await boardActions.createBoardAction(board(game.id)))!.data!.id;
    await sendBets({ events: [bet(a.id, game.id, "30", new Date()), bet(b.id, game.id, "20", new Date())] });
    expect((await boardActions.settleBoardAction({ id }))?.serverError).toBe(
      "Only a board that has ended can be settled",
    );
    // End it in the past (as the clock would), then settle early.
    await db.leaderboard.update({ where: { id }, data: { endDate: new Date(Date.now() - 1000) } });
    session.operator = ops.SUPPORT;
    expect((await boardActions.settleBoardAction({ id }))?.serverError).toBe("You don't have access to this.");
    session.operator = ops.PROMO_MANAGER;
    expect((await boardActions.settleBoardAction({ id }))?.data).toEqual({ paid: 2, finished: true });
    const prizes = await db.ledgerEntry.findMany({
      where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: id } },
      orderBy: { userId: "asc" },
    });
    expect(prizes.map((p) => p.usdAmount.toFixed(0))).toEqual(["50", "50"]);
    expect((await boardActions.settleBoardAction({ id }))?.serverError).toBe(
      "Only a board that has ended can be settled",
    );
  });

  it("standings for the live page: top N with prizes, and one player's position by username", async () => {
    session.operator = ops.SUPPORT;
    const game = await makeGame();
    const players = await Promise.all([1, 2, 3].map(() => makePlayer()));
    session.operator = ops.PROMO_MANAGER;
    const id = (await boardActions.createBoardAction(board(game.id)))!.data!.id;
    await sendBets({ events: players.map((p, i) => bet(p.id, game.id, String(10 * (i + 1)), new Date())) });
    session.operator = ops.SUPPORT;
    const res = (await boardActions.boardStandingsAction({ id, top: 2, player: players[0].username }))!.data!;
    expect(res.top.map((r) => [r.position, r.userId, r.wageredUsd, r.prizeUsd])).toEqual([
      [1, players[2].id, "30.00", "50"],
      [2, players[1].id, "20.00", "50"],
    ]);
    expect(res.player).toMatchObject({ position: 3, userId: players[0].id, prizeUsd: null });
  });
});

describe("schedules in the back office", () => {
  const schedule = (enabled: boolean, gameId: number) => ({
    name: `Hourly ${Math.random()}`,
    enabled,
    config: {
      recurrence: {
        kind: "INTERVAL" as const,
        intervalSeconds: 3600,
        timeZone: "Europe/Malta",
        firstStart: new Date(Date.now() - 90 * 60_000).toISOString(),
      },
      nameTemplate: "Hourly #{n}",
      type: "WAGERED" as const,
      leaderboard: board(gameId).config,
    },
  });

  it("creating it enabled creates the current and the next board; disabling stops new ones", async () => {
    session.operator = ops.PROMO_MANAGER;
    const id = (await boardActions.createScheduleAction(schedule(true, (await makeGame()).id)))!.data!.id;
    const boards = await db.leaderboard.findMany({ where: { scheduleId: id }, orderBy: { startDate: "asc" } });
    expect(boards.map((b) => [b.name, b.status])).toEqual([
      ["Hourly #2", "ACTIVE"],
      ["Hourly #3", "NOT_STARTED"],
    ]);
    expect((await boardActions.setScheduleEnabledAction({ id, enabled: false }))?.data).toMatchObject({
      enabled: false,
      boardsCreated: 0,
    });
    // The worker's pass three hours on, for this schedule only (an unscoped pass would create boards
    // for every other file's enabled schedules, at a time of this test's choosing).
    const { ensureScheduledBoards } = await import("@/lib/server/leaderboards/schedules");
    await ensureScheduledBoards(new Date(Date.now() + 3 * hour), id);
    expect(await db.leaderboard.count({ where: { scheduleId: id } })).toBe(2);
    expect(await db.auditLog.count({ where: { entityId: id } })).toBe(2);
  });

  it("created disabled creates nothing until enabled; a bad zone is a field error", async () => {
    session.operator = ops.PROMO_MANAGER;
    const gameId = (await makeGame()).id;
    const bad = schedule(true, gameId);
    bad.config.recurrence.timeZone = "Mars/Olympus";
    expect((await boardActions.createScheduleAction(bad))?.validationErrors).toMatchObject({
      config: { recurrence: { timeZone: { _errors: ["An IANA time zone such as Europe/Malta"] } } },
    });
    const id = (await boardActions.createScheduleAction(schedule(false, gameId)))!.data!.id;
    expect(await db.leaderboard.count({ where: { scheduleId: id } })).toBe(0);
    expect((await boardActions.setScheduleEnabledAction({ id, enabled: true }))?.data?.boardsCreated).toBe(2);
  });
});
