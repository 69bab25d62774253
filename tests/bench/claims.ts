// npm run bench:claims — claim latency at 50 concurrent clients over HTTP (target p99 < 200 ms), and
// the race: 200 players claiming one promo with claimsLeft = 50 → exactly 50 succeed, every time.
import { db, disconnectDb } from "@/lib/server/db";
import { signPlayerToken } from "@/lib/server/player-auth/tokens";
import { seedReferenceData } from "@/lib/server/seed/demo";
import { benchDatabase, fmt, percentile, requireRealPostgres, startServer } from "@/tests/bench/support";

const CLIENTS = 50;
const PLAYERS = 6_000;
const SECONDS = 10;
const RACE_ROUNDS = 5;

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

  const claim = async (player: number, code: string) => {
    const t0 = performance.now();
    const res = await fetch(`${app.url}/api/v1/promo-codes/claim`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[player - 1]}`, "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  };

  // Warm-up, then 50 clients claiming as fast as they can, each claim by a new player.
  let next = 1;
  await Promise.all(Array.from({ length: 20 }, () => claim(next++, "LATENCY")));
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline && next <= PLAYERS - 200 * RACE_ROUNDS) {
        const r = await claim(next++, "LATENCY");
        latencies.push(r.ms);
        if (r.status !== 201) errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);

  // The same load on a route that does nothing (405): the ceiling of the HTTP stack on this machine.
  const floor: number[] = [];
  const floorDeadline = Date.now() + 5000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < floorDeadline) {
        const t0 = performance.now();
        await (await fetch(`${app.url}/api/v1/promo-codes/claim`)).arrayBuffer();
        floor.push(performance.now() - t0);
      }
    }),
  );
  floor.sort((a, b) => a - b);

  // The race, several times: 200 players, claimsLeft = 50.
  const raceResults: string[] = [];
  for (let round = 0; round < RACE_ROUNDS; round++) {
    await mkPromo(`RACE${round}`, 50);
    const players = Array.from({ length: 200 }, () => next++);
    const results = await Promise.all(players.map((p) => claim(p, `RACE${round}`)));
    const ok = results.filter((r) => r.status === 201).length;
    const left = (await db.promoCode.findFirstOrThrow({ where: { code: `RACE${round}` } })).claimsLeft;
    raceResults.push(`${ok} ok / ${results.filter((r) => r.status === 410).length} exhausted / claimsLeft ${left}`);
  }
  await app.stop();

  console.log("\nbench:claims");
  console.log(`  ${latencies.length} claims by ${CLIENTS} concurrent clients in ${SECONDS} s = ${fmt(latencies.length / SECONDS)} claims/s, ${errors} errors`);
  console.log(`  latency p50 ${fmt(percentile(latencies, 50), 1)} ms, p95 ${fmt(percentile(latencies, 95), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms (target p99 < 200 ms)`);
  console.log(`  HTTP floor (a no-op 405 route, same 50 clients): ${fmt(floor.length / 5)} req/s, p50 ${fmt(percentile(floor, 50), 1)} ms, p99 ${fmt(percentile(floor, 99), 1)} ms`);
  console.log(`  race, 200 players for claimsLeft = 50, ${RACE_ROUNDS} rounds: ${raceResults.join("; ")}`);
} finally {
  await disconnectDb();
  await database.drop();
}
