// A PgBouncer of the test's own: transaction pooling in front of the test PostgreSQL on 127.0.0.1:5432
// (trust auth, user postgres), on a free port, with its ini, userlist, log and socket in a temp dir.
// The Debian package's binary (/usr/sbin/pgbouncer); when it is missing and we are root, the helper
// tries `apt-get install -y pgbouncer` once; otherwise findPgBouncer() says why, and the caller skips loudly.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const DEBIAN_PATH = "/usr/sbin/pgbouncer";

export type TPgBouncer = {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  url: (database: string) => string;
  /** The end of its log, for a failure message. */
  log: () => string;
  stop: () => Promise<void>;
};

function onPath(): string | null {
  const found = spawnSync("sh", ["-c", "command -v pgbouncer"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

/** The binary, or why there is none (after one install attempt when root). */
export function findPgBouncer(): { bin: string } | { missing: string } {
  const existing = existsSync(DEBIAN_PATH) ? DEBIAN_PATH : onPath();
  if (existing) return { bin: existing };
  if (process.getuid?.() !== 0)
    return { missing: "pgbouncer is not installed (apt-get install -y pgbouncer needs root)" };
  const install = spawnSync("apt-get", ["install", "-y", "pgbouncer"], { encoding: "utf8", stdio: "pipe" });
  const installed = existsSync(DEBIAN_PATH) ? DEBIAN_PATH : onPath();
  if (installed) return { bin: installed };
  return {
    missing: `apt-get install -y pgbouncer failed: ${(install.stderr || install.stdout || "").trim().split("\n").pop()}`,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export type TPgBouncerOptions = {
  /** Server connections per database and user (what PostgreSQL sees). */
  poolSize?: number;
  maxClientConnections?: number;
};

/** Starts PgBouncer in transaction pooling mode; resolves once it accepts connections. */
export async function startPgBouncer(bin: string, options: TPgBouncerOptions = {}): Promise<TPgBouncer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rollover-pgbouncer-"));
  const port = await freePort();
  const logFile = path.join(dir, "pgbouncer.log");
  const isRoot = process.getuid?.() === 0;
  const ini = [
    "[databases]",
    // Every database name the client asks for, on the test server.
    "* = host=127.0.0.1 port=5432",
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    `unix_socket_dir = ${dir}`,
    "auth_type = trust",
    `auth_file = ${path.join(dir, "userlist.txt")}`,
    "pool_mode = transaction",
    `default_pool_size = ${options.poolSize ?? 20}`,
    `max_client_conn = ${options.maxClientConnections ?? 400}`,
    // No ignore_startup_parameters: a client that sends a session setting must fail loudly here.
    `logfile = ${logFile}`,
    "log_connections = 0",
    "log_disconnections = 0",
    // PgBouncer refuses to run as root; it drops to this user when started as root.
    ...(isRoot ? ["user = postgres"] : []),
    "",
  ].join("\n");
  writeFileSync(path.join(dir, "pgbouncer.ini"), ini);
  writeFileSync(path.join(dir, "userlist.txt"), '"postgres" ""\n');
  writeFileSync(logFile, "");
  if (isRoot) {
    // After dropping to postgres it still writes its log and socket here.
    chmodSync(dir, 0o777);
    for (const f of ["pgbouncer.ini", "userlist.txt", "pgbouncer.log"]) chmodSync(path.join(dir, f), 0o666);
  }

  const child: ChildProcess = spawn(bin, [path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const log = () => {
    const file = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    return (output + file).split("\n").slice(-30).join("\n");
  };
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 10_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start on port ${port}:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  let stopped: Promise<void> | undefined;
  return {
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    log,
    stop: () =>
      (stopped ??= (async () => {
        // SIGTERM: immediate shutdown (SIGINT would wait for every client to leave).
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(killer);
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

/** `PgBouncer 1.18.0`, for the test's log line. */
export function pgBouncerVersion(bin: string): string {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8" }).split("\n")[0].trim();
  } catch {
    return "pgbouncer (version unknown)";
  }
}
