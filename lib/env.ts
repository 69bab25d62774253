// The only reader of process.env. Every variable is validated once, on first use; a missing or
// malformed one stops start-up with a single line naming it.
import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .describe("PostgreSQL connection string"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // "transaction" when DATABASE_URL is a PgBouncer in transaction pooling mode: no session settings
  // (lib/server/db.ts carries its lock budget per transaction; docs/scaling.md).
  DATABASE_POOL_MODE: z.enum(["session", "transaction"]).default("session"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  PLAYER_JWT_SECRET: z.string().min(32, "must be at least 32 characters"),
  BUSINESS_TIME_ZONE: z
    .string()
    .default("UTC")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/Malta"),
  AFFILIATE_COMMISSION_RATE: z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a decimal between 0 and 1")
    .default("0.25"),
  RATE_LIMIT_CLAIMS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_PLAYER_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_API_KEY_PER_SECOND: z.coerce.number().int().min(1).default(100),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(8 * 3600),
  WORKER_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Group commit of single-event requests (lib/server/ingest/group-commit.ts): how long the first event
  // waits for others, how many events a group holds at most, and how many groups are applied at once.
  // GROUP_COMMIT_MAX_EVENTS=1 turns gathering off.
  GROUP_COMMIT_WAIT_MS: z.coerce.number().int().min(0).max(50).default(2),
  GROUP_COMMIT_MAX_EVENTS: z.coerce.number().int().min(1).max(1000).default(500),
  GROUP_COMMIT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(32).default(1),
  // Grants (POST /events/grants): applied grants per player per rolling 24 h.
  GRANTS_PER_PLAYER_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(30),
  // Webhooks: "1" lets endpoints on private, loopback and link-local addresses (and plain http to
  // them) be saved and called — for a receiver on the same machine or network, and the tests.
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  // How many proxies in front of the app may be believed in X-Forwarded-For (0 = the socket's address).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** Parses the environment; throws an Error whose message is one line naming the bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): TEnv {
  return parseOrOneLine(ZEnv, source);
}

function parseOrOneLine<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join(".") || "environment";
    const value = source[name];
    const reason = value === undefined || value === "" ? "is missing" : issue.message;
    throw new Error(`Invalid environment: ${name} ${reason}`);
  }
  return parsed.data;
}

/** What the migration runner needs: the database and the business time zone, no secrets. */
export function dbEnv(source: Record<string, string | undefined> = process.env): Pick<TEnv, "DATABASE_URL" | "BUSINESS_TIME_ZONE"> {
  return parseOrOneLine(ZEnv.pick({ DATABASE_URL: true, BUSINESS_TIME_ZONE: true }), source);
}

export function env(): TEnv {
  cached ??= loadEnv();
  return cached;
}

/** Variables read by scripts and test tooling before the app's environment exists. */
export type TRawEnvName =
  | "DATABASE_URL"
  | "PORT"
  | "CI"
  | "ROLLOVER_DATA_DIR"
  | "ROLLOVER_PG_PORT"
  | "CHROMIUM_PATH"
  | "PATH"
  | "PLAYWRIGHT_BROWSERS_PATH"
  | "E2E_PORT"
  | "E2E_BASE_URL"
  | "TEST_DATABASE_URL"
  | "BENCH_PROFILE_DIR";

export function rawEnv(name: TRawEnvName): string | undefined {
  const value = process.env[name];
  return value === "" ? undefined : value;
}

/** Only the command search path, plus the given variables: a child process that must see nothing else. */
export function bareEnv(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", ...vars } as unknown as NodeJS.ProcessEnv;
}

/** A copy of the whole environment plus overrides, for spawning child processes. */
export function childEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Sets variables for this process (scripts that prepare the environment before loading the app). */
export function setEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
  cached = undefined;
}
