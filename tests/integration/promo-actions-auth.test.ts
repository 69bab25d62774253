import { beforeAll, describe, expect, it, vi } from "vitest";

import type { TOperator } from "@/lib/server/auth/guards";
import { ensureCurrencies, makeOperator, makePromo, uniqueCode } from "@/tests/fixtures/factories";

// The actions run outside a Next request here: only the session cookie (next-auth's getServerSession)
// and revalidation are stubbed. The guard re-reading the operator from the database, the role check,
// parsing, the transaction and the audit row are the real ones.
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const { createPromoCodeAction, deactivatePromoCodeAction, cancelPlayerClaimAction } = await import("@/app/(admin)/promo-codes/actions");
const { db } = await import("@/lib/server/db");

const ROLES = ["ADMIN", "PROMO_MANAGER", "AFFILIATE_MANAGER", "SUPPORT"] as const;
const operators = {} as Record<(typeof ROLES)[number], TOperator>;

beforeAll(async () => {
  await ensureCurrencies();
  for (const role of ROLES) {
    const op = await makeOperator(role);
    operators[role] = { id: op.id, email: op.email!, name: op.username, role, mustChangePassword: false };
  }
});

const values = () => ({
  title: "Auth test", description: "", type: "INSTANT" as const, code: uniqueCode("AUTH"), amount: "1", currencyId: "USDT" as const,
  isPublic: true, isHidden: false, expiresAt: "", claimsLeft: "", minKYCLevelToClaim: "NONE" as const, minTotalWagerUsdToClaim: "0",
  bonusMultiplier: "0", maxBonusUsdAmount: "", timeToComplete: "", timeUnit: "days" as const, wagerMultiplierToComplete: "0", affiliateCodeId: "",
});

describe("promo actions check the role on the server (SPEC §3)", () => {
  it.each([
    ["ADMIN", true],
    ["PROMO_MANAGER", true],
    ["AFFILIATE_MANAGER", false],
    ["SUPPORT", false],
  ] as const)("create as %s → allowed: %s", async (role, allowed) => {
    session.operator = operators[role];
    const v = values();
    const res = await createPromoCodeAction(v);
    if (allowed) {
      expect(res?.data?.id).toBeTruthy();
    } else {
      expect(res?.serverError).toBe("You don't have access to this.");
      expect(await db.promoCode.count({ where: { code: v.code } })).toBe(0);
    }
  });

  it("deactivate is refused to SUPPORT and allowed to PROMO_MANAGER", async () => {
    const promo = await makePromo();
    session.operator = operators.SUPPORT;
    expect((await deactivatePromoCodeAction({ id: promo.id }))?.serverError).toBe("You don't have access to this.");
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).isActive).toBe(true);
    session.operator = operators.PROMO_MANAGER;
    expect((await deactivatePromoCodeAction({ id: promo.id }))?.data?.cancelledClaims).toBe(0);
  });

  it("SUPPORT may cancel a player's bonus; AFFILIATE_MANAGER may not; a missing reason is a field error", async () => {
    session.operator = operators.AFFILIATE_MANAGER;
    const claimId = "00000000-0000-4000-8000-000000000000";
    expect((await cancelPlayerClaimAction({ claimId, reason: "abuse" }))?.serverError).toBe("You don't have access to this.");
    session.operator = operators.SUPPORT;
    const res = await cancelPlayerClaimAction({ claimId, reason: "" });
    expect(res?.validationErrors).toMatchObject({ reason: { _errors: ["Give a reason"] } });
    expect((await cancelPlayerClaimAction({ claimId, reason: "abuse" }))?.serverError).toMatch(/cancelled/);
  });

  it("a signed-out caller, or one disabled since signing in, is refused", async () => {
    session.operator = null;
    expect((await createPromoCodeAction(values()))?.serverError).toBe("Please sign in again.");
    const op = await makeOperator("PROMO_MANAGER");
    session.operator = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER", mustChangePassword: false };
    expect((await createPromoCodeAction(values()))?.data?.id).toBeTruthy();
    await db.user.update({ where: { id: op.id }, data: { disabled: true } });
    expect((await createPromoCodeAction(values()))?.serverError).toBe("Please sign in again.");
  });

  it("a field-level domain error comes back as a validation error on that field", async () => {
    const live = await makePromo();
    session.operator = operators.PROMO_MANAGER;
    const res = await createPromoCodeAction({ ...values(), code: live.code });
    expect(res, JSON.stringify(res)).toMatchObject({ validationErrors: { code: { _errors: ["Code taken: a live promo uses it"] } } });
  });
});
