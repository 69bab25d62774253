// The classifier against the shapes Prisma 7 + adapter-pg actually throw (captured by provoking each
// case against PostgreSQL 15; see docs/decisions.md "Faults").
import { describe, expect, it } from "vitest";

import { databaseUnavailable, isOutOfRange } from "@/lib/server/db-errors";

/** A PrismaClientKnownRequestError as adapter-pg surfaces a PostgreSQL error. */
function prismaPg(code: string, cause: Record<string, unknown>, message = "Raw query failed.") {
  return Object.assign(new Error(message), {
    name: "PrismaClientKnownRequestError",
    code,
    clientVersion: "7.10.0",
    meta: { driverAdapterError: Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause }) },
  });
}
const pgCause = (sqlState: string, message: string) => ({ originalCode: sqlState, originalMessage: message, kind: "postgres", code: sqlState, severity: "ERROR", message });
const plain = (message: string) => Object.assign(new Error(message), { clientVersion: "7.10.0" });

describe("databaseUnavailable", () => {
  const outage = [
    ["57P01 on a raw query (pg_terminate_backend)", prismaPg("P2010", pgCause("57P01", "terminating connection due to administrator command"))],
    ["57P01 on an ORM query", prismaPg("P2039", pgCause("57P01", "terminating connection due to administrator command"))],
    ["57P02 crash shutdown", prismaPg("P2010", pgCause("57P02", "terminating connection because of crash of another server process"))],
    ["57P03 starting up", prismaPg("P2010", pgCause("57P03", "the database system is starting up"))],
    ["class 08 connection failure", prismaPg("P2010", pgCause("08006", "connection failure"))],
    ["53300 too many connections", prismaPg("P2037", { originalCode: "53300", kind: "TooManyConnections", cause: "sorry, too many clients already" })],
    ["refused (ORM, P1001)", prismaPg("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5999 }, "Can't reach database server")],
    ["refused (raw, P2010)", prismaPg("P2010", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5999 })],
    ["reset socket", prismaPg("P2010", { kind: "ConnectionClosed" })],
    ["P1017 server closed the connection", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["a raw pg ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 })],
    ["an AggregateError of ECONNREFUSED", Object.assign(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], ""), {})],
    ["pg: connection terminated", plain("Connection terminated unexpectedly")],
    ["pg: a transaction's dead client", plain("Client has encountered a connection error and is not queryable")],
    ["wrapped in a cause", new Error("ingest failed", { cause: prismaPg("P2010", pgCause("57P01", "terminating connection")) })],
  ] as const;
  it.each(outage)("%s → unavailable, retry after a few seconds", (_label, error) => {
    const result = databaseUnavailable(error);
    expect(result).not.toBeNull();
    expect(Number.isInteger(result!.retryAfterSeconds)).toBe(true);
    expect(result!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(result!.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  const busy = [
    ["55P03 lock timeout", prismaPg("P2010", pgCause("55P03", "canceling statement due to lock timeout"))],
    ["55P03 on an ORM query", prismaPg("P2039", pgCause("55P03", "canceling statement due to lock timeout"))],
    ["57014 statement timeout", prismaPg("P2010", pgCause("57014", "canceling statement due to statement timeout"))],
    ["pg-pool acquire timeout", plain("timeout exceeded when trying to connect")],
    ["Prisma maxWait (P2028)", Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028", meta: {} })],
    ["Prisma pool timeout (P2024)", Object.assign(new Error("Timed out fetching a new connection from the connection pool."), { code: "P2024" })],
  ] as const;
  it.each(busy)("%s → unavailable", (_label, error) => {
    expect(databaseUnavailable(error)?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  const notUnavailable = [
    ["a unique violation", prismaPg("P2002", { originalCode: "23505", kind: "UniqueConstraintViolation" })],
    ["numeric overflow", prismaPg("P2010", { originalCode: "22003", kind: "ValueOutOfRange", cause: "numeric field overflow" })],
    ["an expired transaction (P2028, ran past its timeout)", Object.assign(new Error("Transaction API error: A commit cannot be executed on an expired transaction."), { code: "P2028", meta: { operation: "commit" } })],
    ["a syntax error", prismaPg("P2010", pgCause("42601", "syntax error at or near"))],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "oops"],
    ["null", null],
  ] as const;
  it.each(notUnavailable)("%s → null", (_label, error) => {
    expect(databaseUnavailable(error)).toBeNull();
  });

  it("survives a cyclic cause chain", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = a;
    expect(databaseUnavailable(a)).toBeNull();
  });
});

describe("isOutOfRange", () => {
  it.each([
    ["22003 numeric overflow (raw)", prismaPg("P2010", { originalCode: "22003", kind: "ValueOutOfRange", cause: "numeric field overflow" })],
    ["22003 integer out of range (ORM, P2020)", prismaPg("P2020", { originalCode: "22003", kind: "ValueOutOfRange", cause: 'value "2147483648" is out of range for type integer' })],
    ["22008 timestamp out of range", prismaPg("P2010", pgCause("22008", "timestamp out of range"))],
    ["a raw pg error", Object.assign(new Error("numeric field overflow"), { code: "22003", severity: "ERROR" })],
  ] as const)("%s → true", (_label, error) => {
    expect(isOutOfRange(error)).toBe(true);
  });
  it.each([
    ["22P02 invalid input", prismaPg("P2010", { originalCode: "22P02", kind: "InvalidInputValue", message: "invalid input syntax" })],
    ["57P01", prismaPg("P2010", pgCause("57P01", "terminating connection"))],
    ["a plain error", new Error("numeric field overflow")],
  ] as const)("%s → false", (_label, error) => {
    expect(isOutOfRange(error)).toBe(false);
  });
});
