// For command-line tools run beside `npm start` on the embedded database: with no DATABASE_URL, use
// the embedded PostgreSQL's address and the secrets `npm start` keeps under .data/.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { rawEnv, setEnv } from "../lib/env";

if (!rawEnv("DATABASE_URL")) {
  const dataDir = path.resolve(rawEnv("ROLLOVER_DATA_DIR") ?? ".data");
  const secretsFile = path.join(dataDir, "secrets.json");
  if (existsSync(secretsFile)) {
    const secrets = JSON.parse(readFileSync(secretsFile, "utf8")) as Record<string, string>;
    const port = rawEnv("ROLLOVER_PG_PORT") ?? "54329";
    setEnv({ DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`, ...secrets });
  }
}
