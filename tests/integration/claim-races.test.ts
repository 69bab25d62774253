// Races between a player's claim and an operator's change to the promo (SPEC §7, from reading the code):
// a claim that commits around a deactivation must never stay CLAIMED on an inactive promo, no deposit
// may activate a claim of an inactive promo, and a type change must see every claim made before it.
import { beforeAll, describe, expect, it } from "vitest";

import { ZPromoCodeInput } from "@/lib/schemas/promo-codes";
import type { TOperator } from "@/lib/server/auth/guards";
import { claimPromoCode } from "@/lib/server/claims/claim";
import { db } from "@/lib/server/db";
import { deactivatePromoCode, updatePromoCode } from "@/lib/server/promo-codes/mutations";
import { deposit, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, makeOperator, makePlayer, makePromo } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

let manager: TOperator;
beforeAll(async () => {
  await ensureCurrencies();
  const op = await makeOperator("PROMO_MANAGER");
  manager = { id: op.id, email: op.email!, name: op.username, role: "PROMO_MANAGER", mustChangePassword: false };
});

const settle = <T>(p: Promise<T>) => p.then(
  (value) => ({ ok: true as const, value }),
  (error: { code?: string }) => ({ ok: false as const, code: error.code }),
);

describe.skipIf(skipRaces)("claims racing the operator", () => {
  it("a claim racing the deactivation of an unlimited promo never stays CLAIMED, and a later deposit activates nothing", async () => {
    for (let round = 0; round < 15; round++) {
      const promo = await makePromo({ claimsLeft: null, createdById: manager.id });
      const players = await Promise.all(Array.from({ length: 6 }, () => makePlayer()));
      const claims = players.map((p) => settle(claimPromoCode(p.id, promo.code)));
      // The deactivation lands among the claims (the claims start first, on their own connections).
      const deactivation = settle(deactivatePromoCode(manager, promo.id));
      await Promise.all([...claims, deactivation]);

      const open = await db.userPromoCode.count({ where: { promoCodeId: promo.id, status: "CLAIMED" } });
      expect(open, `round ${round}`).toBe(0);

      const later = new Date(Date.now() + 1000);
      await sendDeposits({ events: players.map((p) => deposit(p.id, "50", later)) });
      expect(await db.userPromoCode.count({ where: { promoCodeId: promo.id, status: "ACTIVE" } }), `round ${round}`).toBe(0);
    }
  });

  it("a claim that starts while a deactivation is uncommitted ends not found, never CLAIMED on the inactive promo", async () => {
    const promo = await makePromo({ claimsLeft: null, createdById: manager.id });
    const player = await makePlayer();
    // Deactivation's own statements, held open so the claim runs in the middle of them.
    let claim: Promise<{ ok: boolean; code?: string }> | undefined;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "PromoCode" SET "isActive" = NULL, "deactivatedAt" = now() WHERE id = ${promo.id}::uuid`;
      await tx.$executeRaw`UPDATE "UserPromoCode" SET status = 'CANCELLED', "isActive" = NULL, "endedAt" = now()
                           WHERE "promoCodeId" = ${promo.id}::uuid AND status = 'CLAIMED'`;
      claim = settle(claimPromoCode(player.id, promo.code));
      await new Promise((r) => setTimeout(r, 400));
    });
    expect(await claim).toMatchObject({ ok: false, code: "PROMO_NOT_FOUND" });
    expect(await db.userPromoCode.count({ where: { promoCodeId: promo.id, status: "CLAIMED" } })).toBe(0);
  });

  it("a type change racing claims either sees them (TYPE_LOCKED) or happens before them", async () => {
    for (let round = 0; round < 15; round++) {
      const promo = await makePromo({ type: "DEPOSIT", claimsLeft: null, createdById: manager.id, amount: "5" });
      const players = await Promise.all(Array.from({ length: 4 }, () => makePlayer()));
      const input = ZPromoCodeInput.parse({
        title: "Race", description: "", type: "INSTANT", code: promo.code, amount: "5", currencyId: "USDT", isPublic: true,
        isHidden: false, expiresAt: "", claimsLeft: "", minKYCLevelToClaim: "NONE", minTotalWagerUsdToClaim: "0",
        bonusMultiplier: "0", maxBonusUsdAmount: "", timeToComplete: "", timeUnit: "days", wagerMultiplierToComplete: "0",
        affiliateCodeId: "",
      });
      const claims = players.map((p) => settle(claimPromoCode(p.id, promo.code)));
      const change = settle(updatePromoCode(manager, promo.id, input));
      await Promise.all([...claims, change]);

      const after = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
      const depositClaims = await db.userPromoCode.count({ where: { promoCodeId: promo.id, status: "CLAIMED" } });
      // Never both: a DEPOSIT claim standing on a promo that is INSTANT now.
      if (after.type === "INSTANT") expect(depositClaims, `round ${round}`).toBe(0);
      else expect((await change).ok, `round ${round}`).toBe(false);
    }
  });
});

describe("activation checks that the promo is still live", () => {
  it("a CLAIMED claim left on a deactivated promo is not activated by a deposit", async () => {
    const promo = await makePromo({ claimsLeft: null, createdById: manager.id });
    const player = await makePlayer();
    await claimPromoCode(player.id, promo.code);
    // The state the race above used to leave behind: the promo inactive, its claim still open.
    await db.promoCode.update({ where: { id: promo.id }, data: { isActive: null } });
    await sendDeposits(deposit(player.id, "50", new Date(Date.now() + 1000)));
    const claim = await db.userPromoCode.findFirstOrThrow({ where: { promoCodeId: promo.id, userId: player.id } });
    expect(claim.status).toBe("CLAIMED");
    expect(await db.userPromoCodeProgress.count({ where: { promoCodeId: promo.id } })).toBe(0);
  });
});
