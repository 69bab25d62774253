// npx tsx scripts/webhook-receiver.ts --secret whsec_… [--port 4000] [--host 127.0.0.1]
// A webhook receiver for integrators trying Rollover locally: listens on the port, verifies each
// request with the standardwebhooks package (signature and a 5-minute timestamp window), prints the
// verified events, answers 204 (401 to a bad signature), and skips a webhook-id it has already
// printed (deliveries are at least once: a retry repeats the id). Point an endpoint at
// http://127.0.0.1:4000/ with WEBHOOK_ALLOW_PRIVATE=1 on the Rollover side. Needs no database.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

import { Webhook } from "standardwebhooks";

const MAX_BODY_BYTES = 1024 * 1024;

const { values } = parseArgs({
  options: {
    secret: { type: "string" },
    port: { type: "string", default: "4000" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
const port = Number(values.port);
if (!values.secret?.startsWith("whsec_") || !Number.isInteger(port) || port < 1 || port > 65535) {
  console.error("usage: npx tsx scripts/webhook-receiver.ts --secret whsec_… [--port 4000] [--host 127.0.0.1]");
  process.exit(2);
}
const verifier = new Webhook(values.secret);
const seen = new Set<string>();

const server = createServer((req, res) => {
  if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return void res.writeHead(413).end(() => req.destroy());
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (res.headersSent) return;
    const body = Buffer.concat(chunks).toString("utf8");
    const id = String(req.headers["webhook-id"] ?? "");
    let event: { type?: string; timestamp?: string; data?: unknown };
    try {
      event = verifier.verify(body, req.headers as Record<string, string>) as typeof event;
    } catch (error) {
      console.error(`✗ ${new Date().toISOString()} ${id || "(no webhook-id)"}: refused — ${(error as Error).message}`);
      return void res.writeHead(401, { "content-type": "text/plain" }).end("invalid signature");
    }
    if (seen.has(id)) {
      console.log(`↺ ${new Date().toISOString()} ${id}: a retry of an event already printed`);
    } else {
      seen.add(id);
      console.log(`✓ ${new Date().toISOString()} ${id} ${event.type} (happened ${event.timestamp})`);
      console.log(JSON.stringify(event.data, null, 2));
    }
    res.writeHead(204).end();
  });
});

server.listen(port, values.host, () =>
  console.log(`listening on http://${values.host}:${port}/ — verified events are printed here`),
);
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
