// npm run bench:claims — claims at 50 concurrent clients over HTTP, each claim by a new player, as
// ratios to the HTTP floor measured right before with the same 50 clients and the same client loop
// (SPEC §6): claims/s ÷ floor req/s (≥ 0.5×), claim p99 ÷ floor p99 (≤ 2×). Then the race: 200
// players claiming one promo with claimsLeft = 50 → exactly 50 succeed, every round.
// BENCH_SECONDS (default 10) sets the length of the floor and the claim run.
import { db, disconnectDb } from "@/lib/server/db";
import { signPlayerToken } from "@/lib/server/player-auth/tokens";
import { seedReferenceData } from "@/lib/server/seed/demo";
import {
  atLeast, atMost, benchDatabase, benchSeconds, closedLoop, figureLine, fmt, httpFloor, percentile, requireRealPostgres, startServer, summaryTable,
  type TFigure, type TLoopResult,
} from "@/tests/bench/support";

const CLIENTS = 50;
const SECONDS = benchSeconds(10);
const RACE_ROUNDS = 5;
const WARM_UP = 20;
// Enough new players for 2,000 claims a second through the whole run, plus the warm-up and the races.
const LATENCY_PLAYERS = Math.ceil(SECONDS * 2_000);
const PLAYERS = WARM_UP + LATENCY_PLAYERS + 200 * RACE_ROUNDS;

const server = requireRealPostgres("bench:claims");
const database = await benchDatabase(server);
try {
  await seedReferenceData();
  const operator = await db.user.create({ data: { email: "bench@rollover.local", username: "bench", role: "ADMIN" } });
  await db.$executeRaw`INSERT INTO "User" (id, username, "kycLevel") SELECT n, 'p' || n, 'LEVEL_1' FROM generate_series(1, ${PLAYERS}) n`;
  const tokens = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => signPlayerToken(i + 1, 3600)));
  const mkPromo = (code: string, claimsLeft: number | null) =>
    db.promoCode.create({ data: { createdById: operator.id, title: code, type: "INSTANT", code, amount: "1", currencyId: "USDT", claimsLeft } });
  await mkPromo("LATENCY", null);
  const app = await startServer(3211);
  const claimUrl = `${app.url}/api/v1/promo-codes/claim`;

  const claim = async (player: number, code: string) => {
    const res = await fetch(claimUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[player - 1]}`, "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    await res.arrayBuffer();
    return res.status;
  };

  // Warm-up (JIT, pools, the 405 path), then the floor and the claims back to back.
  let next = 1;
  await Promise.all(Array.from({ length: WARM_UP }, () => claim(next++, "LATENCY")));
  const floorOptions = { url: claimUrl, authorization: `Bearer ${tokens[0]}`, connections: CLIENTS };
  await httpFloor({ ...floorOptions, seconds: 1 });
  const floor = await httpFloor({ ...floorOptions, seconds: SECONDS });
  const lastLatencyPlayer = WARM_UP + LATENCY_PLAYERS;
  const claims = await closedLoop({
    connections: CLIENTS,
    seconds: SECONDS,
    more: () => next <= lastLatencyPlayer,
    request: async () => ({ ok: (await claim(next++, "LATENCY")) === 201 }),
  });
  const ranOut = next > lastLatencyPlayer && claims.seconds < SECONDS * 0.95;
  next = lastLatencyPlayer + 1;

  // The race, several times: 200 players, claimsLeft = 50.
  const raceResults: string[] = [];
  let exactRounds = 0;
  for (let round = 0; round < RACE_ROUNDS; round++) {
    await mkPromo(`RACE${round}`, 50);
    const players = Array.from({ length: 200 }, () => next++);
    const statuses = await Promise.all(players.map((p) => claim(p, `RACE${round}`)));
    const ok = statuses.filter((s) => s === 201).length;
    const exhausted = statuses.filter((s) => s === 410).length;
    const left = (await db.promoCode.findFirstOrThrow({ where: { code: `RACE${round}` } })).claimsLeft;
    if (ok === 50 && exhausted === 150 && left === 0) exactRounds += 1;
    raceResults.push(`${ok} ok / ${exhausted} exhausted / claimsLeft ${left}`);
  }
  await app.stop();

  const ms = (r: TLoopResult) =>
    `p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(percentile(r.latencies, 95), 1)} ms, p99 ${fmt(r.p99, 1)} ms`;
  const figures: TFigure[] = [
    atLeast("claims/s ÷ HTTP floor (50)", claims.requestsPerSecond / floor.requestsPerSecond, 0.5),
    atMost("claim p99 ÷ floor p99", claims.p99 / floor.p99, 2),
    { figure: "race: exactly 50 of 200 (claimsLeft 50)", ratio: `${exactRounds}/${RACE_ROUNDS} rounds`, target: "every round", met: exactRounds === RACE_ROUNDS },
  ];
  console.log(`\nbench:claims (${SECONDS} s runs)`);
  console.log(`  reference: HTTP floor, GET /api/v1/promo-codes/claim → 405, ${CLIENTS} clients: ${fmt(floor.requestsPerSecond)} req/s, ${ms(floor)}, ${floor.failures} not 405`);
  console.log(`  claims: ${claims.count} by ${CLIENTS} clients in ${fmt(claims.seconds, 1)} s, ${claims.failures} not 201${claims.firstError ? ` (${claims.firstError})` : ""}${ranOut ? " — ran out of new players before the end (raise LATENCY_PLAYERS)" : ""}`);
  console.log(figureLine(figures[0], `${fmt(claims.requestsPerSecond)} claims/s ÷ ${fmt(floor.requestsPerSecond)} req/s`));
  console.log(figureLine(figures[1], `${fmt(claims.p99, 1)} ms ÷ ${fmt(floor.p99, 1)} ms`) + `   claims ${ms(claims)}; p50 ÷ floor p50 = ${fmt(claims.p50 / floor.p50, 2)}×`);
  console.log(`  ${figures[2].figure}, ${RACE_ROUNDS} rounds: ${raceResults.join("; ")}   ${figures[2].met ? "met" : "NOT met"}`);
  console.log(summaryTable("bench:claims summary", figures));
} finally {
  await disconnectDb();
  await database.drop();
}
