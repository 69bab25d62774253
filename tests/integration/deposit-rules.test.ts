// A promo's deposit rule (issue #16, SPEC §2 Campaign controls) as a player and the platform meet
// it: FIRST_DEPOSIT is claimable only before any deposit and only the first deposit ever activates
// it; RELOAD needs an earlier deposit and the next one activates it; ANY is as before. A refused
// claim is 403 NOT_ELIGIBLE with details.reason DEPOSIT_RULE and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";

import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { claim, expectNotEligible, listedFor, progressTerms } from "@/tests/fixtures/claims";
import { deposit, sendDeposits } from "@/tests/fixtures/events";
import { ensureCurrencies, makePlayer, makePromo } from "@/tests/fixtures/factories";

beforeAll(ensureCurrencies);

const listedIds = async (userId: number) => [...(await listedFor(userId)).keys()];

/** A DEPOSIT promo: bonus = deposit, target (deposit + bonus) × 10. */
const depositPromo = (data: Partial<Prisma.PromoCodeUncheckedCreateInput> = {}) =>
  makePromo({ type: "DEPOSIT", amount: "0", bonusMultiplier: "1", maxBonusUsdAmount: null, wagerMultiplierToComplete: "10", claimsLeft: 10, ...data });

/** Seconds after now: every deposit a test sends after a claim is dated after it. */
const later = (s: number) => new Date(Date.now() + s * 1000);
/** Seconds before now: a deposit the player made before any claim. */
const earlier = (s: number) => new Date(Date.now() - s * 1000);

async function send(events: ReturnType<typeof deposit>[]) {
  const res = await sendDeposits({ events });
  expect(res.status).toBe(200);
  expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(events.map(() => "applied"));
}

/** A player who has already deposited (a deposit dated a minute ago). */
async function depositedPlayer(usd = "10") {
  const player = await makePlayer();
  const d = deposit(player.id, usd, earlier(60));
  await send([d]);
  return { player, first: d };
}

const expectDepositRuleRefusal = (userId: number, promo: { id: string; code: string }) => expectNotEligible(userId, promo, "DEPOSIT_RULE");

async function expectClaimed(userId: number, promo: { id: string; code: string }) {
  const res = await claim(userId, promo.code);
  expect(res.status).toBe(201);
  expect(res.data?.claim).toMatchObject({ promoCodeId: promo.id, type: "DEPOSIT", status: "CLAIMED" });
  return res.data!.claim.id;
}

/** What the player's claim of the promo became: status, the deposit that activated it, its progress and grant. */
async function claimState(userId: number, promoId: string) {
  const c = await db.userPromoCode.findFirstOrThrow({ where: { userId, promoCodeId: promoId } });
  const p = await db.userPromoCodeProgress.findFirst({ where: { userId, promoCodeId: promoId } });
  const grants = await db.ledgerEntry.findMany({ where: { kind: "BONUS_GRANT", sourceId: c.id } });
  return {
    status: c.status,
    cancelReason: c.cancelReason,
    depositId: c.depositId,
    ...progressTerms(p),
    grants: grants.map((g) => g.usdAmount.toString()),
  };
}

describe("FIRST_DEPOSIT", () => {
  it("a player who has deposited can't claim it (NOT_ELIGIBLE, DEPOSIT_RULE) and isn't offered it; a new player is", async () => {
    const promo = await depositPromo({ depositRule: "FIRST_DEPOSIT" });
    const { player } = await depositedPlayer();
    expect(await listedIds(player.id)).not.toContain(promo.id);
    await expectDepositRuleRefusal(player.id, promo);
    expect(await listedIds((await makePlayer()).id)).toContain(promo.id);
  });

  it("two deposits in one batch: only the first activates it", async () => {
    const promo = await depositPromo({ depositRule: "FIRST_DEPOSIT" });
    const player = await makePlayer();
    await expectClaimed(player.id, promo);
    const [first, second] = [deposit(player.id, "30", later(1)), deposit(player.id, "40", later(2))];
    await send([first, second]);
    expect(await claimState(player.id, promo.id)).toEqual({
      status: "ACTIVE", cancelReason: null, depositId: first.id, base: "30", bonus: "30", target: "600", grants: ["30"],
    });
    expect(await db.userPromoCodeProgress.count({ where: { userId: player.id } })).toBe(1);
  });

  it("two deposits in two requests: only the first activates it, the second changes nothing", async () => {
    const promo = await depositPromo({ depositRule: "FIRST_DEPOSIT" });
    const player = await makePlayer();
    await expectClaimed(player.id, promo);
    const first = deposit(player.id, "25", later(1));
    await send([first]);
    const afterFirst = await claimState(player.id, promo.id);
    expect(afterFirst).toEqual({
      status: "ACTIVE", cancelReason: null, depositId: first.id, base: "25", bonus: "25", target: "500", grants: ["25"],
    });
    await send([deposit(player.id, "70", later(2))]);
    expect(await claimState(player.id, promo.id)).toEqual(afterFirst);
    expect(await db.ledgerEntry.count({ where: { userId: player.id, kind: "BONUS_GRANT" } })).toBe(1);
  });

  it("a first deposit below the minimum ends the claim CANCELLED (DEPOSIT_RULE); the player may then claim another deposit promo", async () => {
    const promo = await depositPromo({ depositRule: "FIRST_DEPOSIT", amount: "50" });
    const player = await makePlayer();
    await expectClaimed(player.id, promo);
    await send([deposit(player.id, "20", later(1))]);
    expect(await claimState(player.id, promo.id)).toEqual({
      status: "CANCELLED", cancelReason: "DEPOSIT_RULE", depositId: null, base: null, bonus: null, target: null, grants: [],
    });
    // A later, big enough deposit is not a first one: still cancelled.
    await send([deposit(player.id, "80", later(2))]);
    expect((await claimState(player.id, promo.id)).status).toBe("CANCELLED");

    // No open bonus is left behind: another deposit promo can be claimed and activated.
    const other = await depositPromo();
    await expectClaimed(player.id, other);
    const next = deposit(player.id, "60", later(3));
    await send([next]);
    expect(await claimState(player.id, other.id)).toMatchObject({ status: "ACTIVE", depositId: next.id, base: "60", bonus: "60" });
  });

  it("a below-minimum first deposit followed by a big one in the same batch: cancelled, never activated by the second", async () => {
    const promo = await depositPromo({ depositRule: "FIRST_DEPOSIT", amount: "50" });
    const player = await makePlayer();
    await expectClaimed(player.id, promo);
    await send([deposit(player.id, "20", later(1)), deposit(player.id, "90", later(2))]);
    expect(await claimState(player.id, promo.id)).toMatchObject({ status: "CANCELLED", cancelReason: "DEPOSIT_RULE", bonus: null, grants: [] });
  });
});

describe("RELOAD", () => {
  it("a player with no deposit can't claim it (NOT_ELIGIBLE, DEPOSIT_RULE) and isn't offered it", async () => {
    const promo = await depositPromo({ depositRule: "RELOAD" });
    const player = await makePlayer();
    expect(await listedIds(player.id)).not.toContain(promo.id);
    await expectDepositRuleRefusal(player.id, promo);
  });

  it("a player with one deposit claims it, and the next deposit activates it", async () => {
    const promo = await depositPromo({ depositRule: "RELOAD" });
    const { player } = await depositedPlayer("15");
    expect(await listedIds(player.id)).toContain(promo.id);
    await expectClaimed(player.id, promo);
    const reload = deposit(player.id, "40", later(1));
    await send([reload]);
    expect(await claimState(player.id, promo.id)).toEqual({
      status: "ACTIVE", cancelReason: null, depositId: reload.id, base: "40", bonus: "40", target: "800", grants: ["40"],
    });
  });
});

describe("ANY (the default)", () => {
  it("a player without deposits claims and the first deposit activates it", async () => {
    const promo = await depositPromo();
    expect(promo.depositRule).toBe("ANY");
    const player = await makePlayer();
    expect(await listedIds(player.id)).toContain(promo.id);
    await expectClaimed(player.id, promo);
    const d = deposit(player.id, "20", later(1));
    await send([d]);
    expect(await claimState(player.id, promo.id)).toMatchObject({ status: "ACTIVE", depositId: d.id, base: "20", bonus: "20", target: "400" });
  });

  it("a player with deposits claims and the next deposit activates it", async () => {
    const promo = await depositPromo({ depositRule: "ANY" });
    const { player } = await depositedPlayer();
    expect(await listedIds(player.id)).toContain(promo.id);
    await expectClaimed(player.id, promo);
    const d = deposit(player.id, "35", later(1));
    await send([d]);
    expect(await claimState(player.id, promo.id)).toMatchObject({ status: "ACTIVE", depositId: d.id, base: "35", bonus: "35", target: "700" });
  });

  it("a deposit below the minimum leaves an ANY claim open for a later one", async () => {
    const promo = await depositPromo({ amount: "50" });
    const player = await makePlayer();
    await expectClaimed(player.id, promo);
    await send([deposit(player.id, "20", later(1))]);
    expect(await claimState(player.id, promo.id)).toMatchObject({ status: "CLAIMED", cancelReason: null, bonus: null });
    const d = deposit(player.id, "55", later(2));
    await send([d]);
    expect(await claimState(player.id, promo.id)).toMatchObject({ status: "ACTIVE", depositId: d.id, base: "55" });
  });
});
