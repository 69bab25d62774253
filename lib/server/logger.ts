import "server-only";

import pino, { type Logger } from "pino";

import { env } from "@/lib/env";

let instance: Logger | undefined;

// Structured JSON logs on stdout, one line per event, with request ids where there is one. Created on
// first use so importing this module needs no environment.
export const logger: Pick<Logger, "info" | "warn" | "error" | "debug"> = {
  info: (...args: Parameters<Logger["info"]>) => get().info(...args),
  warn: (...args: Parameters<Logger["warn"]>) => get().warn(...args),
  error: (...args: Parameters<Logger["error"]>) => get().error(...args),
  debug: (...args: Parameters<Logger["debug"]>) => get().debug(...args),
} as Pick<Logger, "info" | "warn" | "error" | "debug">;

function get(): Logger {
  instance ??= pino({ level: env().LOG_LEVEL, base: { app: "rollover" } });
  return instance;
}
