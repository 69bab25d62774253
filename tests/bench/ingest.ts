// npm run bench:ingest — bet ingestion over HTTP with rollover on, every figure a ratio to a reference
// measured in the same run (SPEC §6): batches of 500 ÷ pgbench TPS (≥ 3×, aim 5×), with an active
// leaderboard and referred players too ÷ pgbench (≥ 2.5×), rollback batches of 500 ÷ the bet
// batches' rate (≥ 0.5×), single-bet requests at 16 clients ÷ the HTTP floor at 16 clients (≥ 0.5×);
// and each hook's own cost (board only, referrals only: ≥ 0.75× the baseline, issues #5 and #6).
// Webhooks (issue #19): the same batches with three enabled endpoints subscribed to every type (two
// loopback receivers in this process answering 200, one a closed port) and the job worker delivering
// ÷ the mean of the runs with none just before and after it (≥ 0.9×), and the delivery p99 from an
// event's createdAt to its arrival at a healthy endpoint (≤ 5 s).
// BENCH_SECONDS (default 15) sets the length of each timed run; pgbench always runs -T 15.
import { setEnv } from "@/lib/env";
import { db, disconnectDb } from "@/lib/server/db";
import { createApiKey } from "@/lib/server/api-keys/mutations";
import { seedReferenceData } from "@/lib/server/seed/demo";
import {
  atLeast, benchDatabase, benchSeconds, closedLoop, figureLine, fmt, httpFloor, pgbenchTps, requireRealPostgres, startServer, summaryTable,
  type TFigure, type TLoopResult,
} from "@/tests/bench/support";
import {
  closedPortUrl, createEndpoints, deliveryLatency, drainDeliveries, newWebhookSecret, seedBonusPlayers, startReceiver, startWorker,
} from "@/tests/bench/webhooks";

const PLAYERS = 20_000;
const WITH_BONUS = 5_000;
const SECONDS = benchSeconds(15);
const SINGLE_CLIENTS = 16;
// Webhooks: two fresh sets of players like the first (one for the run without endpoints, one for the
// run with them), whose bonuses complete at a target sized from the measured rate so that the
// average bonus reaches WEBHOOK_REACH of it in one run: about half cross 50 %, some 90 %, a few complete.
const WEBHOOK_OFFSETS = { off: 100_000, on: 200_000, offAgain: 300_000 } as const;
const WEBHOOK_REACH = 0.6;
const MEAN_BET_USD = 49.9; // makeBet's amounts: (seq % 997) / 10 + 0.1
const WEBHOOK_DRAIN_SECONDS = 60;

/** An absolute figure of SPEC §6 (seconds, not a ratio), in the same summary format. */
const atMostSeconds = (figure: string, seconds: number, max: number): TFigure => ({
  figure, ratio: Number.isFinite(seconds) ? `${fmt(seconds, 2)} s` : "never", met: seconds <= max, target: `≤ ${max} s`,
});

const server = requireRealPostgres("bench:ingest");
const database = await benchDatabase(server);
try {
  await seedReferenceData();
  // Players, and a deposit bonus ACTIVE for a quarter of them (rollover on), with a game whitelist.
  const operator = await db.user.create({ data: { email: "bench@rollover.local", username: "bench", role: "ADMIN" } });
  await db.$executeRaw`INSERT INTO "User" (id, username) SELECT n, 'p' || n FROM generate_series(1, ${PLAYERS}) n`;
  const promo = await db.promoCode.create({
    data: {
      createdById: operator.id, title: "bench", type: "DEPOSIT", code: "BENCH", currencyId: "USDT", bonusMultiplier: "1",
      wagerMultiplierToComplete: "1000", timeSecondsToComplete: 86_400 * 30,
      whitelist: { create: [{ gameId: 1, wagerMultiplier: "1", maxBetAmount: "1000" }, { gameId: 2, wagerMultiplier: "0.5" }] },
    },
  });
  const start = new Date(Date.now() - 3600_000);
  await db.$executeRaw`
    INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "createdAt")
    SELECT n, ${promo.id}::uuid, 'ACTIVE', true, ${start}, ${start} FROM generate_series(1, ${WITH_BONUS}) n`;
  await db.$executeRaw`
    INSERT INTO "UserPromoCodeProgress" ("userId", "promoCodeId", "activatedAt", "expiresAt", "baseUsdAmount", "bonusUsdAmount",
      "bonusAmount", "currencyId", "wagerMultiplierToComplete", "wagerUsdAmountToComplete")
    SELECT n, ${promo.id}::uuid, ${start}, ${start}::timestamptz + interval '30 days', 100, 100, 100, 'USDT', 1000, 200000
    FROM generate_series(1, ${WITH_BONUS}) n`;
  const key = (await createApiKey("bench", null)).key;
  await db.$executeRawUnsafe("ANALYZE");

  // The worker (started for the webhooks runs) calls the receivers on loopback; the server gets it too.
  setEnv({ WEBHOOK_ALLOW_PRIVATE: "1" });
  const app = await startServer(3210);
  let seq = 0;
  // A bet of one of the players offset + 1 … offset + PLAYERS (0: the first set).
  const makeBet = (offset = 0) => {
    seq += 1;
    const usd = ((seq % 997) / 10 + 0.1).toFixed(2);
    return {
      id: `b${seq}`, userId: offset + 1 + ((seq * 7919) % PLAYERS), gameId: 1 + (seq % 20), currencyId: "USDT",
      amount: usd, usdAmount: usd, payout: "0", payoutMultiplier: "0", createdAt: new Date().toISOString(),
    };
  };

  const authorization = `Bearer ${key}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { results?: { status: string; warnings: string[] }[] };
  };

  // Bets through the shared closed loop: `batch` events per request (one bare event when 1).
  const run = (batch: number, connections: number, offset = 0) =>
    closedLoop({
      connections,
      seconds: SECONDS,
      request: async () => {
        const events = Array.from({ length: batch }, () => makeBet(offset));
        const body = await post("/api/v1/events/bets", batch === 1 ? events[0] : { events });
        const applied = body.results?.filter((r) => r.status === "applied").length ?? 0;
        return { ok: applied === batch, units: applied };
      },
    });

  await run(500, 2); // warm-up (JIT, connection pools)
  const firstBaselineBet = seq + 1;
  const batched = await run(500, 4);
  const lastBaselineBet = seq;
  // pgbench right after the baseline it is compared with, and before the hook runs.
  const tps = await pgbenchTps(server);

  // The hooks' own cost (issues #5 and #6: each at most 25% below the baseline): an active
  // leaderboard on all games alone, then half the players referred across 100 affiliates alone,
  // then both; the baseline runs again at the end and the ratios use the mean of the two baselines
  // (this shared VM drifts ±20% between runs).
  const board = await db.leaderboard.create({
    data: {
      name: "bench board", type: "WAGERED", status: "ACTIVE", startDate: new Date(Date.now() - 3600_000), endDate: new Date(Date.now() + 86_400_000),
      config: { prizes: [{ from: 1, to: 10, usd: "100" }], gameIds: [], minBetUsd: "0", prizeCurrency: "USDT", settleAfterSeconds: 300 },
    },
  });
  const withBoard = await run(500, 4);
  await db.leaderboard.update({ where: { id: board.id }, data: { status: "FINISHED" } });
  await db.$executeRaw`INSERT INTO "AffiliateCode" (id, "ownerId") SELECT 'BENCH' || n, n FROM generate_series(1, 100) n`;
  await db.$executeRaw`UPDATE "User" SET "affiliateCodeId" = 'BENCH' || (1 + id % 100) WHERE id > 100 AND id % 2 = 0 AND role = 'PLAYER'`;
  const withReferrals = await run(500, 4);
  await db.leaderboard.update({ where: { id: board.id }, data: { status: "ACTIVE" } });
  const full = await run(500, 4);
  await db.leaderboard.update({ where: { id: board.id }, data: { status: "FINISHED" } });
  await db.$executeRaw`UPDATE "User" SET "affiliateCodeId" = NULL`;
  const baselineAgain = await run(500, 4);
  const base = (batched.unitsPerSecond + baselineAgain.unitsPerSecond) / 2;

  // Rollbacks of the first baseline run's bets (rollover on, no board, no referrals then or now), in
  // order, 500 per request, 4 connections: each voids a stored bet and moves its figures back.
  let next = firstBaselineBet;
  const rollbacks = await closedLoop({
    connections: 4,
    seconds: SECONDS,
    more: () => next <= lastBaselineBet,
    request: async () => {
      const first = next;
      next = Math.min(lastBaselineBet + 1, next + 500);
      const createdAt = new Date().toISOString();
      const events = Array.from({ length: next - first }, (_, i) => ({
        id: `rb${first + i}`, betId: `b${first + i}`, reason: "ROUND_CANCELLED", createdAt,
      }));
      const body = await post("/api/v1/events/bet-rollbacks", { events });
      const done = body.results?.filter((r) => r.status === "applied" && r.warnings.length === 0).length ?? 0;
      return { ok: done === events.length, units: done };
    },
  });

  // Single bets at 16 clients, right after the HTTP floor at 16 clients (GET on the same route → 405,
  // same key, same client loop), so both see the same machine.
  await httpFloor({ url: `${app.url}/api/v1/events/bets`, authorization, connections: SINGLE_CLIENTS, seconds: 1 }); // warm-up
  const floor = await httpFloor({ url: `${app.url}/api/v1/events/bets`, authorization, connections: SINGLE_CLIENTS, seconds: SECONDS });
  const single = await run(1, SINGLE_CLIENTS);

  // Webhooks: the worker runs through both runs (so only the endpoints differ); first without any
  // endpoint (the outbox writes nothing), then with three subscribed to every type, one of them down,
  // then without again once their deliveries are drained.
  const toComplete = Math.max(1, Math.round((base * SECONDS * MEAN_BET_USD) / PLAYERS / WEBHOOK_REACH));
  const whPromo = await db.promoCode.create({
    data: {
      createdById: operator.id, title: "bench webhooks", type: "DEPOSIT", code: "BENCHWH", currencyId: "USDT", bonusMultiplier: "1",
      wagerMultiplierToComplete: "10", timeSecondsToComplete: 86_400 * 30,
    },
  });
  for (const offset of Object.values(WEBHOOK_OFFSETS)) {
    await seedBonusPlayers({ offset, players: PLAYERS, withBonus: WITH_BONUS, promoCodeId: whPromo.id, toComplete });
  }
  await db.$executeRawUnsafe("ANALYZE");
  const secrets = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
  const receivers = [await startReceiver(secrets[0]), await startReceiver(secrets[1])];
  const worker = startWorker();
  let webhooks: { off: TLoopResult; offAgain: TLoopResult; on: TLoopResult; drained: boolean; latency: Awaited<ReturnType<typeof deliveryLatency>>; failed: number };
  try {
    await new Promise((r) => setTimeout(r, 5_000)); // the worker's start (the server is warm already)
    const off = await run(500, 4, WEBHOOK_OFFSETS.off);
    const [idA, idB, idDown] = await createEndpoints([
      { url: receivers[0].url, secret: secrets[0] },
      { url: receivers[1].url, secret: secrets[1] },
      { url: await closedPortUrl(), secret: secrets[2] },
    ]);
    const since = new Date();
    const on = await run(500, 4, WEBHOOK_OFFSETS.on);
    const drained = await drainDeliveries([idA, idB], WEBHOOK_DRAIN_SECONDS);
    const latency = await deliveryLatency(since, receivers);
    const failed = await db.webhookDelivery.count({ where: { endpointId: idDown, status: { not: "DELIVERED" } } });
    const bad = receivers.reduce((n, r) => n + r.badSignatures(), 0);
    if (bad > 0) console.error(`!!! bench:ingest: ${bad} webhook requests failed signature verification`);
    // The run without endpoints once more, after the drain (the worker idle, as in the first): the
    // ratio uses the mean of the two, like the hooks' baseline, since this VM drifts between runs.
    await db.webhookEndpoint.updateMany({ where: { id: { in: [idA, idB, idDown] } }, data: { enabled: false } });
    const offAgain = await run(500, 4, WEBHOOK_OFFSETS.offAgain);
    webhooks = { off, offAgain, on, drained, latency, failed };
  } finally {
    await worker.stop();
    await Promise.all(receivers.map((r) => r.close()));
  }
  await app.stop();
  const entries = await db.leaderboardUser.count();
  const progressed = await db.userPromoCodeProgress.count({ where: { promoCodeId: promo.id, wageredUsdAmount: { gt: 0 } } });

  const ms = (r: TLoopResult) => `p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms/request`;
  const incomplete = (r: TLoopResult) => `${r.failures} incomplete${r.firstError ? ` (${r.firstError})` : ""}`;
  const withoutWebhooks = (webhooks.off.unitsPerSecond + webhooks.offAgain.unitsPerSecond) / 2;
  const figures = {
    batched: atLeast("batched bets/s ÷ pgbench TPS", batched.unitsPerSecond / tps, 3, 5),
    full: atLeast("with board + referrals ÷ pgbench", full.unitsPerSecond / tps, 2.5),
    rollbacks: atLeast("rollback batches ÷ bet batches' rate", rollbacks.unitsPerSecond / base, 0.5),
    single: atLeast("single-bet requests/s ÷ HTTP floor (16)", single.requestsPerSecond / floor.requestsPerSecond, 0.5),
    board: atLeast("board only ÷ baseline", withBoard.unitsPerSecond / base, 0.75),
    referrals: atLeast("referrals only ÷ baseline", withReferrals.unitsPerSecond / base, 0.75),
    webhooks: atLeast("with 3 webhook endpoints (1 down) ÷ none", webhooks.on.unitsPerSecond / withoutWebhooks, 0.9),
    delivery: atMostSeconds("webhook delivery p99, event → healthy endpoint", webhooks.latency.p99, 5),
  };
  console.log(`\nbench:ingest (${SECONDS} s runs)`);
  console.log(`  reference: pgbench TPS (-c 8 -j 2 -T 15): ${fmt(tps)}`);
  console.log(`  reference: HTTP floor, GET /api/v1/events/bets → 405, ${SINGLE_CLIENTS} clients: ${fmt(floor.requestsPerSecond)} req/s, ${ms(floor)}, ${floor.failures} not 405`);
  console.log(`  baseline (500 bets/request, 4 connections): ${fmt(batched.unitsPerSecond)} bets/s, again after the hook runs ${fmt(baselineAgain.unitsPerSecond)} bets/s (mean ${fmt(base)})`);
  console.log(figureLine(figures.batched, `${fmt(batched.unitsPerSecond)} bets/s (500/request, 4 connections) ÷ ${fmt(tps)} TPS`) + `   ${ms(batched)}, ${incomplete(batched)}`);
  console.log(figureLine(figures.full, `${fmt(full.unitsPerSecond)} bets/s ÷ ${fmt(tps)} TPS`) + `   ${ms(full)}, ${incomplete(full)}`);
  console.log(figureLine(figures.board, `${fmt(withBoard.unitsPerSecond)} bets/s ÷ ${fmt(base)}`) + `   ${incomplete(withBoard)}`);
  console.log(figureLine(figures.referrals, `${fmt(withReferrals.unitsPerSecond)} bets/s ÷ ${fmt(base)}`) + `   ${incomplete(withReferrals)}`);
  console.log(figureLine(figures.rollbacks, `${fmt(rollbacks.unitsPerSecond)} voids/s (500/request, 4 connections) ÷ ${fmt(base)} bets/s`) + `   ${ms(rollbacks)}, ${rollbacks.units} voided, ${incomplete(rollbacks)}`);
  console.log(figureLine(figures.single, `${fmt(single.requestsPerSecond)} req/s ÷ ${fmt(floor.requestsPerSecond)} req/s`) + `   ${ms(single)} (floor ${ms(floor)}), ${incomplete(single)}`);
  const wl = webhooks.latency;
  console.log(
    figureLine(figures.webhooks, `${fmt(webhooks.on.unitsPerSecond)} bets/s ÷ ${fmt(withoutWebhooks)} bets/s (mean of ${fmt(webhooks.off.unitsPerSecond)} before and ${fmt(webhooks.offAgain.unitsPerSecond)} after; 500/request, 4 connections, fresh players, bonuses completing at $${fmt(toComplete)})`) +
      `   ${ms(webhooks.on)}, ${incomplete(webhooks.on)}`,
  );
  console.log(
    figureLine(figures.delivery, `${wl.events} events × 2 healthy endpoints: p50 ${fmt(wl.p50, 2)} s, max ${fmt(wl.max, 2)} s, ${wl.missing} never arrived${webhooks.drained ? "" : ` (not drained in ${WEBHOOK_DRAIN_SECONDS} s)`}`) +
      `   events by type: ${Object.entries(wl.byType).map(([t, n]) => `${t} ${n}`).join(", ") || "none"}; to the endpoint down: ${webhooks.failed} not delivered`,
  );
  const st = wl.stages;
  const pair = ([a, b]: [number, number]) => `${fmt(a, 2)}/${fmt(b, 2)} s`;
  console.log(`  webhook stages (p50/p99): event → fan-out ${pair(st.fanOut)}, fan-out → attempt ${pair(st.claim)}, attempt ${pair(st.attempt)}`);
  console.log(`  rollover on: ${WITH_BONUS} active bonuses, ${progressed} progressed; board entries ${entries}`);
  console.log(
    summaryTable("bench:ingest summary", [
      figures.batched, figures.full, figures.rollbacks, figures.single, figures.board, figures.referrals, figures.webhooks, figures.delivery,
    ]),
  );
} finally {
  await disconnectDb();
  await database.drop();
}
