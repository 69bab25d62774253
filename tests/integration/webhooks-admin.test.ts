import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setEnv } from "@/lib/env";
import { WEBHOOK_EVENT_TYPES, type TWebhookEndpointForm } from "@/lib/schemas/webhooks";
import type { TOperator } from "@/lib/server/auth/guards";
import { makeOperator, makePromo, makeSessionOperator, reserveIds } from "@/tests/fixtures/factories";
import { itPagesNewestFirst } from "@/tests/fixtures/paging";

// Settings → Webhooks through its real server actions: only the session cookie (next-auth's
// getServerSession) and revalidation are stubbed; the permission check, parsing, the address check,
// the transaction and the audit row are the real ones. Endpoints that must be saved point at public
// address literals (no DNS needed; nothing is ever sent to them); the ping goes to a receiver of this
// file's own on loopback, with WEBHOOK_ALLOW_PRIVATE=1 for that test only. Every row read here is this
// file's own: its endpoints (by id), its operators' audit rows, its promo's grants.
const session = vi.hoisted(() => ({ operator: null as TOperator | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.operator ? { user: { id: String(session.operator.id) } } : null),
}));

const actions = await import("@/app/(admin)/settings/webhooks/actions");
const { listWebhookEndpoints, getWebhookEndpoint, listWebhookDeliveries, getWebhookDelivery, DELIVERIES_PAGE_SIZE } = await import(
  "@/lib/server/webhooks/queries"
);
const { listPromoGrants, GRANTS_PAGE_SIZE } = await import("@/lib/server/grants/queries");
const { db } = await import("@/lib/server/db");

const FORBIDDEN = "You don't have access to this.";
/** A public address literal: saved without a DNS lookup, never called by these tests. */
const publicUrl = () => `https://1.1.1.1/rollover/${randomBytes(4).toString("hex")}`;
const form = (over: Partial<TWebhookEndpointForm> = {}): TWebhookEndpointForm => ({
  url: publicUrl(),
  description: "CRM (test)",
  eventTypes: ["claim.created", "bonus.completed"],
  enabled: true,
  ...over,
});
const stored = (id: string) => db.webhookEndpoint.findUnique({ where: { id } });
const auditsOf = (id: string) => db.auditLog.findMany({ where: { entityType: "WebhookEndpoint", entityId: id }, orderBy: { id: "asc" } });
/** What audit rows say (their before and after), as text: to look for a secret in. */
const auditText = (rows: { before: unknown; after: unknown }[]) => JSON.stringify(rows.map((r) => [r.before, r.after]));
/** The first message on `field` of an action's validation errors, or on one of its items (`eventTypes.0`). */
function fieldMessage(res: { validationErrors?: unknown } | undefined, field: string): string | undefined {
  const find = (node: unknown): string | undefined => {
    if (!node || typeof node !== "object") return undefined;
    const { _errors, ...rest } = node as { _errors?: string[] };
    return _errors?.[0] ?? Object.values(rest).map(find).find(Boolean);
  };
  return find((res?.validationErrors as Record<string, unknown> | undefined)?.[field]);
}

let admin: TOperator;

beforeAll(async () => {
  admin = await makeSessionOperator("ADMIN");
});

/** Creates an endpoint as the admin; its id and the secret shown once. */
async function created(over: Partial<TWebhookEndpointForm> = {}) {
  session.operator = admin;
  const res = await actions.createWebhookEndpointAction(form(over));
  expect(res?.validationErrors).toBeUndefined();
  expect(res?.serverError).toBeUndefined();
  return res!.data!;
}

describe("endpoint actions as ADMIN", () => {
  it("create: the secret comes back once (whsec_ + 24 random bytes), is stored to sign, and is in no audit row", async () => {
    const input = form({ description: "Fast Track (prod)", eventTypes: ["bonus.progress", "claim.created"] });
    session.operator = admin;
    const res = await actions.createWebhookEndpointAction(input);
    const data = res!.data!;
    expect(data.url).toBe(input.url);
    expect(data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(data.secret.slice(6), "base64")).toHaveLength(24);

    const row = await stored(data.id);
    expect(row).toMatchObject({
      url: input.url, description: "Fast Track (prod)", eventTypes: ["bonus.progress", "claim.created"], enabled: true,
      secret: data.secret, previousSecret: null, createdById: admin.id,
    });
    const [audit, ...more] = await auditsOf(data.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      action: "webhook_endpoint.create", operatorId: admin.id, before: null,
      after: { url: input.url, description: "Fast Track (prod)", eventTypes: ["bonus.progress", "claim.created"], enabled: true },
    });
    expect(auditText([audit])).not.toContain("whsec_");

    // The list never carries a secret.
    const listed = (await listWebhookEndpoints()).find((e) => e.id === data.id)!;
    expect(listed).toMatchObject({ url: input.url, health: { state: "healthy" }, createdBy: admin.name, previousSecretExpiresAt: null });
    expect(JSON.stringify(listed)).not.toContain("whsec_");
    expect(Object.keys(listed)).not.toContain("secret");
  });

  it("edit: URL, description, event types and enabled, audited before → after; the secret is kept", async () => {
    const { id, secret } = await created();
    const before = (await stored(id))!;
    const next = form({ description: "Smartico", eventTypes: ["bonus.forfeited"], enabled: false });
    const res = await actions.updateWebhookEndpointAction({ id, ...next });
    expect(res?.data).toEqual({ id });
    expect(await stored(id)).toMatchObject({ url: next.url, description: "Smartico", eventTypes: ["bonus.forfeited"], enabled: false, disabledReason: null, secret });
    const log = await auditsOf(id);
    expect(log.map((a) => a.action)).toEqual(["webhook_endpoint.create", "webhook_endpoint.update"]);
    expect(log[1]).toMatchObject({
      operatorId: admin.id,
      before: { url: before.url, description: before.description, eventTypes: before.eventTypes, enabled: true },
      after: { url: next.url, description: "Smartico", eventTypes: ["bonus.forfeited"], enabled: false },
    });
    expect(auditText(log)).not.toContain("whsec_");
  });

  it("turning an endpoint the worker disabled back on clears its reason and its failing streak", async () => {
    const { id } = await created();
    await db.webhookEndpoint.update({
      where: { id },
      data: { enabled: false, disabledReason: "Failing for 3 days: HTTP 500", failingSince: new Date(Date.now() - 4 * 86_400_000) },
    });
    expect((await getWebhookEndpoint(id))?.health).toEqual({ state: "disabled", reason: "Failing for 3 days: HTTP 500" });

    expect((await actions.setWebhookEndpointEnabledAction({ id, enabled: true }))?.data).toEqual({ id, enabled: true });
    expect(await stored(id)).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    expect((await actions.setWebhookEndpointEnabledAction({ id, enabled: false }))?.data).toEqual({ id, enabled: false });
    expect(await stored(id)).toMatchObject({ enabled: false, disabledReason: null });
    expect((await getWebhookEndpoint(id))?.health).toEqual({ state: "disabled", reason: null });

    const log = await auditsOf(id);
    expect(log.map((a) => [a.action, a.before, a.after])).toEqual([
      ["webhook_endpoint.create", null, expect.anything()],
      ["webhook_endpoint.enable", { enabled: false }, { enabled: true }],
      ["webhook_endpoint.disable", { enabled: true }, { enabled: false }],
    ]);
  });

  it("rotate: a new secret shown once, the old one kept for 24 h; the audit says it happened, not what the secrets are", async () => {
    const { id, secret: first } = await created();
    const res = await actions.rotateWebhookSecretAction({ id });
    const rotated = res!.data!;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(first);

    const row = (await stored(id))!;
    expect(row.secret).toBe(rotated.secret);
    expect(row.previousSecret).toBe(first);
    const [{ hours }] = await db.$queryRaw<{ hours: number }[]>`
      SELECT extract(epoch FROM "previousSecretExpiresAt" - now())::float8 / 3600 AS hours FROM "WebhookEndpoint" WHERE id = ${id}::uuid`;
    expect(hours).toBeGreaterThan(23.99);
    expect(hours).toBeLessThanOrEqual(24);
    expect(row.previousSecretExpiresAt!.toISOString()).toBe(rotated.previousSecretExpiresAt);
    expect((await getWebhookEndpoint(id))?.previousSecretExpiresAt).toBe(rotated.previousSecretExpiresAt);

    // A second rotation within the 24 h: the secret it replaces is the one kept; only the last two sign.
    const again = (await actions.rotateWebhookSecretAction({ id }))!.data!;
    expect(await stored(id)).toMatchObject({ secret: again.secret, previousSecret: rotated.secret });

    const log = await auditsOf(id);
    expect(log.map((a) => a.action)).toEqual(["webhook_endpoint.create", "webhook_endpoint.rotate_secret", "webhook_endpoint.rotate_secret"]);
    expect(log[1].after).toEqual({ secretRotated: true, previousSecretValidUntil: rotated.previousSecretExpiresAt });
    const text = auditText(log);
    for (const s of [first, rotated.secret, again.secret]) expect(text).not.toContain(s.slice(6));
  });

  it("delete: the endpoint and its deliveries go, the audit keeps what it was", async () => {
    const { id } = await created({ description: "to delete" });
    const event = await makeEvent("claim.created");
    await db.webhookDelivery.create({ data: { eventId: event, endpointId: id } });
    expect((await actions.deleteWebhookEndpointAction({ id }))?.data).toEqual({ id });
    expect(await stored(id)).toBeNull();
    expect(await db.webhookDelivery.count({ where: { endpointId: id } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { id: event } })).toBe(1);
    const log = await auditsOf(id);
    expect(log.at(-1)).toMatchObject({ action: "webhook_endpoint.delete", after: null, before: expect.objectContaining({ description: "to delete" }) });
    // Gone is gone: a second delete says so and writes nothing.
    expect((await actions.deleteWebhookEndpointAction({ id }))?.serverError).toMatch("no longer exists");
    expect(await auditsOf(id)).toHaveLength(log.length);
  });
});

describe("bad input is a field error and saves nothing", () => {
  it.each([
    ["a URL that is not http(s)", { url: "ftp://1.1.1.1/hook" }, "url", /https:\/\//],
    ["a URL with credentials in it", { url: "https://crm:hunter2@1.1.1.1/hook" }, "url", /Credentials/],
    ["not a URL", { url: "crm.example.com/hook" }, "url", /full URL/],
    ["no URL", { url: "" }, "url", /Enter the endpoint's URL/],
    ["a loopback address", { url: "http://127.0.0.1:8080/hook" }, "url", /127\.0\.0\.1, a loopback address: only public addresses/],
    ["a private address", { url: "https://10.1.2.3/hook" }, "url", /a private address: only public addresses/],
    ["a link-local address (cloud metadata)", { url: "http://169.254.169.254/latest/meta-data" }, "url", /a link-local address/],
    ["an IPv6 loopback", { url: "https://[::1]/hook" }, "url", /a loopback address/],
    ["a documentation address", { url: "https://203.0.113.7/hook" }, "url", /never calls/],
    ["plain http to a public address", { url: "http://1.1.1.1/hook" }, "url", /Use https:\/\//],
    ["no event type", { eventTypes: [] }, "eventTypes", /Choose at least one event type/],
    ["an unknown event type", { eventTypes: ["bonus.exploded" as "claim.created"] }, "eventTypes", /./],
  ] as const)("%s", async (_name, bad, field, message) => {
    session.operator = admin;
    const input = form(bad as Partial<TWebhookEndpointForm>);
    const auditsBefore = await db.auditLog.count({ where: { operatorId: admin.id } });
    const res = await actions.createWebhookEndpointAction(input);
    expect(res?.data).toBeUndefined();
    expect(fieldMessage(res, field)).toMatch(message);
    expect(await db.webhookEndpoint.count({ where: { url: input.url.trim() } })).toBe(0);
    expect(await db.auditLog.count({ where: { operatorId: admin.id } })).toBe(auditsBefore);

    // The same on an edit: the endpoint is left as it was.
    const { id } = await created();
    const was = await stored(id);
    const edit = await actions.updateWebhookEndpointAction({ id, ...input });
    expect(fieldMessage(edit, field)).toMatch(message);
    expect(await stored(id)).toEqual(was);
  });
});

describe("endpoint actions are ADMIN only (checked on the server)", () => {
  it.each(["PROMO_MANAGER", "SUPPORT", "AFFILIATE_MANAGER"] as const)("%s is refused every action; nothing changes", async (role) => {
    const { id } = await created();
    const was = await stored(id);
    const event = await makeEvent("claim.created");
    const delivery = await db.webhookDelivery.create({ data: { eventId: event, endpointId: id, status: "FAILED", attempts: 3 } });
    const operator = await makeSessionOperator(role);
    session.operator = operator;
    const url = publicUrl();
    const answers = [
      await actions.createWebhookEndpointAction(form({ url })),
      await actions.updateWebhookEndpointAction({ id, ...form({ description: "hijacked" }) }),
      await actions.rotateWebhookSecretAction({ id }),
      await actions.setWebhookEndpointEnabledAction({ id, enabled: false }),
      await actions.deleteWebhookEndpointAction({ id }),
      await actions.pingWebhookEndpointAction({ id }),
      await actions.resendWebhookDeliveryAction({ deliveryId: delivery.id }),
    ];
    for (const res of answers) {
      expect(res?.serverError).toBe(FORBIDDEN);
      expect(res?.data).toBeUndefined();
    }
    expect(await stored(id)).toEqual(was);
    expect(await db.webhookEndpoint.count({ where: { url } })).toBe(0);
    expect(await db.webhookDelivery.findUnique({ where: { id: delivery.id } })).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(await db.auditLog.count({ where: { operatorId: operator.id } })).toBe(0);
  });

  it("a signed-out caller is refused", async () => {
    session.operator = null;
    expect((await actions.createWebhookEndpointAction(form()))?.serverError).toBe("Please sign in again.");
  });

  it("a disabled admin is refused on the next call, whatever the session says", async () => {
    const op = await makeOperator("ADMIN", { disabled: true });
    session.operator = { id: op.id, email: op.email!, name: op.username, role: "ADMIN", mustChangePassword: false };
    expect((await actions.createWebhookEndpointAction(form()))?.serverError).toBe("Please sign in again.");
  });
});

describe("the health badge", () => {
  it("failing since the first failure, counting the deliveries tried since then and not delivered", async () => {
    const { id } = await created();
    const since = new Date(Date.now() - 3_600_000);
    await db.webhookEndpoint.update({ where: { id }, data: { failingSince: since } });
    const at = (msAgo: number) => new Date(Date.now() - msAgo);
    for (const d of [
      { status: "PENDING" as const, attempts: 2, lastAttemptAt: at(60_000) }, // retrying: counts
      { status: "FAILED" as const, attempts: 30, lastAttemptAt: at(120_000) }, // given up: counts
      { status: "PENDING" as const, attempts: 0, lastAttemptAt: null }, // not tried yet
      { status: "DELIVERED" as const, attempts: 1, lastAttemptAt: at(7_200_000) }, // before the streak
      { status: "FAILED" as const, attempts: 5, lastAttemptAt: at(7_200_000) }, // before the streak
    ]) {
      await db.webhookDelivery.create({ data: { eventId: await makeEvent("claim.created"), endpointId: id, ...d } });
    }
    expect((await getWebhookEndpoint(id))?.health).toEqual({ state: "failing", since: since.toISOString(), failedDeliveries: 2 });
  });
});

/**
 * An outbox event of `type`, `createdAt` when given. Already fanned out: its deliveries are the
 * test's own, and another file's worker call must not give it one to an endpoint of this file.
 */
async function makeEvent(type: string, createdAt?: Date) {
  const id = `msg_${randomBytes(12).toString("hex")}`;
  await db.webhookEvent.create({ data: { id, type, data: { userId: 1 }, createdAt, fannedOutAt: new Date() } });
  return id;
}

describe("the delivery log", () => {
  const TOTAL = DELIVERIES_PAGE_SIZE + 5;
  const START = Date.UTC(2002, 0, 1) + Math.floor(Math.random() * 100_000) * 60_000;
  let endpointId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    // Disabled: an enabled endpoint would also get the events other files' claims and bets write to
    // this shared database meanwhile, and its log would hold more than this file's deliveries.
    endpointId = (await created({ enabled: false })).id;
    // Delivery i was made i minutes after START; every third one failed, every fifth is a ping.
    for (let i = 0; i < TOTAL; i++) {
      const createdAt = new Date(START + i * 60_000);
      const eventId = await makeEvent(i % 5 === 0 ? "ping" : "bonus.progress", createdAt);
      const failed = i % 3 === 0;
      const d = await db.webhookDelivery.create({
        data: {
          eventId, endpointId, createdAt, status: failed ? "FAILED" : "DELIVERED", attempts: failed ? 3 : 1,
          lastAttemptAt: createdAt, lastStatusCode: failed ? 503 : 200, lastError: failed ? "HTTP 503" : null,
          lastResponse: failed ? `<h1>down</h1>${"x".repeat(10_000)}` : "ok", deliveredAt: failed ? null : createdAt,
        },
      });
      ids.push(d.id);
    }
  });

  itPagesNewestFirst("delivery", {
    load: (page) => listWebhookDeliveries(endpointId, { page: page ?? 1 }),
    total: TOTAL,
    pageSize: DELIVERIES_PAGE_SIZE,
    newestFirst: () => [...ids].reverse(),
    key: (r) => r.id,
    at: (r) => r.createdAt,
  });

  it("filters by status and by event type, each counted in full", async () => {
    const failed = await listWebhookDeliveries(endpointId, { page: 1, status: "FAILED" });
    expect(failed.total).toBe(Math.ceil(TOTAL / 3));
    expect(new Set(failed.rows.map((r) => r.status))).toEqual(new Set(["FAILED"]));
    const pings = await listWebhookDeliveries(endpointId, { page: 1, type: "ping" });
    expect(pings.total).toBe(Math.ceil(TOTAL / 5));
    expect(new Set(pings.rows.map((r) => r.type))).toEqual(new Set(["ping"]));
    const both = await listWebhookDeliveries(endpointId, { page: 1, type: "ping", status: "FAILED" });
    expect(both.total).toBe(Math.ceil(TOTAL / 15));
    expect((await listWebhookDeliveries(endpointId, { page: 1, type: "challenge.won" })).total).toBe(0);
  });

  it("a row: event type, webhook-id, status, attempts, last attempt and result; a finished one has no next attempt", async () => {
    const [row] = (await listWebhookDeliveries(endpointId, { page: 1, status: "FAILED", type: "ping" })).rows;
    expect(row).toMatchObject({ type: "ping", status: "FAILED", attempts: 3, lastStatusCode: 503, lastError: "HTTP 503", nextAttemptAt: null });
    expect(row.webhookId).toMatch(/^msg_/);
  });

  it("a delivery's page: its attempts newest first and the last response cut to what a page shows", async () => {
    const failedId = ids[0];
    const t0 = new Date(START);
    await db.webhookAttempt.createMany({
      data: [
        { deliveryId: failedId, attemptedAt: t0, durationMs: 10_000, error: "timed out after 10 s" },
        { deliveryId: failedId, attemptedAt: new Date(START + 30_000), durationMs: 12, statusCode: 503, response: "<h1>down</h1>" },
      ],
    });
    const d = (await getWebhookDelivery(endpointId, failedId))!;
    expect(d.attemptRows.map((a) => [a.statusCode, a.error])).toEqual([
      [503, null],
      [null, "timed out after 10 s"],
    ]);
    expect(d.lastResponse!.length).toBe(4000);
    expect(d.lastResponseCut).toBe(true);
    expect(d.lastResponse!.startsWith("<h1>down</h1>")).toBe(true);
    expect(JSON.parse(d.payload)).toEqual({ userId: 1 });
    // Only under its own endpoint.
    expect(await getWebhookDelivery((await created()).id, failedId)).toBeNull();
  });
});

describe("ping and resend, against a receiver of this file's own on loopback (WEBHOOK_ALLOW_PRIVATE=1)", () => {
  let server: Server;
  let port: number;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    setEnv({ WEBHOOK_ALLOW_PRIVATE: "1" });
  });
  afterAll(async () => {
    setEnv({ WEBHOOK_ALLOW_PRIVATE: "0" });
    await new Promise((r) => server.close(r));
  });

  it("ping: the receiver gets a signed ping; the action answers its status code and time", async () => {
    const { id, secret } = await created({ url: `http://127.0.0.1:${port}/hook`, eventTypes: [...WEBHOOK_EVENT_TYPES] });
    expect(secret).toMatch(/^whsec_/);
    const res = await actions.pingWebhookEndpointAction({ id });
    expect(res?.data).toMatchObject({ ok: true, statusCode: 200 });
    expect(res!.data!.durationMs).toBeGreaterThanOrEqual(0);
    const got = received.at(-1)!;
    expect(JSON.parse(got.body)).toMatchObject({ type: "ping" });
    expect(got.headers["webhook-id"]).toMatch(/^msg_/);
    expect(got.headers["webhook-signature"]).toMatch(/^v1,/);
    // The ping is in the endpoint's delivery log, delivered on its first attempt, with the receiver's answer.
    const [logged] = (await listWebhookDeliveries(id, { page: 1, type: "ping" })).rows;
    expect(logged).toMatchObject({ webhookId: got.headers["webhook-id"], status: "DELIVERED", attempts: 1, lastStatusCode: 200 });
    expect((await getWebhookDelivery(id, logged.id))?.lastResponse).toBe("thanks");
    expect((await getWebhookEndpoint(id))?.lastSuccessAt).not.toBeNull();
  });

  it("resend: a failed delivery is due again now, same event (webhook-id); an unknown one is an error", async () => {
    const { id } = await created({ url: `http://127.0.0.1:${port}/hook` });
    const eventId = await makeEvent("claim.created");
    const delivery = await db.webhookDelivery.create({
      data: { eventId, endpointId: id, status: "FAILED", attempts: 30, nextAttemptAt: new Date(Date.now() - 86_400_000), lastStatusCode: 500 },
    });
    expect((await actions.resendWebhookDeliveryAction({ deliveryId: delivery.id }))?.data).toEqual({ id: delivery.id });
    const row = (await db.webhookDelivery.findUnique({ where: { id: delivery.id } }))!;
    expect(row).toMatchObject({ status: "PENDING", eventId });
    expect(Math.abs(row.nextAttemptAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [shown] = (await listWebhookDeliveries(id, { page: 1 })).rows;
    expect(shown).toMatchObject({ id: delivery.id, status: "PENDING", webhookId: eventId, nextAttemptAt: row.nextAttemptAt.toISOString() });

    const missing = await actions.resendWebhookDeliveryAction({ deliveryId: "00000000-0000-4000-8000-000000000000" });
    expect(missing?.serverError).toMatch("no longer exists");
    expect((await actions.resendWebhookDeliveryAction({ deliveryId: "not-a-uuid" }))?.validationErrors).toBeDefined();
    expect((await actions.pingWebhookEndpointAction({ id: "00000000-0000-4000-8000-000000000000" }))?.serverError).toMatch("no longer exists");
  });
});

describe("a promo's grants tab", () => {
  const GRANTS = GRANTS_PAGE_SIZE + 3;
  const START = Date.UTC(2003, 0, 1) + Math.floor(Math.random() * 100_000) * 60_000;
  let promoId: string;
  let grantIds: string[];
  let firstPlayer: number;

  beforeAll(async () => {
    const promo = await makePromo({ type: "INSTANT", amount: "1", bonusMultiplier: "0", isHidden: true });
    promoId = promo.id;
    const key = await db.apiKey.create({ data: { name: `crm ${randomBytes(3).toString("hex")}`, prefix: "rk_live_test", hash: randomBytes(32).toString("hex") } });
    firstPlayer = reserveIds(GRANTS);
    const players = Array.from({ length: GRANTS }, (_, i) => firstPlayer + i);
    await db.user.createMany({ data: players.map((id) => ({ id, username: `granted_${id}` })) });
    const claims = await db.userPromoCode.createManyAndReturn({
      data: players.map((userId, i) => ({ userId, promoCodeId: promoId, status: "COMPLETED" as const, origin: "GRANT" as const, createdAt: new Date(START + i * 60_000) })),
      select: { id: true, userId: true, createdAt: true },
    });
    grantIds = claims.map((c) => `g_${c.userId}`);
    await db.grant.createMany({
      data: claims.map((c) => ({ id: `g_${c.userId}`, userId: c.userId, promoCodeId: promoId, claimId: c.id, apiKeyId: key.id, createdAt: c.createdAt })),
    });
  });

  itPagesNewestFirst("grant", {
    load: (page) => listPromoGrants(promoId, page === undefined ? {} : { page }),
    total: GRANTS,
    pageSize: GRANTS_PAGE_SIZE,
    newestFirst: () => [...grantIds].reverse(),
    key: (r) => r.id,
    at: (r) => r.grantedAt,
  });

  it("each grant: the CRM's id, the player, the claim's status and the key by name", async () => {
    const [newest] = (await listPromoGrants(promoId)).rows;
    const last = firstPlayer + GRANTS - 1;
    expect(newest).toMatchObject({ id: `g_${last}`, userId: last, username: `granted_${last}`, claimStatus: "COMPLETED", apiKey: { revoked: false } });
    expect(newest.apiKey!.name).toMatch(/^crm /);
  });
});
