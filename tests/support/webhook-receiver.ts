// A webhook receiver on loopback for the delivery tests: records every request (headers and raw
// body) and answers as the test says — 200, an error status, a redirect, a huge or endless body, or
// not at all (hang); it can be taken down (connection refused) and brought back on the same port.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type TReceived = { headers: IncomingHttpHeaders; body: string; at: number; path: string };

export type TAnswer =
  | { kind: "status"; status: number; body?: string }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "hang" }
  /** 200 and a body that never ends (chunks until the client goes away). */
  | { kind: "endless" };

export type TTestReceiver = {
  url: (path?: string) => string;
  port: number;
  received: TReceived[];
  answer: (a: TAnswer) => void;
  /** Closes the listener and every connection: attempts meet "connection refused". */
  down: () => Promise<void>;
  /** Listens again on the same port. */
  up: () => Promise<void>;
  /** Resolves once `n` requests have arrived (rejects after `ms`). */
  waitFor: (n: number, ms?: number) => Promise<TReceived[]>;
  close: () => Promise<void>;
};

export async function startTestReceiver(): Promise<TTestReceiver> {
  const received: TReceived[] = [];
  let answer: TAnswer = { kind: "status", status: 200, body: "ok" };
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const handle = (res: ServerResponse) => {
    const a = answer;
    if (a.kind === "hang") return void hanging.add(res);
    if (a.kind === "redirect") return void res.writeHead(a.status, { location: a.location }).end();
    if (a.kind === "status") return void res.writeHead(a.status, { "content-type": "text/plain" }).end(a.body ?? "");
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = Buffer.alloc(16 * 1024, "x");
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once("drain", pump);
    };
    pump();
  };

  let server: Server = makeServer();
  function makeServer() {
    const s = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
          path: req.url ?? "",
        });
        handle(res);
      });
    });
    s.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    });
    return s;
  }
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await listen(0);
  const port = (server.address() as AddressInfo).port;

  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      hanging.clear();
      server.close(() => resolve());
    });

  return {
    port,
    url: (path = "/hooks") => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (a) => (answer = a),
    down,
    up: async () => {
      server = makeServer();
      await listen(port);
    },
    waitFor: async (n, ms = 10_000) => {
      const deadline = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} requests, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received.slice(0, n);
    },
    close: () => (server.listening ? down() : Promise.resolve()),
  };
}
