// Campaign budgets (issue #16, SPEC §2 Campaign controls) as players and the platform meet them: a
// promo never grants more USD than its budget, whatever the concurrency; an INSTANT credit that
// doesn't fit is PROMO_EXHAUSTED and writes nothing; a deposit activation grants min(bonus, left)
// and, with nothing left, ends CANCELLED (BUDGET_SPENT) with nothing granted.
import { beforeAll, describe, expect, it } from "vitest";

import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { claim, claimResending, listedFor, progressTerms, resending } from "@/tests/fixtures/claims";
import { deposit, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, makePlayer, makePromo } from "@/tests/fixtures/factories";
import { skipRaces } from "@/tests/support/race";

beforeAll(ensureCurrencies);

/** A deposits batch as the platform sends it under a burst: a 503 (nothing stored) is sent again, same ids. */
const depositsResending = (body: unknown) => resending(() => sendDeposits(body));
const listedIds = async (userId: number) => [...(await listedFor(userId)).keys()];

const granted = async (promoId: string) =>
  (await db.promoCode.findUniqueOrThrow({ where: { id: promoId } })).grantedUsdAmount.toString();

/** The budget's counter and what the promo's grants add up to, as exact decimal text. */
async function budgetFigures(promoId: string) {
  const [row] = await db.$queryRaw<{ granted: string; progress: string; ledger: string }[]>`
    SELECT trim_scale(p."grantedUsdAmount")::text AS granted,
           COALESCE((SELECT trim_scale(sum(g."bonusUsdAmount")) FROM "UserPromoCodeProgress" g WHERE g."promoCodeId" = p.id), 0)::text AS progress,
           COALESCE((SELECT trim_scale(sum(l."usdAmount")) FROM "LedgerEntry" l JOIN "UserPromoCode" c ON c.id::text = l."sourceId"
                     WHERE c."promoCodeId" = p.id AND l.kind IN ('BONUS_GRANT', 'INSTANT_CREDIT')), 0)::text AS ledger
    FROM "PromoCode" p WHERE p.id = ${promoId}::uuid`;
  return row;
}

const instant = (data: Partial<Prisma.PromoCodeUncheckedCreateInput>) =>
  makePromo({ type: "INSTANT", amount: "5", currencyId: "USDT", timeSecondsToComplete: null, claimsLeft: null, ...data });

/** A DEPOSIT promo: bonus = deposit, no cap, target (deposit + bonus) × 10. */
const depositPromo = (data: Partial<Prisma.PromoCodeUncheckedCreateInput>) =>
  makePromo({ type: "DEPOSIT", amount: "0", bonusMultiplier: "1", maxBonusUsdAmount: null, wagerMultiplierToComplete: "10", claimsLeft: null, ...data });

/**
 * `count` new players, each with a CLAIMED claim of the promo (claimed through the player API), one
 * after another: only the race tests send at once (the embedded database serves one query at a time).
 */
async function claimedPlayers(count: number, code: string) {
  const players = [];
  for (let i = 0; i < count; i++) {
    const player = await makePlayer();
    expect((await claim(player.id, code)).status).toBe(201);
    players.push(player);
  }
  return players;
}

/** The outcome of each player's claim of the promo: the claim row, its progress and its BONUS_GRANT. */
async function outcomes(promoId: string, playerIds: number[]) {
  const claims = await db.userPromoCode.findMany({ where: { promoCodeId: promoId, userId: { in: playerIds } } });
  const progress = await db.userPromoCodeProgress.findMany({ where: { promoCodeId: promoId, userId: { in: playerIds } } });
  const grants = await db.ledgerEntry.findMany({ where: { kind: "BONUS_GRANT", sourceId: { in: claims.map((c) => c.id) } } });
  return playerIds.map((userId) => {
    const c = claims.find((x) => x.userId === userId)!;
    const p = progress.find((x) => x.userId === userId);
    const g = grants.filter((x) => x.sourceId === c.id);
    return {
      userId,
      status: c.status,
      cancelReason: c.cancelReason,
      isActive: c.isActive,
      ...progressTerms(p),
      grants: g.map((x) => ({ amount: x.amount.toString(), usd: x.usdAmount.toString() })),
    };
  });
}

type TOutcome = Awaited<ReturnType<typeof outcomes>>[number];

/** 100 × $20 on a 1234.5 budget: 61 full grants, one of 14.5, 38 cancelled with nothing granted. */
function expectBudgetSplit(rows: TOutcome[]) {
  const full = rows.filter((r) => r.bonus === "20");
  const partial = rows.filter((r) => r.bonus !== null && r.bonus !== "20");
  const cancelled = rows.filter((r) => r.status === "CANCELLED");
  expect(full).toHaveLength(61);
  for (const r of full) {
    expect(r).toMatchObject({ status: "ACTIVE", cancelReason: null, base: "20", target: "400" });
    expect(r.grants).toEqual([{ amount: "20", usd: "20" }]);
  }
  expect(partial).toHaveLength(1);
  expect(partial[0]).toMatchObject({ status: "ACTIVE", bonus: "14.5", base: "20", target: "345" }); // (20 + 14.5) × 10
  expect(partial[0].grants).toEqual([{ amount: "14.5", usd: "14.5" }]);
  expect(cancelled).toHaveLength(38);
  for (const r of cancelled) {
    expect(r).toMatchObject({ cancelReason: "BUDGET_SPENT", isActive: null, bonus: null, grants: [] });
  }
  return { partial: partial[0], cancelled };
}

describe.skipIf(skipRaces)("a budget under concurrency", () => {
  it("200 players claiming a $5 INSTANT promo at once with a $250 budget: exactly 50 credits, $250 granted, 150 PROMO_EXHAUSTED", async () => {
    const promo = await instant({ budgetUsdAmount: "250" });
    const players = await Promise.all(Array.from({ length: 200 }, () => makePlayer()));
    const results = await Promise.all(players.map((p) => claimResending(p.id, promo.code)));

    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(50);
    for (const r of ok) expect(r.data?.credit).toEqual({ currencyId: "USDT", amount: "5.00" });
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.error?.error.code])).toEqual(refused.map(() => [410, "PROMO_EXHAUSTED"]));

    expect(await budgetFigures(promo.id)).toEqual({ granted: "250", progress: "0", ledger: "250" });
    expect(await db.userPromoCode.count({ where: { promoCodeId: promo.id } })).toBe(50);
    expect(await db.ledgerEntry.count({ where: { kind: "INSTANT_CREDIT", userId: { in: players.map((p) => p.id) } } })).toBe(50);
    // Spent: no longer offered to anyone.
    expect(await listedIds((await makePlayer()).id)).not.toContain(promo.id);
  });

  it("100 players' $20 deposits sent at once, each in its own request, on a $1234.5 budget: 61 full grants, one of $14.5, 38 BUDGET_SPENT", async () => {
    const promo = await depositPromo({ budgetUsdAmount: "1234.5" });
    const players = await claimedPlayers(100, promo.code);
    const at = new Date(Date.now() + 1000);
    const responses = await Promise.all(players.map((p) => depositsResending(deposit(p.id, "20", at))));
    expect(responses.map((r) => [r.status, r.json.results[0].status])).toEqual(responses.map(() => [200, "applied"]));

    expectBudgetSplit(await outcomes(promo.id, players.map((p) => p.id)));
    expect(await budgetFigures(promo.id)).toEqual({ granted: "1234.5", progress: "1234.5", ledger: "1234.5" });
  });
});

describe("a budget and a batch of deposits", () => {
  it("100 players' $20 deposits in one batch on a $1234.5 budget: the first 61 in order get $20, the 62nd $14.5, the rest BUDGET_SPENT", async () => {
    const promo = await depositPromo({ budgetUsdAmount: "1234.5" });
    const players = await claimedPlayers(100, promo.code);
    const at = new Date(Date.now() + 1000);
    const res = await sendDeposits({ events: players.map((p) => deposit(p.id, "20", at)) });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(players.map(() => "applied"));

    const rows = await outcomes(promo.id, players.map((p) => p.id));
    const { partial } = expectBudgetSplit(rows);
    expect(partial.userId).toBe(players[61].id);
    expect(rows.slice(0, 61).map((r) => r.bonus)).toEqual(Array(61).fill("20"));
    expect(rows.slice(62).map((r) => r.status)).toEqual(Array(38).fill("CANCELLED"));
    expect(await budgetFigures(promo.id)).toEqual({ granted: "1234.5", progress: "1234.5", ledger: "1234.5" });
  });

  it("a player whose activation found the budget spent has no open bonus: they can claim another deposit promo", async () => {
    const promo = await depositPromo({ budgetUsdAmount: "20" });
    const [first, second] = await claimedPlayers(2, promo.code);
    const at = new Date(Date.now() + 1000);
    await sendDeposits({ events: [deposit(first.id, "20", at), deposit(second.id, "20", at)] });
    const [a, b] = await outcomes(promo.id, [first.id, second.id]);
    expect(a).toMatchObject({ status: "ACTIVE", bonus: "20" });
    expect(b).toMatchObject({ status: "CANCELLED", cancelReason: "BUDGET_SPENT", bonus: null, grants: [] });
    const other = await depositPromo({});
    expect((await claim(second.id, other.code)).status).toBe(201);
  });
});

describe("a budget, one claim at a time", () => {
  it("an INSTANT credit bigger than what is left: 410 PROMO_EXHAUSTED, nothing written, the budget unchanged", async () => {
    const promo = await instant({ budgetUsdAmount: "12" });
    for (let i = 0; i < 2; i++) expect((await claim((await makePlayer()).id, promo.code)).status).toBe(201);
    expect(await granted(promo.id)).toBe("10");

    const player = await makePlayer();
    const res = await claim(player.id, promo.code);
    expect({ status: res.status, code: res.error?.error.code }).toEqual({ status: 410, code: "PROMO_EXHAUSTED" });
    expect(res.error?.error.message).toBeTruthy();
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { userId: player.id } })).toBe(0);
    expect(await db.balance.count({ where: { userId: player.id } })).toBe(0);
    expect(await granted(promo.id)).toBe("10");
    expect(await db.userPromoCode.count({ where: { promoCodeId: promo.id } })).toBe(2);
    // Its $5 credit can't be claimed, so it isn't offered either.
    expect(await listedIds(player.id)).not.toContain(promo.id);
  });

  it("an INSTANT credit that fits exactly is granted; then the budget is spent: not listed, PROMO_EXHAUSTED", async () => {
    const promo = await instant({ budgetUsdAmount: "10" });
    const [a, b, c] = [await makePlayer(), await makePlayer(), await makePlayer()];
    expect(await listedIds(c.id)).toContain(promo.id);
    expect((await claim(a.id, promo.code)).status).toBe(201);
    expect((await claim(b.id, promo.code)).data?.credit).toEqual({ currencyId: "USDT", amount: "5.00" });
    expect(await budgetFigures(promo.id)).toEqual({ granted: "10", progress: "0", ledger: "10" });

    expect(await listedIds(c.id)).not.toContain(promo.id);
    const res = await claim(c.id, promo.code);
    expect({ status: res.status, code: res.error?.error.code }).toEqual({ status: 410, code: "PROMO_EXHAUSTED" });
    expect(await db.userPromoCode.count({ where: { userId: c.id } })).toBe(0);
    expect(await granted(promo.id)).toBe("10");
  });

  it("a DEPOSIT promo: claimable while something is left; once a grant spends the budget exactly, not listed and PROMO_EXHAUSTED", async () => {
    const promo = await depositPromo({ budgetUsdAmount: "50" });
    const [first] = await claimedPlayers(1, promo.code);
    await sendDeposits(deposit(first.id, "30", new Date(Date.now() + 1000)));
    expect(await granted(promo.id)).toBe("30");

    // $20 left: still offered, and a claim takes nothing from the budget until its deposit.
    const [second] = await claimedPlayers(1, promo.code);
    expect(await granted(promo.id)).toBe("30");
    await sendDeposits(deposit(second.id, "20", new Date(Date.now() + 1000)));
    const [, row] = await outcomes(promo.id, [first.id, second.id]);
    expect(row).toMatchObject({ status: "ACTIVE", bonus: "20", target: "400" });
    expect(await budgetFigures(promo.id)).toEqual({ granted: "50", progress: "50", ledger: "50" });

    const late = await makePlayer();
    expect(await listedIds(late.id)).not.toContain(promo.id);
    const res = await claim(late.id, promo.code);
    expect({ status: res.status, code: res.error?.error.code }).toEqual({ status: 410, code: "PROMO_EXHAUSTED" });
    expect(await db.userPromoCode.count({ where: { userId: late.id } })).toBe(0);
  });

  it("a deposit bigger than what is left grants the rest, and the target is computed from what was granted", async () => {
    const promo = await depositPromo({ budgetUsdAmount: "7.25", bonusMultiplier: "2", wagerMultiplierToComplete: "3" });
    const [player] = await claimedPlayers(1, promo.code);
    await sendDeposits(deposit(player.id, "100", new Date(Date.now() + 1000)));
    const [row] = await outcomes(promo.id, [player.id]);
    expect(row).toMatchObject({ status: "ACTIVE", base: "100", bonus: "7.25", target: "321.75" }); // (100 + 7.25) × 3
    expect(row.grants).toEqual([{ amount: "7.25", usd: "7.25" }]);
    expect(await granted(promo.id)).toBe("7.25");
  });

  it("claimsLeft and a budget together: each success takes a slot and the credit; a refusal takes neither", async () => {
    const promo = await instant({ claimsLeft: 3, budgetUsdAmount: "12", minKYCLevelToClaim: "LEVEL_1" });
    const state = async () => {
      const p = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
      return { claimsLeft: p.claimsLeft, granted: p.grantedUsdAmount.toString() };
    };
    // A later rule failing (KYC) takes nothing.
    const lowKyc = await makePlayer({ kycLevel: "NONE" });
    expect((await claim(lowKyc.id, promo.code)).error?.error.code).toBe("KYC_LEVEL_TOO_LOW");
    expect(await state()).toEqual({ claimsLeft: 3, granted: "0" });

    expect((await claim((await makePlayer({ kycLevel: "LEVEL_1" })).id, promo.code)).status).toBe(201);
    expect(await state()).toEqual({ claimsLeft: 2, granted: "5" });
    expect((await claim((await makePlayer({ kycLevel: "LEVEL_1" })).id, promo.code)).status).toBe(201);
    expect(await state()).toEqual({ claimsLeft: 1, granted: "10" });

    // A slot is left but the budget isn't: refused, and the slot stays.
    const res = await claim((await makePlayer({ kycLevel: "LEVEL_1" })).id, promo.code);
    expect({ status: res.status, code: res.error?.error.code }).toEqual({ status: 410, code: "PROMO_EXHAUSTED" });
    expect(await state()).toEqual({ claimsLeft: 1, granted: "10" });
  });

  it("claimsLeft and a budget together: the last slot ends the promo even with budget left", async () => {
    const promo = await instant({ claimsLeft: 1, budgetUsdAmount: "100" });
    expect((await claim((await makePlayer()).id, promo.code)).status).toBe(201);
    const res = await claim((await makePlayer()).id, promo.code);
    expect({ status: res.status, code: res.error?.error.code }).toEqual({ status: 410, code: "PROMO_EXHAUSTED" });
    const after = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
    expect({ claimsLeft: after.claimsLeft, granted: after.grantedUsdAmount.toString() }).toEqual({ claimsLeft: 0, granted: "5" });
  });
});
