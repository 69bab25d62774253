// SPEC §7, each finding written as the attack: values that pass a format check but overflow the
// arithmetic, unsafe text, ids and cursors outside their column's range, bodies that dodge the reader.
// A bad event is rejected alone and nothing is written for it; everything else is a clear 4xx.
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import { GET as creditsRoute } from "@/app/api/v1/credits/route";
import { GET as leaderboardRoute } from "@/app/api/v1/leaderboards/[id]/route";
import { POST as affiliateClaimRoute } from "@/app/api/v1/me/affiliate/claim/route";
import { GET as myClaimsRoute } from "@/app/api/v1/me/promo-codes/route";
import { POST as cancelRoute } from "@/app/api/v1/me/promo-codes/[id]/cancel/route";
import { POST as claimRoute } from "@/app/api/v1/promo-codes/claim/route";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db";
import { searchPlayers } from "@/lib/server/players/lookup";
import { call, platformKey, playerToken } from "@/tests/fixtures/api";
import { bet, deposit, sendBets, sendDeposits, sendUsers } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makePlayer, makePromo, uniqueId } from "@/tests/fixtures/factories";
import { POST as betsRoute } from "@/app/api/v1/events/bets/route";

beforeAll(ensureCurrencies);

const statuses = (res: { json: { results: { status: string; error: { code: string } | null }[] } }) =>
  res.json.results.map((r) => (r.error ? `${r.status}:${r.error.code}` : r.status));

describe("events whose values overflow the arithmetic are rejected alone", () => {
  it("a payout multiplier that overflows payoutUsd (usd 10 × 99999999999999999999)", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const good = bet(player.id, game.id, "5", new Date());
    const bad = bet(player.id, game.id, "10", new Date(), { payoutMultiplier: "99999999999999999999", payout: "0" });
    const res = await sendBets({ events: [bad, good] });
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(["rejected:INVALID_EVENT", "applied"]);
    expect(await db.bet.count({ where: { id: { in: [good.id, bad.id] } } })).toBe(1);
  });

  it("a deposit of 99999999999999999999 BTC with no usdAmount (amount × rate overflows)", async () => {
    const player = await makePlayer();
    const bad = deposit(player.id, "1", new Date(), { currencyId: "BTC", amount: "99999999999999999999", usdAmount: undefined });
    const good = deposit(player.id, "20", new Date());
    const res = await sendDeposits({ events: [bad, good] });
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(["rejected:INVALID_EVENT", "applied"]);
    expect(await db.deposit.count({ where: { id: { in: [bad.id, good.id] } } })).toBe(1);
  });

  it("a player whose lifetime stats sit at the numeric ceiling: their bet is OUT_OF_RANGE, the others apply", async () => {
    const [rich, other] = [await makePlayer(), await makePlayer()];
    const game = await makeGame();
    await db.userStatsUsd.create({ data: { userId: rich.id, wageredUsdAmount: "99999999999999999990" } });
    const events = [bet(rich.id, game.id, "100", new Date()), bet(other.id, game.id, "3", new Date()), bet(other.id, game.id, "4", new Date())];
    const res = await sendBets({ events });
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(["rejected:OUT_OF_RANGE", "applied", "applied"]);
    expect(await db.bet.count({ where: { id: events[0].id } })).toBe(0);
    const stats = await db.userStatsUsd.findUniqueOrThrow({ where: { userId: other.id } });
    expect(stats.wageredUsdAmount.toFixed(2)).toBe("7.00");
    expect((await db.userStatsUsd.findUniqueOrThrow({ where: { userId: rich.id } })).wageredUsdAmount.toFixed(0)).toBe("99999999999999999990");
    // Sent again, the good ones are duplicates and the bad one is still refused: resending is safe.
    expect(statuses(await sendBets({ events }))).toEqual(["rejected:OUT_OF_RANGE", "duplicate", "duplicate"]);
  });

  it("the same for deposits: a player at the ceiling of depositedUsdAmount", async () => {
    const [rich, other] = [await makePlayer(), await makePlayer()];
    await db.userStatsUsd.create({ data: { userId: rich.id, depositedUsdAmount: "99999999999999999990" } });
    const events = [deposit(other.id, "5", new Date()), deposit(rich.id, "100", new Date())];
    const res = await sendDeposits({ events });
    expect(statuses(res)).toEqual(["applied", "rejected:OUT_OF_RANGE"]);
    expect(await db.deposit.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(1);
  });
});

describe("unsafe text", () => {
  it("a NUL in a username or an event id rejects that event only", async () => {
    const [a, b, c] = [uniqueId(), uniqueId(), uniqueId()];
    const res = await sendUsers({
      events: [
        { id: a, username: "nul\u0000name" },
        { id: b, username: "fine_name" },
        { id: c, username: "lone\ud800surrogate" },
      ],
    });
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(["rejected:INVALID_EVENT", "applied", "rejected:INVALID_EVENT"]);
    expect(await db.user.count({ where: { id: { in: [a, b, c] } } })).toBe(1);

    const player = await makePlayer();
    const game = await makeGame();
    const good = bet(player.id, game.id, "1", new Date());
    const bets = await sendBets({ events: [{ ...bet(player.id, game.id, "1", new Date()), id: "bet\u0000x" }, good] });
    expect(statuses(bets)).toEqual(["rejected:INVALID_EVENT", "applied"]);
  });

  it("a NUL or a lone surrogate in a claim code is a 400, not a 500", async () => {
    const player = await makePlayer();
    const token = await playerToken(player.id);
    for (const code of ["WEL\u0000COME", "WEL\udc00COME"]) {
      const res = await call(claimRoute, { token, body: { code } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("INVALID_BODY");
    }
  });

  it("an element of a batch that is not an object is rejected alone", async () => {
    const player = await makePlayer();
    const game = await makeGame();
    const good = bet(player.id, game.id, "1", new Date());
    const res = await sendBets({ events: [42, null, [good], good] });
    expect(statuses(res)).toEqual(["rejected:INVALID_EVENT", "rejected:INVALID_EVENT", "rejected:INVALID_EVENT", "applied"]);
  });
});

describe("ids and cursors outside their column's range", () => {
  it("a player token whose sub is above int4 is a 401, not a 500", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("2147483648")
      .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
      .sign(new TextEncoder().encode(env().PLAYER_JWT_SECRET));
    const res = await call(myClaimsRoute, { method: "GET", token });
    expect(res.status).toBe(401);
  });

  it("credits cursors out of range are a 400", async () => {
    const key = await platformKey("cursor attack");
    for (const after of ["99999999999999999999999.1", "1.99999999999999999999", "18446744073709551616.1"]) {
      const res = await call(creditsRoute, { method: "GET", token: key, path: `/api/v1/credits?after=${after}` });
      expect(res.status, after).toBe(400);
      expect(res.json.error.code).toBe("INVALID_QUERY");
    }
    const ok = await call(creditsRoute, { method: "GET", token: key, path: `/api/v1/credits?after=18446744073709551615.9223372036854775807` });
    expect(ok.status).toBe(200);
    expect(ok.json.credits).toEqual([]);
  });

  it("player search by an id above int4 finds nothing instead of failing", async () => {
    await expect(searchPlayers("9999999999")).resolves.toEqual([]);
  });

  it("a leaderboard or claim id that is not a uuid is a 404", async () => {
    const player = await makePlayer();
    const token = await playerToken(player.id);
    const dashes = "-".repeat(36);
    expect((await call(leaderboardRoute, { method: "GET", token, params: { id: dashes } })).status).toBe(404);
    expect((await call(cancelRoute, { token, params: { id: dashes } })).status).toBe(404);
  });
});

describe("every body goes through the one reader", () => {
  const big = "x".repeat(2 * 1024 * 1024);

  it("cancel: a 2 MiB body is a 413; an unknown field is a 400", async () => {
    const player = await makePlayer();
    const token = await playerToken(player.id);
    const id = "00000000-0000-4000-8000-000000000000";
    expect((await call(cancelRoute, { token, params: { id }, body: { reason: big } })).status).toBe(413);
    const unknown = await call(cancelRoute, { token, params: { id }, body: { reason: "x", extra: 1 } });
    expect(unknown.status).toBe(400);
  });

  it("affiliate claim takes no body: fields are a 400, 2 MiB is a 413, nothing or {} is read as no body", async () => {
    const player = await makePlayer();
    const token = await playerToken(player.id);
    expect((await call(affiliateClaimRoute, { token, body: { currency: "BTC" } })).status).toBe(400);
    expect((await call(affiliateClaimRoute, { token, rawBody: big, headers: { "content-type": "application/json" } })).status).toBe(413);
    expect((await call(affiliateClaimRoute, { token })).json.error.code).toBe("NOTHING_TO_CLAIM");
    expect((await call(affiliateClaimRoute, { token, body: {} })).json.error.code).toBe("NOTHING_TO_CLAIM");
  });

  it("a chunked body without Content-Length is stopped at 1 MiB while streaming", async () => {
    const key = await platformKey("chunked attack");
    let sent = 0;
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    // An endless body: only a reader that stops at the limit can answer.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost/api/v1/events/bets", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await betsRoute(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("a Content-Length over the limit is refused before reading", async () => {
    const player = await makePlayer();
    const res = await call(claimRoute, { token: await playerToken(player.id), rawBody: "{}", headers: { "content-length": "99999999" } });
    expect(res.status).toBe(413);
  });

  it("a body that is JSON but not an object is a 400", async () => {
    const player = await makePlayer();
    const token = await playerToken(player.id);
    for (const rawBody of ["[]", "\"WELCOME\"", "null", "12"]) {
      expect((await call(claimRoute, { token, rawBody, headers: { "content-type": "application/json" } })).status, rawBody).toBe(400);
    }
  });
});

describe("events of a real promo are unaffected", () => {
  it("a deposit still activates a claim after the schema bounds", async () => {
    const player = await makePlayer();
    const promo = await makePromo({ amount: "10" });
    const claim = await call(claimRoute, { token: await playerToken(player.id), body: { code: promo.code } });
    expect(claim.status).toBe(201);
    const res = await sendDeposits(deposit(player.id, "999999999999.99", new Date(Date.now() + 1000)));
    expect(statuses(res)).toEqual(["applied"]);
    const progress = await db.userPromoCodeProgress.findUniqueOrThrow({ where: { promoCodeId_userId: { promoCodeId: promo.id, userId: player.id } } });
    expect(progress.bonusUsdAmount.toFixed(2)).toBe("999999999999.99");
  });
});
