import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { advanceBoards, settleBoard, settleEarly } from "@/lib/server/leaderboards/lifecycle";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, ERAS, makeGame, makePlayer } from "@/tests/fixtures/factories";
import { CLOCK_WAIT_MS, holdClock } from "@/tests/support/clock";

// advanceBoards(now) moves every board that `now` makes due, whoever's it is. So this file's boards
// and clock live in an era of their own (2004), where no other file's board is, and it holds the
// clock lock while it runs, so another sweeping file (two-workers) never moves boards under it.
let releaseClock: () => Promise<void>;
beforeAll(async () => {
  await ensureCurrencies();
  releaseClock = await holdClock();
}, CLOCK_WAIT_MS);
afterAll(() => releaseClock?.());

const MIN = 60_000;

async function makeBoard(start: Date, end: Date, prizeCurrency = "USDT") {
  const game = await makeGame();
  const board = await db.leaderboard.create({
    data: {
      name: "Lifecycle", type: "WAGERED", startDate: start, endDate: end,
      config: { prizes: [{ from: 1, to: 1, usd: "100" }, { from: 2, to: 3, usd: "10" }], gameIds: [game.id], minBetUsd: "0", prizeCurrency, settleAfterSeconds: 300 },
    },
  });
  return { board, game };
}
const statusOf = async (id: string) => (await db.leaderboard.findUniqueOrThrow({ where: { id } })).status;

describe("leaderboard lifecycle (controllable clock)", () => {
  it("NOT_STARTED → ACTIVE → ENDED → SETTLEMENT → FINISHED, paying each winner once", async () => {
    const t0 = new Date(ERAS.lifecycle());
    const { board, game } = await makeBoard(t0, new Date(t0.getTime() + 30 * MIN));
    await advanceBoards(new Date(t0.getTime() - MIN));
    expect(await statusOf(board.id)).toBe("NOT_STARTED");
    await advanceBoards(new Date(t0.getTime() + MIN));
    expect(await statusOf(board.id)).toBe("ACTIVE");

    const players = await Promise.all(Array.from({ length: 5 }, () => makePlayer()));
    await sendBets({ events: players.map((p, i) => bet(p.id, game.id, String(10 * (i + 1)), new Date(t0.getTime() + (i + 1) * MIN))) });

    const end = board.endDate.getTime();
    await advanceBoards(new Date(end + 1000));
    expect(await statusOf(board.id)).toBe("ENDED");
    await advanceBoards(new Date(end + 299_000));
    expect(await statusOf(board.id)).toBe("ENDED");
    expect(await advanceBoards(new Date(end + 300_000))).toContain(board.id);
    expect(await statusOf(board.id)).toBe("SETTLEMENT");

    expect(await settleBoard(board.id)).toEqual({ paid: 3, finished: true });
    expect(await statusOf(board.id)).toBe("FINISHED");
    const entries = await db.leaderboardUser.findMany({ where: { leaderboardId: board.id }, orderBy: { finalPosition: "asc" } });
    expect(entries.map((e) => [e.userId, e.finalPosition, e.isWinner, e.prizeUsdAmount.toFixed(0), e.remainingUsdPrize.toFixed(0)])).toEqual([
      [players[4].id, 1, true, "100", "0"],
      [players[3].id, 2, true, "10", "0"],
      [players[2].id, 3, true, "10", "0"],
      [players[1].id, 4, false, "0", "0"],
      [players[0].id, 5, false, "0", "0"],
    ]);
    const prizes = await db.ledgerEntry.findMany({ where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: board.id } } });
    expect(prizes).toHaveLength(3);
    expect(await settleBoard(board.id)).toEqual({ paid: 0, finished: true }); // twice: nothing more
    expect(await db.ledgerEntry.count({ where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: board.id } } })).toBe(3);
  });

  it("resumes after a crash without paying anyone twice", async () => {
    const t0 = new Date(ERAS.lifecycle());
    const { board, game } = await makeBoard(t0, new Date(t0.getTime() + 10 * MIN));
    const players = await Promise.all(Array.from({ length: 3 }, () => makePlayer()));
    await sendBets({ events: players.map((p, i) => bet(p.id, game.id, String(i + 1), new Date(t0.getTime() + MIN))) });
    await advanceBoards(new Date(t0.getTime() + 60 * MIN));
    expect(await statusOf(board.id)).toBe("SETTLEMENT");
    // A crash after the first payment: its ledger entry and remainingUsdPrize = 0 were committed.
    await settleBoard(board.id);
    const first = await db.leaderboardUser.findFirstOrThrow({ where: { leaderboardId: board.id, finalPosition: 1 } });
    await db.leaderboardUser.updateMany({ where: { leaderboardId: board.id, finalPosition: { gt: 1 } }, data: { remainingUsdPrize: "10" } });
    await db.ledgerEntry.deleteMany({ where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: board.id }, NOT: { userId: first.userId } } }).catch(() => {});
    await db.leaderboard.update({ where: { id: board.id }, data: { status: "SETTLEMENT" } });
    // (The ledger is append-only, so the entries of positions 2–3 survive the simulated crash: the
    // rerun must not pay them a second time.)
    const result = await settleBoard(board.id);
    expect(result.finished).toBe(true);
    expect(await db.ledgerEntry.count({ where: { kind: "LEADERBOARD_PRIZE", sourceId: { startsWith: board.id } } })).toBe(3);
    const balances = await db.balance.findMany({ where: { userId: { in: players.map((p) => p.id) }, bucket: "CASH" } });
    expect(balances.map((b) => b.amount.toFixed(0)).sort()).toEqual(["10", "10", "100"]);
  });

  it("with no rate for the prize currency nothing is paid and the board waits in SETTLEMENT", async () => {
    const t0 = new Date(ERAS.lifecycle());
    const { board, game } = await makeBoard(t0, new Date(t0.getTime() + 10 * MIN), "TRX");
    const p = await makePlayer();
    await sendBets(bet(p.id, game.id, "5", new Date(t0.getTime() + MIN)));
    await advanceBoards(new Date(t0.getTime() + 60 * MIN));
    const trxRates = await db.currencyRate.count({ where: { currencyId: "TRX" } });
    const result = await settleBoard(board.id);
    if (trxRates === 0) {
      expect(result).toEqual({ paid: 0, finished: false });
      expect(await statusOf(board.id)).toBe("SETTLEMENT");
    } else {
      expect(result.finished).toBe(true);
    }
  });

  it("the settle button moves an ENDED board to SETTLEMENT at once, and nothing else", async () => {
    const t0 = new Date(ERAS.lifecycle());
    const { board } = await makeBoard(t0, new Date(t0.getTime() + 59 * MIN));
    expect(await settleEarly(board.id)).toBe(false); // still NOT_STARTED in the table
    await db.leaderboard.update({ where: { id: board.id }, data: { status: "ENDED" } });
    expect(await settleEarly(board.id)).toBe(true);
    expect(await statusOf(board.id)).toBe("SETTLEMENT");
  });
});
