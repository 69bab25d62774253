// The embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) behind pglite-socket, so the app,
// the worker and the tools all talk to it over the ordinary wire protocol. Runs as its own process;
// prints "ready <port>" when it accepts connections and shuts down cleanly on SIGINT/SIGTERM.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    port: { type: "string", default: "54329" },
    "max-connections": { type: "string", default: "64" },
  },
});

const dataDir = values.dir;
if (dataDir) mkdirSync(dataDir, { recursive: true });
const db = await PGlite.create(dataDir ? { dataDir } : {});
const server = new PGLiteSocketServer({
  db,
  host: "127.0.0.1",
  port: Number(values.port),
  // Must be at least every pool that connects: app + worker + pg-boss + scripts.
  maxConnections: Number(values["max-connections"]),
});
await server.start();
console.log(`ready ${values.port}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("disconnect", stop);
