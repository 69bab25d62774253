// The server the browser tests run against: a fresh database (on DATABASE_URL's server, or an
// embedded PGlite), migrated and seeded, then `next start`. The database is dropped on exit.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

import { migrate } from "@/lib/db/migrator";
import { childEnv, rawEnv } from "@/lib/env";
import { createTestDatabase, serverUrl } from "@/tests/support/test-database";
import { E2E_STATE_DIR, E2E_DB_FILE, E2E_SECRETS } from "@/tests/e2e/support/state";

const port = rawEnv("E2E_PORT") ?? "3100";
const database = await createTestDatabase("rollover_e2e", serverUrl());
await migrate({ connectionString: database.url });
mkdirSync(E2E_STATE_DIR, { recursive: true });
writeFileSync(E2E_DB_FILE, JSON.stringify({ url: database.url }));

const env = childEnv({
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: database.isEmbedded ? "4" : "10",
  // PGlite's connections share one session (scripts/start.ts).
  ...(database.isEmbedded ? { DATABASE_POOL_MODE: "transaction" } : {}),
  ...E2E_SECRETS,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  WORKER_ENABLED: "false",
  // The webhook specs point endpoints at a receiver of their own on loopback.
  WEBHOOK_ALLOW_PRIVATE: "1",
});
const seeded = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], {
  env,
  stdio: "inherit",
});
if (seeded.status !== 0) throw new Error("seeding the e2e database failed");

const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"], {
  env,
  stdio: "inherit",
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  await database.drop().catch(() => {});
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", () => void stop());
