import { inject } from "vitest";

import { setEnv } from "@/lib/env";

// Every worker talks to the run's database; secrets are fixed test values.
setEnv({
  DATABASE_URL: inject("databaseUrl"),
  DATABASE_POOL_SIZE: "8",
  // PGlite's connections share one session (scripts/start.ts).
  ...(inject("isEmbedded") ? { DATABASE_POOL_MODE: "transaction" } : {}),
  NEXTAUTH_SECRET: "test-nextauth-secret-test-nextauth-secret",
  PLAYER_JWT_SECRET: "test-player-jwt-secret-test-player-jwt-secret",
  LOG_LEVEL: "silent",
  // Race tests fire many calls per player at once; the limits have their own test.
  RATE_LIMIT_CLAIMS_PER_MINUTE: "100000",
  RATE_LIMIT_PLAYER_PER_MINUTE: "100000",
  RATE_LIMIT_API_KEY_PER_SECOND: "100000",
  NODE_ENV: "test",
});
