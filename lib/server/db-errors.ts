import "server-only";

// What a database error means for the caller, read from what Prisma 7 + adapter-pg actually throw
// (probed case by case; see docs/decisions.md "Faults"):
// - a statement on a dropped connection: PrismaClientKnownRequestError P2010 (raw) or P20xx (ORM) with
//   meta.driverAdapterError.cause = { kind: "postgres", code / originalCode: "57P01" };
// - nothing listening: P1001 with cause.kind "DatabaseNotReachable"; a reset socket: "ConnectionClosed";
// - a lock or statement timeout: cause.code 55P03 / 57014;
// - Prisma's maxWait: P2028 "Unable to start a transaction in the given time";
// - and, with no code at all, plain Errors from pg and pg-pool: "timeout exceeded when trying to
//   connect" (the pool's connectionTimeoutMillis), "Connection terminated unexpectedly", "Client has
//   encountered a connection error and is not queryable" (a transaction whose connection died).
// Structured fields are read first; the messages are the fallback for the errors that have none.

export type TDatabaseUnavailable = { retryAfterSeconds: number };

// The server went away or refused us: give it a few seconds to come back.
const RETRY_AFTER_OUTAGE_SECONDS = 5;
// Busy (no pooled connection or lock in time): worth retrying soon.
const RETRY_AFTER_BUSY_SECONDS = 2;

// SQLSTATEs: admin/crash shutdown, cannot connect now, too many connections.
const OUTAGE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
// lock_not_available (lock_timeout), query_canceled (statement_timeout or a cancel request), and a
// deadlock or serialization victim: its transaction rolled back whole, so a retry is safe.
const BUSY_SQLSTATES = new Set(["55P03", "57014", "40P01", "40001"]);
// Prisma: can't reach / timed out reaching / server closed the connection.
const OUTAGE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
// adapter-pg's mapped kinds for socket errors.
const OUTAGE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

const OUTAGE_MESSAGES = [
  /^Connection terminated/i, // pg: "Connection terminated unexpectedly", "... due to connection timeout"
  /connection error and is not queryable/i, // pg: a client whose socket died
  /Client was closed and is not queryable/i,
  /is not currently accepting connections/i, // 55000 on connect while ALLOW_CONNECTIONS is false
  /the database system is (starting up|shutting down|in recovery mode)/i,
];
const BUSY_MESSAGES = [
  /timeout exceeded when trying to connect/i, // pg-pool connectionTimeoutMillis
  /Unable to start a transaction in the given time/i, // Prisma maxWait (P2028)
  /Timed out fetching a new connection from the connection pool/i, // P2024
];

type TErrorLike = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
};

/** The error, what it wraps (cause, adapter error, AggregateError members), breadth-first, bounded. */
function chain(error: unknown): TErrorLike[] {
  const out: TErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 12) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || out.includes(e as TErrorLike)) continue;
    const item = e as TErrorLike;
    out.push(item);
    queue.push(item.meta?.driverAdapterError, item.cause);
    if (Array.isArray(item.errors)) queue.push(...item.errors);
  }
  return out;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The SQLSTATEs anywhere in the chain (pg errors carry `code`, adapter causes `originalCode`/`code`). */
function sqlStates(items: TErrorLike[]): string[] {
  return items.flatMap((e) => [str(e.originalCode), str(e.code)]).filter((c): c is string => !!c && /^[0-9A-Z]{5}$/.test(c));
}

/**
 * Non-null when the error means "the database can't serve this right now" — connection lost or
 * refused, the server shutting down or starting up, no pooled connection, lock or statement timeout —
 * so the caller should answer 503 with Retry-After. Everything else (bugs, constraint violations,
 * bad input) is null.
 */
export function databaseUnavailable(error: unknown): TDatabaseUnavailable | null {
  const items = chain(error);
  const states = sqlStates(items);
  const outage = { retryAfterSeconds: RETRY_AFTER_OUTAGE_SECONDS };
  const busy = { retryAfterSeconds: RETRY_AFTER_BUSY_SECONDS };

  if (states.some((s) => OUTAGE_SQLSTATES.has(s) || s.startsWith("08"))) return outage;
  if (states.some((s) => BUSY_SQLSTATES.has(s))) return busy;
  for (const e of items) {
    const code = str(e.code);
    const kind = str(e.kind);
    if (code && OUTAGE_PRISMA_CODES.has(code)) return outage;
    if (kind && OUTAGE_ADAPTER_KINDS.has(kind)) return outage;
    if (code && SOCKET_CODES.has(code)) return outage;
    if (code === "P2024") return busy;
    // P2028 is also "transaction expired" (it ran past its own timeout): a bug to see, not an outage.
    if (code === "P2028" && /Unable to start a transaction/i.test(str(e.message) ?? "")) return busy;
  }
  // Plain Errors from pg / pg-pool carry no code; their messages are all there is.
  for (const e of items) {
    const message = str(e.message) ?? "";
    if (OUTAGE_MESSAGES.some((re) => re.test(message))) return outage;
    if (BUSY_MESSAGES.some((re) => re.test(message))) return busy;
  }
  return null;
}

/**
 * True when the database refused a value as out of its type's range: numeric_value_out_of_range
 * (22003: numeric/int overflow; Prisma P2020) or datetime_field_overflow (22008).
 */
export function isOutOfRange(error: unknown): boolean {
  const items = chain(error);
  if (sqlStates(items).some((s) => s === "22003" || s === "22008")) return true;
  return items.some((e) => e.code === "P2020" || e.kind === "ValueOutOfRange");
}
