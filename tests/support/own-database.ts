// For a test file whose checks rebuild derived figures from every stored event (rebuildDerivedStats):
// on a real server it gets a database of its own, migrated, so the rebuild can't rewrite the rollups
// other files are asserting on. The embedded PGlite has one shared database, so there it runs in it.
import { afterAll, beforeAll, inject } from "vitest";

import { migrate } from "@/lib/db/migrator";
import { setEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db";
import { createTestDatabase, serverUrl, type TTestDatabase } from "@/tests/support/test-database";

/** Registers the hooks; call it before the file's own beforeAll (hooks run in the order registered). */
export function useOwnDatabase(prefix: string) {
  let database: TTestDatabase | undefined;
  beforeAll(async () => {
    if (inject("isEmbedded")) return;
    database = await createTestDatabase(prefix, serverUrl());
    await migrate({ connectionString: database.url });
    await disconnectDb();
    setEnv({ DATABASE_URL: database.url });
  }, 120_000);
  afterAll(async () => {
    if (!database) return;
    await disconnectDb();
    await database.drop();
  });
}
