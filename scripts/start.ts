// npm start — the whole product on one machine.
// Without DATABASE_URL: starts the embedded PostgreSQL (PGlite) under .data/, generates and keeps its
// secrets there, migrates, seeds the demo world when empty. With DATABASE_URL: uses it, requires the
// secrets, seeds nothing. Then builds the app if needed and runs the worker and the server. Ctrl-C
// stops every child process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { startEmbeddedPg, type TEmbeddedPg } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrator";
import { buildFingerprint } from "../lib/db/build-fingerprint";
import { childEnv, loadEnv, rawEnv, setEnv } from "../lib/env";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const port = Number(rawEnv("PORT") ?? 3000);
const dataDir = path.resolve(rawEnv("ROLLOVER_DATA_DIR") ?? ".data");
const children: ChildProcess[] = [];
let embedded: TEmbeddedPg | undefined;
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nstopping…");
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
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

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const res = spawnSync(cmd, args, { stdio: "inherit", env });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with code ${res.status}`);
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

  const env = childEnv({ NODE_ENV: "production" });
  if (isEmbedded) run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", "--if-empty"], env);

  const fingerprintFile = path.join(".next", "rollover-build-fingerprint");
  const fingerprint = buildFingerprint(process.cwd());
  if (!existsSync(fingerprintFile) || readFileSync(fingerprintFile, "utf8") !== fingerprint) {
    console.log("building the app (first start or changed sources)…");
    run(process.execPath, [NEXT_BIN, "build"], env);
    writeFileSync(fingerprintFile, fingerprint);
  }

  if (appEnv.WORKER_ENABLED) {
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      stdio: "inherit",
      env,
    });
    children.push(worker);
    worker.on("exit", (code) => !shuttingDown && console.error(`worker exited with code ${code}`));
  }
  // Next's own binary, not npx: no wrapper processes between our signals and the server.
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], { stdio: "inherit", env });
  children.push(server);
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
