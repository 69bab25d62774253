// Two app instances on one database through PgBouncer in transaction pooling mode (docs/scaling.md):
// each a process of its own (tests/support/app-instance.ts: the real route handlers over HTTP, and the
// worker beside it as `npm start` runs it), both with DATABASE_URL pointing at the pooler and
// DATABASE_POOL_MODE=transaction. What must stay true across them:
// - single-bet requests, gathered per instance by group commit, each applied once with its own answer;
// - a promo with claimsLeft = N gives exactly N claims, whichever instance each claim reaches;
// - the per-player claim limit counts every instance's requests (it lives in PostgreSQL);
// - the worker's jobs run once across both (pg-boss), its scheduled bonus expiry included.
// The file runs on a database of its own: the workers sweep every row the clock makes due.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { childEnv, env, rawEnv, setEnv } from "@/lib/env";
import { EXPIRY_GRACE_SECONDS, QUEUES } from "@/lib/jobs/worker";
import { configureDb, db, disconnectDb, REQUEST_DB_PROFILE } from "@/lib/server/db";
import { call, platformKey, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makePlayer, makePromo, uniqueId } from "@/tests/fixtures/factories";
import { inOneRateWindow } from "@/tests/support/clock";
import { useOwnDatabase } from "@/tests/support/own-database";
import { findPgBouncer, pgBouncerVersion, startPgBouncer, type TPgBouncer } from "@/tests/support/pgbouncer";

const TSX = path.resolve("node_modules/.bin/tsx");
const CLAIMS_PER_MINUTE = 3;
const ROLE_LOCK_TIMEOUT = "5s"; // what docs/scaling.md has the app's role carry
const SEC = 1000;

const bouncer = inject("isEmbedded")
  ? { missing: "it needs a real PostgreSQL: set DATABASE_URL (CI always does)" }
  : findPgBouncer();
const skipReason =
  "missing" in bouncer ? `${bouncer.missing}${inject("isEmbedded") ? "" : "; CI installs it (.ci/run)"}` : null;
if (skipReason) console.error(`\n!!! pgbouncer.test.ts: SKIPPED — ${skipReason}.\n`);

type TInstance = { name: string; port: number; child: ChildProcess; output: () => string };
type TAnswer = { status: number; json: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of any route

/** One app instance (and its worker) as a process group of its own; resolves once it listens. */
async function startInstance(name: string, vars: Record<string, string>): Promise<TInstance> {
  const child = spawn(TSX, ["--conditions=react-server", "tests/support/app-instance.ts"], {
    env: childEnv(vars),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${output.slice(-3000)}`)), 90_000);
    const check = () => {
      const ready = /^READY (\d+)$/m.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it listened:\n${output.slice(-3000)}`));
    });
  });
  return { name, port, child, output: () => output };
}

/** SIGTERM to the instance's process group (tsx, the app, its worker), SIGKILL after a grace. */
async function stopInstance(instance: TInstance) {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const killer = setTimeout(() => signal("SIGKILL"), 20_000);
  await exited;
  clearTimeout(killer);
}

async function post(instance: TInstance, route: string, body: unknown, token: string): Promise<TAnswer> {
  const res = await fetch(`http://127.0.0.1:${instance.port}${route}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Runs the tasks with at most `limit` in flight; results in the tasks' order. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

/** The instance's JSON log lines (pino) with this message. */
function logLines(instance: TInstance, msg: string): Record<string, unknown>[] {
  return instance
    .output()
    .split("\n")
    .flatMap((line) => {
      if (!line.startsWith("{")) return [];
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        return parsed.msg === msg ? [parsed] : [];
      } catch {
        return [];
      }
    });
}

/** PostgreSQL's display of a duration setting ("7s", "6750ms") in milliseconds. */
function toMs(setting: string): number {
  const m = /^(\d+)(ms|s|min)$/.exec(setting);
  if (!m) throw new Error(`unexpected duration ${setting}`);
  return Number(m[1]) * { ms: 1, s: 1000, min: 60_000 }[m[2] as "ms" | "s" | "min"];
}

async function waitFor(
  what: string,
  done: () => Promise<boolean> | boolean,
  timeoutMs: number,
  diagnose: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${diagnose()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.skipIf(!!skipReason)("two app instances through PgBouncer (transaction pooling)", () => {
  useOwnDatabase("rollover_it_pgb");

  let pool: TPgBouncer | undefined;
  let directUrl = "";
  let databaseName = "";
  const instances: TInstance[] = [];
  let apiKey = "";
  let workersStartedAt = 0;
  // Bonuses already past their expiry (+ grace) when the workers start: the scheduled bonus-expiry job's work.
  const dueBonuses: { userId: number; claimId: string }[] = [];

  const diagnose = () =>
    [...instances.map((i) => `--- ${i.name}\n${i.output().slice(-2500)}`), `--- pgbouncer\n${pool?.log() ?? ""}`].join(
      "\n",
    );

  beforeAll(async () => {
    directUrl = rawEnv("DATABASE_URL")!;
    databaseName = decodeURIComponent(new URL(directUrl).pathname.slice(1));
    // Statements outside a transaction have no lock budget of their own behind the pooler: the role's
    // default carries it (docs/scaling.md). In this database only.
    await db.$executeRawUnsafe(
      `ALTER ROLE CURRENT_USER IN DATABASE "${databaseName}" SET lock_timeout = '${ROLE_LOCK_TIMEOUT}'`,
    );

    const bin = (bouncer as { bin: string }).bin;
    pool = await startPgBouncer(bin, { poolSize: 20 });
    console.log(`pgbouncer.test.ts: ${pgBouncerVersion(bin)} on port ${pool.port}, pool_mode = transaction`);

    await ensureCurrencies();
    apiKey = await platformKey("pgbouncer test");

    // Due bonuses, made before the workers exist (through the route handlers here, on the direct URL):
    // claimed 3 h ago, activated by a deposit 2 h ago, 10 minutes to complete.
    const promo = await makePromo({
      bonusMultiplier: "1",
      wagerMultiplierToComplete: "10",
      timeSecondsToComplete: 600,
    });
    for (let j = 0; j < 3; j++) {
      const player = await makePlayer();
      const res = await call(claimRoute, { token: await playerToken(player.id), body: { code: promo.code } });
      expect(res.status).toBe(201);
      await db.userPromoCode.update({
        where: { id: res.json.claim.id },
        data: { createdAt: new Date(Date.now() - 3 * 3600 * SEC) },
      });
      await sendDeposits(deposit(player.id, "10", new Date(Date.now() - 2 * 3600 * SEC)));
      const claim = await db.userPromoCode.findUniqueOrThrow({ where: { id: res.json.claim.id } });
      expect(claim.status).toBe("ACTIVE");
      const progress = await db.userPromoCodeProgress.findUniqueOrThrow({
        where: { promoCodeId_userId: { promoCodeId: promo.id, userId: player.id } },
      });
      expect(progress.expiresAt.getTime()).toBeLessThan(Date.now() - (EXPIRY_GRACE_SECONDS + 60) * SEC);
      dueBonuses.push({ userId: player.id, claimId: claim.id });
    }

    const { NEXTAUTH_SECRET, PLAYER_JWT_SECRET } = env();
    const vars = {
      DATABASE_URL: pool.url(databaseName),
      DATABASE_POOL_MODE: "transaction",
      DATABASE_POOL_SIZE: "10",
      NEXTAUTH_SECRET,
      PLAYER_JWT_SECRET,
      RATE_LIMIT_CLAIMS_PER_MINUTE: String(CLAIMS_PER_MINUTE),
      RATE_LIMIT_PLAYER_PER_MINUTE: "100000",
      RATE_LIMIT_API_KEY_PER_SECOND: "100000",
      // A few milliseconds more than the default, so the gathering is plain to see on a busy machine.
      GROUP_COMMIT_WAIT_MS: "10",
      LOG_LEVEL: "info",
      WORKER_ENABLED: "true",
      NODE_ENV: "production",
      PORT: "0",
    };
    // One after the other: pg-boss 10 creates each queue's partition on first start, and two workers doing
    // that at once on a fresh database can deadlock (40P01 in create_queue; the loser's worker exits).
    // Once the queues exist, creating them again changes nothing, so the second starts safely.
    workersStartedAt = Date.now();
    for (const name of ["instance A", "instance B"]) {
      const instance = await startInstance(name, vars);
      instances.push(instance);
      await waitFor("its worker to start", () => logLines(instance, "worker started").length === 1, 60_000, diagnose);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await pool?.stop();
  }, 60_000);

  it("refuses a session setting at the pooler; the client carries its lock budget in each transaction", async () => {
    // What a client that sends lock_timeout as a startup parameter gets from PgBouncer.
    const sessionClient = new pg.Client({ connectionString: pool!.url(databaseName), lock_timeout: 5000 });
    sessionClient.on("error", () => {});
    await expect(sessionClient.connect()).rejects.toThrow(/unsupported startup parameter: lock_timeout/);

    // lib/server/db.ts in transaction mode, in this process for a moment, with a budget unlike the role's.
    await disconnectDb();
    setEnv({ DATABASE_URL: pool!.url(databaseName), DATABASE_POOL_MODE: "transaction" });
    configureDb({ waitMs: 7_000 });
    try {
      // One after the other: a transaction that waited for its connection (a busy machine) is given the
      // rest of its budget instead, so each must show more than the role's 5 s and at most its own 7 s.
      const showInTransaction = () =>
        db.$transaction(
          async (tx) => (await tx.$queryRaw<{ lock_timeout: string }[]>`SHOW lock_timeout`)[0].lock_timeout,
        );
      for (let k = 0; k < 10; k++) {
        const ms = toMs(await showInTransaction());
        expect(ms).toBeGreaterThan(5_000);
        expect(ms).toBeLessThanOrEqual(7_000);
      }
      // (Two statements: Prisma runs a batch of one without a transaction.)
      const [batch] = await db.$transaction([
        db.$queryRaw<{ lock_timeout: string }[]>`SHOW lock_timeout`,
        db.$queryRaw`SELECT 1`,
      ]);
      expect(toMs(batch[0].lock_timeout)).toBeGreaterThan(5_000);
      // Outside a transaction: the role's default, on whichever server connection the pooler lends.
      const alone = await Promise.all(
        Array.from({ length: 20 }, () => db.$queryRaw<{ lock_timeout: string }[]>`SHOW lock_timeout`),
      );
      expect(new Set(alone.map((r) => r[0].lock_timeout))).toEqual(new Set([ROLE_LOCK_TIMEOUT]));
    } finally {
      await disconnectDb();
      setEnv({ DATABASE_URL: directUrl, DATABASE_POOL_MODE: "session" });
      configureDb(REQUEST_DB_PROFILE);
    }
  });

  it("single-bet requests across both instances: gathered per instance, each applied once, each answered alone", async () => {
    const game = await makeGame();
    const players = await Promise.all(Array.from({ length: 40 }, () => makePlayer()));
    const at = new Date(Date.now() - 60 * SEC);
    type TSend = {
      event: ReturnType<typeof bet>;
      to: number;
      expect: "applied" | "pair" | "UNKNOWN_USER" | "UNKNOWN_GAME";
    };
    const sends: TSend[] = [];
    const valid = Array.from({ length: 400 }, (_, i) =>
      bet(players[i % players.length].id, game.id, String((i % 7) + 1), at),
    );
    valid.forEach((event, i) => sends.push({ event, to: i % 2, expect: i < 40 ? "pair" : "applied" }));
    // 40 of them sent twice at once: 20 to the other instance, 20 to the same one.
    valid.slice(0, 40).forEach((event, i) => sends.push({ event, to: i < 20 ? 1 - (i % 2) : i % 2, expect: "pair" }));
    for (let i = 0; i < 10; i++) {
      sends.push({ event: bet(uniqueId(), game.id, "1", at), to: i % 2, expect: "UNKNOWN_USER" });
      sends.push({ event: bet(players[i].id, uniqueId(), "1", at), to: (i + 1) % 2, expect: "UNKNOWN_GAME" });
    }
    // Shuffled, so duplicates, bad events and both instances interleave.
    const order = sends
      .map((s, i) => ({ s, k: (i * 7919) % sends.length }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.s);

    const answers = await inParallel(
      order.map((s) => () => post(instances[s.to], "/api/v1/events/bets", s.event, apiKey)),
      64,
    );

    const appliedBy = new Map<string, number>();
    const pairStatuses = new Map<string, string[]>();
    order.forEach((s, i) => {
      const a = answers[i];
      const label = `${s.event.id} (${s.expect}) via ${instances[s.to].name}: ${JSON.stringify(a.json)}`;
      expect(a.status, label).toBe(200);
      expect(a.json.results, label).toHaveLength(1);
      const [r] = a.json.results;
      expect(r.id, label).toBe(s.event.id);
      if (r.status === "applied") appliedBy.set(s.event.id, s.to);
      if (s.expect === "applied") expect(r, label).toMatchObject({ status: "applied", error: null });
      else if (s.expect === "pair") pairStatuses.set(s.event.id, [...(pairStatuses.get(s.event.id) ?? []), r.status]);
      else expect(r, label).toMatchObject({ status: "rejected", error: { code: s.expect } });
    });
    for (const [id, statuses] of pairStatuses) expect(statuses.sort(), id).toEqual(["applied", "duplicate"]);
    expect(appliedBy.size).toBe(400);

    // Stored once each, and every player's wagering counts each of their bets once.
    const ids = valid.map((b) => b.id);
    const stored = await db.$queryRaw<{ id: string; tx: string }[]>`
      SELECT id, xmin::text AS tx FROM "Bet" WHERE id = ANY(${ids}::text[])`;
    expect(stored).toHaveLength(400);
    const wagered = new Map<number, number>();
    for (const b of valid) wagered.set(b.userId, (wagered.get(b.userId) ?? 0) + Number(b.usdAmount));
    const stats = await db.userStatsUsd.findMany({ where: { userId: { in: players.map((p) => p.id) } } });
    expect(new Map(stats.map((s) => [s.userId, Number(s.wageredUsdAmount)]))).toEqual(wagered);

    // Group commit: rows written by one transaction share its xmin. Fewer transactions than bets, and
    // each transaction's bets came through one instance (gathering is per process; the app stays stateless).
    const byTx = new Map<string, Set<number>>();
    for (const row of stored) byTx.set(row.tx, (byTx.get(row.tx) ?? new Set()).add(appliedBy.get(row.id)!));
    console.log(`pgbouncer.test.ts: 400 bets applied in ${byTx.size} transactions across two instances`);
    expect(byTx.size).toBeLessThan(400 / 2);
    for (const [tx, through] of byTx) expect(through.size, `transaction ${tx}`).toBe(1);
  });

  it("a promo with claimsLeft = N: exactly N of many concurrent claims succeed across both instances", async () => {
    const N = 25;
    const promo = await makePromo({ claimsLeft: N });
    const players = await Promise.all(Array.from({ length: 120 }, () => makePlayer()));
    const tokens = await Promise.all(players.map((p) => playerToken(p.id)));
    const answers = await inParallel(
      players.map((_, i) => () => post(instances[i % 2], "/api/v1/promo-codes/claim", { code: promo.code }, tokens[i])),
      60,
    );
    const statuses = answers.map((a) => (a.status === 201 ? "CLAIMED" : (a.json?.error?.code ?? String(a.status))));
    expect(statuses.filter((s) => s === "CLAIMED")).toHaveLength(N);
    expect(statuses.filter((s) => s !== "CLAIMED")).toEqual(Array(120 - N).fill("PROMO_EXHAUSTED"));
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).claimsLeft).toBe(0);
    expect(await db.userPromoCode.count({ where: { promoCodeId: promo.id } })).toBe(N);
  });

  it("the per-player claim limit counts both instances' requests", async () => {
    const player = await makePlayer();
    const token = await playerToken(player.id);
    // INSTANT promos: a player may hold any number of those (only one open deposit bonus).
    const promos = await Promise.all(
      Array.from({ length: 12 }, () =>
        makePromo({ type: "INSTANT", amount: "1", timeSecondsToComplete: null, claimsLeft: null }),
      ),
    );
    // All in one fixed window of the limit (a minute on the clock).
    await inOneRateWindow(60, 20_000);
    const answers = await Promise.all(
      promos.map((p, i) => post(instances[i % 2], "/api/v1/promo-codes/claim", { code: p.code }, token)),
    );
    const statuses = answers.map((a) => (a.status === 201 ? "CLAIMED" : (a.json?.error?.code ?? String(a.status))));
    expect(statuses.filter((s) => s === "CLAIMED")).toHaveLength(CLAIMS_PER_MINUTE);
    expect(statuses.filter((s) => s !== "CLAIMED")).toEqual(Array(12 - CLAIMS_PER_MINUTE).fill("RATE_LIMITED"));
    expect(answers.find((a) => a.status === 429)).toBeDefined();
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(CLAIMS_PER_MINUTE);
  });

  it("the worker's jobs run once across both instances: queued housekeeping and the scheduled bonus expiry", async () => {
    // Queued: windows older than an hour for housekeeping to prune, and six jobs for the two workers.
    const oldWindow = new Date(Date.now() - 2 * 3600 * SEC);
    const keys = Array.from({ length: 30 }, (_, i) => `pgbouncer-test:${i}`);
    await db.$executeRaw`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      SELECT k, ${oldWindow}, 1 FROM unnest(${keys}::text[]) AS k`;
    const housekeepingLines = () => instances.flatMap((i) => logLines(i, "housekeeping: pruned rate-limit windows"));
    const boss = new PgBoss({
      connectionString: directUrl,
      schema: "pgboss",
      supervise: false,
      schedule: false,
      migrate: false,
    });
    boss.on("error", () => {});
    await boss.start();
    const JOBS = 6;
    try {
      for (let j = 0; j < JOBS; j++) expect(await boss.send(QUEUES.housekeeping, {})).toBeTruthy();
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const housekeepingJobs = async () =>
      (
        await db.$queryRaw<{ all: number; completed: number; retried: number }[]>`
          SELECT count(*)::int AS all, (count(*) FILTER (WHERE state = 'completed'))::int AS completed,
                 (count(*) FILTER (WHERE retry_count > 0))::int AS retried
          FROM pgboss.job WHERE name = ${QUEUES.housekeeping}`
      )[0];
    await waitFor(
      "the housekeeping jobs",
      async () => {
        const jobs = await housekeepingJobs();
        return jobs.completed === jobs.all && housekeepingLines().length >= jobs.completed;
      },
      60_000,
      diagnose,
    );
    // Every housekeeping job (the six, and a scheduled one if a ten-minute mark passed) ran exactly once:
    // one handler run — one log line — per job, across both workers; each old window was deleted once.
    const jobs = await housekeepingJobs();
    const runs = housekeepingLines();
    console.log(
      `pgbouncer.test.ts: ${jobs.completed} housekeeping jobs, runs per instance: ${instances
        .map((i) => `${i.name} ${logLines(i, "housekeeping: pruned rate-limit windows").length}`)
        .join(", ")}`,
    );
    expect(jobs.completed).toBeGreaterThanOrEqual(JOBS);
    expect(runs.length).toBe(jobs.completed);
    expect(jobs.retried).toBe(0);
    expect(runs.reduce((sum, r) => sum + Number(r.removed), 0)).toBe(keys.length);
    expect(await db.rateLimitCounter.count({ where: { key: { in: keys } } })).toBe(0);

    // Scheduled: both workers scheduled bonus-expiry every minute; the bonuses due when they started
    // expire once — one forfeit each — in one run of the job, on one of the two instances.
    // The handler logs after its commit: wait for both, the state and the line.
    const expiryRuns = () => instances.flatMap((i) => logLines(i, "bonus expiry: bonuses expired"));
    await waitFor(
      "the scheduled bonus expiry",
      async () =>
        expiryRuns().length > 0 &&
        (await db.userPromoCode.count({
          where: { id: { in: dueBonuses.map((b) => b.claimId) }, status: "EXPIRED" },
        })) === dueBonuses.length,
      Math.max(10_000, workersStartedAt + 100_000 - Date.now()),
      diagnose,
    );
    expect(expiryRuns().map((r) => r.expired)).toEqual([dueBonuses.length]);
    for (const { userId, claimId } of dueBonuses) {
      const forfeits = await db.ledgerEntry.findMany({ where: { kind: "BONUS_FORFEIT", sourceId: claimId } });
      expect(
        forfeits.map((f) => f.amount.toFixed(2)),
        claimId,
      ).toEqual(["-10.00"]);
      const bonus = await db.balance.findUniqueOrThrow({
        where: { userId_currencyId_bucket: { userId, currencyId: "USDT", bucket: "BONUS" } },
      });
      expect(bonus.amount.toFixed(2)).toBe("0.00");
    }
    // One bonus-expiry job per scheduled minute, not one per instance: no two within 20 s of each other.
    const created = await db.$queryRaw<{ at: Date }[]>`
      SELECT created_on AS at FROM pgboss.job WHERE name = ${QUEUES.bonusExpiry} ORDER BY created_on`;
    const gaps = created.slice(1).map((c, k) => Math.round((c.at.getTime() - created[k].at.getTime()) / SEC));
    console.log(
      `pgbouncer.test.ts: ${created.length} bonus-expiry job(s)${gaps.length ? `, ${gaps.join(" s, ")} s apart` : ""}`,
    );
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (let k = 1; k < created.length; k++) {
      expect(created[k].at.getTime() - created[k - 1].at.getTime()).toBeGreaterThan(20 * SEC);
    }
  }, 150_000);
});
