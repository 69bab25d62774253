import { hash } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import pg from "pg";

import { e2eDatabaseUrl } from "./state";

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A throwaway operator for tests that change or lock an account. */
export async function createOperator(role: string, options: { mustChangePassword?: boolean } = {}) {
  const email = `e2e_${randomBytes(4).toString("hex")}@test.local`;
  const password = `pw-${randomBytes(6).toString("hex")}-1`;
  const [row] = await sql<{ id: number }>(
    `INSERT INTO "User" (username, email, role, "passwordHash", "mustChangePassword")
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [email.split("@")[0], email, role, await hash(password), options.mustChangePassword ?? false],
  );
  return { id: row.id, email, password };
}

/** A platform API key inserted directly (stored as its SHA-256, as the app stores it). */
export async function createPlatformKey(name = "e2e platform") {
  const key = `rk_live_${randomBytes(24).toString("base64url")}`;
  const { createHash } = await import("node:crypto");
  await sql(`INSERT INTO "ApiKey" (name, prefix, hash) VALUES ($1, $2, $3)`, [
    name,
    key.slice(0, 14),
    createHash("sha256").update(key).digest("hex"),
  ]);
  return key;
}
