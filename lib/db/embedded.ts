// Starts scripts/embedded-pg.ts as a child process and resolves once it accepts connections.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type TEmbeddedPg = { url: string; child: ChildProcess; stop: () => Promise<void> };

export async function startEmbeddedPg(options: { dataDir?: string; port: number; maxConnections?: number }): Promise<TEmbeddedPg> {
  const args = [
    "--import",
    "tsx",
    path.resolve("scripts/embedded-pg.ts"),
    "--port",
    String(options.port),
    "--max-connections",
    String(options.maxConnections ?? 64),
  ];
  if (options.dataDir) args.push("--dir", options.dataDir);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("embedded PostgreSQL did not start within 120 s")), 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited with code ${code} (is port ${options.port} taken?)`));
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.removeAllListeners("exit");

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  return { url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`, child, stop };
}
