// One app instance for tests that need several (tests/integration/pgbouncer.test.ts): the app's real
// API route handlers served over node:http (each request adapted to a web Request, as Next does), and
// — like `npm start` — the worker beside it as a process of its own (scripts/worker.ts), unless
// WORKER_ENABLED=false. Everything else comes from the environment (DATABASE_URL, DATABASE_POOL_MODE,
// secrets, limits, GROUP_COMMIT_*), so two of these on one database are two instances of the product.
//
//   node_modules/.bin/tsx --conditions=react-server tests/support/app-instance.ts
//
// PORT (0 = any free port); prints `READY <port>` on stdout once listening. SIGTERM: stops listening,
// ends the worker (it finishes its job in hand), closes the database pool, exits.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

import * as challenges from "@/app/api/v1/challenges/route";
import * as credits from "@/app/api/v1/credits/route";
import * as betRollbacks from "@/app/api/v1/events/bet-rollbacks/route";
import * as bets from "@/app/api/v1/events/bets/route";
import * as deposits from "@/app/api/v1/events/deposits/route";
import * as games from "@/app/api/v1/events/games/route";
import * as users from "@/app/api/v1/events/users/route";
import * as withdrawals from "@/app/api/v1/events/withdrawals/route";
import * as leaderboard from "@/app/api/v1/leaderboards/[id]/route";
import * as leaderboards from "@/app/api/v1/leaderboards/route";
import * as affiliateClaim from "@/app/api/v1/me/affiliate/claim/route";
import * as affiliate from "@/app/api/v1/me/affiliate/route";
import * as cancelClaim from "@/app/api/v1/me/promo-codes/[id]/cancel/route";
import * as myPromoCodes from "@/app/api/v1/me/promo-codes/route";
import * as bonusStatus from "@/app/api/v1/players/[id]/bonus-status/route";
import * as claim from "@/app/api/v1/promo-codes/claim/route";
import * as promoCodes from "@/app/api/v1/promo-codes/route";
import { childEnv, env, rawEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db";

type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type TRouteModule = Partial<Record<string, THandler | unknown>>;

// The app's route files under app/api/v1, by their path ([id] is one segment).
const ROUTES: [string, TRouteModule][] = [
  ["/api/v1/challenges", challenges],
  ["/api/v1/credits", credits],
  ["/api/v1/events/bet-rollbacks", betRollbacks],
  ["/api/v1/events/bets", bets],
  ["/api/v1/events/deposits", deposits],
  ["/api/v1/events/games", games],
  ["/api/v1/events/users", users],
  ["/api/v1/events/withdrawals", withdrawals],
  ["/api/v1/leaderboards/[id]", leaderboard],
  ["/api/v1/leaderboards", leaderboards],
  ["/api/v1/me/affiliate/claim", affiliateClaim],
  ["/api/v1/me/affiliate", affiliate],
  ["/api/v1/me/promo-codes/[id]/cancel", cancelClaim],
  ["/api/v1/me/promo-codes", myPromoCodes],
  ["/api/v1/players/[id]/bonus-status", bonusStatus],
  ["/api/v1/promo-codes/claim", claim],
  ["/api/v1/promo-codes", promoCodes],
];

function match(pathname: string): { module: TRouteModule; params: Record<string, string> } | null {
  const parts = pathname.split("/");
  for (const [pattern, module] of ROUTES) {
    const want = pattern.split("/");
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (
      want.every((w, i) =>
        w.startsWith("[") ? ((params[w.slice(1, -1)] = parts[i]), parts[i] !== "") : w === parts[i],
      )
    ) {
      return { module, params };
    }
  }
  return null;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toRequest(req: http.IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && body.length > 0;
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const found = match(url.pathname);
  const handler = found?.module[req.method ?? "GET"] as THandler | undefined;
  let response: Response;
  if (!found || typeof handler !== "function") {
    response = Response.json({ error: { code: "NOT_FOUND", message: "No route here." } }, { status: 404 });
  } else {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(found.params)) {
      try {
        params[k] = decodeURIComponent(v);
      } catch {
        params[k] = v;
      }
    }
    response = await handler(toRequest(req, body), { params: Promise.resolve(params) });
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = http.createServer((req, res) => {
  serve(req, res).catch((error) => {
    console.error("app-instance: unhandled", error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

let stopping = false;
let worker: ChildProcess | undefined;
if (env().WORKER_ENABLED) {
  // As `npm start` runs it: its own process, so its database profile (longer waits) is its own.
  worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: childEnv(),
    stdio: ["ignore", "inherit", "inherit"],
  });
  worker.on("exit", (code, signal) => {
    if (!stopping) console.error(`app-instance: worker exited (code ${code}, signal ${signal})`);
  });
}

server.listen(Number(rawEnv("PORT") ?? 0), "127.0.0.1", () => {
  console.log(`READY ${(server.address() as AddressInfo).port}`);
});

async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((resolve) => worker!.once("exit", resolve));
    worker.kill("SIGTERM");
    await exited;
  }
  await disconnectDb();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
