import { inject } from "vitest";

import { setEnv } from "@/lib/env";

// Every worker talks to the run's database; secrets are fixed test values.
setEnv({
  DATABASE_URL: inject("databaseUrl"),
  DATABASE_POOL_SIZE: "8",
  NEXTAUTH_SECRET: "test-nextauth-secret-test-nextauth-secret",
  PLAYER_JWT_SECRET: "test-player-jwt-secret-test-player-jwt-secret",
  LOG_LEVEL: "silent",
  NODE_ENV: "test",
});
