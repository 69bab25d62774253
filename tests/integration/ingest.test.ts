import { beforeAll, describe, expect, it } from "vitest";

import { GET as betsGet } from "@/app/api/v1/events/bets/route";
import { POST as betsRoute } from "@/app/api/v1/events/bets/route";
import { db } from "@/lib/server/db";
import { revokeApiKey } from "@/lib/server/api-keys/mutations";
import { call } from "@/tests/fixtures/api";
import { bet, deposit, sendBets, sendDeposits, sendGames, sendUsers } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makeOperator, makePlayer, uniqueCode, uniqueId } from "@/tests/fixtures/factories";
import { createApiKey } from "@/lib/server/api-keys/mutations";
import { skipRaces } from "@/tests/support/race";

beforeAll(ensureCurrencies);

describe("POST /api/v1/events/bets", () => {
  it("stores a batch, updates stats once, and answers one result per event in order", async () => {
    const [p1, p2] = [await makePlayer(), await makePlayer()];
    const game = await makeGame();
    const now = new Date();
    const events = [bet(p1.id, game.id, "10", now), bet(p2.id, game.id, "2.50", now), bet(p1.id, game.id, "0.10", now, { payout: "0.3", payoutMultiplier: "3" })];
    const res = await sendBets({ events });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual(events.map((e) => [e.id, "applied"]));
    const s1 = await db.userStatsUsd.findUniqueOrThrow({ where: { userId: p1.id } });
    expect(s1.wageredUsdAmount.toFixed(2)).toBe("10.10");
    expect(s1.payoutUsdAmount.toFixed(2)).toBe("0.30");
    const stored = await db.bet.findUniqueOrThrow({ where: { id: events[2].id } });
    expect(stored.payoutUsd.toFixed(2)).toBe("0.30");
  });

  it("accepts a single event too, and converts with the rate at the bet's time when usdAmount is missing", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const e = bet(player.id, game.id, "0.001", new Date(), { currencyId: "BTC", usdAmount: undefined });
    const res = await sendBets(e);
    expect(res.json.results[0].status).toBe("applied");
    const [{ rate }] = await db.$queryRaw<{ rate: string }[]>`SELECT usd_rate('BTC', ${new Date(e.createdAt)}::timestamptz)::text AS rate`;
    const stored = await db.bet.findUniqueOrThrow({ where: { id: e.id } });
    expect(stored.usdAmount.toFixed()).toBe(stored.amount.mul(rate).toFixed());
    expect(stored.usdAmount.gt(0)).toBe(true);
  });

  it.skipIf(skipRaces)("the same batch sent twice at the same moment is applied once", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const events = Array.from({ length: 50 }, () => bet(player.id, game.id, "1", new Date()));
    const [a, b] = await Promise.all([sendBets({ events }), sendBets({ events })]);
    const statuses = [...a.json.results, ...b.json.results].map((r: { status: string }) => r.status);
    expect(statuses.filter((s) => s === "applied")).toHaveLength(50);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(50);
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).wageredUsdAmount.toFixed(0)).toBe("50");
    expect(await db.bet.count({ where: { userId: player.id } })).toBe(50);
  });

  it("a replay is a duplicate and changes nothing; the same id with other content is ID_CONFLICT", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const e = bet(player.id, game.id, "5", new Date());
    await sendBets(e);
    const replay = await sendBets({ events: [e, { ...e, amount: "6", usdAmount: "6" }] });
    expect(replay.json.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "rejected"]);
    expect(replay.json.results[1].error.code).toBe("ID_CONFLICT");
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).wageredUsdAmount.toFixed(0)).toBe("5");
  });

  it("a bad event is rejected without blocking the others; unknown fields are warnings", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const good = bet(player.id, game.id, "1", new Date(), { newPlatformField: true });
    const unknownUser = bet(uniqueId(), game.id, "1", new Date());
    const unknownGame = bet(player.id, 2_000_000_000, "1", new Date());
    const badAmount = bet(player.id, game.id, "-1", new Date());
    const res = await sendBets({ events: [good, unknownUser, unknownGame, badAmount] });
    const r = res.json.results;
    expect(r[0]).toMatchObject({ status: "applied", warnings: ['unknown field "newPlatformField" ignored'] });
    expect(r[1]).toMatchObject({ status: "rejected", error: { code: "UNKNOWN_USER" } });
    expect(r[2]).toMatchObject({ status: "rejected", error: { code: "UNKNOWN_GAME" } });
    expect(r[3]).toMatchObject({ status: "rejected", error: { code: "INVALID_EVENT" } });
    expect(await db.bet.count({ where: { id: { in: [unknownUser.id, unknownGame.id, badAmount.id] } } })).toBe(0);
  });

  it("a malformed envelope is 400; over 1,000 events is 400", async () => {
    expect((await sendBets([1, 2])).status).toBe(400);
    expect((await sendBets({ events: [] })).status).toBe(400);
    const many = Array.from({ length: 1001 }, () => ({ id: "x" }));
    expect((await sendBets({ events: many })).status).toBe(400);
  });
});

describe("platform API keys", () => {
  it("an unknown key is 401, a revoked key is 401, GET on an events endpoint is 405", async () => {
    expect((await call(betsRoute, { token: "rk_live_nope", body: {} })).status).toBe(401);
    const admin = await makeOperator("ADMIN");
    const key = await createApiKey("to revoke", null);
    expect((await call(betsRoute, { token: key.key, body: { events: [{ id: "z" }] } })).status).toBe(200);
    await revokeApiKey(key.id, { id: admin.id, email: admin.email!, name: admin.username, role: "ADMIN", mustChangePassword: false });
    const res = await call(betsRoute, { token: key.key, body: {} });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHORIZED");
    const get = await call(betsGet, { method: "GET" });
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });
});

describe("POST /api/v1/events/users and games", () => {
  it("upserts users, sets the referrer once, and refuses operator-range ids", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("REF"), ownerId: owner.id } });
    const other = await db.affiliateCode.create({ data: { id: uniqueCode("REF"), ownerId: owner.id } });
    const id = uniqueId();
    const t0 = new Date("2026-11-25T10:00:00Z");
    const first = await sendUsers({ id, username: "lucky_cat", kycLevel: "LEVEL_1", bonusBlocked: false, affiliateCode: code.id.toLowerCase(), createdAt: t0.toISOString() });
    expect(first.json.results[0]).toMatchObject({ status: "applied", warnings: [] });
    const again = await sendUsers({ id, username: "lucky_cat", kycLevel: "LEVEL_1", bonusBlocked: false, affiliateCode: code.id, createdAt: t0.toISOString() });
    expect(again.json.results[0].status).toBe("duplicate");
    const later = await sendUsers({ id, username: "lucky_cat2", affiliateCode: other.id, updatedAt: "2026-11-25T11:00:00Z" });
    expect(later.json.results[0].status).toBe("applied");
    expect(later.json.results[0].warnings[0]).toMatch(/set once/);
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect([user.username, user.affiliateCodeId, user.kycLevel]).toEqual(["lucky_cat2", code.id, "LEVEL_1"]);
    const older = await sendUsers({ id, username: "stale", updatedAt: "2026-11-25T10:30:00Z" });
    expect(older.json.results[0].status).toBe("duplicate");
    expect((await db.user.findUniqueOrThrow({ where: { id } })).username).toBe("lucky_cat2");
    expect((await db.affiliateOwnerStats.findUniqueOrThrow({ where: { userId: owner.id } })).referralsCount).toBe(1);

    const plain = uniqueId();
    const res = await sendUsers({
      events: [
        { id: 1_000_000_001, username: "sneaky" },
        { id: uniqueId(), username: "x", affiliateCode: "NO_SUCH_CODE" },
        { id: owner.id, username: owner.username, affiliateCode: code.id },
        { id: plain, username: "y", role: "ADMIN", email: "a@b.c" },
      ],
    });
    const r = res.json.results;
    expect(r[0]).toMatchObject({ status: "rejected", error: { code: "OPERATOR_ID_RANGE" } });
    expect(r[1].warnings[0]).toMatch(/unknown affiliate code/);
    expect(r[2].warnings[0]).toMatch(/own code/);
    expect(r[3].warnings).toEqual(['unknown field "role" ignored', 'unknown field "email" ignored']);
    expect(await db.user.count({ where: { id: plain, username: "y", role: "PLAYER", email: null } })).toBe(1);
  });

  it("upserts games: a changed edge applies, the same content is a duplicate", async () => {
    const id = uniqueId();
    expect((await sendGames({ id, name: "Plinko", provider: "house", houseEdge: "0.01" })).json.results[0].status).toBe("applied");
    expect((await sendGames({ id, name: "Plinko", provider: "house", houseEdge: "0.010" })).json.results[0].status).toBe("duplicate");
    expect((await sendGames({ id, name: "Plinko", provider: "house", houseEdge: "0.02" })).json.results[0].status).toBe("applied");
    expect((await sendGames({ id, name: "Plinko", provider: "house", houseEdge: "1.5" })).json.results[0].status).toBe("rejected");
  });
});

describe("POST /api/v1/events/deposits", () => {
  it("records deposits once, rejects unknown users and id conflicts", async () => {
    const player = await makePlayer();
    const d = deposit(player.id, "100", new Date());
    expect((await sendDeposits(d)).json.results[0].status).toBe("applied");
    const res = await sendDeposits({ events: [d, { ...d, amount: "99", usdAmount: "99" }, deposit(uniqueId(), "5", new Date())] });
    expect(res.json.results.map((r: { status: string; error: { code: string } | null }) => r.error?.code ?? r.status)).toEqual([
      "duplicate",
      "ID_CONFLICT",
      "UNKNOWN_USER",
    ]);
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: player.id } })).depositedUsdAmount.toFixed(0)).toBe("100");
  });

  it("a referred player's deposit counts for the referrer's totals and that day's rollup", async () => {
    const owner = await makePlayer();
    const code = await db.affiliateCode.create({ data: { id: uniqueCode("DEP"), ownerId: owner.id } });
    const player = await makePlayer({ affiliateCodeId: code.id });
    const at = new Date("2026-11-20T23:30:00Z");
    await sendDeposits({ events: [deposit(player.id, "40", at), deposit(player.id, "2.5", at)] });
    expect((await db.affiliateOwnerStats.findUniqueOrThrow({ where: { userId: owner.id } })).depositUsdAmount.toFixed(1)).toBe("42.5");
    const day = await db.affiliateDailyStats.findUniqueOrThrow({ where: { userId_day: { userId: owner.id, day: new Date("2026-11-20") } } });
    expect(day.depositUsdAmount.toFixed(1)).toBe("42.5");
  });
});
