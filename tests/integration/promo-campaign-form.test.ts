import { beforeAll, describe, expect, it, vi } from "vitest";

import type { TPromoCodeInput } from "@/lib/schemas/promo-codes";
import type { TOperator } from "@/lib/server/auth/guards";
import { ensureCurrencies, makePromo, makeSessionOperator, promoFormValues, uniqueCode } from "@/tests/fixtures/factories";

// Issue #16, the promo form's campaign controls through the real create and update actions: bad
// input comes back as an error on its own field (what the form shows beside it) and saves nothing;
// a good save stores the controls and audits them. Only the session and revalidation are stubbed.
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const { createPromoCodeAction, updatePromoCodeAction } = await import("@/app/(admin)/promo-codes/actions");
const { db } = await import("@/lib/server/db");

beforeAll(async () => {
  await ensureCurrencies();
  session.operator = await makeSessionOperator("PROMO_MANAGER");
});

const values = (over: Partial<TPromoCodeInput> = {}) => promoFormValues({ title: "Campaign test", code: uniqueCode("CAMP"), ...over });

/** The messages on one field of an action's validation errors, its items' included ("countries.0"). */
function messagesOn(errors: unknown, field: string): string[] {
  const node = (errors as Record<string, unknown> | undefined)?.[field];
  const collect = (n: unknown): string[] =>
    !n || typeof n !== "object"
      ? []
      : Object.entries(n).flatMap(([k, v]) => (k === "_errors" ? (v as string[]) : collect(v)));
  return collect(node);
}

/** Every field that carries a message. */
const fieldsWithErrors = (errors: unknown) =>
  Object.keys((errors as Record<string, unknown>) ?? {}).filter((f) => f !== "_errors" && messagesOn(errors, f).length > 0);

describe("a create with bad campaign controls is an error on that field and saves nothing", () => {
  const tag41 = "t".repeat(41);
  const tags21 = Array.from({ length: 21 }, (_, i) => `tag_${i}`);
  it.each([
    ["an unknown country", { countries: ["DE", "XX"] }, "countries", /ISO 3166-1 alpha-2/],
    ["a lower-case country", { excludedCountries: ["fr"] }, "excludedCountries", /upper case, such as FR/],
    ["a 41-character tag", { requiredTags: [tag41] }, "requiredTags", /1 to 40 of A-Z a-z 0-9 _ -/],
    ["21 tags", { excludedTags: tags21 }, "excludedTags", /at most 20 tags/],
    ["a negative budget", { budgetUsdAmount: "-5" }, "budgetUsdAmount", /Budget must be a number such as 12\.50/],
    ["a zero budget", { budgetUsdAmount: "0.00" }, "budgetUsdAmount", /above 0; leave it empty for no budget/],
    ["a country allowed and excluded at once", { countries: ["AT", "DE"], excludedCountries: ["DE"] }, "excludedCountries", /Allowed and excluded at once: DE/],
  ] as const)("%s", async (_name, over, field, message) => {
    const v = values(over as Partial<TPromoCodeInput>);
    const res = await createPromoCodeAction(v);
    expect(res?.data).toBeUndefined();
    expect(fieldsWithErrors(res?.validationErrors)).toEqual([field]);
    expect(messagesOn(res?.validationErrors, field).join(" ")).toMatch(message);
    expect(await db.promoCode.count({ where: { code: v.code.toUpperCase() } })).toBe(0);
  });

  it("20 tags of 40 characters are the most that fit", async () => {
    const tags = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, "0")}${"x".repeat(38)}`);
    const res = await createPromoCodeAction(values({ requiredTags: tags }));
    expect(res?.validationErrors).toBeUndefined();
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: res!.data!.id } })).requiredTags).toEqual(tags);
  });
});

describe("a good save stores the controls and audits them", () => {
  it("create: budget, deposit rule, countries (sorted, repeats dropped) and tags", async () => {
    const v = values({
      budgetUsdAmount: "2500.50",
      depositRule: "FIRST_DEPOSIT",
      countries: ["DE", "AT", "DE"],
      excludedCountries: ["FR"],
      requiredTags: ["vip", "high_roller"],
      excludedTags: ["abuser"],
    });
    const res = await createPromoCodeAction(v);
    expect(res?.validationErrors, JSON.stringify(res)).toBeUndefined();
    const row = await db.promoCode.findUniqueOrThrow({ where: { id: res!.data!.id } });
    expect(row.budgetUsdAmount?.toFixed()).toBe("2500.5");
    expect(row.grantedUsdAmount.toFixed()).toBe("0");
    expect(row).toMatchObject({
      depositRule: "FIRST_DEPOSIT",
      countries: ["AT", "DE"],
      excludedCountries: ["FR"],
      requiredTags: ["vip", "high_roller"],
      excludedTags: ["abuser"],
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id, action: "promo_code.create" } });
    expect(audit.after).toMatchObject({
      budgetUsdAmount: "2500.5",
      depositRule: "FIRST_DEPOSIT",
      countries: ["AT", "DE"],
      excludedCountries: ["FR"],
      requiredTags: ["vip", "high_roller"],
      excludedTags: ["abuser"],
    });
  });

  it("create without the fields: no budget, ANY, no targeting (the columns' defaults)", async () => {
    const res = await createPromoCodeAction(values());
    const row = await db.promoCode.findUniqueOrThrow({ where: { id: res!.data!.id } });
    expect(row).toMatchObject({ budgetUsdAmount: null, depositRule: "ANY", countries: [], excludedCountries: [], requiredTags: [], excludedTags: [] });
  });

  it("update: changes are audited before and after; fields left out keep what is stored; an empty budget removes it", async () => {
    const promo = await makePromo({ budgetUsdAmount: "1000", depositRule: "RELOAD", countries: ["DE"], requiredTags: ["vip"] });
    const base = values({ code: promo.code, type: "DEPOSIT" });
    const res = await updatePromoCodeAction({ id: promo.id, values: { ...base, budgetUsdAmount: "1200", countries: ["AT", "DE"] } });
    expect(res?.validationErrors, JSON.stringify(res)).toBeUndefined();
    let row = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect(row.budgetUsdAmount?.toFixed()).toBe("1200");
    expect(row).toMatchObject({ depositRule: "RELOAD", countries: ["AT", "DE"], requiredTags: ["vip"] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: promo.id, action: "promo_code.update" } });
    expect(audit.before).toMatchObject({ budgetUsdAmount: "1000", countries: ["DE"] });
    expect(audit.after).toMatchObject({ budgetUsdAmount: "1200", countries: ["AT", "DE"] });

    await updatePromoCodeAction({ id: promo.id, values: { ...base, budgetUsdAmount: "" } });
    row = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect(row.budgetUsdAmount).toBeNull();
  });
});

describe("an edit can't put the budget below what is already granted", () => {
  it("below: an error on the budget naming the granted figure, nothing saved; equal: saved", async () => {
    const promo = await makePromo({ budgetUsdAmount: "500", grantedUsdAmount: "150.25" });
    const base = values({ code: promo.code, type: "DEPOSIT", title: "Renamed" });

    const below = await updatePromoCodeAction({ id: promo.id, values: { ...base, budgetUsdAmount: "150.24" } });
    expect(below?.data).toBeUndefined();
    // A domain error names its field at the top (withFieldErrors); the form maps it beside the field like the schema's.
    expect(below?.validationErrors).toEqual({ budgetUsdAmount: { _errors: ["The budget can't be below the $150.25 already granted"] } });
    const unchanged = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect([unchanged.title, unchanged.budgetUsdAmount?.toFixed()]).toEqual(["Test promo", "500"]);
    expect(await db.auditLog.count({ where: { entityId: promo.id, action: "promo_code.update" } })).toBe(0);

    const equal = await updatePromoCodeAction({ id: promo.id, values: { ...base, budgetUsdAmount: "150.25" } });
    expect(equal?.validationErrors).toBeUndefined();
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).budgetUsdAmount?.toFixed()).toBe("150.25");
  });
});

describe("a budget given to a promo that has granted before counts those grants", () => {
  it("the granted figure is recounted from the ledger, and a budget below it is refused", async () => {
    const { claimPromoCode } = await import("@/lib/server/claims/claim");
    const { makePlayer } = await import("@/tests/fixtures/factories");
    const promo = await makePromo({ type: "INSTANT", amount: "5", currencyId: "USDT", timeSecondsToComplete: null, wagerMultiplierToComplete: "0" });
    for (let i = 0; i < 3; i++) await claimPromoCode((await makePlayer()).id, promo.code);
    // No budget yet: the counter isn't kept.
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).grantedUsdAmount.toFixed()).toBe("0");
    const base = values({ code: promo.code, type: "INSTANT", amount: "5", maxBonusUsdAmount: "", timeToComplete: "", wagerMultiplierToComplete: "0", bonusMultiplier: "0" });

    const below = await updatePromoCodeAction({ id: promo.id, values: { ...base, budgetUsdAmount: "14.99" } });
    expect(below?.validationErrors).toEqual({ budgetUsdAmount: { _errors: ["The budget can't be below the $15.00 already granted"] } });

    const ok = await updatePromoCodeAction({ id: promo.id, values: { ...base, budgetUsdAmount: "20" } });
    expect(ok?.validationErrors).toBeUndefined();
    const saved = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect([saved.budgetUsdAmount?.toFixed(), saved.grantedUsdAmount.toFixed()]).toEqual(["20", "15"]);
    // One more credit fits, the second doesn't.
    expect((await claimPromoCode((await makePlayer()).id, promo.code)).credit).toEqual({ currencyId: "USDT", amount: "5.00" });
    await expect(claimPromoCode((await makePlayer()).id, promo.code)).rejects.toMatchObject({ code: "PROMO_EXHAUSTED" });
  });
});

describe("the list's budget column and its nearly-spent filter", () => {
  it("shows used / budget, and the filter keeps budgets 80% granted or more", async () => {
    const { listPromoCodes } = await import("@/lib/server/promo-codes/queries");
    const { ZPromoListQuery } = await import("@/lib/schemas/promo-codes");
    const prefix = uniqueCode("BUD");
    const at80 = await makePromo({ code: `${prefix}A`, budgetUsdAmount: "1000", grantedUsdAmount: "800" });
    await makePromo({ code: `${prefix}B`, budgetUsdAmount: "1000", grantedUsdAmount: "799.999999" });
    const none = await makePromo({ code: `${prefix}C` });
    const spent = await makePromo({ code: `${prefix}D`, budgetUsdAmount: "50", grantedUsdAmount: "50" });

    const all = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, sort: "code", dir: "asc" }));
    const byCode = new Map(all.rows.map((r) => [r.code, r]));
    expect(byCode.get(at80.code)?.budget).toEqual({ budgetUsd: "1000.00", grantedUsd: "800.00", usedRatio: 0.8 });
    expect(byCode.get(none.code)?.budget).toBeNull();
    expect(byCode.get(spent.code)?.status).toBe("exhausted");

    const nearly = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, budget: "nearly-spent", sort: "code", dir: "asc" }));
    expect(nearly.rows.map((r) => r.code)).toEqual([at80.code, spent.code]);
    expect(nearly.total).toBe(2);
    const live = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, budget: "nearly-spent", status: "active" }));
    expect(live.rows.map((r) => r.code)).toEqual([at80.code]);
  });
});
