// CRM grants (SPEC §2 "Grants and webhooks"): POST /api/v1/events/grants runs the claim path itself —
// the same rules, order and codes, hidden promos grantable, no claim rate limit — with the claim's
// origin GRANT, a Grant row, GRANTS_PER_PLAYER_PER_DAY per rolling 24 h, idempotent by id; and every
// claim (by code or grant) writes claim.created when an endpoint subscribes. A database of its own:
// its webhook endpoint would otherwise make other files' claims write events, and their endpoints
// would break its "nothing when none subscribes".
import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { POST as grantsRoute } from "@/app/api/v1/events/grants/route";
import { env } from "@/lib/env";
import { WEBHOOK_DATA } from "@/lib/schemas/webhooks";
import { db, dbPool } from "@/lib/server/db";
import { fanOutEvents } from "@/lib/server/webhooks/fan-out";
import { call, platformKey } from "@/tests/fixtures/api";
import { claim, claimSnapshot, resending } from "@/tests/fixtures/claims";
import { ensureCurrencies, makePlayer, makePromo, uniqueCode } from "@/tests/fixtures/factories";
import { useDatabaseOfItsOwn } from "@/tests/fixtures/own-database";
import { skipRaces } from "@/tests/support/race";

const HOUR = 3600_000;

useDatabaseOfItsOwn("rollover_it_grants");
let key: string;
let keyId: string;
beforeAll(async () => {
  await ensureCurrencies();
  key = await platformKey("crm");
  keyId = (await db.apiKey.findFirstOrThrow({ where: { name: "crm" } })).id;
});

type TResult = { id: string | number | null; status: string; error: { code: string; message: string } | null; warnings: string[]; claimId?: string };

let seq = 0;
const grantId = () => `g_${process.pid}_${Date.now()}_${++seq}`;
const grant = (userId: number, promo: { promoCodeId: string } | { code: string }, id = grantId()) => ({ id, userId, ...promo });

async function send(body: unknown): Promise<TResult[]> {
  const res = await call(grantsRoute, { token: key, body });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.results;
}
const sendOne = async (event: unknown) => (await send(event))[0];

/** A grant refused with `code` (its message holding `inMessage`), and nothing of it stored. */
async function expectRejected(event: { id: string; userId: number; [field: string]: unknown }, promo: { id: string } | null, code: string, inMessage?: string) {
  const before = promo ? await claimSnapshot(event.userId, promo.id) : null;
  const r = await sendOne(event);
  expect([r.status, r.error?.code], r.error?.message).toEqual(["rejected", code]);
  expect(r.error?.message).toBeTruthy();
  if (inMessage) expect(r.error?.message).toContain(inMessage);
  expect(r.claimId).toBeUndefined();
  expect(await db.grant.count({ where: { id: event.id } })).toBe(0);
  if (promo) expect(await claimSnapshot(event.userId, promo.id)).toEqual(before);
}

const instant = (data: Parameters<typeof makePromo>[0] = {}) =>
  makePromo({ type: "INSTANT", amount: "5", currencyId: "USDT", timeSecondsToComplete: null, ...data });

describe("POST /api/v1/events/grants", () => {
  it("an INSTANT promo named by id credits like a code claim, with origin GRANT and the Grant row", async () => {
    const promo = await instant({ claimsLeft: 10 });
    const player = await makePlayer();
    const event = grant(player.id, { promoCodeId: promo.id });
    const r = await sendOne(event);
    expect(r).toMatchObject({ id: event.id, status: "applied", error: null, warnings: [] });
    const claimRow = await db.userPromoCode.findUniqueOrThrow({ where: { id: r.claimId! } });
    expect(claimRow).toMatchObject({ userId: player.id, promoCodeId: promo.id, status: "COMPLETED", origin: "GRANT" });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { userId: player.id } });
    expect(entry).toMatchObject({ kind: "INSTANT_CREDIT", bucket: "CASH", currencyId: "USDT", sourceId: r.claimId });
    expect(entry.amount.toFixed(2)).toBe("5.00");
    expect((await db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).claimsLeft).toBe(9);
    expect(await db.grant.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      userId: player.id, promoCodeId: promo.id, code: null, claimId: r.claimId, apiKeyId: keyId,
    });
  });

  it("a DEPOSIT promo named by code (any case) is CLAIMED and open; the code as matched is kept; a code claim stays CODE", async () => {
    const promo = await makePromo();
    const player = await makePlayer();
    const event = grant(player.id, { code: ` ${promo.code.toLowerCase()} ` });
    const r = await sendOne(event);
    expect(r.status).toBe("applied");
    expect(await db.userPromoCode.findUniqueOrThrow({ where: { id: r.claimId! } })).toMatchObject({ status: "CLAIMED", isActive: true, origin: "GRANT" });
    expect(await db.ledgerEntry.count({ where: { userId: player.id } })).toBe(0);
    expect((await db.grant.findUniqueOrThrow({ where: { id: event.id } })).code).toBe(promo.code);

    const other = await makePlayer();
    const byCode = await claim(other.id, promo.code);
    expect(byCode.status).toBe(201);
    expect((await db.userPromoCode.findUniqueOrThrow({ where: { id: byCode.data!.claim.id } })).origin).toBe("CODE");
  });

  it("every claim error is reachable through a grant, with the claim's code, and stores nothing", async () => {
    const player = await makePlayer({ kycLevel: "LEVEL_1" });
    const inactive = await makePromo();
    await db.promoCode.update({ where: { id: inactive.id }, data: { isActive: null } });
    await expectRejected(grant(player.id, { promoCodeId: inactive.id }), inactive, "PROMO_NOT_FOUND");
    await expectRejected(grant(player.id, { code: inactive.code }), inactive, "PROMO_NOT_FOUND");

    const once = await instant();
    expect((await claim(player.id, once.code)).status).toBe(201);
    await expectRejected(grant(player.id, { promoCodeId: once.id }), once, "ALREADY_CLAIMED");

    const later = await makePromo({ startsAt: new Date(Date.now() + HOUR) });
    await expectRejected(grant(player.id, { promoCodeId: later.id }), later, "PROMO_NOT_STARTED");
    const expired = await makePromo({ expiresAt: new Date(Date.now() - 1000) });
    await expectRejected(grant(player.id, { promoCodeId: expired.id }), expired, "PROMO_EXPIRED");
    const exhausted = await makePromo({ claimsLeft: 0 });
    await expectRejected(grant(player.id, { promoCodeId: exhausted.id }), exhausted, "PROMO_EXHAUSTED");

    const owner = await makePlayer();
    const aff = await db.affiliateCode.create({ data: { id: uniqueCode("AFF"), ownerId: owner.id } });
    const exclusive = await makePromo({ affiliateCodeId: aff.id, isPublic: false });
    await expectRejected(grant(player.id, { promoCodeId: exclusive.id }), exclusive, "NOT_ELIGIBLE", "AFFILIATE_ONLY");
    const kyc = await makePromo({ minKYCLevelToClaim: "LEVEL_2" });
    await expectRejected(grant(player.id, { promoCodeId: kyc.id }), kyc, "KYC_LEVEL_TOO_LOW");
    const wager = await makePromo({ minTotalWagerUsdToClaim: "100" });
    await expectRejected(grant(player.id, { promoCodeId: wager.id }), wager, "WAGER_TOO_LOW");

    const open = await makePromo();
    expect((await sendOne(grant(player.id, { promoCodeId: open.id }))).status).toBe("applied");
    const second = await makePromo();
    await expectRejected(grant(player.id, { promoCodeId: second.id }), second, "ACTIVE_BONUS_EXISTS");
  });

  it("the first failing rule in the spec's order, as for a code claim", async () => {
    const player = await makePlayer({ kycLevel: "NONE", bonusBlocked: true });
    const expiredAndExhausted = await makePromo({ expiresAt: new Date(Date.now() - 1000), claimsLeft: 0 });
    await expectRejected(grant(player.id, { promoCodeId: expiredAndExhausted.id }), expiredAndExhausted, "PROMO_EXPIRED");
    const exhaustedAndKyc = await makePromo({ claimsLeft: 0, minKYCLevelToClaim: "LEVEL_3" });
    await expectRejected(grant(player.id, { promoCodeId: exhaustedAndKyc.id }), exhaustedAndKyc, "PROMO_EXHAUSTED");
    const kyc = await makePromo({ minKYCLevelToClaim: "LEVEL_3" });
    await expectRejected(grant(player.id, { promoCodeId: kyc.id }), kyc, "NOT_ELIGIBLE", "BONUS_BLOCKED");
  });

  it("a hidden promo can be granted; a blocked player gets NOT_ELIGIBLE BONUS_BLOCKED", async () => {
    const hidden = await instant({ isHidden: true });
    const player = await makePlayer();
    expect((await sendOne(grant(player.id, { promoCodeId: hidden.id }))).status).toBe("applied");
    const viaCode = await makePlayer();
    expect((await sendOne(grant(viaCode.id, { code: hidden.code }))).status).toBe("applied");

    const blocked = await makePlayer({ bonusBlocked: true });
    const promo = await instant();
    await expectRejected(grant(blocked.id, { promoCodeId: promo.id }), promo, "NOT_ELIGIBLE", "BONUS_BLOCKED");
    const paused = await makePlayer({ bonusBlockedUntil: new Date(Date.now() + HOUR) });
    await expectRejected(grant(paused.id, { promoCodeId: promo.id }), promo, "NOT_ELIGIBLE", "BONUS_BLOCKED");
  });

  it("a replay is a duplicate naming the same claim, in a later request and within a batch", async () => {
    const promo = await instant();
    const player = await makePlayer();
    const event = grant(player.id, { code: promo.code });
    const first = await sendOne(event);
    expect(first.status).toBe("applied");
    expect(await sendOne(event)).toEqual({ id: event.id, status: "duplicate", error: null, warnings: [], claimId: first.claimId });
    expect(await sendOne({ ...event, code: promo.code.toLowerCase() })).toMatchObject({ status: "duplicate", claimId: first.claimId });

    const other = await instant();
    const fresh = grant(player.id, { promoCodeId: other.id });
    const batch = await send({ events: [fresh, event, fresh, { ...fresh, note: "x" }] });
    expect(batch.map((r) => [r.status, r.claimId])).toEqual([
      ["applied", batch[0].claimId], ["duplicate", first.claimId], ["duplicate", batch[0].claimId], ["duplicate", batch[0].claimId],
    ]);
    expect(batch[3].warnings).toEqual([expect.stringContaining("note")]);
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(2);
    expect(await db.ledgerEntry.count({ where: { userId: player.id } })).toBe(2);
  });

  it("the same id with other content is ID_CONFLICT: another player, another promo, the promo named the other way", async () => {
    const promo = await instant();
    const player = await makePlayer();
    const event = grant(player.id, { promoCodeId: promo.id });
    expect((await sendOne(event)).status).toBe("applied");
    const other = await makePlayer();
    const otherPromo = await instant();
    for (const conflicting of [
      { ...event, userId: other.id },
      { ...event, promoCodeId: otherPromo.id },
      { id: event.id, userId: player.id, code: promo.code },
    ]) {
      const r = await sendOne(conflicting);
      expect([r.status, r.error?.code, r.claimId]).toEqual(["rejected", "ID_CONFLICT", undefined]);
    }
    // Within one batch too: the first of the id is processed, a differing repeat is refused.
    const fresh = grant(other.id, { promoCodeId: otherPromo.id });
    expect((await send({ events: [fresh, { ...fresh, userId: player.id }] })).map((r) => r.error?.code ?? r.status)).toEqual(["applied", "ID_CONFLICT"]);
    expect(await db.userPromoCode.count({ where: { userId: other.id } })).toBe(1);
  });

  it("bad input: unknown promo or player, both or neither of promoCodeId and code, a non-uuid id → rejected, nothing stored", async () => {
    const player = await makePlayer();
    const promo = await instant();
    await expectRejected(grant(player.id, { promoCodeId: randomUUID() }), null, "PROMO_NOT_FOUND", "with id");
    await expectRejected(grant(player.id, { code: uniqueCode("NOPE") }), null, "PROMO_NOT_FOUND", "with code");
    const stranger = (await makePlayer()).id;
    await db.user.delete({ where: { id: stranger } });
    await expectRejected(grant(stranger, { promoCodeId: promo.id }), promo, "UNKNOWN_USER", String(stranger));
    await expectRejected({ ...grant(player.id, { promoCodeId: promo.id }), code: promo.code }, promo, "INVALID_EVENT", "promoCodeId");
    await expectRejected({ id: grantId(), userId: player.id }, promo, "INVALID_EVENT", "promoCodeId");
    await expectRejected(grant(player.id, { promoCodeId: "not-a-uuid" }), promo, "INVALID_EVENT", "UUID");
    await expectRejected({ ...grant(player.id, { promoCodeId: promo.id }), userId: -1 }, promo, "INVALID_EVENT");
    // In a batch a bad event is refused alone, and answers keep the order sent.
    const good = grant(player.id, { promoCodeId: promo.id });
    const results = await send({ events: [{ id: grantId(), userId: player.id }, 42, good] });
    expect(results.map((r) => r.error?.code ?? r.status)).toEqual(["INVALID_EVENT", "INVALID_EVENT", "applied"]);
    expect(await db.grant.count({ where: { userId: player.id } })).toBe(1);
  });

  it("GET is 405; a missing key is 401", async () => {
    const { GET } = await import("@/app/api/v1/events/grants/route");
    const res = await call(GET, { method: "GET" });
    expect([res.status, res.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await call(grantsRoute, { body: { id: "g", userId: 1, code: "X" } })).status).toBe(401);
  });

  it("a database that is unavailable fails the request with 503 and Retry-After; resent, it applies once", async () => {
    const promo = await instant();
    const player = await makePlayer();
    const event = grant(player.id, { promoCodeId: promo.id });
    const pool = dbPool();
    const connect = pool.connect.bind(pool);
    // The grant's transaction takes its own connection (no callback); the key lookup goes through Prisma.
    let refused = 0;
    const spy = vi.spyOn(pool, "connect").mockImplementation(((cb?: unknown) => {
      if (cb) return connect(cb as never);
      refused++;
      return Promise.reject(new Error("Connection terminated unexpectedly"));
    }) as never);
    try {
      const res = await call(grantsRoute, { token: key, body: event });
      expect(refused).toBe(1);
      expect([res.status, res.json.error.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      spy.mockRestore();
    }
    expect(await db.grant.count({ where: { id: event.id } })).toBe(0);
    expect((await sendOne(event)).status).toBe("applied");
  });
});

describe("GRANT_LIMIT: applied grants per player per rolling 24 h", () => {
  const max = () => env().GRANTS_PER_PLAYER_PER_DAY;

  it("40 grants in a day (40 promos): 30 applied, then 10 GRANT_LIMIT; a replay is still a duplicate", async () => {
    expect(max()).toBe(30);
    const player = await makePlayer();
    const promos = await Promise.all(Array.from({ length: 40 }, () => instant({ amount: "1" })));
    const events = promos.map((p) => grant(player.id, { promoCodeId: p.id }));
    const results = await send({ events });
    expect(results.slice(0, 30).map((r) => r.status)).toEqual(Array(30).fill("applied"));
    expect(results.slice(30).map((r) => r.error?.code)).toEqual(Array(10).fill("GRANT_LIMIT"));
    expect(await db.grant.count({ where: { userId: player.id } })).toBe(30);
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(30);
    expect(await sendOne(events[0])).toMatchObject({ status: "duplicate", claimId: results[0].claimId });
    // A code claim doesn't count either way: the player may still claim by code.
    expect((await claim(player.id, promos[35].code)).status).toBe(201);

    // Rolling: grants older than 24 h no longer count.
    const oldest = await db.grant.findMany({ where: { userId: player.id }, orderBy: { createdAt: "asc" }, take: 3 });
    await db.grant.updateMany({ where: { id: { in: oldest.map((g) => g.id) } }, data: { createdAt: new Date(Date.now() - 24 * HOUR - 1000) } });
    const more = await send({ events: events.slice(30, 34) });
    expect(more.map((r) => r.error?.code ?? r.status)).toEqual(["applied", "applied", "applied", "GRANT_LIMIT"]);
  });

  it("rejected grants and code claims don't count", async () => {
    const player = await makePlayer();
    const expired = await makePromo({ expiresAt: new Date(Date.now() - 1000) });
    const refused = await send({ events: Array.from({ length: 5 }, () => grant(player.id, { promoCodeId: expired.id })) });
    expect(refused.map((r) => r.error?.code)).toEqual(Array(5).fill("PROMO_EXPIRED"));
    for (let i = 0; i < 3; i++) expect((await claim(player.id, (await instant({ amount: "1" })).code)).status).toBe(201);
    const promos = await Promise.all(Array.from({ length: 31 }, () => instant({ amount: "1" })));
    const results = await send({ events: promos.map((p) => grant(player.id, { promoCodeId: p.id })) });
    expect(results.filter((r) => r.status === "applied")).toHaveLength(30);
    expect(results[30].error?.code).toBe("GRANT_LIMIT");
  });

  it.skipIf(skipRaces)("40 concurrent single-grant requests to one player: exactly 30 applied", async () => {
    const player = await makePlayer();
    const promos = await Promise.all(Array.from({ length: 40 }, () => instant({ amount: "1" })));
    const answers = await Promise.all(
      promos.map((p) => resending(() => call(grantsRoute, { token: key, body: grant(player.id, { promoCodeId: p.id }) }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    const codes = answers.map((a) => (a.json.results[0] as TResult).error?.code ?? a.json.results[0].status);
    expect(codes.filter((c) => c === "applied")).toHaveLength(30);
    expect(codes.filter((c) => c === "GRANT_LIMIT")).toHaveLength(10);
    expect(await db.grant.count({ where: { userId: player.id } })).toBe(30);
    expect(await db.ledgerEntry.count({ where: { userId: player.id } })).toBe(30);
  });

  it.skipIf(skipRaces)("one grant id sent 10 times at once: one claim, the rest duplicates; for 10 players: one applied, 9 ID_CONFLICT", async () => {
    const promo = await instant();
    const player = await makePlayer();
    const event = grant(player.id, { promoCodeId: promo.id });
    const answers = await Promise.all(Array.from({ length: 10 }, () => resending(() => call(grantsRoute, { token: key, body: event }))));
    const results = answers.map((a) => a.json.results[0] as TResult);
    expect(results.filter((r) => r.status === "applied")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(9);
    expect(new Set(results.map((r) => r.claimId)).size).toBe(1);
    expect(await db.userPromoCode.count({ where: { userId: player.id } })).toBe(1);

    // One id for ten players at once: one applies, the others conflict with it, none is claimed.
    const players = await Promise.all(Array.from({ length: 10 }, () => makePlayer()));
    const id = grantId();
    const racing = await Promise.all(players.map((p) => resending(() => call(grantsRoute, { token: key, body: grant(p.id, { promoCodeId: promo.id }, id) }))));
    const codes = racing.map((a) => (a.json.results[0] as TResult).error?.code ?? a.json.results[0].status);
    expect(codes.sort()).toEqual([...Array(9).fill("ID_CONFLICT"), "applied"]);
    expect(await db.userPromoCode.count({ where: { userId: { in: players.map((p) => p.id) } } })).toBe(1);
  });
});

describe("claim.created", () => {
  type TClaimCreated = Record<string, unknown>;
  const eventsOf = async (userId: number): Promise<TClaimCreated[]> => {
    await fanOutEvents(); // as the worker does: each event's delivery to the one endpoint
    const rows = await db.webhookEvent.findMany({ where: { type: "claim.created", userId }, include: { deliveries: true } });
    return rows.map((r) => {
      const parsed = WEBHOOK_DATA["claim.created"].strict().parse(r.data);
      expect(r.deliveries).toHaveLength(1);
      return parsed;
    });
  };

  it("written with origin CODE or GRANT when an endpoint subscribes, and nothing when none does", async () => {
    const endpoint = await db.webhookEndpoint.create({
      data: { url: "https://crm.example.com/hooks", eventTypes: ["claim.created"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVz" },
    });
    try {
      const deposit = await makePromo();
      const coder = await makePlayer();
      const byCode = await claim(coder.id, deposit.code);
      expect(byCode.status).toBe(201);
      expect(await eventsOf(coder.id)).toEqual([{
        userId: coder.id, claimId: byCode.data!.claim.id, promoCodeId: deposit.id, code: deposit.code, type: "DEPOSIT", status: "CLAIMED",
        origin: "CODE", grantId: null, credit: null, claimedAt: byCode.data!.claim.claimedAt,
      }]);

      const promo = await instant({ amount: "2.5" });
      const granted = await makePlayer();
      const event = grant(granted.id, { promoCodeId: promo.id });
      const r = await sendOne(event);
      const claimRow = await db.userPromoCode.findUniqueOrThrow({ where: { id: r.claimId! } });
      expect(await eventsOf(granted.id)).toEqual([{
        userId: granted.id, claimId: r.claimId, promoCodeId: promo.id, code: promo.code, type: "INSTANT", status: "COMPLETED",
        origin: "GRANT", grantId: event.id, credit: { currencyId: "USDT", amount: "2.50" }, claimedAt: claimRow.createdAt.toISOString(),
      }]);
      // A replay or a refused claim writes nothing more.
      await sendOne(event);
      expect((await claim(granted.id, promo.code)).status).toBe(409);
      expect(await eventsOf(granted.id)).toHaveLength(1);

      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { eventTypes: ["bonus.completed"] } });
      const quiet = await makePlayer();
      expect((await sendOne(grant(quiet.id, { promoCodeId: promo.id }))).status).toBe("applied");
      expect((await claim(quiet.id, deposit.code)).status).toBe(201);
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { eventTypes: ["claim.created"], enabled: false } });
      const off = await makePlayer();
      expect((await claim(off.id, deposit.code)).status).toBe(201);
      expect(await db.webhookEvent.count({ where: { userId: { in: [quiet.id, off.id] } } })).toBe(0);
    } finally {
      await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
    }
  });
});
