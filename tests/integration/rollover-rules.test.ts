// The rollover rule is the SQL in lib/server/rollover/apply.ts (SPEC §2). Each case below is worked
// out by hand and sent through the real events API: one claimed deposit bonus, its whitelist, the
// bets, and the wagering and violations the progress row must show afterwards.
import { beforeAll, describe, expect, it } from "vitest";

import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { db } from "@/lib/server/db";
import { call, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, sendBets, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makePlayer, makePromo } from "@/tests/fixtures/factories";

beforeAll(ensureCurrencies);

const SEC = 1000;

type TRow = { game: "a" | "b" | "c"; weight: string; maxBet?: string; enabled?: boolean };
type TBet = { game: "a" | "b" | "c" | "d"; usd: string; offsetMs: number };
type TCase = { name: string; whitelist: TRow[]; bets: TBet[]; wagered: string; violations: number; status?: string };

// The bonus: deposit 100, bonus 100, target (100 + 100) × 10 = 2000, an hour long; offsets from activation.
const CASES: TCase[] = [
  { name: "no whitelist: every game at weight 1", whitelist: [], bets: [{ game: "d", usd: "7.5", offsetMs: SEC }], wagered: "7.5", violations: 0 },
  { name: "a whitelisted game at its weight", whitelist: [{ game: "b", weight: "0.2" }], bets: [{ game: "b", usd: "10", offsetMs: SEC }], wagered: "2", violations: 0 },
  {
    name: "over the max bet: 0 and a violation; at the max bet: counts",
    whitelist: [{ game: "a", weight: "1", maxBet: "5" }],
    bets: [
      { game: "a", usd: "5.01", offsetMs: SEC },
      { game: "a", usd: "5", offsetMs: 2 * SEC },
    ],
    wagered: "5",
    violations: 1,
  },
  {
    name: "a disabled or unlisted game: 0, no violation",
    whitelist: [
      { game: "a", weight: "1" },
      { game: "c", weight: "1", enabled: false },
    ],
    bets: [
      { game: "c", usd: "10", offsetMs: SEC },
      { game: "d", usd: "10", offsetMs: SEC },
    ],
    wagered: "0",
    violations: 0,
  },
  {
    name: "a disabled row's max bet is no violation",
    whitelist: [{ game: "c", weight: "1", maxBet: "1", enabled: false }],
    bets: [{ game: "c", usd: "50", offsetMs: SEC }],
    wagered: "0",
    violations: 0,
  },
  {
    name: "the window is [activation, expiry): a millisecond before activation doesn't count, activation and the last millisecond do",
    whitelist: [],
    bets: [
      { game: "d", usd: "1", offsetMs: -1 },
      { game: "d", usd: "2", offsetMs: 0 },
      { game: "d", usd: "4", offsetMs: 3600 * SEC - 1 },
    ],
    wagered: "6",
    violations: 0,
  },
  {
    name: "weights multiply exactly: 0.333 × 3.03 = 1.00899",
    whitelist: [{ game: "a", weight: "0.333" }],
    bets: [{ game: "a", usd: "3.03", offsetMs: SEC }],
    wagered: "1.00899",
    violations: 0,
  },
  {
    name: "the target reached exactly completes the bonus",
    whitelist: [{ game: "a", weight: "2" }],
    bets: [
      { game: "a", usd: "999.99", offsetMs: SEC },
      { game: "a", usd: "0.01", offsetMs: 2 * SEC },
    ],
    wagered: "2000",
    violations: 0,
    status: "COMPLETED",
  },
];

describe("rollover: what each bet adds (the SQL rule, hand-worked cases)", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const games = { a: await makeGame(), b: await makeGame(), c: await makeGame(), d: await makeGame() };
      const promo = await makePromo({ bonusMultiplier: "1", wagerMultiplierToComplete: "10", timeSecondsToComplete: 3600 });
      await db.promoGameWhitelist.createMany({
        data: c.whitelist.map((w) => ({
          promoCodeId: promo.id,
          gameId: games[w.game].id,
          wagerMultiplier: w.weight,
          maxBetAmount: w.maxBet ?? null,
          enabled: w.enabled ?? true,
        })),
      });
      const player = await makePlayer();
      const claim = await call(claimRoute, { token: await playerToken(player.id), body: { code: promo.code } });
      expect(claim.status).toBe(201);
      await db.userPromoCode.update({ where: { id: claim.json.claim.id }, data: { createdAt: new Date(Date.now() - 3600 * SEC) } });

      const activation = new Date(Date.now() - 1800 * SEC);
      expect((await sendDeposits(deposit(player.id, "100", activation))).status).toBe(200);
      const sent = await sendBets({ events: c.bets.map((b) => bet(player.id, games[b.game].id, b.usd, new Date(activation.getTime() + b.offsetMs))) });
      expect(sent.status).toBe(200);

      const progress = await db.userPromoCodeProgress.findFirstOrThrow({ where: { userId: player.id } });
      expect(progress.wageredUsdAmount.toFixed()).toBe(c.wagered);
      expect(progress.maxBetViolations).toBe(c.violations);
      expect((await db.userPromoCode.findUniqueOrThrow({ where: { id: claim.json.claim.id } })).status).toBe(c.status ?? "ACTIVE");
    });
  }
});
