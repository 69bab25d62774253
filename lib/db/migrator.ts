// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` would, without Prisma's
// native schema engine (which can't be downloaded on every machine we run on). Each migration runs in
// its own transaction under an advisory lock and is recorded in _prisma_migrations with Prisma's
// checksum (SHA-256 of the script), so `prisma migrate deploy` on a connected machine agrees.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_LOCK_KEY = 72_707_369; // any constant; shared by every runner of this project

// The table exactly as Prisma creates it.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type TMigrationResult = { applied: string[]; alreadyApplied: string[] };

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Migration failed: ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "MigrationError";
  }
}

export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script).digest("hex");
}

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

async function listMigrations(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function migrate(options: {
  connectionString: string;
  migrationsDir?: string;
  businessTimeZone?: string;
  log?: (line: string) => void;
}): Promise<TMigrationResult> {
  const dir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  const result: TMigrationResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATIONS_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const recorded = new Map(rows.filter((r) => !r.rolled_back_at).map((r) => [r.migration_name, r]));

    for (const name of await listMigrations(dir)) {
      const file = path.join(dir, name, "migration.sql");
      const script = await readFile(file, "utf8");
      const checksum = migrationChecksum(script);
      const existing = recorded.get(name);
      if (existing) {
        if (!existing.finished_at) {
          throw new MigrationError(file, "recorded as started but not finished; resolve it before migrating");
        }
        if (existing.checksum !== checksum) {
          throw new MigrationError(file, "was edited after it was applied (checksum differs); add a new migration instead");
        }
        result.alreadyApplied.push(name);
        continue;
      }
      try {
        await client.query("BEGIN");
        await client.query(script);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(path.relative(process.cwd(), file), error);
      }
      result.applied.push(name);
      log(`applied ${name}`);
    }

    if (options.businessTimeZone) {
      // Views cut business days with this setting; new sessions pick it up.
      const { rows: db } = await client.query<{ name: string }>("SELECT current_database() AS name");
      const tz = options.businessTimeZone.replace(/'/g, "''");
      await client.query(`ALTER DATABASE "${db[0].name.replace(/"/g, '""')}" SET rollover.business_time_zone = '${tz}'`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATIONS_LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return result;
}
