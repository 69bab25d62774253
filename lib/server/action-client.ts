import "server-only";

import { randomUUID } from "node:crypto";
import { createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z } from "zod";

import type { TPermission } from "@/lib/domain/auth/permissions";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import { findUnsafeText } from "@/lib/schemas/text";
import { AuthError, assertPermission, getOperator } from "@/lib/server/auth/guards";
import { databaseUnavailable } from "@/lib/server/db-errors";
import { logger } from "@/lib/server/logger";

const GENERIC_ERROR = "Something went wrong. Nothing was saved; try again.";
// SPEC §7: a database restart or a lock held too long is not a bug; say so, and that retrying is safe.
export const DATABASE_UNAVAILABLE_ERROR = "The database is unavailable right now; try again in a few seconds.";

/**
 * The base client: a known domain error without a field becomes its own message, an auth error its
 * own, the database being unavailable a "try again" message; anything unknown is logged with a
 * request id and answered with a generic message.
 */
const baseClient = createSafeActionClient({
  handleServerError(error) {
    if (isDomainError(error) || error instanceof AuthError) return error.message;
    if (databaseUnavailable(error)) {
      logger.warn({ err: error }, "server action: database unavailable");
      return DATABASE_UNAVAILABLE_ERROR;
    }
    const requestId = randomUUID();
    logger.error({ err: error, requestId }, "server action failed");
    return `${GENERIC_ERROR} (ref ${requestId.slice(0, 8)})`;
  },
});

/**
 * Runs an action's server code; a domain error tied to a field (e.g. "code taken") comes back as a
 * validation error on that field, so the form shows it next to the field like a client-side one.
 */
export async function withFieldErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error) && error.field) {
      // "config.minBetUsd" → { config: { minBetUsd: { _errors } } }, the shape the form maps to fields.
      const nested = error.field
        .split(".")
        .reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { _errors: [error.message] });
      returnValidationErrors(z.object({}), nested as never);
    }
    throw error;
  }
}

// Text PostgreSQL can't store (a NUL) or that is not text (a lone surrogate) is refused before any
// action runs, with the same rule as the API's (SPEC §7), instead of failing inside the database.
const textSafeClient = baseClient.use(async ({ clientInput, next }) => {
  if (findUnsafeText(clientInput)) {
    throw new DomainError("INVALID_TEXT", "Text may not contain a NUL character or a broken character; remove it and try again.");
  }
  return next();
});

/** Any signed-in operator, including one who must still change their password. */
export const signedInAction = textSafeClient.use(async ({ next }) => {
  const operator = await getOperator();
  if (!operator) throw new AuthError("UNAUTHORIZED");
  return next({ ctx: { operator } });
});

/** An operator holding `permission` (SPEC §3), re-checked against the database on every call. */
export function operatorAction(permission: TPermission) {
  return textSafeClient.use(async ({ next }) => {
    const operator = await assertPermission(permission);
    return next({ ctx: { operator } });
  });
}
