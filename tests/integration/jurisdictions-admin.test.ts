import { randomBytes } from "node:crypto";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { durationWords } from "@/lib/domain/promos/compliance";
import { EMPTY_JURISDICTION, type TJurisdictionInput } from "@/lib/schemas/jurisdictions";
import type { TOperator } from "@/lib/server/auth/guards";
import { makeOperator } from "@/tests/fixtures/factories";

// Settings → Jurisdictions through its real server actions: only the session cookie (next-auth's
// getServerSession) and revalidation are stubbed; the permission check, parsing, the transaction and
// the audit row are the real ones. Other files read the seeded GB/DK/SE/BE rows (GB's 10× above
// all), so this file only reads them and writes region codes of its own (CA-xxx, unique per run).
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const { createJurisdictionAction, updateJurisdictionAction, deleteJurisdictionAction } = await import("@/app/(admin)/settings/jurisdictions/actions");
const { listJurisdictionRules, listJurisdictions } = await import("@/lib/server/jurisdictions/queries");
const { db } = await import("@/lib/server/db");

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** A region code no other test uses: CA- and three random letters or digits. */
const uniqueRegion = () => `CA-${[...randomBytes(3)].map((b) => ALNUM[b % ALNUM.length]).join("")}`;

const asOperator = (op: Awaited<ReturnType<typeof makeOperator>>): TOperator => ({
  id: op.id, email: op.email!, name: op.username, role: op.role as TOperator["role"], mustChangePassword: false,
});

let admin: TOperator;
let promoManager: TOperator;

beforeAll(async () => {
  admin = asOperator(await makeOperator("ADMIN"));
  promoManager = asOperator(await makeOperator("PROMO_MANAGER"));
});

const values = (v: Partial<TJurisdictionInput>): TJurisdictionInput => ({ ...EMPTY_JURISDICTION, ...v });
const audits = (code: string) =>
  db.auditLog.findMany({ where: { entityType: "Jurisdiction", entityId: code }, orderBy: { id: "asc" } });
const rulesOf = async (code: string) => (await listJurisdictions()).find((j) => j.code === code) ?? null;

describe("the migration's reference rows", () => {
  it("seeds GB, DK, SE and BE with their rules (NULL = no rule)", async () => {
    const rows = (await listJurisdictions()).filter((j) => ["BE", "DK", "GB", "SE"].includes(j.code));
    expect(rows).toEqual([
      { code: "BE", bonusesAllowed: false, maxWagerMultiplier: null, maxBonusUsdAmount: null, minSecondsToComplete: null, firstBonusOnly: null },
      { code: "DK", bonusesAllowed: null, maxWagerMultiplier: null, maxBonusUsdAmount: "155", minSecondsToComplete: 5_184_000, firstBonusOnly: null },
      { code: "GB", bonusesAllowed: null, maxWagerMultiplier: "10", maxBonusUsdAmount: null, minSecondsToComplete: null, firstBonusOnly: null },
      { code: "SE", bonusesAllowed: null, maxWagerMultiplier: null, maxBonusUsdAmount: null, minSecondsToComplete: 5_184_000, firstBonusOnly: true },
    ]);
    // DKK 1,000 at 6.45 DKK per USD is 155.04…, kept at 155 so the cap stays under DKK 1,000; 60 days exactly.
    expect(155 * 6.45).toBeLessThanOrEqual(1000);
    expect(durationWords(5_184_000)).toBe("60 days");
  });
});

describe("jurisdiction actions as ADMIN", () => {
  it("create, edit and delete, each with its audit row (before/after); the claim's read sees each change at once", async () => {
    session.operator = admin;
    const code = uniqueRegion();

    const created = await createJurisdictionAction(
      values({ code, bonusesAllowed: "true", maxWagerMultiplier: "10", maxBonusUsdAmount: "100.5", minDaysToComplete: "30" }),
    );
    expect(created?.data).toEqual({ id: code });
    expect(await rulesOf(code)).toEqual({
      code, bonusesAllowed: true, maxWagerMultiplier: "10", maxBonusUsdAmount: "100.5", minSecondsToComplete: 30 * 86_400, firstBonusOnly: null,
    });

    const updated = await updateJurisdictionAction(values({ code, bonusesAllowed: "", maxWagerMultiplier: "12", minDaysToComplete: "", firstBonusOnly: true }));
    expect(updated?.data).toEqual({ id: code });
    // What the claim rules read (no cache): the new rules, from the very next read on.
    const [raw] = (await listJurisdictionRules()).filter((j) => j.code === code);
    expect(raw).toMatchObject({ bonusesAllowed: null, minSecondsToComplete: null, firstBonusOnly: true });
    expect(Number(raw.maxWagerMultiplier)).toBe(12);
    expect(raw.maxBonusUsdAmount).toBeNull();

    expect((await deleteJurisdictionAction({ code }))?.data).toEqual({ id: code });
    expect(await db.jurisdiction.count({ where: { code } })).toBe(0);

    const log = await audits(code);
    expect(log.map((a) => [a.action, a.operatorId])).toEqual([
      ["jurisdiction.create", admin.id],
      ["jurisdiction.update", admin.id],
      ["jurisdiction.delete", admin.id],
    ]);
    const v1 = { code, bonusesAllowed: true, maxWagerMultiplier: "10", maxBonusUsdAmount: "100.5", minSecondsToComplete: 2_592_000, firstBonusOnly: null };
    const v2 = { code, bonusesAllowed: null, maxWagerMultiplier: "12", maxBonusUsdAmount: null, minSecondsToComplete: null, firstBonusOnly: true };
    expect(log[0]).toMatchObject({ before: null, after: v1 });
    expect(log[1]).toMatchObject({ before: v1, after: v2 });
    expect(log[2]).toMatchObject({ before: v2, after: null });
  });

  it("a code that already has rules is a field error on code, and the row is left as it was", async () => {
    session.operator = admin;
    const res = await createJurisdictionAction(values({ code: "GB", maxWagerMultiplier: "50" }));
    expect(res?.validationErrors).toMatchObject({ code: { _errors: ["GB already has rules: edit its row instead"] } });
    expect((await rulesOf("GB"))?.maxWagerMultiplier).toBe("10");

    const code = uniqueRegion();
    expect((await createJurisdictionAction(values({ code, bonusesAllowed: "false" })))?.data).toEqual({ id: code });
    const again = await createJurisdictionAction(values({ code }));
    expect(again?.validationErrors).toMatchObject({ code: { _errors: [`${code} already has rules: edit its row instead`] } });
    expect((await rulesOf(code))?.bonusesAllowed).toBe(false);
    expect((await audits(code)).map((a) => a.action)).toEqual(["jurisdiction.create"]);
  });

  it("editing or deleting a code without rules says so and writes nothing", async () => {
    session.operator = admin;
    const code = uniqueRegion();
    expect((await updateJurisdictionAction(values({ code, maxWagerMultiplier: "5" })))?.serverError).toMatch(`${code} has no rules`);
    expect((await deleteJurisdictionAction({ code }))?.serverError).toMatch(`${code} has no rules`);
    expect(await db.jurisdiction.count({ where: { code } })).toBe(0);
    expect(await audits(code)).toEqual([]);
  });

  it.each([
    ["an unknown country", { code: "XX" }, "code", "XX is not an ISO 3166-1 country code"],
    ["lower case", { code: "gb" }, "code", "Use upper case: GB"],
    ["an unknown country with a region", { code: "ZZ-ON" }, "code", "ZZ is not an ISO 3166-1 country code"],
    ["a malformed code", { code: "CA-ONTARIO" }, "code", "A two-letter ISO 3166-1 country code in upper case, optionally with a region: GB, CA-ON"],
    ["no code", { code: "" }, "code", "Enter a code such as GB or CA-ON"],
    ["a negative wagering cap", { maxWagerMultiplier: "-1" }, "maxWagerMultiplier", "Can't be negative: 0 or more, or empty for no rule"],
    ["a wagering cap of 1,000", { maxWagerMultiplier: "1000" }, "maxWagerMultiplier", "A multiplier such as 10, below 1,000"],
    ["a negative bonus cap", { maxBonusUsdAmount: "-155" }, "maxBonusUsdAmount", "Can't be negative: 0 or more, or empty for no rule"],
    ["a bonus cap that is not a number", { maxBonusUsdAmount: "1e3" }, "maxBonusUsdAmount", "A USD amount such as 155.00, below 1,000,000,000,000"],
    ["a fraction of a day", { minDaysToComplete: "1.5" }, "minDaysToComplete", "Whole number"],
    ["negative days", { minDaysToComplete: "-60" }, "minDaysToComplete", "Can't be negative: 0 or more, or empty for no rule"],
    ["more days than an int4 of seconds holds", { minDaysToComplete: "24856" }, "minDaysToComplete", "Choose at most 24,855 days"],
    ["a bonuses choice that is not one", { bonusesAllowed: "maybe" as "" }, "bonusesAllowed", "Choose no rule, allowed or not allowed"],
  ] as const)("%s → a field error on that field and nothing saved", async (_name, bad, field, message) => {
    session.operator = admin;
    const code = uniqueRegion();
    const input = values({ code, ...(bad as Partial<TJurisdictionInput>) });
    const res = await createJurisdictionAction(input);
    expect(res?.data).toBeUndefined();
    expect(res?.validationErrors).toMatchObject({ [field]: { _errors: [message] } });
    expect(await db.jurisdiction.count({ where: { code: input.code } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityType: "Jurisdiction", operatorId: admin.id, entityId: input.code } })).toBe(0);
  });

  it("the largest values fit: 999.99× wagering, a cap below 1e12, 24,855 days (int4 seconds)", async () => {
    session.operator = admin;
    const code = uniqueRegion();
    const res = await createJurisdictionAction(values({ code, maxWagerMultiplier: "999.99", maxBonusUsdAmount: "999999999999.99", minDaysToComplete: "24855" }));
    expect(res?.data).toEqual({ id: code });
    expect(await rulesOf(code)).toMatchObject({ maxWagerMultiplier: "999.99", maxBonusUsdAmount: "999999999999.99", minSecondsToComplete: 24_855 * 86_400 });
    await deleteJurisdictionAction({ code });
  });
});

describe("jurisdiction actions are ADMIN only (checked on the server)", () => {
  it.each(["PROMO_MANAGER", "SUPPORT", "AFFILIATE_MANAGER"] as const)("%s is refused create, edit and delete; nothing changes", async (role) => {
    session.operator = role === "PROMO_MANAGER" ? promoManager : asOperator(await makeOperator(role));
    const code = uniqueRegion();
    expect((await createJurisdictionAction(values({ code, bonusesAllowed: "false" })))?.serverError).toBe("You don't have access to this.");
    expect(await db.jurisdiction.count({ where: { code } })).toBe(0);
    expect((await updateJurisdictionAction(values({ code: "GB", maxWagerMultiplier: "50" })))?.serverError).toBe("You don't have access to this.");
    expect((await deleteJurisdictionAction({ code: "BE" }))?.serverError).toBe("You don't have access to this.");
    expect(await rulesOf("GB")).toMatchObject({ maxWagerMultiplier: "10" });
    expect(await rulesOf("BE")).toMatchObject({ bonusesAllowed: false });
    expect(await db.auditLog.count({ where: { entityType: "Jurisdiction", operatorId: session.operator.id } })).toBe(0);
  });

  it("a signed-out caller is refused", async () => {
    session.operator = null;
    expect((await createJurisdictionAction(values({ code: uniqueRegion() })))?.serverError).toBe("Please sign in again.");
  });
});
