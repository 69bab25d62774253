import "server-only";

import { Faker, en } from "@faker-js/faker";

import { env } from "@/lib/env";
import type { CurrencyId, KycLevel } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/server/auth/password";
import { db } from "@/lib/server/db";
import { appendLedger } from "@/lib/server/ledger/credit";
import { DEMO_OPERATORS } from "@/lib/server/seed/operators";
import { insertSyntheticBets } from "@/lib/server/seed/synthetic";
import { rebuildDerivedStats } from "@/lib/server/stats/rebuild";

export const CURRENCIES: { id: CurrencyId; name: string; decimals: number; usdRate: string }[] = [
  { id: "BTC", name: "Bitcoin", decimals: 8, usdRate: "95000" },
  { id: "ETH", name: "Ether", decimals: 18, usdRate: "3500" },
  { id: "LTC", name: "Litecoin", decimals: 8, usdRate: "90" },
  { id: "USDT", name: "Tether", decimals: 2, usdRate: "1" },
  { id: "USDC", name: "USD Coin", decimals: 2, usdRate: "1" },
  { id: "SOL", name: "Solana", decimals: 9, usdRate: "180" },
  { id: "DOGE", name: "Dogecoin", decimals: 8, usdRate: "0.25" },
  { id: "TRX", name: "Tron", decimals: 6, usdRate: "0.25" },
  { id: "USD", name: "US dollar", decimals: 2, usdRate: "1" },
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

/** Currencies, their opening USD rates and the game catalogue (shared by the seed and the load generator). */
export async function seedReferenceData() {
  await db.currency.createMany({ data: CURRENCIES.map(({ id, name, decimals }) => ({ id, name, decimals })), skipDuplicates: true });
  await db.currencyRate.createMany({
    data: CURRENCIES.map((c) => ({ currencyId: c.id, usdRate: c.usdRate, validFrom: new Date("2024-01-01T00:00:00Z") })),
    skipDuplicates: true,
  });

  await db.game.createMany({
    data: GAMES.map(([name, provider, houseEdge], i) => ({ id: i + 1, name, provider, houseEdge })),
    skipDuplicates: true,
  });

}

const AFFILIATES = [
  { id: "LUCKYSTREAM", ownerId: 1, isStreamer: true, commissionRate: "0.30", allowCommissionBonus: true },
  { id: "CASINOKING", ownerId: 2, isStreamer: true, commissionRate: null, allowCommissionBonus: true },
  { id: "SLOTQUEEN", ownerId: 3, isStreamer: true, commissionRate: null, allowCommissionBonus: false },
  { id: "BONUSHUNT", ownerId: 4, isStreamer: false, commissionRate: "0.20", allowCommissionBonus: true },
  { id: "FRIENDS", ownerId: 5, isStreamer: false, commissionRate: null, allowCommissionBonus: true },
];

const PLAYERS = 200;
const BETS = 8000;
const DAY = 86_400_000;

export type TSeedSummary = { created: boolean; operators: number; players: number; bets: number };

/** Creates the demo world. Idempotent: every row has a fixed key and an existing one is left alone. */
export async function seedDemo(options: { now?: Date; log?: (line: string) => void } = {}): Promise<TSeedSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const faker = new Faker({ locale: [en] });
  faker.seed(20261125);

  const alreadySeeded = (await db.user.count({ where: { email: DEMO_OPERATORS[0].email } })) > 0;

  await seedReferenceData();

  for (const op of DEMO_OPERATORS) {
    if (await db.user.findUnique({ where: { email: op.email } })) continue;
    await db.user.create({
      data: { email: op.email, username: op.name, role: op.role, passwordHash: await hashPassword(op.password) },
    });
  }
  const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_OPERATORS[0].email } });
  const promoManager = await db.user.findUniqueOrThrow({ where: { email: DEMO_OPERATORS[1].email } });

  const kyc: KycLevel[] = ["NONE", "LEVEL_1", "LEVEL_1", "LEVEL_2", "LEVEL_2", "LEVEL_3"];
  await db.user.createMany({
    data: Array.from({ length: PLAYERS }, (_, i) => ({
      id: i + 1,
      username: `${faker.internet.username().toLowerCase().replace(/[^a-z0-9_]/g, "")}_${i + 1}`,
      kycLevel: kyc[i % kyc.length],
      bonusBlocked: i % 97 === 96,
      isStreamer: AFFILIATES.some((a) => a.ownerId === i + 1 && a.isStreamer),
      createdAt: new Date(now.getTime() - (60 - (i % 60)) * DAY),
    })),
    skipDuplicates: true,
  });
  await db.affiliateCode.createMany({
    data: AFFILIATES.map(({ id, ownerId, commissionRate, allowCommissionBonus }) => ({
      id,
      ownerId,
      commissionRate,
      allowCommissionBonus,
    })),
    skipDuplicates: true,
  });
  // Players 21–140 were referred (set once: only where still empty).
  await db.$executeRaw`
    UPDATE "User" u SET "affiliateCodeId" = (${AFFILIATES.map((a) => a.id)}::text[])[1 + (u.id % ${AFFILIATES.length})]
    WHERE u.id BETWEEN 21 AND 140 AND u."affiliateCodeId" IS NULL`;

  await db.$executeRaw`
    INSERT INTO "Deposit" (id, "userId", "currencyId", amount, "usdAmount", "createdAt")
    SELECT 'seed_dep_' || n, 1 + (n * 7) % ${PLAYERS}, 'USDT', 20 + (n * 37) % 480, 20 + (n * 37) % 480,
           ${now}::timestamptz - make_interval(secs => ((n * 7919) % 1209600))
    FROM generate_series(1, 400) n
    ON CONFLICT (id) DO NOTHING`;

  const commissionRate = env().AFFILIATE_COMMISSION_RATE;
  await db.$transaction(
    async (tx) => {
      await insertSyntheticBets(tx, {
        prefix: "seed_bet_",
        first: 1,
        count: BETS,
        userIds: { from: 1, to: PLAYERS },
        gameIds: { from: 1, to: GAMES.length },
        from: new Date(now.getTime() - 14 * DAY),
        to: new Date(now.getTime() - 60_000),
        commissionRate,
      });
    },
    { timeout: 120_000 },
  );

  await seedPromos(admin.id, promoManager.id, now);
  await seedInstantClaims(now);
  await seedChallengeAndBoard(promoManager.id, now);
  await seedDepositBonuses(now);

  await db.$transaction((tx) => rebuildDerivedStats(tx), { timeout: 300_000 });
  log(alreadySeeded ? "seed: demo data already present, nothing added" : "seed: demo data created");
  return { created: !alreadySeeded, operators: DEMO_OPERATORS.length, players: PLAYERS, bets: BETS };
}

async function seedPromos(adminId: number, managerId: number, now: Date) {
  const promos = [
    {
      code: "WELCOME100", title: "Welcome bonus: 100% up to $500", type: "DEPOSIT" as const, amount: "20",
      currencyId: "USDT" as const, bonusMultiplier: "1", maxBonusUsdAmount: "500", wagerMultiplierToComplete: "30",
      timeSecondsToComplete: 7 * 86_400, claimsLeft: null, createdById: managerId, whitelist: [1, 2, 13, 14],
    },
    {
      code: "RELOAD50", title: "Weekend reload: 50% up to $200", type: "DEPOSIT" as const, amount: "50",
      currencyId: "USDT" as const, bonusMultiplier: "0.5", maxBonusUsdAmount: "200", wagerMultiplierToComplete: "20",
      timeSecondsToComplete: 3 * 86_400, claimsLeft: 500, createdById: managerId, whitelist: [],
      expiresAt: new Date(now.getTime() + 30 * DAY),
    },
    {
      code: "FREE5", title: "Free $5, no deposit", type: "INSTANT" as const, amount: "5", currencyId: "USDT" as const,
      claimsLeft: 100, createdById: adminId, whitelist: [], minKYCLevelToClaim: "LEVEL_1" as const,
    },
    {
      code: "VIPHIGHROLLER", title: "VIP: 200% up to $2,000", type: "DEPOSIT" as const, amount: "500",
      currencyId: "USDT" as const, bonusMultiplier: "2", maxBonusUsdAmount: "2000", wagerMultiplierToComplete: "40",
      timeSecondsToComplete: 14 * 86_400, claimsLeft: 50, createdById: adminId, whitelist: [9, 10, 11],
      minKYCLevelToClaim: "LEVEL_2" as const, minTotalWagerUsdToClaim: "1000", isHidden: true,
    },
    {
      code: "LUCKYSTREAM25", title: "LuckyStream viewers: $25 free", type: "INSTANT" as const, amount: "25",
      currencyId: "USDT" as const, claimsLeft: 200, createdById: managerId, whitelist: [],
      affiliateCodeId: "LUCKYSTREAM", isPublic: false,
    },
  ];
  for (const { whitelist, ...p } of promos) {
    if (await db.promoCode.findFirst({ where: { code: p.code } })) continue;
    await db.promoCode.create({
      data: {
        ...p,
        whitelist: {
          create: whitelist.map((gameId, i) => ({
            gameId,
            wagerMultiplier: i === 0 ? "1" : i === 1 ? "0.5" : "0.2",
            maxBetAmount: i === 0 ? null : "50",
          })),
        },
      },
    });
  }
}

async function seedInstantClaims(now: Date) {
  const promo = await db.promoCode.findFirstOrThrow({ where: { code: "FREE5", isActive: true } });
  const playerIds = Array.from({ length: 12 }, (_, i) => 30 + i * 3);
  await db.$transaction(async (tx) => {
    const claims = await tx.$queryRaw<{ id: string; userId: number }[]>`
      INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "endedAt", "createdAt")
      SELECT u, ${promo.id}::uuid, 'COMPLETED', NULL, t, t, t
      FROM unnest(${playerIds}::int[]) AS u, LATERAL (SELECT ${now}::timestamptz - make_interval(days => u % 10) AS t) x
      ON CONFLICT ("promoCodeId", "userId") DO NOTHING
      RETURNING id, "userId"`;
    if (claims.length === 0) return;
    await tx.$executeRaw`UPDATE "PromoCode" SET "claimsLeft" = "claimsLeft" - ${claims.length} WHERE id = ${promo.id}::uuid`;
    await appendLedger(
      tx,
      claims.map((c) => ({
        userId: c.userId, kind: "INSTANT_CREDIT", bucket: "CASH", currencyId: "USDT",
        amount: "5", usdAmount: "5", usdRate: "1", sourceId: c.id,
      })),
    );
  });
}

async function seedChallengeAndBoard(managerId: number, now: Date) {
  if (!(await db.challenge.findFirst({ where: { defaultTitle: "Hit 100× on Plinko" } }))) {
    await db.challenge.create({
      data: {
        createdById: managerId, defaultTitle: "Hit 100× on Plinko", targetGameId: 1, minBetAmountUsd: "1",
        minBetMultiplier: "100", rewardCurrency: "USDT", rewardAmount: "250", rewardUsdAmount: "250", rewardUsdRate: "1",
        startsAt: new Date(now.getTime() - 2 * DAY), endsAt: new Date(now.getTime() + 12 * DAY),
      },
    });
  }
  if (!(await db.leaderboard.findFirst({ where: { name: "Weekly Wager Race" } }))) {
    await db.leaderboard.create({
      data: {
        name: "Weekly Wager Race", type: "WAGERED", status: "ACTIVE", createdById: managerId,
        startDate: new Date(now.getTime() - 3 * DAY), endDate: new Date(now.getTime() + 4 * DAY),
        config: {
          prizes: [
            { from: 1, to: 1, usd: "1000" }, { from: 2, to: 2, usd: "500" }, { from: 3, to: 3, usd: "250" },
            { from: 4, to: 10, usd: "50" },
          ],
          gameIds: [], minBetUsd: "0.10", prizeCurrency: "USDT", settleAfterSeconds: 300,
        },
      },
    });
  }
}

/** A few WELCOME100 bonuses at every stage, made through the real claim and ingestion paths. */
async function seedDepositBonuses(now: Date) {
  const { claimPromoCode } = await import("@/lib/server/claims/claim");
  const { ingestDeposits } = await import("@/lib/server/ingest/deposits");
  const { ingestBets } = await import("@/lib/server/ingest/bets");
  const players = Array.from({ length: 10 }, (_, i) => 150 + i);
  const claimedAt = new Date(now.getTime() - 2 * DAY);
  for (const id of players) {
    await claimPromoCode(id, "WELCOME100", claimedAt).catch(() => {}); // already claimed on a re-run
  }
  // Seven of them deposited; their bonuses are ACTIVE with some wagering done.
  const deposit = (id: number, i: number) => ({
    index: i, rawId: `seed_wdep_${id}`, ok: true as const, warnings: [],
    event: { id: `seed_wdep_${id}`, userId: id, currencyId: "USDT" as const, amount: String(50 + i * 25), usdAmount: String(50 + i * 25), createdAt: new Date(claimedAt.getTime() + 3600_000) },
  });
  await ingestDeposits(players.slice(0, 7).map(deposit), now);
  const bets = players.slice(0, 7).flatMap((id, i) =>
    Array.from({ length: 5 + i * 3 }, (_, k) => ({
      index: 0, rawId: `seed_wbet_${id}_${k}`, ok: true as const, warnings: [],
      event: {
        id: `seed_wbet_${id}_${k}`, userId: id, gameId: 1 + (k % 3), currencyId: "USDT" as const, amount: String(10 + k),
        usdAmount: String(10 + k), payout: "0", payoutMultiplier: "0", createdAt: new Date(claimedAt.getTime() + 7200_000 + k * 60_000),
      },
    })),
  );
  await ingestBets(bets.map((b, i) => ({ ...b, index: i })), now);
}
