// Webhook delivery (SPEC §2 "Grants and webhooks", §7 "Outbound calls") against receivers on
// loopback: Standard Webhooks headers and signatures, retries with backoff and a stable webhook-id,
// the 10 s timeout (shortened here), no redirects, the response read capped, the address rules at
// every attempt, the 3-day disable, and one send per attempt with two workers. A database of its
// own: its endpoints would otherwise make every other file's changes write events, and its
// deliverDue would send theirs. Each test makes its own endpoints and disables them when it ends,
// so a later test's deliverDue sees only its own.
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { startWebhookPump } from "@/lib/jobs/webhook-pump";
import { setEnv } from "@/lib/env";
import {
  PING_EVENT_TYPE,
  WEBHOOK_DATA,
  WEBHOOK_EVENT_TYPES,
  ZPingData,
  webhookPayloadSchema,
  type TWebhookEventType,
} from "@/lib/schemas/webhooks";
import { checkWebhookUrl } from "@/lib/server/webhooks/address";
import { db } from "@/lib/server/db";
import { attemptDelivery, claimDueDeliveries, deliverDue, resendDelivery, sendPing, STORED_RESPONSE_CHARS } from "@/lib/server/webhooks/deliver";
import { writeExpiringEvents } from "@/lib/server/webhooks/expiring";
import { fanOutEvents } from "@/lib/server/webhooks/fan-out";
import type { TResult } from "@/lib/server/webhooks/delivery-row";
import { recordAttempts } from "@/lib/server/webhooks/record";
import { writeWebhookEvents } from "@/lib/server/webhooks/outbox";
import { generateWebhookSecret } from "@/lib/server/webhooks/signing";
import { bet, sendBets } from "@/tests/fixtures/events";
import { ensureCurrencies, makeGame, makePlayer, makePromo } from "@/tests/fixtures/factories";
import { useDatabaseOfItsOwn } from "@/tests/fixtures/own-database";
import { skipRaces } from "@/tests/support/race";
import { startTestReceiver, type TReceived, type TTestReceiver } from "@/tests/support/webhook-receiver";

const SEC = 1000;
const HOUR = 3600 * SEC;
const DAY = 24 * HOUR;

useDatabaseOfItsOwn("rollover_it_whd");
let playerId: number;
beforeAll(async () => {
  setEnv({ WEBHOOK_ALLOW_PRIVATE: "1" });
  await ensureCurrencies();
  playerId = (await makePlayer()).id;
});

const endpointIds: string[] = [];
const receivers: TTestReceiver[] = [];
afterEach(async () => {
  setEnv({ WEBHOOK_ALLOW_PRIVATE: "1" });
  await db.webhookEndpoint.updateMany({ where: { id: { in: endpointIds } }, data: { enabled: false } });
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver() {
  const r = await startTestReceiver();
  receivers.push(r);
  return r;
}

async function endpoint(url: string, eventTypes: TWebhookEventType[] = [...WEBHOOK_EVENT_TYPES], extra: Record<string, unknown> = {}) {
  const secret = generateWebhookSecret();
  const row = await db.webhookEndpoint.create({ data: { url, eventTypes, secret, ...extra } });
  endpointIds.push(row.id);
  return { id: row.id, secret };
}

const uuid = () => crypto.randomUUID();
const iso = (ms = 0) => new Date(Date.now() + ms).toISOString();

/** A payload of each type that its WEBHOOK_DATA schema accepts (checked in the first test). */
function sample(type: TWebhookEventType, userId: number): Record<string, unknown> {
  const claim = { userId, claimId: uuid(), promoCodeId: uuid() };
  const wagering = { wageredUsdAmount: "1000.00", wagerUsdAmountToComplete: "2000.00", leftUsdAmount: "1000.00", expiresAt: iso(DAY) };
  switch (type) {
    case "claim.created":
      return { ...claim, code: "WELCOME", type: "DEPOSIT", status: "CLAIMED", origin: "GRANT", grantId: "g_881", credit: null, claimedAt: iso() };
    case "bonus.activated":
      return { ...claim, depositId: "dep_1", currencyId: "USDT", bonusAmount: "100.00", bonusUsdAmount: "100.00", wagerUsdAmountToComplete: "2000.00", activatedAt: iso(), expiresAt: iso(DAY) };
    case "bonus.progress":
      return { ...claim, threshold: 50, ...wagering };
    case "bonus.expiring":
      return { ...claim, ...wagering };
    case "bonus.completed":
      return { ...claim, currencyId: "USDT", releasedAmount: "100.00", wageredUsdAmount: "2000.00", completedAt: iso() };
    case "bonus.forfeited":
      return { ...claim, status: "CANCELLED", reason: "PLAYER", currencyId: "USDT", forfeitedAmount: "100.00", endedAt: iso() };
    case "challenge.won":
      return { userId, challengeId: uuid(), betId: "bet_1", currencyId: "USDT", rewardAmount: "25.00", confirmedAt: iso() };
    case "leaderboard.prize":
      return { userId, leaderboardId: uuid(), rank: 1, currencyId: "USDT", amount: "100.00", usdAmount: "100.00", paidAt: iso() };
    case "commission.claimed":
      return { userId, payouts: [{ currencyId: "USDT", amount: "12.34", usdAmount: "12.34" }], claimedAt: iso() };
  }
}

/** Writes one event of `type` in a transaction of its own; resolves to its id (the webhook-id). */
/**
 * An event as a causing transaction writes it, then fanned out as the worker does before it claims
 * (`fanOut: false` leaves that to the worker's loop under test).
 */
async function writeEvent(
  type: TWebhookEventType,
  data: Record<string, unknown> = sample(type, playerId),
  { fanOut = true } = {},
): Promise<string> {
  const dedupeKey = `test:${uuid()}`;
  await db.$transaction((tx) => writeWebhookEvents(tx, type, [{ userId: playerId, dedupeKey, data }]));
  if (fanOut) await fanOutEvents();
  return (await db.webhookEvent.findUniqueOrThrow({ where: { dedupeKey } })).id;
}

const deliveryOf = (eventId: string, endpointId: string) =>
  db.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId } } });
const makeDue = (endpointId: string) =>
  db.webhookDelivery.updateMany({ where: { endpointId, status: "PENDING" }, data: { nextAttemptAt: new Date() } });

function verify(secret: string, r: TReceived) {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
}

describe("what arrives", () => {
  it("every event type, as {type, timestamp, data} with Standard Webhooks headers the verifier accepts", async () => {
    const rx = await receiver();
    const ep = await endpoint(rx.url());
    const sent = new Map<string, { type: TWebhookEventType; data: Record<string, unknown> }>();
    for (const type of WEBHOOK_EVENT_TYPES) {
      const data = sample(type, playerId);
      expect(WEBHOOK_DATA[type].parse(data)).toEqual(data); // the fixture is a valid payload
      sent.set(await writeEvent(type, data), { type, data });
    }
    expect(await deliverDue()).toBe(WEBHOOK_EVENT_TYPES.length);
    expect(rx.received).toHaveLength(WEBHOOK_EVENT_TYPES.length);
    for (const r of rx.received) {
      const id = String(r.headers["webhook-id"]);
      const want = sent.get(id)!;
      expect(want, `unknown webhook-id ${id}`).toBeDefined();
      expect(r.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);
      expect(String(r.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      const body = verify(ep.secret, r);
      expect(webhookPayloadSchema(want.type, WEBHOOK_DATA[want.type]).parse(body)).toEqual({
        type: want.type, timestamp: expect.stringMatching(/Z$/), data: want.data,
      });
      expect(() => new Webhook(generateWebhookSecret()).verify(r.body, r.headers as Record<string, string>)).toThrow();
    }
    const deliveries = await db.webhookDelivery.findMany({ where: { endpointId: ep.id } });
    expect(deliveries.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual(deliveries.map(() => ["DELIVERED", 1, 200]));
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: deliveries.map((d) => d.id) }, statusCode: 200 } })).toBe(deliveries.length);
    const health = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(health.lastSuccessAt).not.toBeNull();
    expect(health.failingSince).toBeNull();
  });

  it("after a rotation both signatures are sent and each secret verifies; once the old one expires, only the new", async () => {
    const rx = await receiver();
    const previous = generateWebhookSecret();
    const ep = await endpoint(rx.url(), ["bonus.completed"], { previousSecret: previous, previousSecretExpiresAt: new Date(Date.now() + DAY) });
    await writeEvent("bonus.completed");
    expect(await deliverDue()).toBe(1);
    const [r] = await rx.waitFor(1);
    expect(String(r.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [ep.secret, previous]) expect(() => verify(secret, r)).not.toThrow();

    await db.webhookEndpoint.update({ where: { id: ep.id }, data: { previousSecretExpiresAt: new Date(Date.now() - SEC) } });
    await writeEvent("bonus.completed");
    await deliverDue();
    const [, r2] = await rx.waitFor(2);
    expect(String(r2.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => verify(ep.secret, r2)).not.toThrow();
    expect(() => verify(previous, r2)).toThrow();
  });

  it("the test button: a ping to that endpoint only, answered at once", async () => {
    const [rx, other] = [await receiver(), await receiver()];
    const ep = await endpoint(rx.url(), ["claim.created"]);
    await endpoint(other.url(), ["claim.created"]);
    const outcome = await sendPing(ep.id);
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null });
    const [r] = await rx.waitFor(1);
    const body = verify(ep.secret, r) as { type: string; data: unknown };
    expect(body.type).toBe(PING_EVENT_TYPE);
    expect(ZPingData.parse(body.data)).toEqual({ endpointId: ep.id, sentAt: expect.any(String) });
    expect(await deliverDue()).toBe(0); // not sent again by the worker
    expect(other.received).toHaveLength(0);
    await expect(sendPing(uuid())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a rolled-back transaction that wrote an event sends nothing", async () => {
    const rx = await receiver();
    const ep = await endpoint(rx.url(), ["bonus.forfeited"]);
    const dedupeKey = `test:${uuid()}`;
    await expect(
      db.$transaction(async (tx) => {
        await writeWebhookEvents(tx, "bonus.forfeited", [{ userId: playerId, dedupeKey, data: sample("bonus.forfeited", playerId) }]);
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await db.webhookEvent.count({ where: { dedupeKey } })).toBe(0);
    expect(await deliverDue()).toBe(0);
    expect(await db.webhookDelivery.count({ where: { endpointId: ep.id } })).toBe(0);
    expect(rx.received).toHaveLength(0);
  });
});

describe("retries", () => {
  it("an error, then the receiver down: retried with backoff, delivered once back, with the same webhook-id and body", async () => {
    const rx = await receiver();
    const ep = await endpoint(rx.url(), ["bonus.activated"]);
    const eventId = await writeEvent("bonus.activated");

    rx.answer({ kind: "status", status: 500, body: "try later" });
    let before = Date.now();
    await deliverDue();
    let d = await deliveryOf(eventId, ep.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500", lastResponse: "try later" });
    const firstWait = d.nextAttemptAt.getTime() - before;
    expect(firstWait).toBeGreaterThan(5 * SEC);
    expect(firstWait).toBeLessThanOrEqual(30 * SEC); // the first retry within 30 s
    expect(await deliverDue()).toBe(0); // not due yet

    await rx.down();
    await makeDue(ep.id);
    before = Date.now();
    await deliverDue();
    d = await deliveryOf(eventId, ep.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 2, lastStatusCode: null, lastError: "Connection refused" });
    expect(d.nextAttemptAt.getTime() - before).toBeGreaterThan(firstWait); // backing off
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).failingSince).not.toBeNull();

    await rx.up();
    rx.answer({ kind: "status", status: 204 });
    await makeDue(ep.id);
    await deliverDue();
    d = await deliveryOf(eventId, ep.id);
    expect(d).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 204, lastError: null });
    expect(d.deliveredAt).not.toBeNull();
    const [first, second] = await rx.waitFor(2);
    expect(rx.received).toHaveLength(2);
    expect(second.headers["webhook-id"]).toBe(eventId);
    expect(first.headers["webhook-id"]).toBe(eventId);
    expect(second.body).toBe(first.body);
    expect(() => verify(ep.secret, second)).not.toThrow();
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: d.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.statusCode, a.error])).toEqual([[500, "HTTP 500"], [null, "Connection refused"], [204, null]]);
    const health = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(health.failingSince).toBeNull();
    expect(health.lastSuccessAt).not.toBeNull();

    await deliverDue();
    expect(rx.received).toHaveLength(2); // delivered: never sent again by itself
    await resendDelivery(d.id); // the delivery log's resend
    expect(await deliverDue()).toBe(1);
    expect((await rx.waitFor(3))[2].headers["webhook-id"]).toBe(eventId);
    await expect(resendDelivery(uuid())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives up 24 h after the event: the last try at the 24 h mark, then FAILED", async () => {
    const rx = await receiver();
    rx.answer({ kind: "status", status: 503 });
    const ep = await endpoint(rx.url(), ["challenge.won"]);
    const young = await writeEvent("challenge.won");
    const old = await writeEvent("challenge.won");
    const almost = new Date(Date.now() - DAY + 5 * SEC);
    await db.webhookEvent.update({ where: { id: young }, data: { createdAt: almost } });
    await db.webhookEvent.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - DAY - SEC) } });
    await db.webhookDelivery.updateMany({ where: { endpointId: ep.id }, data: { attempts: 20 } });
    await deliverDue();
    const y = await deliveryOf(young, ep.id);
    expect(y.status).toBe("PENDING");
    expect(y.nextAttemptAt.getTime()).toBeLessThanOrEqual(almost.getTime() + DAY);
    expect((await deliveryOf(old, ep.id)).status).toBe("FAILED");
  });

  it("an endpoint failing for 3 days is disabled, saying why; one failing for 2 is not", async () => {
    const rx = await receiver();
    rx.answer({ kind: "status", status: 500 });
    const three = await endpoint(rx.url(), ["leaderboard.prize"], { failingSince: new Date(Date.now() - 3 * DAY - 60 * SEC) });
    const two = await endpoint(rx.url(), ["leaderboard.prize"], { failingSince: new Date(Date.now() - 2 * DAY) });
    await writeEvent("leaderboard.prize");
    expect(await deliverDue()).toBe(2);
    const [a, b] = await Promise.all([three, two].map((e) => db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })));
    expect(a.enabled).toBe(false);
    expect(a.disabledReason).toMatch(/failed for 3 days, since \d{4}-\d\d-\d\dT.*Last error: HTTP 500/);
    expect(b).toMatchObject({ enabled: true, disabledReason: null });

    // A disabled endpoint's deliveries wait (an admin may turn it back on); nothing is sent meanwhile.
    await writeEvent("leaderboard.prize");
    await makeDue(three.id);
    await makeDue(two.id);
    expect(await deliverDue()).toBe(2); // both of `two`'s, none of `three`'s
    expect(await db.webhookDelivery.count({ where: { endpointId: three.id } })).toBe(1);
  });
});

describe("what the worker won't do", () => {
  it("a hanging receiver: the attempt times out, and neither another delivery nor a bet batch waits for it", async () => {
    const [hang, healthy] = [await receiver(), await receiver()];
    hang.answer({ kind: "hang" });
    const slow = await endpoint(hang.url(), ["bonus.completed"]);
    const fast = await endpoint(healthy.url(), ["commission.claimed"]);
    const slowEvent = await writeEvent("bonus.completed");
    const fastEvent = await writeEvent("commission.claimed");
    const slowDelivery = await deliveryOf(slowEvent, slow.id);
    const fastDelivery = await deliveryOf(fastEvent, fast.id);

    const TIMEOUT = 4000;
    const started = Date.now();
    let isSettled = false;
    const hanging = attemptDelivery(slowDelivery.id, { timeoutMs: TIMEOUT }).finally(() => (isSettled = true));
    await hang.waitFor(1);

    expect(await attemptDelivery(fastDelivery.id)).toMatchObject({ ok: true, statusCode: 200 });
    const game = await makeGame();
    const res = await sendBets({ events: Array.from({ length: 100 }, () => bet(playerId, game.id, "1.00", new Date())) });
    expect(res.status).toBe(200);
    expect(isSettled).toBe(false); // all of that happened while the attempt hung
    expect(Date.now() - started).toBeLessThan(TIMEOUT);

    const outcome = await hanging;
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: `Timed out after ${TIMEOUT} ms` });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(TIMEOUT - 50);
    expect(outcome.durationMs).toBeLessThan(TIMEOUT + 2000);
    expect(await deliveryOf(slowEvent, slow.id)).toMatchObject({ status: "PENDING", attempts: 1, lastError: `Timed out after ${TIMEOUT} ms` });
  });

  it("the worker's loop: a first attempt within seconds, and a hanging endpoint holds up no other", async () => {
    const [hang, healthy] = [await receiver(), await receiver()];
    hang.answer({ kind: "hang" });
    await endpoint(hang.url(), ["bonus.expiring"]);
    await endpoint(healthy.url(), ["bonus.forfeited"]);
    const pump = startWebhookPump({ timeoutMs: 5000, tickMs: 200, perEndpoint: 4 });
    try {
      // Written only: the loop itself fans them out.
      for (let i = 0; i < 6; i++) await writeEvent("bonus.expiring", undefined, { fanOut: false });
      await hang.waitFor(4, 5000); // its share of the slots, hanging
      const written = Date.now();
      for (let i = 0; i < 5; i++) await writeEvent("bonus.forfeited", undefined, { fanOut: false });
      await healthy.waitFor(5, 3000);
      expect(Date.now() - written).toBeLessThan(3000);
      expect(hang.received.length).toBe(4); // at most 4 attempts in flight per endpoint
    } finally {
      await pump.stop(); // waits for the attempts in flight (their timeout)
    }
  });

  it("a redirect is not followed: a failure, and its target receives nothing", async () => {
    const [rx, target] = [await receiver(), await receiver()];
    rx.answer({ kind: "redirect", status: 302, location: target.url("/elsewhere") });
    const ep = await endpoint(rx.url(), ["claim.created"]);
    const eventId = await writeEvent("claim.created");
    await deliverDue();
    expect(rx.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
    expect(await deliveryOf(eventId, ep.id)).toMatchObject({
      status: "PENDING", lastStatusCode: 302, lastError: `Redirect (302) not followed: ${target.url("/elsewhere")}`,
    });
  });

  it("reads at most 64 KiB of a response (an endless one too) and keeps 2 KiB of it", async () => {
    const rx = await receiver();
    rx.answer({ kind: "endless" });
    const ep = await endpoint(rx.url(), ["bonus.progress"]);
    const eventId = await writeEvent("bonus.progress");
    const started = Date.now();
    await deliverDue(50, { timeoutMs: 5000 });
    expect(Date.now() - started).toBeLessThan(4000); // stopped reading: didn't wait for the timeout
    const d = await deliveryOf(eventId, ep.id);
    expect(d).toMatchObject({ status: "DELIVERED", lastStatusCode: 200 });
    expect(d.lastResponse).toBe("x".repeat(STORED_RESPONSE_CHARS));

    rx.answer({ kind: "status", status: 400, body: `${"é".repeat(3000)}\u0000` });
    const second = await writeEvent("bonus.progress");
    await deliverDue();
    const d2 = await deliveryOf(second, ep.id);
    expect(d2.lastResponse).toBe("é".repeat(STORED_RESPONSE_CHARS));
  });

  describe("without WEBHOOK_ALLOW_PRIVATE", () => {
    it("loopback and private URLs are refused at delivery (nothing connects) and by checkWebhookUrl", async () => {
      const rx = await receiver();
      const urls = [
        rx.url(),
        `https://127.0.0.1:${rx.port}/hooks`,
        `http://localhost:${rx.port}/hooks`,
        "http://10.0.0.1/hooks",
        "https://10.0.0.1/hooks",
        "http://169.254.169.254/latest/meta-data/",
        `http://[::1]:${rx.port}/hooks`,
        `http://[::ffff:127.0.0.1]:${rx.port}/hooks`,
        `http://2130706433:${rx.port}/hooks`,
      ];
      const eps = [];
      for (const url of urls) eps.push(await endpoint(url, ["bonus.completed"]));
      setEnv({ WEBHOOK_ALLOW_PRIVATE: "0" });
      for (const url of urls) expect(await checkWebhookUrl(url), url).toMatchObject({ ok: false });

      const eventId = await writeEvent("bonus.completed");
      const started = Date.now();
      expect(await deliverDue()).toBe(urls.length);
      expect(Date.now() - started).toBeLessThan(3000); // no connection attempt to 10.0.0.1 left hanging
      for (const ep of eps) {
        const d = await deliveryOf(eventId, ep.id);
        expect(d.status).toBe("PENDING");
        expect(d.lastError).toMatch(/^Address refused: /);
      }
      expect(rx.received).toHaveLength(0);

      // With the flag, the same loopback endpoints are called: by address, and by name (resolved,
      // and the connection made to the address that was checked).
      setEnv({ WEBHOOK_ALLOW_PRIVATE: "1" });
      const local = [eps[0], eps[2]];
      await db.webhookEndpoint.updateMany({ where: { id: { in: eps.filter((e) => !local.includes(e)).map((e) => e.id) } }, data: { enabled: false } });
      for (const ep of local) await makeDue(ep.id);
      expect(await deliverDue()).toBe(2);
      expect(rx.received).toHaveLength(2);
      for (const ep of local) expect(await deliveryOf(eventId, ep.id)).toMatchObject({ status: "DELIVERED" });
    });
  });
});

describe.skipIf(skipRaces)("two workers", () => {
  it("two deliverDue at the same moment send each delivery once", async () => {
    const rx = await receiver();
    const ep = await endpoint(rx.url(), ["bonus.activated"]);
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) ids.add(await writeEvent("bonus.activated"));
    const [a, b] = await Promise.all([deliverDue(50), deliverDue(50)]);
    expect(a + b).toBe(40);
    const extra = await deliverDue(50);
    expect(extra).toBe(0);
    expect(rx.received).toHaveLength(40);
    expect(new Set(rx.received.map((r) => String(r.headers["webhook-id"])))).toEqual(ids);
    expect(await db.webhookDelivery.count({ where: { endpointId: ep.id, status: "DELIVERED", attempts: 1 } })).toBe(40);
  });
});

describe("attempts recorded together (the worker's batches)", () => {
  /** Each of `endpoints`' deliveries of `n` fresh events, claimed as the worker claims them. */
  async function claimedRows(endpoints: string[], n: number) {
    for (let i = 0; i < n; i++) await writeEvent("bonus.activated");
    const rows = await claimDueDeliveries({ max: 1000, perEndpoint: 1000 });
    return endpoints.map((id) => rows.filter((r) => r.endpointId === id));
  }
  const minuteAgo = Date.now() - 60 * SEC;
  const at = (s: number) => new Date(minuteAgo + s * SEC);
  const ok: TResult = { statusCode: 200, error: null, response: "ok" };
  const down: TResult = { statusCode: 500, error: "HTTP 500", response: null };

  it("reads an endpoint's health in the order of its attempts, and each delivery's own outcome", async () => {
    const a = await endpoint("http://127.0.0.1:9/a", ["bonus.activated"]);
    const b = await endpoint("http://127.0.0.1:9/b", ["bonus.activated"], { failingSince: new Date(Date.now() - HOUR) });
    const [rowsA, rowsB] = await claimedRows([a.id, b.id], 4);
    // a: fail, ok, fail, fail → failing since its third attempt. b: fail, fail, ok, ok → healthy.
    const results = [[down, ok, down, down], [down, down, ok, ok]];
    await recordAttempts(
      [rowsA, rowsB].flatMap((rows, e) =>
        rows.map((row, i) => ({ row, attemptedAt: at(i), finishedAt: at(i + 0.5), durationMs: 500, result: results[e][i] })),
      ).reverse(), // in no particular order: the statement orders them
    );
    const [ea, eb] = await Promise.all([a, b].map((e) => db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })));
    expect(ea).toMatchObject({ enabled: true, failingSince: at(2), lastSuccessAt: at(1.5) });
    expect(eb).toMatchObject({ enabled: true, failingSince: null, lastSuccessAt: at(3.5) });
    const deliveries = await db.webhookDelivery.findMany({
      where: { endpointId: { in: [a.id, b.id] } }, include: { attemptsLog: true },
    });
    expect(deliveries).toHaveLength(8);
    for (const [e, rows] of [rowsA, rowsB].entries())
      rows.forEach((row, i) => {
        const d = deliveries.find((x) => x.id === row.id)!;
        expect(d).toMatchObject({
          status: results[e][i] === ok ? "DELIVERED" : "PENDING", attempts: 1, lastStatusCode: results[e][i].statusCode,
        });
        expect(d.attemptsLog).toHaveLength(1);
      });
  });

  it("disables an endpoint whose attempts in the batch all failed, 3 days on", async () => {
    const since = new Date(Date.now() - 3 * DAY - HOUR);
    const ep = await endpoint("http://127.0.0.1:9/c", ["bonus.activated"], { failingSince: since });
    const [rows] = await claimedRows([ep.id], 3);
    await recordAttempts(rows.map((row, i) => ({
      row, attemptedAt: at(i), finishedAt: at(i), durationMs: 1, result: { ...down, error: `HTTP 50${i}` },
    })));
    const e = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(e).toMatchObject({ enabled: false, failingSince: since });
    expect(e.disabledReason).toContain("Last error: HTTP 502"); // the last attempt's
  });

  it.skipIf(skipRaces)("two workers recording attempts of the same endpoints at once don't deadlock", async () => {
    const a = await endpoint("http://127.0.0.1:9/d", ["bonus.activated"]);
    const b = await endpoint("http://127.0.0.1:9/e", ["bonus.activated"]);
    const [rowsA, rowsB] = await claimedRows([a.id, b.id], 40);
    const record = (rows: typeof rowsA, result: TResult) =>
      recordAttempts(rows.map((row, i) => ({ row, attemptedAt: at(i), finishedAt: at(i), durationMs: 1, result })));
    // Twenty pairs of batches, each pair naming the two endpoints in opposite orders.
    for (let i = 0; i < 40; i += 2)
      await Promise.all([
        record([rowsA[i], rowsB[i]], ok),
        record([rowsB[i + 1], rowsA[i + 1]], down),
      ]);
    expect(await db.webhookAttempt.count({ where: { delivery: { endpointId: { in: [a.id, b.id] } } } })).toBe(80);
  });
});

describe("bonus.expiring", () => {
  /** An ACTIVE bonus of a fresh player, activated `activatedAgo` ago, expiring in `expiresIn`. */
  async function activeBonus(activatedAgo: number, expiresIn: number, player: { bonusOptOut?: boolean } = {}) {
    const who = await makePlayer(player);
    const promo = await makePromo();
    const activatedAt = new Date(Date.now() - activatedAgo);
    const claim = await db.userPromoCode.create({
      data: { userId: who.id, promoCodeId: promo.id, status: "ACTIVE", isActive: true, activatedAt, createdAt: activatedAt },
    });
    await db.userPromoCodeProgress.create({
      data: {
        userId: who.id, promoCodeId: promo.id, activatedAt, expiresAt: new Date(Date.now() + expiresIn), baseUsdAmount: "100",
        bonusUsdAmount: "100", bonusAmount: "100", currencyId: "USDT", wagerMultiplierToComplete: "10",
        wagerUsdAmountToComplete: "2000", wageredUsdAmount: "1234.567",
      },
    });
    return { claimId: claim.id, userId: who.id, promoCodeId: promo.id };
  }
  const eventsOf = (claimId: string) => db.webhookEvent.findMany({ where: { type: "bonus.expiring", dedupeKey: `bonus.expiring:${claimId}` } });

  it("once per bonus, within 24 h of its expiry, not for one that runs under 48 h, not for a player opted out", async () => {
    const rx = await receiver();
    const ep = await endpoint(rx.url(), ["bonus.expiring"]);
    const due = await activeBonus(3 * DAY, 23 * HOUR);
    const short = await activeBonus(DAY, 23 * HOUR); // a 47 h bonus
    const later = await activeBonus(3 * DAY, 25 * HOUR);
    const optedOut = await activeBonus(3 * DAY, 23 * HOUR, { bonusOptOut: true });

    await writeExpiringEvents();
    await writeExpiringEvents(); // a minute later: nothing new
    const [event] = await eventsOf(due.claimId);
    expect(await eventsOf(due.claimId)).toHaveLength(1);
    expect(WEBHOOK_DATA["bonus.expiring"].parse(event.data)).toEqual({
      userId: due.userId, claimId: due.claimId, promoCodeId: due.promoCodeId,
      wageredUsdAmount: "1234.56", wagerUsdAmountToComplete: "2000.00", leftUsdAmount: "765.43",
      expiresAt: expect.stringMatching(/Z$/),
    });
    for (const c of [short, later, optedOut]) expect(await eventsOf(c.claimId)).toHaveLength(0);

    expect(await writeExpiringEvents(new Date(Date.now() + 2 * HOUR))).toBe(1); // `later` is now within 24 h
    expect(await eventsOf(later.claimId)).toHaveLength(1);

    await deliverDue();
    expect(rx.received).toHaveLength(2);
    for (const r of rx.received) expect((verify(ep.secret, r) as { type: string }).type).toBe("bonus.expiring");
  });
});
