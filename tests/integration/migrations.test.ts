import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { migrate, migrationChecksum } from "@/lib/db/migrator";
import { createTestDatabase, type TTestDatabase } from "@/tests/support/test-database";

describe("migration runner", () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("rollover_mig", inject("serverUrl") || undefined);
  });
  afterAll(() => database.drop());

  async function query<T extends pg.QueryResultRow>(sql: string) {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      return (await c.query<T>(sql)).rows;
    } finally {
      await c.end();
    }
  }

  it("applies every migration to an empty database and records it as Prisma does", async () => {
    const result = await migrate({ connectionString: database.url });
    expect(result.applied.length).toBeGreaterThan(0);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    for (const row of rows) {
      const script = readFileSync(path.resolve("prisma/migrations", row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(migrationChecksum(script));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("re-running applies nothing", async () => {
    const before = await query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
    const result = await migrate({ connectionString: database.url });
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied.length).toBe(Number(before[0].n));
  });

  it("a failing migration leaves the database as it was and the error names the file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rollover-mig-"));
    cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    const broken = path.join(dir, "29990101000000_broken");
    mkdirSync(broken);
    writeFileSync(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "ShouldNotSurvive" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;\n`,
    );
    await expect(migrate({ connectionString: database.url, migrationsDir: dir })).rejects.toThrow(
      /29990101000000_broken\/migration\.sql/,
    );
    const left = await query(`SELECT 1 FROM pg_tables WHERE tablename = 'ShouldNotSurvive'`);
    expect(left).toHaveLength(0);
    const recorded = await query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
    expect(recorded).toHaveLength(0);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rollover-mig-"));
    cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    const [first] = (await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1 LIMIT 1`));
    const file = path.join(dir, first.migration_name, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8") + "\n-- edited\n");
    await expect(migrate({ connectionString: database.url, migrationsDir: dir })).rejects.toThrow(/edited after it was applied/);
  });
});
