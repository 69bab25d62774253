// npm start — the whole product on one machine.
// Without DATABASE_URL: starts the embedded PostgreSQL (PGlite) under .data/, generates and keeps its
// secrets there, migrates, seeds the demo world when empty. With DATABASE_URL: uses it, requires the
// secrets, seeds nothing. Then builds the app if needed and runs the worker and the server.
// SIGTERM (or Ctrl-C): the server stops accepting connections and answers what's in flight, the worker
// finishes its current job; whatever is still running at 20 s is killed, then the embedded database
// stops and this process exits (SPEC §7: everything gone within 30 s). `npm start` execs this file
// (package.json), so no shell sits between a process manager's signal and this handler.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { startEmbeddedPg, type TEmbeddedPg } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrator";
import { buildFingerprint } from "../lib/db/build-fingerprint";
import { childEnv, loadEnv, rawEnv, setEnv } from "../lib/env";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const GRACEFUL_HTTP = pathToFileURL(path.resolve("scripts/graceful-http.mjs")).href;
// Children still running then are killed; the embedded database then gets up to 10 s (lib/db/embedded.ts).
const SHUTDOWN_GRACE_MS = 20_000;
const port = Number(rawEnv("PORT") ?? 3000);
const dataDir = path.resolve(rawEnv("ROLLOVER_DATA_DIR") ?? ".data");
const children: ChildProcess[] = [];
let embedded: TEmbeddedPg | undefined;
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nstopping…");
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) c.kill("SIGTERM");
  const killer = setTimeout(() => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }, SHUTDOWN_GRACE_MS);
  await Promise.all(running.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  clearTimeout(killer);
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function loadOrCreateSecrets(): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secrets.json");
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  let changed = false;
  for (const name of ["NEXTAUTH_SECRET", "PLAYER_JWT_SECRET"]) {
    if (!secrets[name]) {
      secrets[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** A child that stops start-up when it fails; tracked, so a signal meanwhile reaches it too. */
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { stdio: "inherit", env });
  children.push(child);
  return child;
}

async function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = start(cmd, args, env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  if (shuttingDown) return new Promise<never>(() => {}); // shutdown() exits the process
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with code ${code}`);
}

async function main() {
  const isEmbedded = !rawEnv("DATABASE_URL");
  if (isEmbedded) {
    const secrets = loadOrCreateSecrets();
    const pgPort = Number(rawEnv("ROLLOVER_PG_PORT") ?? 54329);
    console.log(`starting embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dataDir)}/pglite on port ${pgPort}…`);
    embedded = await startEmbeddedPg({ dataDir: path.join(dataDir, "pglite"), port: pgPort });
    setEnv({
      DATABASE_URL: embedded.url,
      // PGlite serves one query at a time: a small pool is as fast and leaves connections for the rest.
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "4",
      // Every connection to PGlite shares its one session, as behind a transaction pooler: a named
      // prepared statement or a session setting made on one is there on all (and a second PREPARE
      // of the same name fails), so the client runs as it does behind PgBouncer.
      DATABASE_POOL_MODE: process.env.DATABASE_POOL_MODE ?? "transaction",
      ...Object.fromEntries(Object.entries(secrets).filter(([k]) => !process.env[k])),
    });
  }
  setEnv({ NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`, NEXT_TELEMETRY_DISABLED: "1" });

  let appEnv;
  try {
    appEnv = loadEnv();
  } catch (error) {
    console.error((error as Error).message);
    return shutdown(1);
  }

  const result = await migrate({
    connectionString: appEnv.DATABASE_URL,
    businessTimeZone: appEnv.BUSINESS_TIME_ZONE,
    log: (l) => console.log(`  ${l}`),
  });
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  if (shuttingDown) return;

  const env = childEnv({ NODE_ENV: "production" });
  if (isEmbedded) await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", "--if-empty"], env);

  const fingerprintFile = path.join(".next", "rollover-build-fingerprint");
  const fingerprint = buildFingerprint(process.cwd());
  if (!existsSync(fingerprintFile) || readFileSync(fingerprintFile, "utf8") !== fingerprint) {
    console.log("building the app (first start or changed sources)…");
    await run(process.execPath, [NEXT_BIN, "build"], env);
    writeFileSync(fingerprintFile, fingerprint);
  }

  if (appEnv.WORKER_ENABLED) {
    const worker = start(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], env);
    worker.on("exit", (code) => !shuttingDown && console.error(`worker exited with code ${code}`));
  }
  // Next's own binary, not npx: no wrapper processes between our signals and the server. The preload
  // closes keep-alive connections once their in-flight response is out (Next only stops listening).
  const server = start(process.execPath, ["--import", GRACEFUL_HTTP, NEXT_BIN, "start", "-p", String(port)], env);
  server.on("exit", (code) => void shutdown(code ?? 1));

  console.log(`\nRollover back office: http://localhost:${port}`);
  if (isEmbedded) {
    const { DEMO_OPERATORS } = await import("../lib/server/seed/operators");
    console.log("demo sign-ins:");
    for (const op of DEMO_OPERATORS) console.log(`  ${op.role.padEnd(18)} ${op.email.padEnd(28)} ${op.password}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
