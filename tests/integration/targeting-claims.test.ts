// Country and tag targeting (issue #16) as a player meets it: claims through the player API, the
// claimable list, and the back office's eligibility check. A failure is 403 NOT_ELIGIBLE with
// `error.details.reason` and leaves the database as it was.
import { beforeAll, describe, expect, it } from "vitest";

import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { checkEligibility } from "@/lib/server/promo-codes/mutations";
import { playerToken } from "@/tests/fixtures/api";
import { apiClient } from "@/tests/fixtures/api-client";
import { claim, claimSnapshot, expectNotEligible, listedFor } from "@/tests/fixtures/claims";
import { sendUsers } from "@/tests/fixtures/events";
import { ensureCurrencies, makePlayer, makePromo, uniqueCode, uniqueId } from "@/tests/fixtures/factories";

beforeAll(ensureCurrencies);

/** An INSTANT $1 promo with a limited number of claims (so "claimsLeft unchanged" can be seen). */
const instant = (data: Partial<Prisma.PromoCodeUncheckedCreateInput> = {}) =>
  makePromo({ type: "INSTANT", amount: "1", timeSecondsToComplete: null, claimsLeft: 5, ...data });

async function expectClaimed(userId: number, promo: { id: string; code: string }) {
  const before = await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } });
  const res = await claim(userId, promo.code);
  expect(res.status).toBe(201);
  expect(res.data).toMatchObject({ claim: { promoCodeId: promo.id, status: "COMPLETED" }, credit: { currencyId: "USDT", amount: "1.00" } });
  expect(await db.ledgerEntry.count({ where: { userId, kind: "INSTANT_CREDIT", sourceId: res.data!.claim.id } })).toBe(1);
  expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).claimsLeft).toBe(before.claimsLeft! - 1);
}

describe("claims and country targeting", () => {
  it("an allowed list: a player in it claims; one outside it, or with no country, is refused (COUNTRY)", async () => {
    const promo = await instant({ countries: ["FR", "NL"] });
    const [fr, be, de, none] = [
      await makePlayer({ country: "FR" }),
      await makePlayer({ country: "NL" }),
      await makePlayer({ country: "DE" }),
      await makePlayer(),
    ];
    await expectNotEligible(de.id, promo, "COUNTRY");
    await expectNotEligible(none.id, promo, "COUNTRY");
    await expectClaimed(fr.id, promo);
    await expectClaimed(be.id, promo);
  });

  it("an excluded list: a player in it is refused (COUNTRY); others, and a player with no country, claim", async () => {
    const promo = await instant({ excludedCountries: ["FR", "GB"] });
    const [fr, gb, de, none] = [await makePlayer({ country: "FR" }), await makePlayer({ country: "GB" }), await makePlayer({ country: "DE" }), await makePlayer()];
    await expectNotEligible(fr.id, promo, "COUNTRY");
    await expectNotEligible(gb.id, promo, "COUNTRY");
    await expectClaimed(de.id, promo);
    await expectClaimed(none.id, promo);
  });

  it("both lists: the player must be in the allowed one and not in the excluded one (exclusion wins)", async () => {
    const promo = await instant({ countries: ["FR", "DE"], excludedCountries: ["DE", "ES"] });
    const [fr, de, es, it_, none] = [
      await makePlayer({ country: "FR" }),
      await makePlayer({ country: "DE" }),
      await makePlayer({ country: "ES" }),
      await makePlayer({ country: "IT" }),
      await makePlayer(),
    ];
    for (const p of [de, es, it_, none]) await expectNotEligible(p.id, promo, "COUNTRY");
    await expectClaimed(fr.id, promo);
  });

  it("empty lists: every player claims, with a country or without", async () => {
    const promo = await instant({ countries: [], excludedCountries: [] });
    await expectClaimed((await makePlayer({ country: "JP" })).id, promo);
    await expectClaimed((await makePlayer()).id, promo);
  });
});

describe("claims and tag targeting", () => {
  it("required tags: one of them is enough; none of them, or no tags at all, is refused (TAG)", async () => {
    const promo = await instant({ requiredTags: ["VIP_GOLD", "HIGH_ROLLER"] });
    const one = await makePlayer({ tags: ["newsletter", "HIGH_ROLLER"] });
    const both = await makePlayer({ tags: ["VIP_GOLD", "HIGH_ROLLER"] });
    const other = await makePlayer({ tags: ["newsletter"] });
    const bare = await makePlayer();
    await expectNotEligible(other.id, promo, "TAG");
    await expectNotEligible(bare.id, promo, "TAG");
    await expectClaimed(one.id, promo);
    await expectClaimed(both.id, promo);
  });

  it("excluded tags: any one of them refuses (TAG); players without them claim", async () => {
    const promo = await instant({ excludedTags: ["FRAUD_WATCH", "bonus-abuser"] });
    const flagged = await makePlayer({ tags: ["VIP_GOLD", "bonus-abuser"] });
    const clean = await makePlayer({ tags: ["VIP_GOLD"] });
    const bare = await makePlayer();
    await expectNotEligible(flagged.id, promo, "TAG");
    await expectClaimed(clean.id, promo);
    await expectClaimed(bare.id, promo);
  });

  it("required and excluded together: having a required tag doesn't outweigh an excluded one", async () => {
    const promo = await instant({ requiredTags: ["VIP"], excludedTags: ["FRAUD_WATCH"] });
    await expectNotEligible((await makePlayer({ tags: ["VIP", "FRAUD_WATCH"] })).id, promo, "TAG");
    await expectClaimed((await makePlayer({ tags: ["VIP"] })).id, promo);
  });

  it("tags are case-sensitive: vip is not VIP, for required and for excluded tags", async () => {
    const required = await instant({ requiredTags: ["VIP"] });
    const excluded = await instant({ excludedTags: ["VIP"] });
    const lower = await makePlayer({ tags: ["vip"] });
    await expectNotEligible(lower.id, required, "TAG");
    await expectClaimed(lower.id, excluded);
  });

  it("a users event that removes the required tag before the claim: refused (TAG), nothing written", async () => {
    const promo = await instant({ requiredTags: ["VIP"] });
    const id = uniqueId();
    const stays = uniqueId();
    const created = await sendUsers({
      events: [
        { id, username: `tag_${id}`, tags: ["VIP", "beta"], updatedAt: "2026-11-25T10:00:00Z" },
        { id: stays, username: `tag_${stays}`, tags: ["VIP"], updatedAt: "2026-11-25T10:00:00Z" },
      ],
    });
    expect(created.json.results.map((r: { status: string }) => r.status)).toEqual(["applied", "applied"]);
    const listed = async (userId: number) =>
      (await apiClient(await playerToken(userId)).GET("/api/v1/promo-codes")).data!.promoCodes.some((p) => p.id === promo.id);
    expect(await listed(id)).toBe(true);

    const removed = await sendUsers({ id, username: `tag_${id}`, tags: ["beta"], updatedAt: "2026-11-25T11:00:00Z" });
    expect(removed.json.results[0].status).toBe("applied");
    expect(await listed(id)).toBe(false);
    await expectNotEligible(id, promo, "TAG");
    await expectClaimed(stays, promo);
  });
});

describe("the order of NOT_ELIGIBLE reasons", () => {
  it("BONUS_BLOCKED, AFFILIATE_ONLY, DEPOSIT_RULE, COUNTRY, TAG: the first failing one is reported, and NOT_ELIGIBLE comes before KYC", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("TGT"), ownerId: owner.id } });
    const promo = await instant({
      affiliateCodeId: code.id,
      isPublic: false,
      depositRule: "RELOAD",
      countries: ["FR"],
      requiredTags: ["VIP"],
      minKYCLevelToClaim: "LEVEL_2",
    });
    const player = await makePlayer({ bonusBlocked: true, country: "DE", tags: [], kycLevel: "NONE" });
    const set = (data: Prisma.UserUncheckedUpdateInput) => db.user.update({ where: { id: player.id }, data });

    await expectNotEligible(player.id, promo, "BONUS_BLOCKED");
    await set({ bonusBlocked: false });
    await expectNotEligible(player.id, promo, "AFFILIATE_ONLY");
    await set({ affiliateCodeId: code.id });
    await expectNotEligible(player.id, promo, "DEPOSIT_RULE");
    await db.deposit.create({
      data: { id: `dep_tgt_${player.id}`, userId: player.id, currencyId: "USDT", amount: "10", usdAmount: "10", createdAt: new Date() },
    });
    await expectNotEligible(player.id, promo, "COUNTRY");
    await set({ country: "FR" });
    await expectNotEligible(player.id, promo, "TAG");
    await set({ tags: ["VIP"] });
    const kyc = await claim(player.id, promo.code);
    expect({ status: kyc.status, code: kyc.error?.error.code }).toEqual({ status: 403, code: "KYC_LEVEL_TOO_LOW" });
    await set({ kycLevel: "LEVEL_2" });
    await expectClaimed(player.id, promo);
  });

  it("COUNTRY is reported before TAG when both fail, and TAG alone once the country passes", async () => {
    const promo = await instant({ excludedCountries: ["FR"], excludedTags: ["FRAUD_WATCH"] });
    const both = await makePlayer({ country: "FR", tags: ["FRAUD_WATCH"] });
    await expectNotEligible(both.id, promo, "COUNTRY");
    const tagOnly = await makePlayer({ country: "DE", tags: ["FRAUD_WATCH"] });
    await expectNotEligible(tagOnly.id, promo, "TAG");
  });
});

describe("GET /api/v1/promo-codes and targeting", () => {
  it("lists only the promos whose country and tag rules the player passes; a KYC-only failure still shows with its reason", async () => {
    const player = await makePlayer({ country: "FR", tags: ["VIP"], kycLevel: "LEVEL_1" });
    const bare = await makePlayer({ kycLevel: "LEVEL_1" });
    // The list shows the newest 100 live promos: the ones that must show are made first, the ones that
    // must not last (newest), so seeing the first proves the others were inside the window too.
    const shown = {
      allowedFr: await instant({ title: "allowed FR", countries: ["FR", "NL"] }),
      excludedDe: await instant({ title: "excluded DE", excludedCountries: ["DE"] }),
      requiredVip: await instant({ title: "required VIP", requiredTags: ["VIP", "OTHER"] }),
      excludedFraud: await instant({ title: "excluded FRAUD", excludedTags: ["FRAUD_WATCH"] }),
      kycOnly: await instant({ title: "targeted, KYC too low", countries: ["FR"], requiredTags: ["VIP"], minKYCLevelToClaim: "LEVEL_3" }),
    };
    const hidden = {
      allowedDe: await instant({ title: "allowed DE", countries: ["DE"] }),
      excludedFr: await instant({ title: "excluded FR", excludedCountries: ["FR"] }),
      requiredOther: await instant({ title: "required other", requiredTags: ["OTHER"] }),
      requiredLowerVip: await instant({ title: "required vip", requiredTags: ["vip"] }),
      excludedVip: await instant({ title: "excluded VIP", excludedTags: ["VIP"] }),
      countryAndKyc: await instant({ title: "country and KYC fail", countries: ["DE"], minKYCLevelToClaim: "LEVEL_3" }),
    };

    const list = listedFor;
    const mine = await list(player.id);
    for (const p of [shown.allowedFr, shown.excludedDe, shown.requiredVip, shown.excludedFraud]) {
      expect(mine.get(p.id), p.title).toMatchObject({ claimable: true, reason: null });
    }
    expect(mine.get(shown.kycOnly.id)).toMatchObject({ claimable: false, reason: "KYC_LEVEL_TOO_LOW" });
    for (const p of Object.values(hidden)) expect(mine.has(p.id), p.title).toBe(false);

    // A player with no country and no tags: no country list, no required tags.
    const theirs = await list(bare.id);
    expect([...Object.values(shown), ...Object.values(hidden)].filter((p) => theirs.has(p.id)).map((p) => p.title).sort()).toEqual(
      ["excluded DE", "excluded FR", "excluded FRAUD", "excluded VIP"].sort(),
    );
    expect(await db.userPromoCode.count({ where: { userId: { in: [player.id, bare.id] } } })).toBe(0);
  });
});

describe("the back office's eligibility check", () => {
  it("NOT_ELIGIBLE with reason COUNTRY, and a failed check that names the player's country; nothing is claimed", async () => {
    const promo = await instant({ countries: ["FR", "NL"] });
    const de = await makePlayer({ country: "DE" });
    const before = await claimSnapshot(de.id, promo.id);
    const res = await checkEligibility(promo.id, de.id);
    expect(res.result).toBe("NOT_ELIGIBLE");
    expect(res.reason).toBe("COUNTRY");
    const failed = res.checks.filter((c) => !c.passed);
    expect(failed.map((c) => [c.rule, "reason" in c ? c.reason : undefined])).toEqual([["NOT_ELIGIBLE", "COUNTRY"]]);
    expect(failed[0].detail).toContain("DE");
    expect(await claimSnapshot(de.id, promo.id)).toEqual(before);

    const fr = await makePlayer({ country: "FR" });
    const ok = await checkEligibility(promo.id, fr.id);
    expect(ok.result).toBe("CLAIMABLE");
    expect(ok.reason).toBeNull();
    expect(ok.checks.find((c) => "reason" in c && c.reason === "COUNTRY")).toMatchObject({ passed: true });
  });
});
