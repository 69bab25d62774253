import "server-only";

import { randomUUID } from "node:crypto";
import { createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z } from "zod";

import type { TPermission } from "@/lib/domain/auth/permissions";
import { isDomainError } from "@/lib/domain/errors";
import { AuthError, assertPermission, getOperator } from "@/lib/server/auth/guards";
import { logger } from "@/lib/server/logger";

const GENERIC_ERROR = "Something went wrong. Nothing was saved; try again.";

/**
 * The base client: a known domain error without a field becomes its own message, an auth error its
 * own; anything unknown is logged with a request id and answered with a generic message.
 */
const baseClient = createSafeActionClient({
  handleServerError(error) {
    if (isDomainError(error) || error instanceof AuthError) return error.message;
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

/** Any signed-in operator, including one who must still change their password. */
export const signedInAction = baseClient.use(async ({ next }) => {
  const operator = await getOperator();
  if (!operator) throw new AuthError("UNAUTHORIZED");
  return next({ ctx: { operator } });
});

/** An operator holding `permission` (SPEC §3), re-checked against the database on every call. */
export function operatorAction(permission: TPermission) {
  return baseClient.use(async ({ next }) => {
    const operator = await assertPermission(permission);
    return next({ ctx: { operator } });
  });
}
