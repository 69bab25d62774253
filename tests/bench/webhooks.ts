// The webhooks part of bench:ingest (SPEC §6: bet ingestion with three subscribed endpoints, one of
// them down, ≥ 0.9× the rate with none; an event reaches a healthy endpoint within 5 s at p99): the
// loopback receivers (in the bench process, verifying every signature with the standardwebhooks
// package and answering 200), a closed port for the endpoint that is down, the job worker as
// `npm start` runs it (its own process, WEBHOOK_ALLOW_PRIVATE=1 so loopback may be called), and the
// delivery latency from each event's createdAt to its receipt.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { Webhook } from "standardwebhooks";

import { childEnv } from "@/lib/env";
import { db } from "@/lib/server/db";
import { WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";
import { percentile } from "@/tests/bench/support";

/** A secret in Rollover's format: whsec_ + base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export type TReceiver = {
  url: string;
  /** webhook-id → when it first arrived (Date.now()). */
  received: Map<string, number>;
  /** Requests, repeats included. */
  requests: () => number;
  /** Requests whose signature the standardwebhooks verifier refused. */
  badSignatures: () => number;
  close: () => Promise<void>;
};

/** A healthy endpoint on loopback: verifies, records the first arrival of each webhook-id, answers 200. */
export async function startReceiver(secret: string): Promise<TReceiver> {
  const verifier = new Webhook(secret);
  const received = new Map<string, number>();
  let requests = 0;
  let bad = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = Date.now();
      requests += 1;
      try {
        verifier.verify(Buffer.concat(chunks), req.headers as Record<string, string>);
        const id = String(req.headers["webhook-id"]);
        if (!received.has(id)) received.set(id, at);
      } catch {
        bad += 1;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rollover`,
    received,
    requests: () => requests,
    badSignatures: () => bad,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL nothing listens on (a port taken and given back): every attempt is refused at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/rollover`;
}

/** Endpoints subscribed to every type, enabled, written straight to the table (the bench's own addresses). */
export async function createEndpoints(endpoints: { url: string; secret: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const e of endpoints) {
    const row = await db.webhookEndpoint.create({
      data: { url: e.url, secret: e.secret, description: "bench", eventTypes: [...WEBHOOK_EVENT_TYPES], enabled: true },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

/** `npm run worker` on the bench database, with loopback allowed. Stop: SIGTERM, the current job finishes. */
export function startWorker(): { stop: () => Promise<void> } {
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: childEnv({ WEBHOOK_ALLOW_PRIVATE: "1", LOG_LEVEL: "warn" }),
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Waits until every event is fanned out and no delivery to `endpointIds` is still PENDING (or
 * `maxSeconds` pass); false when it timed out.
 */
export async function drainDeliveries(endpointIds: string[], maxSeconds: number): Promise<boolean> {
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const unfanned = await db.webhookEvent.count({ where: { fannedOutAt: null } });
    const pending = await db.webhookDelivery.count({ where: { endpointId: { in: endpointIds }, status: "PENDING" } });
    if (unfanned === 0 && pending === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export type TDeliveryLatency = {
  /** Events written to the outbox in the window. */
  events: number;
  /** (event, healthy endpoint) pairs: how many arrived, how many never did. */
  pairs: number;
  missing: number;
  /** Seconds from the event's createdAt to its first arrival; a pair that never arrived counts as Infinity. */
  p50: number;
  p99: number;
  max: number;
  byType: Record<string, number>;
  /** Where the time went, p50/p99 in seconds: event → fan-out, fan-out → first attempt starts, the attempt itself. */
  stages: { fanOut: [number, number]; claim: [number, number]; attempt: [number, number] };
};

/** Latency of every event written since `since` to each healthy receiver. */
export async function deliveryLatency(since: Date, receivers: TReceiver[]): Promise<TDeliveryLatency> {
  const events = await db.webhookEvent.findMany({ where: { createdAt: { gte: since } }, select: { id: true, type: true, createdAt: true } });
  const latencies: number[] = [];
  const byType: Record<string, number> = {};
  let missing = 0;
  for (const e of events) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    for (const r of receivers) {
      const at = r.received.get(e.id);
      if (at === undefined) missing += 1;
      latencies.push(at === undefined ? Infinity : Math.max(0, at - e.createdAt.getTime()) / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  // Each healthy pair's first attempt, from the worker's own records.
  const rows = await db.$queryRaw<{ fan_out: number; claim: number; attempt: number }[]>`
    SELECT extract(epoch FROM ev."fannedOutAt" - ev."createdAt")::float8 AS fan_out,
           extract(epoch FROM a."attemptedAt" - ev."fannedOutAt")::float8 AS claim,
           a."durationMs" / 1000.0::float8 AS attempt
    FROM "WebhookEvent" ev
    JOIN "WebhookDelivery" d ON d."eventId" = ev.id AND d.status = 'DELIVERED'
    JOIN LATERAL (SELECT * FROM "WebhookAttempt" x WHERE x."deliveryId" = d.id ORDER BY x."attemptedAt" LIMIT 1) a ON true
    WHERE ev."createdAt" >= ${since}`;
  const stage = (pick: (r: (typeof rows)[number]) => number): [number, number] => {
    const values = rows.map(pick).sort((a, b) => a - b);
    return [percentile(values, 50), percentile(values, 99)];
  };
  return {
    events: events.length, pairs: latencies.length, missing,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, byType,
    stages: { fanOut: stage((r) => r.fan_out), claim: stage((r) => r.claim), attempt: stage((r) => r.attempt) },
  };
}

/**
 * Players `offset + 1 … offset + players`, the first `withBonus` of them with an ACTIVE bonus of
 * `promoCodeId` that completes at `toComplete` USD of wagering (so the bets of a run cross the
 * progress thresholds, and some complete: the events the endpoints receive).
 */
export async function seedBonusPlayers(options: { offset: number; players: number; withBonus: number; promoCodeId: string; toComplete: number }) {
  const { offset, players, withBonus, promoCodeId, toComplete } = options;
  const start = new Date(Date.now() - 3600_000);
  await db.$executeRaw`INSERT INTO "User" (id, username) SELECT n, 'w' || n FROM generate_series(${offset + 1}::int, ${offset + players}::int) n`;
  await db.$executeRaw`
    INSERT INTO "UserPromoCode" ("userId", "promoCodeId", status, "isActive", "activatedAt", "createdAt")
    SELECT n, ${promoCodeId}::uuid, 'ACTIVE', true, ${start}, ${start} FROM generate_series(${offset + 1}::int, ${offset + withBonus}::int) n`;
  await db.$executeRaw`
    INSERT INTO "UserPromoCodeProgress" ("userId", "promoCodeId", "activatedAt", "expiresAt", "baseUsdAmount", "bonusUsdAmount",
      "bonusAmount", "currencyId", "wagerMultiplierToComplete", "wagerUsdAmountToComplete")
    SELECT n, ${promoCodeId}::uuid, ${start}, ${start}::timestamptz + interval '30 days', 100, 100, 100, 'USDT', ${toComplete / 100}, ${toComplete}
    FROM generate_series(${offset + 1}::int, ${offset + withBonus}::int) n`;
}
