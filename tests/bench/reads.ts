// npm run bench:leaderboard | bench:affiliate — read paths at scale (SPEC §6): 1,000,000 users,
// 100,000 referred across 1,000 affiliates, 10,000,000 bets, 1,000,000 entries on one board.
// Uses BENCH_DATABASE_URL when it already holds such a data set (npm run db:generate-load), else
// builds one in a fresh database on DATABASE_URL's server (about 8 minutes here).
import { setEnv } from "@/lib/env";
import { db, disconnectDb } from "@/lib/server/db";
import { generateLoad } from "@/lib/server/seed/load";
import { getBoardForPlayer } from "@/lib/server/leaderboards/player";
import { boardStandings } from "@/lib/server/leaderboards/queries";
import { refreshRankSamples } from "@/lib/server/leaderboards/ranks";
import { affiliateCharts, affiliateKpis, affiliateOverview, streamerPlayers, streamerReport, streamerSeries } from "@/lib/server/affiliates/reports";
import { dashboardCharts, dashboardKpis } from "@/lib/server/dashboard/queries";
import { reportRange } from "@/lib/server/report-range";
import { benchDatabase, fmt, percentile, requireRealPostgres } from "@/tests/bench/support";

const which = process.argv[2] === "affiliate" ? "affiliate" : "leaderboard";
const existing = process.env.BENCH_DATABASE_URL; // eslint-disable-line no-restricted-properties -- bench knob
const server = requireRealPostgres(`bench:${which}`);
const database = existing ? null : await benchDatabase(server);
if (existing) setEnv({ DATABASE_URL: existing, NEXTAUTH_SECRET: "x".repeat(32), PLAYER_JWT_SECRET: "y".repeat(32), LOG_LEVEL: "warn" });
else await generateLoad({ users: 1_000_000, bets: 10_000_000, referred: 100_000, affiliates: 1000, boardEntries: 1_000_000, log: console.log });

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(58)} p50 ${fmt(percentile(ms, 50), 1)} ms   p95 ${fmt(percentile(ms, 95), 1)} ms   (target p95 < 100 ms)`);
}

try {
  console.log(`\nbench:${which}`);
  if (which === "leaderboard") {
    const board = await db.leaderboard.findFirstOrThrow({ where: { name: "Load board" } });
    const entries = await db.leaderboardUser.count({ where: { leaderboardId: board.id } });
    const users = await db.$queryRaw<{ userId: number }[]>`
      SELECT "userId" FROM "LeaderboardUser" WHERE "leaderboardId" = ${board.id}::uuid ORDER BY random() LIMIT 50`;
    console.log(`  board with ${fmt(entries)} entries`);
    const t0 = performance.now();
    await refreshRankSamples(); // what the worker does every few seconds
    console.log(`  rank cache refresh: ${fmt(performance.now() - t0)} ms`);
    await time("top 100 + one random player's position (API read)", 50, (i) => getBoardForPlayer(board.id, users[i % users.length].userId, 100));
    await time("standings page: top 100 + a player found by id", 50, (i) => boardStandings(board.id, 100, String(users[i % users.length].userId)));
  } else {
    const owners = await db.affiliateOwnerStats.count();
    console.log(`  ${fmt(owners)} affiliates`);
    // Exactly what the pages run (lib/server/affiliates/reports.ts), not hand-written SQL.
    const range = await reportRange({});
    const streamerIds = await db.$queryRaw<{ id: number }[]>`SELECT id FROM "User" WHERE "isStreamer" LIMIT 20`;
    console.log(`  ${fmt(streamerIds.length)}+ streamers; range ${range.from} to ${range.to}`);
    await time("overview page: table (page 1 of 50, by GGR)", 30, () => affiliateOverview({ sort: "ggr", dir: "desc", page: 1 }));
    await time("overview page: table sorted by referrals, page 10", 30, () => affiliateOverview({ sort: "referrals", dir: "desc", page: 10 }));
    await time("overview page: table searched by name", 30, () => affiliateOverview({ q: "load_12", sort: "ggr", dir: "desc", page: 1 }));
    await time("overview page: KPI cards", 30, () => affiliateKpis());
    await time("overview page: charts (30 days, top 10)", 30, () => affiliateCharts(range));
    await time("streamer report: table for the range", 30, () => streamerReport({}, range));
    await time("streamer report: charts for the range", 30, () => streamerSeries(range));
    await time("streamer drill-down: first page of referred players", 30, (i) =>
      streamerPlayers(streamerIds[i % Math.max(1, streamerIds.length)]?.id ?? 1, { page: 1 }));
    await time("dashboard: KPI cards", 30, () => dashboardKpis(range));
    await time("dashboard: charts (30 days)", 30, () => dashboardCharts(range));
  }
} finally {
  await disconnectDb();
  await database?.drop();
}
