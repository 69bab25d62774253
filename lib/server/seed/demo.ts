import "server-only";

import { isAppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { ZBetEvent, ZDepositEvent, ZGameEvent, ZUserEvent, type TEventResult } from "@/lib/schemas/api/events";
import { ZChallengeInput } from "@/lib/schemas/challenges";
import { ZLeaderboardInput, ZLeaderboardScheduleInput } from "@/lib/schemas/leaderboards";
import { claimMyCommissions } from "@/lib/server/affiliates/player";
import { hashPassword } from "@/lib/server/auth/password";
import type { TOperator } from "@/lib/server/auth/guards";
import { confirmChallengeWinner, createChallenge, rejectChallengeWinner } from "@/lib/server/challenges/mutations";
import { claimPromoCode } from "@/lib/server/claims/claim";
import { cancelClaim, expireDueBonuses } from "@/lib/server/claims/lifecycle";
import { db } from "@/lib/server/db";
import { ingestBets } from "@/lib/server/ingest/bets";
import { ingestDeposits } from "@/lib/server/ingest/deposits";
import type { TParsedEvent } from "@/lib/server/ingest/envelope";
import { ingestGames } from "@/lib/server/ingest/games";
import { ingestUsers } from "@/lib/server/ingest/users";
import { advanceBoards, settleBoard } from "@/lib/server/leaderboards/lifecycle";
import { createBoard, createSchedule } from "@/lib/server/leaderboards/mutations";
import { ensureScheduledBoards } from "@/lib/server/leaderboards/schedules";
import { DEMO_OPERATORS } from "@/lib/server/seed/operators";
import {
  AFFILIATES, CHALLENGES, DEMO_DAYS, DEPOSIT_TERMS, PROMO_DAYS, planWorld, type TWorld, type TWorldEvent,
} from "@/lib/server/seed/world";

// Opening USD rates of the demo world (the currencies themselves come with the migrations).
export const DEMO_RATES: { id: CurrencyId; usdRate: string }[] = [
  { id: "BTC", usdRate: "95000" },
  { id: "ETH", usdRate: "3500" },
  { id: "LTC", usdRate: "90" },
  { id: "USDT", usdRate: "1" },
  { id: "USDC", usdRate: "1" },
  { id: "SOL", usdRate: "180" },
  { id: "DOGE", usdRate: "0.25" },
  { id: "TRX", usdRate: "0.25" },
  { id: "USD", usdRate: "1" },
];

const GAMES: [string, string, string][] = [
  ["Plinko", "house", "0.01"], ["Dice", "house", "0.01"], ["Crash", "house", "0.01"], ["Mines", "house", "0.01"],
  ["Limbo", "house", "0.01"], ["Keno", "house", "0.02"], ["Wheel", "house", "0.02"], ["Hilo", "house", "0.01"],
  ["Blackjack", "Evolution", "0.005"], ["Lightning Roulette", "Evolution", "0.027"], ["Baccarat", "Evolution", "0.0106"],
  ["Crazy Time", "Evolution", "0.0408"], ["Gates of Olympus", "Pragmatic Play", "0.035"],
  ["Sweet Bonanza", "Pragmatic Play", "0.0349"], ["Sugar Rush", "Pragmatic Play", "0.035"],
  ["Wanted Dead or a Wild", "Hacksaw", "0.0369"], ["Chaos Crew", "Hacksaw", "0.0369"], ["Book of Dead", "Play'n GO", "0.0379"],
  ["Reactoonz", "Play'n GO", "0.0349"], ["Big Bass Bonanza", "Pragmatic Play", "0.0329"],
];

/** Opening USD rates and the game catalogue (shared by the seed and the load generator). */
export async function seedReferenceData() {
  await db.currencyRate.createMany({
    data: DEMO_RATES.map((c) => ({ currencyId: c.id, usdRate: c.usdRate, validFrom: new Date("2024-01-01T00:00:00Z") })),
    skipDuplicates: true,
  });

  await db.game.createMany({
    data: GAMES.map(([name, provider, houseEdge], i) => ({ id: i + 1, name, provider, houseEdge })),
    skipDuplicates: true,
  });
}

export const NOT_EMPTY_MESSAGE = "The database already holds data; db:seed only seeds an empty database.";

// The worker expires a bonus this long after its expiresAt (lib/jobs/worker.ts EXPIRY_GRACE_SECONDS).
const EXPIRY_GRACE_MS = 180_000;
const BATCH = 500;
// A batch of bets spans at most this much time, so completions (stamped with the batch's `now`)
// land close to the bet that reached the target.
const BATCH_SPAN_MS = 6 * 3_600_000;
const DAY = 86_400_000;

export type TSeedSummary = {
  created: boolean;
  operators: number;
  players: number;
  bets: number;
  deposits: number;
  claims: number;
  days: number;
};

/**
 * Empty = nothing a platform or an operator put there: the migrations' reference data (currencies,
 * jurisdictions, the USD rate) aside. A rate or anything else an admin entered implies an operator.
 */
export async function isDatabaseEmpty(): Promise<boolean> {
  const [{ hasData }] = await db.$queryRaw<{ hasData: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "User") OR EXISTS (SELECT 1 FROM "Game") OR EXISTS (SELECT 1 FROM "PromoCode")
        OR EXISTS (SELECT 1 FROM "Bet") OR EXISTS (SELECT 1 FROM "Deposit")
        OR EXISTS (SELECT 1 FROM "Leaderboard") OR EXISTS (SELECT 1 FROM "Challenge") OR EXISTS (SELECT 1 FROM "LedgerEntry") AS "hasData"`;
  return !hasData;
}

/**
 * Creates the demo world on an empty database: sixty business days of history up to `now` (see
 * world.ts), replayed through the production paths — ingestion of users, games, deposits and bets in
 * batches, claims, cancellations, the worker's clock (schedules, board transitions, settlement,
 * bonus expiry), challenge decisions and commission claims — each given the simulated time. On a
 * database that holds data it changes nothing and says so (`created: false`).
 */
export async function seedDemo(
  options: { now?: Date; log?: (line: string) => void; progress?: (day: number, days: number) => void } = {},
): Promise<TSeedSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const summary: TSeedSummary = { created: false, operators: 0, players: 0, bets: 0, deposits: 0, claims: 0, days: DEMO_DAYS };
  if (!(await isDatabaseEmpty())) {
    log(NOT_EMPTY_MESSAGE);
    return summary;
  }

  await db.currencyRate.createMany({
    data: DEMO_RATES.map((c) => ({ currencyId: c.id, usdRate: c.usdRate, validFrom: new Date("2024-01-01T00:00:00Z") })),
  });
  const world = planWorld({
    now,
    timeZone: env().BUSINESS_TIME_ZONE,
    rates: Object.fromEntries(DEMO_RATES.map((r) => [r.id, Number(r.usdRate)])),
  });
  const day = (k: number) => world.dayStarts[k];
  const start = day(0).getTime();
  const replay = new Replay();

  // The platform's catalogue and the operators.
  replay.check(await ingestGames(parsed(ZGameEvent, GAMES.map(([name, provider, houseEdge], i) => ({ id: i + 1, name, provider, houseEdge })))));
  const ops: TOperator[] = [];
  for (const op of DEMO_OPERATORS) {
    const row = await db.user.create({
      data: { email: op.email, username: op.name, role: op.role, passwordHash: await hashPassword(op.password), createdAt: new Date(start - 95 * DAY) },
    });
    ops.push({ id: row.id, email: op.email, name: op.name, role: op.role, mustChangePassword: false });
  }
  const [admin, promoManager, , support] = ops;
  summary.operators = ops.length;

  // Veterans signed up before the sixty days: the code owners first, then their codes, then the rest.
  const owners = world.before.filter((e) => e.kind === "user" && e.event.id <= AFFILIATES.length);
  await replay.users(owners);
  for (const a of AFFILIATES) {
    await db.affiliateCode.create({
      data: { id: a.id, ownerId: a.ownerId, commissionRate: a.commissionRate, allowCommissionBonus: a.allowCommissionBonus, createdAt: new Date(start - 75 * DAY) },
    });
  }
  await db.user.updateMany({ where: { id: { in: AFFILIATES.filter((a) => a.isStreamer).map((a) => a.ownerId) } }, data: { isStreamer: true } });
  await replay.users(world.before.filter((e) => !owners.includes(e)));

  await createPromos(admin, promoManager, world, now);
  await createChallengesAndBoards(promoManager, world, now);

  // Day by day: the worker's clock at the start of the day (and again once settleAfterSeconds have
  // passed), then the day's sign-ups, claims, deposits, bets and actions.
  for (let k = 0; k < DEMO_DAYS; k++) {
    options.progress?.(k + 1, DEMO_DAYS);
    await tick(day(k));
    // A board that just ended settles once its settleAfterSeconds (5 minutes) have passed.
    if (await db.leaderboard.count({ where: { status: "ENDED" } })) await tick(new Date(day(k).getTime() + 10 * 60_000));
    await replay.day(world.days[k], { support, promoManager });
    // Fresh statistics once the tables have grown (PGlite has no autovacuum to do it).
    if (k === 10) await db.$executeRawUnsafe("ANALYZE");
  }
  await tick(now);
  // FREE5 leaked on a forum: its budget was cut to $20 above what it had granted, so the budget-burn
  // card and the list's "nearly spent" filter have a promo to show.
  await db.$executeRaw`
    UPDATE "PromoCode" SET "budgetUsdAmount" = "grantedUsdAmount" + 20, "updatedAt" = ${now} WHERE code = 'FREE5' AND "isActive"`;
  if (!(await replay.restampLedger())) log("seed: could not re-date the ledger (not the table owner); its entries carry today's date");
  await db.$executeRawUnsafe("ANALYZE");

  summary.created = true;
  summary.players = world.players;
  summary.bets = replay.counts.bets;
  summary.deposits = replay.counts.deposits;
  summary.claims = replay.counts.claims;
  log(`seed: demo data created (${summary.players} players, ${summary.bets} bets, ${summary.claims} claims over ${DEMO_DAYS} days)`);
  return summary;
}

/** What the worker does every minute, at a simulated moment (lib/jobs/worker.ts). */
async function tick(at: Date) {
  await ensureScheduledBoards(at);
  await advanceBoards(at);
  for (const b of await db.leaderboard.findMany({ where: { status: "SETTLEMENT" }, select: { id: true }, orderBy: { endDate: "asc" } })) {
    await settleBoard(b.id, at);
  }
  await db.$transaction((tx) => expireDueBonuses(tx, new Date(at.getTime() - EXPIRY_GRACE_MS)));
  // Boards a schedule created now were created at this simulated moment.
  await db.$executeRaw`UPDATE "Leaderboard" SET "createdAt" = ${at} WHERE "scheduleId" IS NOT NULL AND "createdAt" > ${at}`;
}

/** Validates events with the API's own schemas, as the route's parseEvents does. */
function parsed<T>(schema: { parse: (v: unknown) => T }, raws: (Record<string, unknown> & { id: string | number })[]): TParsedEvent<T>[] {
  return raws.map((raw, index) => ({ index, rawId: raw.id, ok: true as const, event: schema.parse(raw), warnings: [] }));
}

/**
 * Replays the timeline. The database stamps ledger entries and audit rows with its own clock, which
 * can't be set back. Audit rows are re-dated as each operator action runs. The ledger is append-only
 * (a trigger refuses any UPDATE), so its entries are re-dated once at the end — from their source's
 * own time (a claim's creation, activation or end; a board's settlement), or from the moment of the
 * operation that wrote them (commission claims, challenge rewards) — in one transaction that lifts
 * the guard for this seed's own rows on a database it found empty, and puts it back before commit.
 */
class Replay {
  counts = { bets: 0, deposits: 0, claims: 0, claimErrors: 0 };
  private ledgerMoments: { after: bigint; upTo: bigint; at: Date }[] = [];

  check(results: TEventResult[]) {
    const bad = results.find((r) => r.status !== "applied");
    if (bad) throw new Error(`seed: event ${bad.id} was not applied: ${JSON.stringify(bad)}`);
  }

  async users(events: TWorldEvent[]) {
    const raws = events.flatMap((e) => (e.kind === "user" ? [e.event] : []));
    for (let i = 0; i < raws.length; i += BATCH) this.check(await ingestUsers(parsed(ZUserEvent, raws.slice(i, i + BATCH))));
  }

  async day(events: TWorldEvent[], who: { support: TOperator; promoManager: TOperator }) {
    let i = 0;
    while (i < events.length) {
      const e = events[i];
      if (e.kind === "user") {
        let j = i;
        while (j < events.length && events[j].kind === "user") j++;
        await this.users(events.slice(i, j));
        i = j;
        continue;
      }
      if (e.kind === "deposit" || e.kind === "bet") {
        // A batch: same kind, at most 500, and (bets) within a few hours of each other.
        let j = i;
        while (j < events.length && events[j].kind === e.kind && j - i < BATCH && (e.kind === "deposit" || events[j].at - e.at < BATCH_SPAN_MS)) j++;
        const batch = events.slice(i, j);
        const at = new Date(batch[batch.length - 1].at + 1000);
        if (e.kind === "deposit") {
          this.check(await ingestDeposits(parsed(ZDepositEvent, batch.flatMap((b) => (b.kind === "deposit" ? [b.event] : []))), at));
          this.counts.deposits += batch.length;
        } else {
          this.check(await ingestBets(parsed(ZBetEvent, batch.flatMap((b) => (b.kind === "bet" ? [b.event] : []))), at));
          this.counts.bets += batch.length;
        }
        i = j;
        continue;
      }
      await this.action(e, who);
      i++;
    }
  }

  private async action(e: TWorldEvent, who: { support: TOperator; promoManager: TOperator }) {
    const at = new Date(e.at);
    // A player or an operator acting on a state that the timeline didn't foresee (a bonus already
    // completed, a promo run out) gets the product's answer, as they would; the seed moves on.
    const expected = (error: unknown) => {
      if (!isAppError(error)) throw error;
      return null;
    };
    switch (e.kind) {
      case "claim": {
        const ok = await claimPromoCode(e.userId, e.code, at).then(() => true, expected);
        if (ok) this.counts.claims++;
        else this.counts.claimErrors++;
        return;
      }
      case "cancel": {
        const [claim] = await db.$queryRaw<{ id: string }[]>`
          SELECT c.id FROM "UserPromoCode" c JOIN "PromoCode" p ON p.id = c."promoCodeId"
          WHERE c."userId" = ${e.userId} AND p.code = ${e.code} AND c.status IN ('CLAIMED', 'ACTIVE')`;
        if (!claim) return;
        await this.stamped(at, () =>
          cancelClaim(
            e.by === "PLAYER"
              ? { claimId: claim.id, playerId: e.userId, reason: e.reason, now: at }
              : { claimId: claim.id, operator: who.support, reason: e.reason, now: at },
          ).catch(expected),
        );
        return;
      }
      case "commissionClaim":
        await this.stamped(at, () => claimMyCommissions(e.userId, at).catch(expected));
        return;
      case "challenge": {
        const challenge = await db.challenge.findFirstOrThrow({ where: { defaultTitle: e.title }, select: { id: true } });
        await this.stamped(at, async () => {
          if (e.action === "reject") await rejectChallengeWinner(who.promoManager, challenge.id, e.reason ?? "Rejected", at).catch(expected);
          else await confirmChallengeWinner(who.promoManager, challenge.id, at).catch(expected);
        });
        return;
      }
      default:
        throw new Error(`seed: unexpected ${e.kind} event`);
    }
  }

  /** Runs an operation and dates the ledger entries and audit rows it wrote at `at`. */
  async stamped<T>(at: Date, fn: () => Promise<T>): Promise<T> {
    const before = await this.lastIds();
    const result = await fn();
    const after = await this.lastIds();
    await db.$executeRaw`UPDATE "AuditLog" SET "createdAt" = ${at} WHERE id > ${before.audit}`;
    if (after.ledger > before.ledger) this.ledgerMoments.push({ after: before.ledger, upTo: after.ledger, at });
    return result;
  }

  private async lastIds() {
    const [ids] = await db.$queryRaw<{ ledger: bigint; audit: bigint }[]>`
      SELECT (SELECT COALESCE(max(id), 0) FROM "LedgerEntry") AS ledger, (SELECT COALESCE(max(id), 0) FROM "AuditLog") AS audit`;
    return ids;
  }

  /** Dates each ledger entry at the moment it was written in the timeline (see the class comment). */
  async restampLedger(): Promise<boolean> {
    const m = this.ledgerMoments;
    try {
      await db.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"`);
          await tx.$executeRaw`
            UPDATE "LedgerEntry" l SET "createdAt" = CASE l.kind
                WHEN 'INSTANT_CREDIT' THEN c."createdAt" WHEN 'BONUS_GRANT' THEN c."activatedAt" ELSE c."endedAt" END
            FROM "UserPromoCode" c
            WHERE l.kind IN ('INSTANT_CREDIT', 'BONUS_GRANT', 'BONUS_RELEASE', 'BONUS_FORFEIT') AND l."sourceId" = c.id::text
              AND CASE l.kind WHEN 'INSTANT_CREDIT' THEN c."createdAt" WHEN 'BONUS_GRANT' THEN c."activatedAt" ELSE c."endedAt" END IS NOT NULL`;
          await tx.$executeRaw`
            UPDATE "LedgerEntry" l SET "createdAt" = b."finishedAt"
            FROM "Leaderboard" b
            WHERE l.kind = 'LEADERBOARD_PRIZE' AND split_part(l."sourceId", ':', 1) = b.id::text AND b."finishedAt" IS NOT NULL`;
          if (m.length) {
            await tx.$executeRaw`
              UPDATE "LedgerEntry" l SET "createdAt" = x.at
              FROM unnest(${m.map((r) => r.after)}::bigint[], ${m.map((r) => r.upTo)}::bigint[], ${m.map((r) => r.at)}::timestamptz[]) AS x(after, up_to, at)
              WHERE l.id > x.after AND l.id <= x.up_to AND l.kind IN ('COMMISSION_CLAIM', 'CHALLENGE_REWARD')`;
          }
          await tx.$executeRawUnsafe(`ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"`);
        },
        { timeout: 120_000 },
      );
      return true;
    } catch {
      // Not the table's owner (a managed database's restricted role): the entries keep the time they
      // were written, and the charts show the history's bonus cost on the day of the seed.
      return false;
    }
  }
}

/** The operators' promos, created when the timeline says (their claims come from world.ts). */
async function createPromos(adminOp: TOperator, manager: TOperator, world: TWorld, now: Date) {
  const start = world.dayStarts[0].getTime();
  const whitelist = (code: string) => ({ create: DEPOSIT_TERMS[code].whitelist.map((w) => ({ ...w })) });
  const deposit = (code: string) => {
    const t = DEPOSIT_TERMS[code];
    return {
      code, type: "DEPOSIT" as const, amount: String(t.minDepositUsd), currencyId: "USDT" as const, bonusMultiplier: String(t.bonusMultiplier),
      maxBonusUsdAmount: String(t.maxBonusUsd), wagerMultiplierToComplete: String(t.wagerMultiplier), timeSecondsToComplete: t.seconds,
      whitelist: whitelist(code),
    };
  };
  const promos = [
    { ...deposit("WELCOME100"), title: "Welcome bonus: 100% up to $500", claimsLeft: null, createdById: manager.id, createdAt: new Date(start - 30 * DAY) },
    {
      ...deposit("AUTUMN30"), title: "Autumn reload: 30% up to $150", claimsLeft: 300, createdById: manager.id,
      createdAt: new Date(world.dayStarts[PROMO_DAYS.AUTUMN30.from].getTime() - 6 * 3_600_000),
      expiresAt: world.dayStarts[PROMO_DAYS.AUTUMN30.expires],
    },
    {
      ...deposit("RELOAD50"), title: "Weekend reload: 50% up to $200", claimsLeft: 500, createdById: manager.id,
      createdAt: new Date(world.dayStarts[PROMO_DAYS.RELOAD50.from].getTime() - 6 * 3_600_000), expiresAt: new Date(now.getTime() + 30 * DAY),
    },
    {
      code: "FREE5", title: "Free $5, no deposit", type: "INSTANT" as const, amount: "5", currencyId: "USDT" as const, claimsLeft: 100,
      budgetUsdAmount: "1000",
      createdById: adminOp.id, minKYCLevelToClaim: "LEVEL_1" as const, createdAt: new Date(start - 20 * DAY),
    },
    {
      ...deposit("VIPHIGHROLLER"), title: "VIP: 200% up to $2,000", claimsLeft: 50, createdById: adminOp.id,
      minKYCLevelToClaim: "LEVEL_2" as const, minTotalWagerUsdToClaim: "1000", isHidden: true, createdAt: new Date(start - 10 * DAY),
    },
    {
      code: "LUCKYSTREAM25", title: "LuckyStream viewers: $25 free", type: "INSTANT" as const, amount: "25", currencyId: "USDT" as const,
      claimsLeft: 200, createdById: manager.id, affiliateCodeId: "LUCKYSTREAM", isPublic: false, createdAt: new Date(start - 40 * DAY),
    },
  ];
  for (const p of promos) await db.promoCode.create({ data: p });
  // Campaign controls: a first-deposit welcome for three markets on a budget, and a VIP credit for
  // one segment. Created the day before now, so the sixty days of history don't claim them.
  const yesterday = new Date(now.getTime() - DAY);
  await db.promoCode.create({
    data: {
      ...deposit("WELCOME100"), code: "WELCOMEDACH", title: "DACH welcome: 100% up to $300, first deposit", maxBonusUsdAmount: "300", claimsLeft: null,
      depositRule: "FIRST_DEPOSIT", countries: ["AT", "CH", "DE"], budgetUsdAmount: "20000", createdById: manager.id, createdAt: yesterday,
    },
  });
  await db.promoCode.create({
    data: {
      code: "VIPGOLD25", title: "VIP Gold: $25 on us", type: "INSTANT", amount: "25", currencyId: "USDT", claimsLeft: null,
      requiredTags: ["VIP_GOLD"], excludedCountries: ["GB"], budgetUsdAmount: "2500", createdById: adminOp.id, createdAt: yesterday,
    },
  });
}

/** Challenges, one-off boards and a weekly schedule, through the operators' own mutations. */
async function createChallengesAndBoards(manager: TOperator, world: TWorld, now: Date) {
  const day = (k: number) => world.dayStarts[k];
  const at = (ms: number) => new Date(ms);
  const replay = new Replay();
  const challenges = [
    { c: CHALLENGES.plinko, startsAt: at(now.getTime() - 2 * DAY), endsAt: at(now.getTime() + 12 * DAY), min: "1", mult: "100", currency: "USDT" as const, reward: "250" },
    { c: CHALLENGES.bonanza, startsAt: day(CHALLENGES.bonanza.fromDay), endsAt: day(CHALLENGES.bonanza.toDay), min: "0.5", mult: "500", currency: "USDT" as const, reward: "500" },
    { c: CHALLENGES.crash, startsAt: day(CHALLENGES.crash.fromDay), endsAt: day(CHALLENGES.crash.toDay), min: "1", mult: "1000", currency: "BTC" as const, reward: "0.01" },
    { c: { title: "Hit 5,000× on Limbo", gameId: 5 }, startsAt: at(now.getTime() - 5 * DAY), endsAt: at(now.getTime() + 9 * DAY), min: "5", mult: "5000", currency: "USDT" as const, reward: "1000" },
  ];
  for (const ch of challenges) {
    const createdAt = at(ch.startsAt.getTime() - DAY);
    const { id } = await replay.stamped(createdAt, () =>
      createChallenge(
        manager,
        ZChallengeInput.parse({
          title: ch.c.title, targetGameId: ch.c.gameId, minBetAmountUsd: ch.min, minBetMultiplier: ch.mult, rewardCurrency: ch.currency,
          rewardAmount: ch.reward, isHidden: false, startsAt: ch.startsAt.toISOString(), endsAt: ch.endsAt.toISOString(),
        }),
        createdAt,
      ),
    );
    await db.challenge.update({ where: { id }, data: { createdAt } });
  }

  const boards = [
    {
      name: "Launch Month Race", startDate: day(0), endDate: day(28),
      prizes: [{ from: 1, to: 1, usd: "1500" }, { from: 2, to: 2, usd: "750" }, { from: 3, to: 3, usd: "400" }, { from: 4, to: 10, usd: "100" }],
      minBetUsd: "0.10", prizeCurrency: "BTC" as const,
    },
    {
      name: "Weekly Wager Race", startDate: at(now.getTime() - 3 * DAY), endDate: at(now.getTime() + 4 * DAY),
      prizes: [{ from: 1, to: 1, usd: "1000" }, { from: 2, to: 2, usd: "500" }, { from: 3, to: 3, usd: "250" }, { from: 4, to: 10, usd: "50" }],
      minBetUsd: "0.10", prizeCurrency: "USDT" as const,
    },
  ];
  for (const b of boards) {
    const createdAt = at(b.startDate.getTime() - 2 * DAY);
    const { id } = await replay.stamped(createdAt, () =>
      createBoard(
        manager,
        ZLeaderboardInput.parse({
          name: b.name, type: "WAGERED", startDate: b.startDate.toISOString(), endDate: b.endDate.toISOString(),
          config: { prizes: b.prizes, gameIds: [], minBetUsd: b.minBetUsd, prizeCurrency: b.prizeCurrency, settleAfterSeconds: 300 },
        }),
        createdAt,
      ),
    );
    await db.leaderboard.update({ where: { id }, data: { createdAt } });
  }

  // A weekly MULTIPLIER hunt from day 2: eight boards run and settle over the sixty days.
  const scheduleAt = at(day(1).getTime() + 14 * 3_600_000);
  const { id } = await replay.stamped(scheduleAt, () =>
    createSchedule(
      manager,
      ZLeaderboardScheduleInput.parse({
        name: "Weekly multiplier hunt",
        enabled: true,
        config: {
          recurrence: { kind: "WEEKLY", timeZone: env().BUSINESS_TIME_ZONE, firstStart: day(2).toISOString() },
          nameTemplate: "Multiplier Hunt #{n}",
          type: "MULTIPLIER",
          leaderboard: {
            prizes: [{ from: 1, to: 1, usd: "300" }, { from: 2, to: 2, usd: "150" }, { from: 3, to: 3, usd: "75" }, { from: 4, to: 10, usd: "20" }],
            gameIds: [], minBetUsd: "0.50", prizeCurrency: "USDT", settleAfterSeconds: 300,
          },
        },
      }),
      scheduleAt,
    ),
  );
  await db.leaderboardSchedule.update({ where: { id }, data: { createdAt: scheduleAt } });
  await db.$executeRaw`UPDATE "Leaderboard" SET "createdAt" = ${scheduleAt} WHERE "scheduleId" = ${id}::uuid`;
}
