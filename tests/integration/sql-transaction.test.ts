// sqlTransaction, the hot paths' transaction without Prisma's engine, opened by BEGIN with the
// statements that must run first (`first`, in BEGIN's round trip). What a caller notices: the first
// statement's own result, a real transaction around every statement, a failure anywhere rolling all
// of it back, and the connection fit for the next transaction.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { sqlTransaction } from "@/lib/server/sql-transaction";
import { ensureCurrencies, makePlayer } from "@/tests/fixtures/factories";

const countersOf = (key: string) => db.rateLimitCounter.count({ where: { key } });
const hit = (key: string) => Prisma.sql`
  INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, now(), 1) RETURNING "count"`;

describe("sqlTransaction", () => {
  it("the first statement answers with its own rows, the opening statements ran before it, and all of it commits", async () => {
    const key = `sqltx:${randomUUID()}`;
    const rows = await sqlTransaction(
      async (tx) => {
        const first = await tx.$queryRaw<{ setting: string }[]>`SELECT current_setting('application_name') AS setting`;
        await tx.$queryRaw(hit(key));
        return first;
      },
      // A statement that returns a row among them too (the bet path's lock is a SELECT).
      { first: ["SET LOCAL application_name = 'opened-with-begin'", "SELECT pg_advisory_xact_lock_shared(99, 1)"] },
    );
    // The SET LOCAL ran before the first statement, and inside a transaction block: outside one it
    // does nothing (a warning), so BEGIN came first.
    expect(rows).toEqual([{ setting: "opened-with-begin" }]);
    expect(await countersOf(key)).toBe(1);
  });

  it("a failure after the first statement rolls the first statement back too", async () => {
    const key = `sqltx:${randomUUID()}`;
    await expect(
      sqlTransaction(async (tx) => {
        await tx.$queryRaw(hit(key));
        await tx.$queryRaw`SELECT 1 / ${0}::int`;
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await countersOf(key)).toBe(0);
  });

  it("an opening statement that fails fails the transaction, writes nothing, and the next transaction runs", async () => {
    const key = `sqltx:${randomUUID()}`;
    await expect(sqlTransaction(async (tx) => tx.$queryRaw(hit(key)), { first: ["SELECT 1 / 0"] })).rejects.toThrow(/division by zero/);
    expect(await countersOf(key)).toBe(0);
    // Every connection of the pool comes back usable: more transactions than it holds, one after another.
    for (let i = 0; i < 12; i++) await sqlTransaction(async (tx) => tx.$queryRaw(hit(`${key}:${i}`)));
    expect(await db.rateLimitCounter.count({ where: { key: { startsWith: `${key}:` } } })).toBe(12);
  });

  it("a run that sends no statement still commits and returns its value", async () => {
    await ensureCurrencies();
    const player = await makePlayer();
    await expect(sqlTransaction(async () => player.id)).resolves.toBe(player.id);
    await expect(sqlTransaction(async (tx) => tx.$queryRaw<{ id: number }[]>`SELECT id FROM "User" WHERE id = ${player.id}`)).resolves.toEqual([{ id: player.id }]);
  });
});
