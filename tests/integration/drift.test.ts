import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { actualSchema, diffSchemas, expectedSchema } from "@/tests/support/schema-diff";

describe("schema drift: schema.prisma vs the migrated database", () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("agree on every table, column, type, nullability, default, index, foreign key, enum and view", async () => {
    const diff = diffSchemas(await expectedSchema(), await actualSchema(client));
    expect(diff).toEqual([]);
  });

  it("notices a column, an index and a default that exist on one side only", async () => {
    const expected = await expectedSchema();
    const actual = await actualSchema(client);
    // Simulate drift on a copy of the database's shape.
    actual.tables.PromoCode.extraColumn = { type: "text", nullable: true, default: null };
    delete actual.tables.Bet.commissionAmount;
    actual.tables.User.disabled = { ...actual.tables.User.disabled, default: "true" };
    actual.indexes.PromoCode = actual.indexes.PromoCode.filter((i) => i !== "unique(code,isActive)");
    // A partial index the migration dropped while the model's comment still names it.
    actual.indexes.WebhookEvent = actual.indexes.WebhookEvent.filter((i) => i !== "partial(WebhookEvent_notFannedOut_idx)");
    const diff = diffSchemas(expected, actual);
    expect(diff).toEqual(
      expect.arrayContaining([
        "PromoCode.extraColumn: in the database, not in schema.prisma",
        "Bet.commissionAmount: in schema.prisma, not in the database",
        "User.disabled: default false (schema) vs true (db)",
        "index PromoCode unique(code,isActive): in schema.prisma, not in the database",
        "index WebhookEvent partial(WebhookEvent_notFannedOut_idx): in schema.prisma, not in the database",
      ]),
    );
  });
});
