import { beforeAll, describe, expect, it } from "vitest";

import { ZPromoCodeInput } from "@/lib/schemas/promo-codes";
import type { TOperator } from "@/lib/server/auth/guards";
import { claimPromoCode } from "@/lib/server/claims/claim";
import { db } from "@/lib/server/db";
import { checkEligibility, createPromoCode, deactivatePromoCode, saveWhitelist, updatePromoCode } from "@/lib/server/promo-codes/mutations";
import { ensureCurrencies, makeGame, makeOperator, makePlayer, makePromo, uniqueCode } from "@/tests/fixtures/factories";

let manager: TOperator;
beforeAll(async () => {
  await ensureCurrencies();
  const op = await makeOperator("PROMO_MANAGER");
  manager = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER", mustChangePassword: false };
});

const input = (over: Record<string, unknown> = {}) =>
  ZPromoCodeInput.parse({
    title: "Admin test", description: "", type: "DEPOSIT", code: uniqueCode("ADM"), amount: "10", currencyId: "USDT",
    isPublic: true, isHidden: false, expiresAt: "", claimsLeft: "", minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0",
    bonusMultiplier: "1", maxBonusUsdAmount: "100", timeToComplete: "90", timeUnit: "minutes", wagerMultiplierToComplete: "20",
    affiliateCodeId: "", ...over,
  });

describe("promo back-office mutations", () => {
  it("creates with an audit row; time to complete is stored in seconds; codes upper-cased", async () => {
    const values = input({ code: "lower_" + uniqueCode() });
    const { id } = await createPromoCode(manager, values);
    const promo = await db.promoCode.findUniqueOrThrow({ where: { id } });
    expect(promo.timeSecondsToComplete).toBe(90 * 60);
    expect(promo.code).toBe(values.code.toUpperCase());
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "promo_code.create" } });
    expect(audit.operatorId).toBe(manager.id);
    expect((audit.after as { code: string }).code).toBe(promo.code);
  });

  it("a code held by a live promo is CODE_TAKEN on the code field; an expired holder is deactivated (audited)", async () => {
    const live = await makePromo();
    await expect(createPromoCode(manager, input({ code: live.code }))).rejects.toMatchObject({ code: "CODE_TAKEN", field: "code" });
    const expired = await makePromo();
    await db.promoCode.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { id } = await createPromoCode(manager, input({ code: expired.code }));
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: expired.id } })).isActive).toBeNull();
    expect((await db.promoCode.findUniqueOrThrow({ where: { id } })).isActive).toBe(true);
    expect(await db.auditLog.count({ where: { entityId: expired.id, action: "promo_code.deactivate" } })).toBe(1);
    const exhausted = await makePromo({ claimsLeft: 0 });
    await createPromoCode(manager, input({ code: exhausted.code }));
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: exhausted.id } })).isActive).toBeNull();
  });

  it("deactivate: code freed, CLAIMED claims cancelled, ACTIVE bonuses run on", async () => {
    const { id, } = await createPromoCode(manager, input());
    const promo = await db.promoCode.findUniqueOrThrow({ where: { id } });
    const [waiting, active] = [await makePlayer(), await makePlayer()];
    await claimPromoCode(waiting.id, promo.code);
    await claimPromoCode(active.id, promo.code);
    await db.userPromoCode.updateMany({ where: { userId: active.id }, data: { status: "ACTIVE", activatedAt: new Date() } });
    const result = await deactivatePromoCode(manager, id);
    expect(result.cancelledClaims).toBe(1);
    expect(await db.userPromoCode.findFirstOrThrow({ where: { userId: waiting.id } })).toMatchObject({ status: "CANCELLED", isActive: null });
    expect(await db.userPromoCode.findFirstOrThrow({ where: { userId: active.id } })).toMatchObject({ status: "ACTIVE", isActive: true });
    await expect(claimPromoCode((await makePlayer()).id, promo.code)).rejects.toMatchObject({ code: "PROMO_NOT_FOUND" });
    await expect(deactivatePromoCode(manager, id)).rejects.toMatchObject({ code: "NOT_ACTIVE" });
    await createPromoCode(manager, input({ code: promo.code }));
  });

  it("update keeps the type once claimed and audits before/after", async () => {
    const { id } = await createPromoCode(manager, input());
    const promo = await db.promoCode.findUniqueOrThrow({ where: { id } });
    await updatePromoCode(manager, id, input({ code: promo.code, title: "Renamed" }));
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "promo_code.update" } });
    expect([(audit.before as { title: string }).title, (audit.after as { title: string }).title]).toEqual(["Admin test", "Renamed"]);
    await claimPromoCode((await makePlayer()).id, promo.code);
    await expect(updatePromoCode(manager, id, input({ code: promo.code, type: "INSTANT", amount: "5" }))).rejects.toMatchObject({ code: "TYPE_LOCKED" });
  });

  it("saves a whitelist in one go and rejects bad rows", async () => {
    const promo = await makePromo();
    const [g1, g2] = [await makeGame(), await makeGame()];
    await saveWhitelist(manager, { promoCodeId: promo.id, rows: [{ gameId: g1.id, maxBetAmount: "5", wagerMultiplier: "1", enabled: true }, { gameId: g2.id, maxBetAmount: "", wagerMultiplier: "0.2", enabled: false }] });
    expect(await db.promoGameWhitelist.count({ where: { promoCodeId: promo.id } })).toBe(2);
    await saveWhitelist(manager, { promoCodeId: promo.id, rows: [{ gameId: g2.id, maxBetAmount: "", wagerMultiplier: "0.3", enabled: true }] });
    const rows = await db.promoGameWhitelist.findMany({ where: { promoCodeId: promo.id } });
    expect(rows.map((r) => [r.gameId, r.wagerMultiplier.toFixed(1), r.enabled])).toEqual([[g2.id, "0.3", true]]);
    await expect(saveWhitelist(manager, { promoCodeId: promo.id, rows: [{ gameId: 2_000_000_001, maxBetAmount: "", wagerMultiplier: "1", enabled: true }] })).rejects.toMatchObject({ code: "UNKNOWN_GAME" });
  });

  it("the eligibility check lists every condition in the API's order without claiming", async () => {
    const promo = await makePromo({ minKYCLevelToClaim: "LEVEL_2" });
    const player = await makePlayer({ kycLevel: "LEVEL_1" });
    const res = await checkEligibility(promo.id, player.id);
    expect(res.result).toBe("KYC_LEVEL_TOO_LOW");
    expect(res.checks.map((c) => ("reason" in c && c.reason ? `${c.rule}:${c.reason}` : c.rule))).toEqual([
      "PROMO_NOT_FOUND", "ALREADY_CLAIMED", "PROMO_NOT_STARTED", "PROMO_EXPIRED", "PROMO_EXHAUSTED",
      "NOT_ELIGIBLE:BONUS_BLOCKED", "NOT_ELIGIBLE:OPTED_OUT", "NOT_ELIGIBLE:AFFILIATE_ONLY", "NOT_ELIGIBLE:DEPOSIT_RULE",
      "NOT_ELIGIBLE:COUNTRY", "NOT_ELIGIBLE:TAG", "NOT_ELIGIBLE:JURISDICTION",
      "KYC_LEVEL_TOO_LOW", "WAGER_TOO_LOW", "ACTIVE_BONUS_EXISTS",
    ]);
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(0);
  });

  it("the shared schema refuses bad input with field messages", () => {
    const bad = ZPromoCodeInput.safeParse({ ...input(), code: "no spaces!", timeToComplete: "", isPublic: false, affiliateCodeId: "" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["code", "timeToComplete", "affiliateCodeId"]));
  });
});
