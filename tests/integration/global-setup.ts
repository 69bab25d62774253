import type { TestProject } from "vitest/node";

import { migrate } from "@/lib/db/migrator";
import { createTestDatabase, serverUrl } from "@/tests/support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The PostgreSQL server (for tests that need a database of their own); "" when embedded. */
    serverUrl: string;
    isEmbedded: boolean;
  }
}

// A fresh database per run, migrated by the project's own runner.
export default async function setup(project: TestProject) {
  const server = serverUrl();
  const database = await createTestDatabase("rollover_it", server);
  await migrate({ connectionString: database.url });
  project.provide("databaseUrl", database.url);
  project.provide("isEmbedded", database.isEmbedded);
  project.provide("serverUrl", server ?? "");
  if (database.isEmbedded) {
    console.warn(
      "\n!!! DATABASE_URL is not set: integration tests run on the embedded PGlite.\n" +
        "!!! Race tests need a real PostgreSQL and are SKIPPED. CI always runs them.\n",
    );
  }
  return async () => {
    await database.drop();
  };
}
