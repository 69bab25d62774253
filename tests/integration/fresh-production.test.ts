// A fresh production database (SPEC §7): `npm run db:migrate` needs only DATABASE_URL, brings the
// reference data with it, and a missing variable is one line, not a stack trace.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { bareEnv } from "@/lib/env";
import { createTestDatabase, type TTestDatabase } from "@/tests/support/test-database";

// The script as `npm run db:migrate` runs it, with nothing in the environment but what we pass.
function runMigrate(vars: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    env: bareEnv(vars),
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("a fresh production database", () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("rollover_mig", inject("serverUrl") || undefined);
  });
  afterAll(() => database.drop());

  it.skipIf(inject("isEmbedded"))("db:migrate with only DATABASE_URL migrates, and every currency is there to take a rate", async () => {
    const res = runMigrate({ DATABASE_URL: database.url });
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/migrations: \d+ applied, 0 already applied/);
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      const { rows } = await c.query<{ id: string; decimals: number }>(`SELECT id::text, decimals FROM "Currency" ORDER BY id`);
      expect(rows.map((r) => r.id).sort()).toEqual(["BTC", "DOGE", "ETH", "LTC", "SOL", "TRX", "USD", "USDC", "USDT"]);
      expect(rows.find((r) => r.id === "BTC")?.decimals).toBe(8);
      // An admin's first rate can be entered (the foreign key holds), and USD prices itself.
      await c.query(`INSERT INTO "CurrencyRate" ("currencyId", "usdRate", "validFrom") VALUES ('BTC', 95000, now())`);
      const usd = await c.query<{ rate: string }>(`SELECT usd_rate('USD', now())::text AS rate`);
      expect(Number(usd.rows[0].rate)).toBe(1);
    } finally {
      await c.end();
    }
  });

  it("a missing DATABASE_URL is one line naming it", () => {
    const res = runMigrate({});
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe("Invalid environment: DATABASE_URL is missing");
  });
});
