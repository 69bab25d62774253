// Creates and drops the uniquely named databases the integration and browser tests run against.
// With DATABASE_URL (or TEST_DATABASE_URL) set, they live on that PostgreSQL server; without, on an
// embedded PGlite started for the run (race tests are then skipped, loudly).
import { randomBytes } from "node:crypto";
import pg from "pg";

import { startEmbeddedPg, type TEmbeddedPg } from "@/lib/db/embedded";
import { rawEnv } from "@/lib/env";

export type TTestDatabase = { url: string; isEmbedded: boolean; drop: () => Promise<void> };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The server the run's databases are created on; undefined means "use an embedded PGlite". */
export function serverUrl(): string | undefined {
  return rawEnv("TEST_DATABASE_URL") ?? rawEnv("DATABASE_URL");
}

export async function createTestDatabase(prefix: string, base: string | undefined): Promise<TTestDatabase> {
  if (!base) {
    const port = 40000 + Math.floor(Math.random() * 20000);
    const embedded: TEmbeddedPg = await startEmbeddedPg({ port });
    return { url: embedded.url, isEmbedded: true, drop: () => embedded.stop() };
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(base, name),
    isEmbedded: false,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
