// Issue #17 in the back office: the promo form's wagering basis and start through the real create and
// update actions (an expiry not after the start is an error on the expiry and saves nothing); the
// list's scheduled status and its "passes jurisdiction" filter, paged over the passing promos only;
// the dashboard's scheduled count; the player page's jurisdiction and open promos. Only the session
// and revalidation are stubbed. On a real PostgreSQL the file has a database of its own: the
// dashboard counts every promo, and the jurisdictions' rules (the migration's GB, DK, SE, BE) are
// edited by the settings tests elsewhere.
import { beforeAll, describe, expect, it, vi } from "vitest";

import type { TPromoCodeInput } from "@/lib/schemas/promo-codes";
import type { TOperator } from "@/lib/server/auth/guards";
import { ensureCurrencies, makePlayer, makePromo, makeSessionOperator, promoFormValues, uniqueCode } from "@/tests/fixtures/factories";
import { useOwnDatabase } from "@/tests/support/own-database";

const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

useOwnDatabase("rollover_it_jform");

const { createPromoCodeAction, updatePromoCodeAction } = await import("@/app/(admin)/promo-codes/actions");
const { db } = await import("@/lib/server/db");
const { listPromoCodes } = await import("@/lib/server/promo-codes/queries");
const { ZPromoListQuery } = await import("@/lib/schemas/promo-codes");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  await ensureCurrencies();
  session.operator = await makeSessionOperator("PROMO_MANAGER");
});

const values = (over: Partial<TPromoCodeInput> = {}) =>
  promoFormValues({ title: "Jurisdiction test", code: uniqueCode("JUR"), withdrawalPolicy: undefined, ...over });

const fieldsWithErrors = (errors: unknown) =>
  Object.entries((errors as Record<string, { _errors?: string[] }>) ?? {})
    .filter(([f, v]) => f !== "_errors" && (v?._errors?.length ?? 0) > 0)
    .map(([f]) => f);

describe("the actions save the wagering basis and the start", () => {
  it("create: the basis and the start are stored; without them, DEPOSIT_AND_BONUS and at once", async () => {
    const startsAt = new Date(Date.now() + 3 * DAY).toISOString();
    const res = await createPromoCodeAction(values({ wageringBasis: "BONUS", startsAt, wagerMultiplierToComplete: "10" }));
    expect(res?.validationErrors, JSON.stringify(res)).toBeUndefined();
    const row = await db.promoCode.findUniqueOrThrow({ where: { id: res!.data!.id } });
    expect(row.wageringBasis).toBe("BONUS");
    expect(row.startsAt?.toISOString()).toBe(startsAt);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id, action: "promo_code.create" } });
    expect(audit.after).toMatchObject({ wageringBasis: "BONUS", startsAt });

    const plain = await createPromoCodeAction(values({ startsAt: "" }));
    const plainRow = await db.promoCode.findUniqueOrThrow({ where: { id: plain!.data!.id } });
    expect([plainRow.wageringBasis, plainRow.startsAt]).toEqual(["DEPOSIT_AND_BONUS", null]);
  });

  it("update: a basis left out keeps the stored one; a start in the past is kept; an empty start is at once", async () => {
    const promo = await makePromo({ wageringBasis: "BONUS", startsAt: new Date(Date.now() + DAY) });
    const base = values({ code: promo.code });
    const started = new Date(Date.now() - HOUR).toISOString();
    let res = await updatePromoCodeAction({ id: promo.id, values: { ...base, startsAt: started } });
    expect(res?.validationErrors, JSON.stringify(res)).toBeUndefined();
    let row = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect([row.wageringBasis, row.startsAt?.toISOString()]).toEqual(["BONUS", started]);

    res = await updatePromoCodeAction({ id: promo.id, values: { ...base, wageringBasis: "DEPOSIT_AND_BONUS", startsAt: "" } });
    expect(res?.validationErrors).toBeUndefined();
    row = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect([row.wageringBasis, row.startsAt]).toEqual(["DEPOSIT_AND_BONUS", null]);
  });

  it.each([
    ["before the start", -HOUR],
    ["at the start", 0],
  ])("an expiry %s is an error on the expiry and saves nothing", async (_name, offset) => {
    const startsAt = new Date(Date.now() + 2 * DAY);
    const v = values({ startsAt: startsAt.toISOString(), expiresAt: new Date(startsAt.getTime() + offset).toISOString() });
    const res = await createPromoCodeAction(v);
    expect(res?.data).toBeUndefined();
    expect(fieldsWithErrors(res?.validationErrors)).toEqual(["expiresAt"]);
    expect(JSON.stringify(res?.validationErrors)).toContain("Choose an expiry after the start");
    expect(await db.promoCode.count({ where: { code: v.code.toUpperCase() } })).toBe(0);

    // The same on an edit (its errors sit under `values`, as the form reads them): the stored promo is unchanged.
    const promo = await makePromo({});
    const upd = await updatePromoCodeAction({ id: promo.id, values: { ...v, code: promo.code } });
    expect(fieldsWithErrors((upd?.validationErrors as { values?: unknown } | undefined)?.values)).toEqual(["expiresAt"]);
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).startsAt).toBeNull();
  });

  it("an expiry a minute after the start is fine", async () => {
    const startsAt = new Date(Date.now() + 2 * DAY);
    const res = await createPromoCodeAction(values({ startsAt: startsAt.toISOString(), expiresAt: new Date(startsAt.getTime() + 60_000).toISOString() }));
    expect(res?.validationErrors).toBeUndefined();
  });
});

describe("the list's scheduled status", () => {
  it("a promo starting later is scheduled (in the filter and the row); one that started, or expired or spent, is not", async () => {
    const prefix = uniqueCode("SCH");
    const now = new Date();
    const later = await makePromo({ code: `${prefix}A`, startsAt: new Date(now.getTime() + 3 * DAY) });
    const started = await makePromo({ code: `${prefix}B`, startsAt: new Date(now.getTime() - HOUR) });
    const atOnce = await makePromo({ code: `${prefix}C` });
    const expired = await makePromo({ code: `${prefix}D`, startsAt: new Date(now.getTime() + DAY), expiresAt: new Date(now.getTime() - 1000) });
    const spent = await makePromo({ code: `${prefix}E`, startsAt: new Date(now.getTime() + DAY), claimsLeft: 0 });
    const off = await makePromo({ code: `${prefix}F`, startsAt: new Date(now.getTime() + DAY), isActive: null });

    const all = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, sort: "code", dir: "asc" }), now);
    expect(all.rows.map((r) => [r.code, r.status])).toEqual([
      [later.code, "scheduled"],
      [started.code, "active"],
      [atOnce.code, "active"],
      [expired.code, "expired"],
      [spent.code, "exhausted"],
      [off.code, "inactive"],
    ]);
    expect(all.rows[0].startsAt).toBe(later.startsAt!.toISOString());

    const scheduled = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, status: "scheduled" }), now);
    expect([scheduled.total, scheduled.rows.map((r) => r.code)]).toEqual([1, [later.code]]);
    const active = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, status: "active", sort: "code", dir: "asc" }), now);
    expect(active.rows.map((r) => r.code)).toEqual([started.code, atOnce.code]);
  });
});

describe("the list's passes-jurisdiction filter", () => {
  it("GB (≤ 10× the bonus only): keeps the bonus-basis promos at 10× or less and instant credits", async () => {
    const prefix = uniqueCode("GBF");
    await makePromo({ code: `${prefix}A`, wageringBasis: "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "35" });
    const ten = await makePromo({ code: `${prefix}B`, wageringBasis: "BONUS", wagerMultiplierToComplete: "10" });
    await makePromo({ code: `${prefix}C`, wageringBasis: "BONUS", wagerMultiplierToComplete: "10.5" });
    await makePromo({ code: `${prefix}D`, wageringBasis: "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "1" });
    const instant = await makePromo({ code: `${prefix}E`, type: "INSTANT", amount: "5", wagerMultiplierToComplete: "0", timeSecondsToComplete: null });

    const gb = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "GB", sort: "code", dir: "asc" }));
    expect([gb.total, gb.rows.map((r) => r.code)]).toEqual([2, [ten.code, instant.code]]);
    // Lower case in the URL reads the same; a code with no rules configured, or not a code, matches as none / no filter.
    const lower = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "gb", sort: "code", dir: "asc" }));
    expect(lower.rows.map((r) => r.code)).toEqual([ten.code, instant.code]);
    expect((await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "FR" }))).total).toBe(0);
    expect((await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "not a code" }))).total).toBe(5);
    // With another filter: only the passing promos among those it keeps.
    const deposits = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "GB", type: "DEPOSIT" }));
    expect(deposits.rows.map((r) => r.code)).toEqual([ten.code]);
  });

  it("DK (a bonus ≤ $155, ≥ 60 days): an instant credit judged at the current rate, deposits by cap and time", async () => {
    const prefix = uniqueCode("DKF");
    const days60 = 60 * 86_400;
    const ok = await makePromo({ code: `${prefix}A`, maxBonusUsdAmount: "155", timeSecondsToComplete: days60 });
    await makePromo({ code: `${prefix}B`, maxBonusUsdAmount: "155.01", timeSecondsToComplete: days60 });
    await makePromo({ code: `${prefix}C`, maxBonusUsdAmount: null, timeSecondsToComplete: days60 }); // uncapped
    await makePromo({ code: `${prefix}D`, maxBonusUsdAmount: "100", timeSecondsToComplete: days60 - 1 });
    const small = await makePromo({ code: `${prefix}E`, type: "INSTANT", amount: "100", currencyId: "USDT", timeSecondsToComplete: null });
    await makePromo({ code: `${prefix}F`, type: "INSTANT", amount: "0.002", currencyId: "BTC", timeSecondsToComplete: null }); // $200 at 100,000

    const dk = await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "DK", sort: "code", dir: "asc" }));
    expect(dk.rows.map((r) => r.code)).toEqual([ok.code, small.code]);
    // BE allows no bonuses at all.
    expect((await listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "BE" }))).total).toBe(0);
  });

  it("pages over the passing promos only: the total and every page count them, not the rows judged", async () => {
    const prefix = uniqueCode("PGF");
    const passing: string[] = [];
    // 27 passing and 13 failing, interleaved in code order, so a page cut before judging would be short.
    for (let i = 0; i < 40; i++) {
      const code = `${prefix}${String(i).padStart(2, "0")}`;
      const passes = i % 3 !== 1;
      await makePromo({ code, wageringBasis: passes ? "BONUS" : "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "5" });
      if (passes) passing.push(code);
    }
    expect(passing).toHaveLength(27);
    const page = (n: number) => listPromoCodes(ZPromoListQuery.parse({ q: prefix, jurisdiction: "GB", sort: "code", dir: "asc", page: String(n) }));
    const [one, two] = [await page(1), await page(2)];
    expect([one.total, two.total]).toEqual([27, 27]);
    expect([...one.rows, ...two.rows].map((r) => r.code)).toEqual(passing);
    expect(one.rows).toHaveLength(one.pageSize);
  });
});

describe("the dashboard's scheduled promos", () => {
  it("counts active promos that start later, not started, expired, spent or inactive ones", async () => {
    const { dashboardKpis } = await import("@/lib/server/dashboard/queries");
    const { dayRange } = await import("@/lib/domain/dates/range");
    const now = new Date();
    const range = dayRange({}, now.toISOString().slice(0, 10));
    const k0 = await dashboardKpis(range, now);

    await makePromo({ startsAt: new Date(now.getTime() + DAY) }); // scheduled
    await makePromo({ startsAt: new Date(now.getTime() + 1000), expiresAt: new Date(now.getTime() + 2 * DAY) }); // scheduled, a second away
    await makePromo({ startsAt: now }); // starts this instant: live
    await makePromo({ startsAt: new Date(now.getTime() + DAY), expiresAt: new Date(now.getTime() - 1000) }); // expired
    await makePromo({ startsAt: new Date(now.getTime() + DAY), claimsLeft: 0 }); // exhausted
    await makePromo({ startsAt: new Date(now.getTime() + DAY), isActive: null }); // inactive

    const k = await dashboardKpis(range, now);
    expect(k.scheduledPromos).toBe(k0.scheduledPromos + 2);
    // A scheduled promo isn't live yet: the active count takes only the one that started.
    expect(k.activePromos).toBe(k0.activePromos + 1);
    // The card's link lists the same promos.
    const listed = await listPromoCodes(ZPromoListQuery.parse({ status: "scheduled" }), now);
    expect(listed.total).toBe(k.scheduledPromos);
  });
});

describe("the player page: jurisdiction, opt-out, pause and open promos", () => {
  it("shows the jurisdiction (or the country's), the opt-out and a pause while it lasts", async () => {
    const { getPlayer } = await import("@/lib/server/players/lookup");
    const now = new Date();
    const gb = await makePlayer({ country: "DE", jurisdiction: "GB", bonusOptOut: true, bonusBlockedUntil: new Date(now.getTime() + DAY) });
    const de = await makePlayer({ country: "DE", bonusBlockedUntil: new Date(now.getTime() - DAY) });
    const none = await makePlayer({});
    const [a, b, c] = [await getPlayer(gb.id, now), await getPlayer(de.id, now), await getPlayer(none.id, now)];
    expect(a).toMatchObject({ jurisdiction: { code: "GB", name: "United Kingdom", fromCountry: false }, bonusOptOut: true, pausedUntil: new Date(now.getTime() + DAY).toISOString() });
    expect(b).toMatchObject({ jurisdiction: { code: "DE", name: "Germany", fromCountry: true }, bonusOptOut: false, pausedUntil: null });
    expect(c?.jurisdiction).toBeNull();
  });

  it("each live promo with whether the player may claim it, and the first failing check's words", async () => {
    const { openPromosForPlayer } = await import("@/lib/server/players/lookup");
    const player = await makePlayer({ jurisdiction: "GB", country: "GB" });
    const bad = await makePromo({ wageringBasis: "DEPOSIT_AND_BONUS", wagerMultiplierToComplete: "35" });
    const good = await makePromo({ wageringBasis: "BONUS", wagerMultiplierToComplete: "10" });
    const later = await makePromo({ startsAt: new Date(Date.now() + DAY) });

    const open = await openPromosForPlayer(player.id);
    const byId = new Map(open.rows.map((r) => [r.id, r]));
    expect(byId.has(later.id)).toBe(false);
    expect(byId.get(good.id)).toMatchObject({ claimable: true, failing: null });
    expect(byId.get(bad.id)).toMatchObject({
      claimable: false,
      failing: { rule: "NOT_ELIGIBLE", reason: "JURISDICTION", detail: "GB: wagering 35× the deposit and bonus; GB requires ≤ 10× the bonus only" },
    });
    expect(open.rows.length).toBeLessThanOrEqual(open.limit);
    expect(open.total).toBeGreaterThanOrEqual(open.rows.length);
  });
});
