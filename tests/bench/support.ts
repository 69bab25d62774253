// Shared benchmark plumbing: a fresh database on DATABASE_URL's server, the production server on it,
// the two references of SPEC §6 measured in the same run (pgbench on the same PostgreSQL; the HTTP
// floor through the same client loop as the figure it is compared with), and the ratio lines.
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
  // BENCH_PROFILE_DIR: the server writes a V8 CPU profile there when it stops (Chrome DevTools or
  // speedscope read it) — where a bench's milliseconds go, under the bench's own load.
  const profileDir = rawEnv("BENCH_PROFILE_DIR");
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
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

/** BENCH_SECONDS: the length of each timed run (short for a smoke run). */
export function benchSeconds(fallback: number): number {
  const raw = process.env.BENCH_SECONDS; // eslint-disable-line no-restricted-properties -- bench knob
  const seconds = raw ? Number(raw) : fallback;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_SECONDS must be a positive number, not ${raw}`);
  return seconds;
}

/** What one request of a closed loop did: ok, and how many units (events) it completed (default: 1 if ok). */
export type TOutcome = { ok: boolean; units?: number };

export type TLoopResult = {
  /** Requests completed (ok or not). */
  count: number;
  failures: number;
  /** Units completed (events for batches; ok requests otherwise). */
  units: number;
  /** Wall time from the first request to the last answer. */
  seconds: number;
  requestsPerSecond: number;
  unitsPerSecond: number;
  /** Milliseconds per request, ascending. */
  latencies: number[];
  p50: number;
  p99: number;
  firstError?: string;
};

/**
 * A closed loop: `connections` clients, each sending `request()` again as soon as the last one is
 * answered, for `seconds` (or until `more()` says there is nothing left). Every bench and the HTTP
 * floor go through here, so figure and floor share the client code and the connection reuse (Node's
 * global fetch, one keep-alive undici agent per process).
 */
export async function closedLoop(options: {
  connections: number;
  seconds: number;
  request: () => Promise<TOutcome>;
  more?: () => boolean;
}): Promise<TLoopResult> {
  const { connections, seconds, request, more = () => true } = options;
  const latencies: number[] = [];
  let failures = 0;
  let units = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && more()) {
        const t0 = performance.now();
        let outcome: TOutcome;
        try {
          outcome = await request();
        } catch (error) {
          outcome = { ok: false };
          firstError ??= String(error);
        }
        latencies.push(performance.now() - t0);
        units += outcome.units ?? (outcome.ok ? 1 : 0);
        if (!outcome.ok) failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length, failures, units, seconds: elapsed,
    requestsPerSecond: latencies.length / elapsed, unitsPerSecond: units / elapsed,
    latencies, p50: percentile(latencies, 50), p99: percentile(latencies, 99), firstError,
  };
}

/**
 * SPEC §6's HTTP floor: GET on a POST-only API route (→ 405, no work), with the figure's
 * Authorization header, through `closedLoop` at the figure's concurrency.
 */
export function httpFloor(options: { url: string; authorization: string; connections: number; seconds: number }): Promise<TLoopResult> {
  const { url, authorization, connections, seconds } = options;
  return closedLoop({
    connections,
    seconds,
    request: async () => {
      const res = await fetch(url, { headers: { authorization } });
      await res.arrayBuffer();
      return { ok: res.status === 405 };
    },
  });
}

/** One SPEC §6 figure as a ratio to its reference (shown), with its target. */
export type TFigure = { figure: string; ratio: string; target: string; met: boolean };

export const atLeast = (figure: string, ratio: number, min: number, aim?: number): TFigure => ({
  figure, ratio: `${fmt(ratio, 2)}×`, met: ratio >= min, target: `≥ ${min}×${aim === undefined ? "" : ` (aim ${aim}×)`}`,
});
export const atMost = (figure: string, ratio: number, max: number): TFigure => ({
  figure, ratio: `${fmt(ratio, 2)}×`, met: ratio <= max, target: `≤ ${max}×`,
});

/** A figure's line: what was measured, the ratio, the target, met or not. */
export function figureLine(f: TFigure, detail: string): string {
  return `  ${f.figure}: ${detail} = ${f.ratio}   target ${f.target}   ${f.met ? "met" : "NOT met"}`;
}

/** The compact table for the closing note: figure | ratio | target | met. */
export function summaryTable(title: string, figures: TFigure[]): string {
  const rows = figures.map((f) => [f.figure, f.ratio, f.target, f.met ? "met" : "NOT met"]);
  const header = ["figure", "ratio", "target", "met"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [`\n${title}`, line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
