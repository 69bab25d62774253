// Shared benchmark plumbing: a fresh database on DATABASE_URL's server, the production server on it,
// and the pgbench reference measured on the same PostgreSQL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

import { migrate } from "@/lib/db/migrator";
import { childEnv, rawEnv, setEnv } from "@/lib/env";
import { createTestDatabase, type TTestDatabase } from "@/tests/support/test-database";

export function requireRealPostgres(name: string): string {
  const url = rawEnv("DATABASE_URL");
  if (!url) {
    console.error(`\n!!! ${name}: SKIPPED — benchmarks need a real PostgreSQL. Set DATABASE_URL (CI always does).\n`);
    process.exit(0);
  }
  return url;
}

export async function benchDatabase(server: string): Promise<TTestDatabase> {
  const database = await createTestDatabase("rollover_bench", server);
  await migrate({ connectionString: database.url });
  setEnv({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "20",
    NEXTAUTH_SECRET: "bench-nextauth-secret-bench-nextauth-secret",
    PLAYER_JWT_SECRET: "bench-player-jwt-secret-bench-player-jwt-secret",
    LOG_LEVEL: "warn",
  });
  return database;
}

/** `next start` on the bench database (limits raised: this measures throughput, not the limiter). */
export async function startServer(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!existsSync(".next/BUILD_ID")) {
    const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: childEnv() });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: childEnv({
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      RATE_LIMIT_API_KEY_PER_SECOND: "1000000",
      RATE_LIMIT_CLAIMS_PER_MINUTE: "1000000",
      RATE_LIMIT_PLAYER_PER_MINUTE: "1000000",
    }),
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** TPC-B-like transactions per second: `pgbench -i -s 10`, then `pgbench -c 8 -j 2 -T 15`. */
export async function pgbenchTps(server: string, seconds = 15): Promise<number> {
  const db = await createTestDatabase("rollover_bench_pgbench", server);
  try {
    const init = spawnSync("pgbench", ["-i", "-s", "10", "-q", db.url], { encoding: "utf8" });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    const run = spawnSync("pgbench", ["-c", "8", "-j", "2", "-T", String(seconds), db.url], { encoding: "utf8" });
    const match = /tps = ([\d.]+)/.exec(run.stdout);
    if (!match) throw new Error(`pgbench failed: ${run.stderr}`);
    return Number(match[1]);
  } finally {
    await db.drop();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
