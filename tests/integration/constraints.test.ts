import { describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { makePlayer, makePromo, uniqueCode } from "@/tests/fixtures/factories";

// The rules SPEC §1 says must hold in the database itself, whatever the code does.
describe("database constraints", () => {
  it("allows one active promo per code, and reuse once the old one is deactivated", async () => {
    const code = uniqueCode("DUP");
    const first = await makePromo({ code });
    await expect(makePromo({ code })).rejects.toThrow();
    expect(await db.promoCode.count({ where: { code } })).toBe(1);

    await db.promoCode.update({ where: { id: first.id }, data: { isActive: null } });
    await makePromo({ code });
    await makePromo({ code: code }).catch(() => {}); // a third active one is refused again
    expect(await db.promoCode.count({ where: { code, isActive: true } })).toBe(1);
    expect(await db.promoCode.count({ where: { code } })).toBe(2);
  });

  it("never stores isActive = false or a lower-case code", async () => {
    await expect(makePromo({ isActive: false })).rejects.toThrow();
    await expect(makePromo({ code: "lower" + uniqueCode() })).rejects.toThrow();
  });

  it("requires a positive completion time on DEPOSIT promos", async () => {
    await expect(makePromo({ type: "DEPOSIT", timeSecondsToComplete: 0 })).rejects.toThrow();
    await expect(makePromo({ type: "DEPOSIT", timeSecondsToComplete: null })).rejects.toThrow();
    await expect(makePromo({ type: "INSTANT", timeSecondsToComplete: null })).resolves.toBeTruthy();
  });

  it("allows one claim per user per promo", async () => {
    const promo = await makePromo();
    const player = await makePlayer();
    await db.userPromoCode.create({ data: { userId: player.id, promoCodeId: promo.id, status: "CLAIMED", isActive: true } });
    await expect(
      db.userPromoCode.create({ data: { userId: player.id, promoCodeId: promo.id, status: "COMPLETED", isActive: null } }),
    ).rejects.toThrow();
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(1);
  });

  it("allows one progress row per user per promo", async () => {
    const promo = await makePromo();
    const player = await makePlayer();
    const row = {
      userId: player.id, promoCodeId: promo.id, activatedAt: new Date(), expiresAt: new Date(Date.now() + 1000),
      baseUsdAmount: "100", bonusUsdAmount: "100", bonusAmount: "100", currencyId: "USDT" as const,
      wagerMultiplierToComplete: "10", wagerUsdAmountToComplete: "2000",
    };
    await db.userPromoCodeProgress.create({ data: row });
    await expect(db.userPromoCodeProgress.create({ data: row })).rejects.toThrow();
  });

  it("allows at most one open (CLAIMED or ACTIVE) deposit bonus per player", async () => {
    const [a, b, c] = [await makePromo(), await makePromo(), await makePromo()];
    const player = await makePlayer();
    await db.userPromoCode.create({ data: { userId: player.id, promoCodeId: a.id, status: "ACTIVE", isActive: true } });
    await expect(
      db.userPromoCode.create({ data: { userId: player.id, promoCodeId: b.id, status: "CLAIMED", isActive: true } }),
    ).rejects.toThrow();
    // Ended claims don't count: isActive is NULL for them.
    await db.userPromoCode.create({ data: { userId: player.id, promoCodeId: c.id, status: "EXPIRED", isActive: null } });
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(2);
  });

  it("keeps isActive in step with the status", async () => {
    const promo = await makePromo();
    const player = await makePlayer();
    await expect(
      db.userPromoCode.create({ data: { userId: player.id, promoCodeId: promo.id, status: "COMPLETED", isActive: true } }),
    ).rejects.toThrow();
    await expect(
      db.userPromoCode.create({ data: { userId: player.id, promoCodeId: promo.id, status: "ACTIVE", isActive: null } }),
    ).rejects.toThrow();
  });

  it("keeps the ledger append-only and each (kind, sourceId) unique", async () => {
    const player = await makePlayer();
    const entry = {
      userId: player.id, kind: "INSTANT_CREDIT" as const, bucket: "CASH" as const, currencyId: "USDT" as const,
      amount: "5", usdAmount: "5", usdRate: "1", sourceId: `src-${player.id}`,
    };
    const created = await db.ledgerEntry.create({ data: entry });
    await expect(db.ledgerEntry.create({ data: entry })).rejects.toThrow();
    await expect(db.ledgerEntry.update({ where: { id: created.id }, data: { amount: "50" } })).rejects.toThrow(/append-only/);
    await expect(db.ledgerEntry.delete({ where: { id: created.id } })).rejects.toThrow(/append-only/);
  });

  it("gives operators ids from 1,000,000,000 up", async () => {
    const op = await db.user.create({ data: { email: `${uniqueCode().toLowerCase()}@x.local`, username: "op", role: "SUPPORT" } });
    expect(op.id).toBeGreaterThanOrEqual(1_000_000_000);
  });
});
