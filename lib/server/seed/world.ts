import "server-only";

import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { Faker, en } from "@faker-js/faker";

import type { CurrencyId, KycLevel } from "@/lib/generated/prisma/enums";

// The demo world's timeline (issue #13): sixty business days of players arriving, depositing,
// betting, claiming and ending bonuses, as platform events and player/operator actions with their
// times. Pure and deterministic: the same `now` and time zone always give the same events (one
// seeded generator, consumed in a fixed order). demo.ts replays it through the production paths.

export const DEMO_DAYS = 60;
/** Players 1–5 own the affiliate codes; 1–80 were already playing before the sixty days. */
export const VETERANS = 80;
export const NEWCOMERS = 240;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

export const AFFILIATES = [
  { id: "LUCKYSTREAM", ownerId: 1, isStreamer: true, commissionRate: "0.30", allowCommissionBonus: true, weight: 35 },
  { id: "CASINOKING", ownerId: 2, isStreamer: true, commissionRate: null, allowCommissionBonus: true, weight: 25 },
  { id: "SLOTQUEEN", ownerId: 3, isStreamer: true, commissionRate: null, allowCommissionBonus: false, weight: 20 },
  { id: "BONUSHUNT", ownerId: 4, isStreamer: false, commissionRate: "0.20", allowCommissionBonus: true, weight: 12 },
  { id: "FRIENDS", ownerId: 5, isStreamer: false, commissionRate: null, allowCommissionBonus: true, weight: 8 },
] as const;

/** Owners who claim their commissions, weekly (the others let them pile up). */
const CLAIMING_OWNERS = [1, 2, 4];

export type TDemoWhitelist = { gameId: number; wagerMultiplier: string; maxBetAmount: string | null };
export type TDemoDepositPromo = {
  code: string;
  minDepositUsd: number;
  bonusMultiplier: number;
  maxBonusUsd: number;
  wagerMultiplier: number;
  seconds: number;
  whitelist: TDemoWhitelist[];
};

// Deposit promos' terms, shared with demo.ts (which creates the promos) so the planned wagering
// matches what rollover will count.
export const DEPOSIT_TERMS: Record<string, TDemoDepositPromo> = {
  WELCOME100: {
    code: "WELCOME100", minDepositUsd: 20, bonusMultiplier: 1, maxBonusUsd: 500, wagerMultiplier: 30, seconds: 7 * 86_400,
    whitelist: [
      { gameId: 1, wagerMultiplier: "1", maxBetAmount: null },
      { gameId: 2, wagerMultiplier: "0.5", maxBetAmount: "50" },
      { gameId: 13, wagerMultiplier: "0.2", maxBetAmount: "50" },
      { gameId: 14, wagerMultiplier: "0.2", maxBetAmount: "50" },
    ],
  },
  AUTUMN30: {
    code: "AUTUMN30", minDepositUsd: 30, bonusMultiplier: 0.3, maxBonusUsd: 150, wagerMultiplier: 25, seconds: 5 * 86_400,
    whitelist: [13, 14, 15, 16, 17, 18, 19, 20].map((gameId) => ({ gameId, wagerMultiplier: "1", maxBetAmount: null })),
  },
  RELOAD50: {
    code: "RELOAD50", minDepositUsd: 50, bonusMultiplier: 0.5, maxBonusUsd: 200, wagerMultiplier: 20, seconds: 3 * 86_400, whitelist: [],
  },
  VIPHIGHROLLER: {
    code: "VIPHIGHROLLER", minDepositUsd: 500, bonusMultiplier: 2, maxBonusUsd: 2000, wagerMultiplier: 40, seconds: 14 * 86_400,
    whitelist: [
      { gameId: 9, wagerMultiplier: "1", maxBetAmount: null },
      { gameId: 10, wagerMultiplier: "0.5", maxBetAmount: "50" },
      { gameId: 11, wagerMultiplier: "0.2", maxBetAmount: "50" },
    ],
  },
};

/** When each promo may be claimed, in days of the timeline (AUTUMN30 expires at the start of day 33). */
export const PROMO_DAYS = { AUTUMN30: { from: 3, expires: 33 }, RELOAD50: { from: 30 } } as const;

/** Challenges the timeline decides; demo.ts creates them with these windows (days of the timeline). */
export const CHALLENGES = {
  plinko: { title: "Hit 100× on Plinko", gameId: 1 },
  bonanza: { title: "Sweet Bonanza 500× hunt", gameId: 14, fromDay: 8, toDay: 22 },
  crash: { title: "Crash 1,000× club", gameId: 3, fromDay: 35, toDay: 50 },
} as const;

type TRawUser = {
  id: number;
  username: string;
  kycLevel?: KycLevel;
  bonusBlocked?: boolean;
  affiliateCode?: string;
  country?: string;
  tags?: string[];
  createdAt?: string;
  updatedAt?: string;
};
type TRawDeposit = { id: string; userId: number; currencyId: CurrencyId; amount: string; usdAmount: string; createdAt: string };
type TRawBet = {
  id: string;
  userId: number;
  gameId: number;
  currencyId: CurrencyId;
  amount: string;
  usdAmount: string;
  payout: string;
  payoutMultiplier: string;
  createdAt: string;
};

export type TWorldEvent =
  | { kind: "user"; at: number; event: TRawUser }
  | { kind: "claim"; at: number; userId: number; code: string }
  | { kind: "deposit"; at: number; event: TRawDeposit }
  | { kind: "bet"; at: number; event: TRawBet }
  | { kind: "cancel"; at: number; userId: number; code: string; by: "PLAYER" | "SUPPORT"; reason: string }
  | { kind: "commissionClaim"; at: number; userId: number }
  | { kind: "challenge"; at: number; title: string; action: "reject" | "confirm"; reason?: string };

/** Within a business day, events apply in this order: sign-ups, claims, deposits, bets, then actions. */
export const PHASE: Record<TWorldEvent["kind"], number> = {
  user: 0, claim: 1, deposit: 2, bet: 3, cancel: 4, commissionClaim: 4, challenge: 4,
};

export type TWorld = {
  /** DEMO_DAYS + 1 business-day starts: day k is [dayStarts[k], dayStarts[k + 1]); the last day ends at now. */
  dayStarts: Date[];
  /** Events dated before the first day (the veterans' sign-ups). */
  before: TWorldEvent[];
  /** Events of each day, in the order they apply. */
  days: TWorldEvent[][];
  players: number;
  bets: number;
  deposits: number;
};

// Country and segments from the id alone (no draw from the random stream, so the rest of the world
// is the same as without them): a spread of markets without bonus rules of their own (docs/jurisdictions.md), VIP_GOLD for
// high rollers, NEWSLETTER for a quarter.
const COUNTRIES = ["DE", "CA", "FI", "BR", "NL", "NO", "NZ", "AT", "IE", "JP", "CH", "MX"] as const;
function targeting(p: { id: number; highRoller: boolean }): { country: string; tags: string[] } {
  return { country: COUNTRIES[p.id % COUNTRIES.length], tags: [...(p.highRoller ? ["VIP_GOLD"] : []), ...(p.id % 4 === 0 ? ["NEWSLETTER"] : [])] };
}

type TPlayer = {
  id: number;
  username: string;
  createdAt: number;
  kyc: KycLevel;
  blocked: boolean;
  code: string | null;
  currency: CurrencyId;
  stakeUsd: number;
  highRoller: boolean;
  betsPerSession: number;
  pActive: number;
  leavesAt: number;
  games: number[];
  /** No new deposit bonus before this (the previous one has ended by then). */
  busyUntil: number;
  /** No deposits in these windows (a claim is waiting for its own deposit, or must stay unactivated). */
  blackouts: [number, number][];
  reserved: boolean;
  kycUpgradeAt?: number;
};

const CURRENCIES: [CurrencyId, number, number][] = [
  // currency, weight, decimals sent
  ["USDT", 40, 2], ["BTC", 16, 8], ["ETH", 12, 8], ["USDC", 9, 2], ["SOL", 7, 6], ["LTC", 6, 8], ["DOGE", 6, 4], ["TRX", 4, 4],
];
const DECIMALS = Object.fromEntries(CURRENCIES.map(([c, , d]) => [c, d])) as Record<CurrencyId, number>;
const HOUSE_EDGE = [
  0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.02, 0.01, 0.005, 0.027, 0.0106, 0.0408, 0.035, 0.0349, 0.035, 0.0369, 0.0369, 0.0379, 0.0349, 0.0329,
];

/** mulberry32: a small, fast, seedable generator (stable across library versions, unlike Math.random). */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * next()),
    chance: (p: number) => next() < p,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    logNormal: (median: number, sigma: number) => median * Math.exp(sigma * r.normal()),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    weighted: <T>(items: readonly (readonly [T, number])[]) => {
      let x = next() * items.reduce((s, [, w]) => s + w, 0);
      for (const [item, w] of items) if ((x -= w) < 0) return item;
      return items[items.length - 1][0];
    },
  };
  return r;
}

const fmt = (v: number, decimals: number) => {
  const s = v.toFixed(decimals);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
};
const iso = (ms: number) => new Date(ms).toISOString();

export function planWorld(o: { now: Date; timeZone: string; rates: Record<string, number> }): TWorld {
  const now = o.now.getTime();
  const today = startOfDay(new TZDate(now, o.timeZone));
  // Nothing is dated in the last minute (the seed's events are history, not "just now"), but today
  // always has a moment of its own, however early it is.
  const cutoff = now - Math.min(MINUTE, (now - today.getTime()) / 2);
  const dayStarts = Array.from({ length: DEMO_DAYS }, (_, i) => new Date(addDays(today, i - (DEMO_DAYS - 1)).getTime()));
  const day = (k: number) => dayStarts[Math.min(Math.max(k, 0), DEMO_DAYS - 1)].getTime() + Math.max(k - (DEMO_DAYS - 1), 0) * DAY;
  const start = day(0);
  const r = generator(20261125);
  const faker = new Faker({ locale: [en] });
  faker.seed(20261125);

  const events: TWorldEvent[] = [];
  let betN = 0;
  let depositN = 0;
  const players: TPlayer[] = [];

  // ---- players: veterans (1–80) signed up over the 60 days before; newcomers arrive faster and faster.
  const total = VETERANS + NEWCOMERS;
  // Arrival day of newcomer j: the inverse of a growing daily rate (1 + k/30 per day).
  const arrivalDay = (j: number) => {
    const target = ((j + 0.5) / NEWCOMERS) * 120; // ∫₀⁶⁰ (1 + k/30) dk = 120
    return -30 + Math.sqrt(900 + 60 * target); // solves k + k²/60 = target
  };
  for (let id = 1; id <= total; id++) {
    const createdAt =
      id <= 5
        ? start - (90 - id * 2) * DAY
        : id <= VETERANS
          ? start - 60 * DAY + ((id - 6) / (VETERANS - 6)) * 59 * DAY + r.between(0, DAY)
          : (() => {
              const d = arrivalDay(id - VETERANS - 1);
              const k = Math.floor(d);
              return day(k) + (d - k) * DAY * 0.6 + r.between(7 * HOUR, 16 * HOUR);
            })();
    const highRoller = r.chance(0.06);
    const referredChance = id <= 5 ? 0 : id <= VETERANS ? 0.3 : 0.45;
    const code = r.chance(referredChance) ? r.weighted(AFFILIATES.map((a) => [a.id, a.weight] as const)) : null;
    players.push({
      id,
      username: `${faker.internet.username().toLowerCase().replace(/[^a-z0-9_]/g, "")}_${id}`,
      createdAt,
      kyc: highRoller ? r.pick(["LEVEL_2", "LEVEL_3"] as const) : r.weighted([["NONE", 25], ["LEVEL_1", 40], ["LEVEL_2", 28], ["LEVEL_3", 7]] as const),
      blocked: id % 97 === 96,
      code,
      currency: r.weighted(CURRENCIES.map(([c, w]) => [c, w] as const)),
      stakeUsd: Math.min(r.logNormal(highRoller ? 60 : 3, 0.9), highRoller ? 2000 : 150),
      highRoller,
      betsPerSession: Math.max(1, Math.round(r.logNormal(3, 0.7))),
      pActive: r.between(0.12, 0.5),
      // A third drift away at some point; the others keep playing.
      leavesAt: r.chance(0.33) ? Math.max(createdAt, start) + r.between(3, 50) * DAY : Infinity,
      games: [r.int(1, 20), r.int(1, 20), r.int(1, 20), r.pick([1, 2, 3, 13, 14])],
      busyUntil: 0,
      blackouts: [],
      reserved: (id >= 150 && id <= 159) || (id >= 60 && id <= 62),
    });
  }
  // Players 60–62 claim FREE5 today (the "claims today" card), so they need KYC level 1.
  for (const p of players) if (p.id >= 60 && p.id <= 62 && p.kyc === "NONE") p.kyc = "LEVEL_1";
  const byId = new Map(players.map((p) => [p.id, p]));

  for (const p of players) {
    if (p.reserved) {
      // Scripted players: steady, small stakes (a high roller's play would finish player 150's bonus).
      p.highRoller = false;
      p.stakeUsd = Math.min(p.stakeUsd, 5);
      p.leavesAt = Infinity;
    }
    // Some newcomers verify their identity a few days after signing up: a later users event raises
    // kycLevel from NONE to LEVEL_1.
    if (p.kyc === "LEVEL_1" && p.id > VETERANS && r.chance(0.3)) p.kycUpgradeAt = p.createdAt + r.between(1, 6) * DAY;
    events.push({
      kind: "user",
      at: p.createdAt,
      event: {
        id: p.id, username: p.username, kycLevel: p.kycUpgradeAt ? "NONE" : p.kyc, bonusBlocked: p.blocked,
        ...(p.code ? { affiliateCode: p.code } : {}), ...targeting(p), createdAt: iso(p.createdAt),
      },
    });
    if (p.kycUpgradeAt) {
      events.push({ kind: "user", at: p.kycUpgradeAt, event: { id: p.id, username: p.username, kycLevel: p.kyc, updatedAt: iso(p.kycUpgradeAt) } });
    }
  }
  const kycAt = (p: TPlayer, at: number): KycLevel => (p.kycUpgradeAt && at < p.kycUpgradeAt ? "NONE" : p.kyc);

  // ---- money helpers
  const rate = (c: CurrencyId) => o.rates[c] ?? 1;
  const deposit = (p: TPlayer, at: number, usd: number, currency = p.currency) => {
    const usdAmount = Math.max(Math.round(usd * 100) / 100, 5);
    events.push({
      kind: "deposit",
      at,
      event: {
        id: `seed_dep_${++depositN}`, userId: p.id, currencyId: currency,
        amount: fmt(Math.max(usdAmount / rate(currency), 10 ** -DECIMALS[currency]), DECIMALS[currency]),
        usdAmount: fmt(usdAmount, 2), createdAt: iso(at),
      },
    });
    return usdAmount;
  };
  const bet = (p: TPlayer, at: number, gameId: number, usd: number, mult?: number) => {
    const currency = p.currency;
    const usdAmount = Math.max(Math.round(usd * 100) / 100, 0.1);
    const amount = Math.max(usdAmount / rate(currency), 10 ** -DECIMALS[currency]);
    let m = mult;
    if (m === undefined) {
      // A cash-out target t with P(t ≥ x) = 1/x that pays with probability (1 − edge)/t: the game's
      // RTP at every target, and now and then a big multiplier for challenges and the MULTIPLIER board.
      const t = Math.max(1.01, 1 / Math.max(r.next(), 0.001));
      m = r.next() < (1 - HOUSE_EDGE[gameId - 1]) / t ? Math.round(t * 100) / 100 : 0;
    }
    events.push({
      kind: "bet",
      at,
      event: {
        id: "", userId: p.id, gameId, currencyId: currency, amount: fmt(amount, DECIMALS[currency]), usdAmount: fmt(usdAmount, 2),
        payout: fmt(amount * m, DECIMALS[currency]), payoutMultiplier: fmt(m, 2), createdAt: iso(at),
      },
    });
  };
  const inBlackout = (p: TPlayer, at: number) => p.blackouts.some(([a, b]) => at >= a && at <= b);

  // ---- a deposit bonus: claim just before the deposit, then wagering that completes it, falls short
  // (expires), or stops with the player cancelling; some claims are never funded.
  const wagerPlan = (p: TPlayer, code: string, depositAt: number, depositUsd: number) => {
    const t = DEPOSIT_TERMS[code];
    const bonus = Math.min(depositUsd * t.bonusMultiplier, t.maxBonusUsd);
    const target = (depositUsd + bonus) * t.wagerMultiplier;
    const outcome = r.weighted([["complete", 42], ["expire", 30], ["cancel", 16], ["idle", 12]] as const);
    p.busyUntil = depositAt + t.seconds * 1000 + DAY;
    if (outcome === "idle") return;
    const share = outcome === "complete" ? 1.08 : outcome === "expire" ? r.between(0.2, 0.7) : r.between(0.1, 0.4);
    const span = (outcome === "complete" ? r.between(0.2, 0.7) : outcome === "expire" ? 0.95 : r.between(0.2, 0.5)) * t.seconds * 1000;
    // Bets on a game the promo counts in full (weight 1, no cap), or any game without a whitelist.
    const games = t.whitelist.length ? t.whitelist.filter((w) => w.wagerMultiplier === "1" && !w.maxBetAmount).map((w) => w.gameId) : p.games;
    const stake = Math.max(depositUsd * r.between(0.3, 0.6), target / 60, 1);
    const n = Math.ceil((target * share) / stake);
    const sessions = Math.max(1, Math.round(n / 15));
    for (let s = 0; s < sessions; s++) {
      let at = depositAt + 2 * MINUTE + (s / sessions) * span + r.between(0, 0.5 * (span / sessions));
      const count = Math.floor(n / sessions) + (s < n % sessions ? 1 : 0);
      for (let i = 0; i < count; i++) {
        bet(p, at, r.pick(games), stake * r.between(0.9, 1.1));
        at += r.between(20, 90) * 1000;
      }
    }
    if (outcome === "cancel") {
      events.push({ kind: "cancel", at: depositAt + span + 10 * MINUTE, userId: p.id, code, by: "PLAYER", reason: "Cancelled by player" });
    }
  };
  const claimAndDeposit = (p: TPlayer, code: string, depositAt: number, usd: number) => {
    const claimAt = depositAt - r.between(1, 8) * MINUTE;
    events.push({ kind: "claim", at: claimAt, userId: p.id, code });
    p.blackouts.push([claimAt, depositAt - 1]);
    const usdAmount = deposit(p, depositAt, Math.max(usd, DEPOSIT_TERMS[code].minDepositUsd));
    wagerPlan(p, code, depositAt, usdAmount);
  };
  // A claim nobody funds: support cancels it on request, or (AUTUMN30) the promo runs out first.
  const unfundedClaim = (p: TPlayer, code: string, at: number, until: number) => {
    events.push({ kind: "claim", at, userId: p.id, code });
    p.blackouts.push([at, until]);
    p.busyUntil = until + DAY;
    if (code !== "AUTUMN30") {
      events.push({ kind: "cancel", at: until, userId: p.id, code, by: "SUPPORT", reason: "Player asked to switch to another offer" });
    }
  };
  const claimed = new Set<string>();
  const canClaim = (p: TPlayer, code: string, at: number) =>
    !p.blocked && !p.reserved && !claimed.has(`${p.id}:${code}`) && at >= p.busyUntil && at >= p.createdAt;
  const pickDepositPromo = (p: TPlayer, at: number, usd: number, first: boolean): string | null => {
    const k = (at - start) / DAY;
    const options: [string, number][] = [];
    if (first && p.id > VETERANS) options.push(["WELCOME100", 55]);
    if (!first && k >= PROMO_DAYS.AUTUMN30.from && k < PROMO_DAYS.AUTUMN30.expires - 1 && usd >= 20) options.push(["AUTUMN30", 22]);
    if (!first && k >= PROMO_DAYS.RELOAD50.from && usd >= 35) options.push(["RELOAD50", 30]);
    if (!first && p.highRoller && (p.kyc === "LEVEL_2" || p.kyc === "LEVEL_3") && k >= 10) options.push(["VIPHIGHROLLER", 10]);
    const total = options.reduce((s, [, w]) => s + w, 0);
    if (!total || !r.chance(total / 100)) return null;
    const code = r.weighted(options);
    return canClaim(p, code, at) ? code : null;
  };

  // ---- day by day: sessions (a deposit now and then, a run of bets), instant promos on arrival.
  for (let k = 0; k < DEMO_DAYS; k++) {
    const from = day(k);
    for (const p of players) {
      if (p.createdAt >= from + DAY || p.leavesAt < from) continue;
      const arrivingToday = p.createdAt >= from;
      if (!arrivingToday && !r.chance(p.pActive)) continue;
      const sessions = r.chance(0.25) ? 2 : 1;
      for (let s = 0; s < sessions; s++) {
        let at = arrivingToday && s === 0 ? p.createdAt + r.between(5, 90) * MINUTE : from + r.between(8 * HOUR, 23.5 * HOUR);
        if (at < p.createdAt) at = p.createdAt + r.between(5, 60) * MINUTE;
        const first = arrivingToday && s === 0 && p.id > VETERANS;
        const late150 = p.id >= 150 && p.id <= 159 && at >= now - 3 * DAY;
        if ((first ? r.chance(0.8) : r.chance(0.16)) && !inBlackout(p, at) && !late150) {
          const usd = r.logNormal(p.highRoller ? 600 : first ? 45 : 40, 0.7);
          const code = pickDepositPromo(p, at, usd, first);
          if (code) {
            claimed.add(`${p.id}:${code}`);
            if (r.chance(code === "AUTUMN30" ? 0.1 : 0.05)) {
              unfundedClaim(p, code, at, code === "AUTUMN30" ? day(PROMO_DAYS.AUTUMN30.expires) : at + r.between(2, 20) * HOUR);
            } else {
              claimAndDeposit(p, code, at, usd);
            }
          } else {
            deposit(p, at, usd);
          }
          at += r.between(1, 4) * MINUTE;
        }
        const n = Math.max(1, Math.round(p.betsPerSession * r.between(0.5, 1.6)));
        for (let i = 0; i < n; i++) {
          bet(p, at, r.chance(0.7) ? r.pick(p.games) : r.int(1, 20), p.stakeUsd * r.logNormal(1, 0.5));
          at += r.between(15, 120) * 1000;
        }
      }
      // Instant promos: FREE5 for verified players, LUCKYSTREAM25 for LuckyStream's viewers.
      if (arrivingToday && !p.blocked && !p.reserved) {
        const at = p.createdAt + r.between(0.5, 30) * HOUR;
        if (r.chance(0.28) && kycAt(p, at) !== "NONE") events.push({ kind: "claim", at, userId: p.id, code: "FREE5" });
        if (p.code === "LUCKYSTREAM" && r.chance(0.6)) events.push({ kind: "claim", at: at + 3 * MINUTE, userId: p.id, code: "LUCKYSTREAM25" });
      }
    }
  }

  // ---- scripted moments other parts of the product (and the browser tests) rely on.
  // Players 150–156 claimed WELCOME100 two days ago and deposited an hour later: ACTIVE, some wagering
  // done. 157–159 claimed and have not deposited yet (CLAIMED).
  for (let i = 0; i < 10; i++) {
    const p = byId.get(150 + i)!;
    const claimAt = now - 2 * DAY + i * MINUTE;
    events.push({ kind: "claim", at: claimAt, userId: p.id, code: "WELCOME100" });
    if (i >= 7) continue;
    const depositAt = claimAt + HOUR;
    deposit(p, depositAt, 50 + i * 25, "USDT");
    for (let j = 0; j < 5 + i * 3; j++) bet({ ...p, currency: "USDT" }, depositAt + HOUR + j * MINUTE, 1 + (j % 3), 10 + j, 0);
  }
  // Today's FREE5 claims, spread over the part of today that has passed.
  for (const [i, id] of [60, 61, 62].entries()) {
    events.push({ kind: "claim", at: day(DEMO_DAYS - 1) + ((i + 1) / 4) * (cutoff - day(DEMO_DAYS - 1)), userId: id, code: "FREE5" });
  }
  // Challenge hits: a pending Plinko winner; three Sweet Bonanza hits (the first is rejected, the next
  // confirmed); a Crash hit confirmed in BTC.
  const hit = (id: number, at: number, gameId: number, usd: number, mult: number) => bet({ ...byId.get(id)!, currency: "USDT" }, at, gameId, usd, mult);
  hit(42, now - 30 * HOUR, CHALLENGES.plinko.gameId, 2, 150);
  hit(12, day(10) + 15 * HOUR, CHALLENGES.bonanza.gameId, 1, 620);
  hit(27, day(11) + 16 * HOUR, CHALLENGES.bonanza.gameId, 2, 540);
  hit(33, day(12) + 21 * HOUR, CHALLENGES.bonanza.gameId, 0.6, 777);
  events.push({ kind: "challenge", at: day(14) + 11 * HOUR, title: CHALLENGES.bonanza.title, action: "reject", reason: "Same payment card as a bonus-blocked account" });
  events.push({ kind: "challenge", at: day(14) + 11.5 * HOUR, title: CHALLENGES.bonanza.title, action: "confirm" });
  hit(18, day(40) + 20 * HOUR, CHALLENGES.crash.gameId, 1.5, 1250);
  events.push({ kind: "challenge", at: day(41) + 10 * HOUR, title: CHALLENGES.crash.title, action: "confirm" });
  // Weekly commission claims by three owners (the last few days stay unclaimed).
  for (let w = 7; w < DEMO_DAYS - 3; w += 7) {
    for (const [i, id] of CLAIMING_OWNERS.entries()) events.push({ kind: "commissionClaim", at: day(w) + (18 + i) * HOUR, userId: id });
  }

  // ---- order: bucket by business day, phases within a day, time within a phase; history only.
  const kept = events.filter((e) => e.at < cutoff).sort((a, b) => a.at - b.at);
  for (const e of kept) if (e.kind === "bet") e.event.id = `seed_bet_${String(++betN).padStart(6, "0")}`;
  const before: TWorldEvent[] = [];
  const days: TWorldEvent[][] = Array.from({ length: DEMO_DAYS }, () => []);
  for (const e of kept) {
    if (e.at < start) {
      // Only sign-ups happen before the timeline starts (veterans' earlier play is not replayed).
      if (e.kind === "user") before.push(e);
      continue;
    }
    let k = DEMO_DAYS - 1;
    while (k > 0 && e.at < dayStarts[k].getTime()) k--;
    days[k].push(e);
  }
  for (const d of days) d.sort((a, b) => PHASE[a.kind] - PHASE[b.kind] || a.at - b.at);
  const all = days.flat();
  return {
    dayStarts: [...dayStarts, new Date(now)],
    before,
    days,
    players: new Set([...before, ...all].flatMap((e) => (e.kind === "user" ? [e.event.id] : []))).size,
    bets: all.filter((e) => e.kind === "bet").length,
    deposits: all.filter((e) => e.kind === "deposit").length,
  };
}

export { DAY as DEMO_DAY_MS, HOUR as DEMO_HOUR_MS };
