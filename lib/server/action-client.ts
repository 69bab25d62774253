import "server-only";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z } from "zod";

import type { TPermission } from "@/lib/domain/auth/permissions";
import { AppError, isAppError } from "@/lib/domain/errors";
import { findUnsafeText } from "@/lib/schemas/text";
import { assertPermission, getOperator, type TOperator } from "@/lib/server/auth/guards";
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
    if (isAppError(error)) return error.message;
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
    if (isAppError(error) && error.field) {
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
    throw new AppError("INVALID_TEXT", "Text may not contain a NUL character or a broken character; remove it and try again.");
  }
  return next();
});

/** Any signed-in operator, including one who must still change their password. */
export const signedInAction = textSafeClient.use(async ({ next }) => {
  const operator = await getOperator();
  if (!operator) throw new AppError("UNAUTHORIZED", "Please sign in again.");
  return next({ ctx: { operator } });
});

/** An operator holding `permission` (SPEC §3), re-checked against the database on every call. */
export function operatorAction(permission: TPermission) {
  return textSafeClient.use(async ({ next }) => {
    const operator = await assertPermission(permission);
    return next({ ctx: { operator } });
  });
}

/** Pages to revalidate after a write: a path, or a path and every page below it (`"layout"`). */
export type TRevalidate = (string | [path: string, type: "layout"])[];

/**
 * A back-office write: `permission` (re-checked on the server), `schema` parsed, `run` with the
 * acting operator, then the pages in `revalidate` revalidated; with `fieldErrors`, a domain error tied
 * to a field comes back on that field (`withFieldErrors`) for a form to show.
 */
export function writeAction<S extends z.ZodType, R>(
  permission: TPermission,
  schema: S,
  options: { revalidate: TRevalidate | ((input: z.output<S>) => TRevalidate); fieldErrors?: boolean },
  run: (input: z.output<S>, operator: TOperator) => Promise<R>,
) {
  return operatorAction(permission)
    .inputSchema(schema)
    .action(async ({ parsedInput, ctx }) => {
      const input = parsedInput as z.output<S>;
      const result = await (options.fieldErrors ? withFieldErrors(() => run(input, ctx.operator)) : run(input, ctx.operator));
      const paths = typeof options.revalidate === "function" ? options.revalidate(input) : options.revalidate;
      for (const p of paths) {
        if (typeof p === "string") revalidatePath(p);
        else revalidatePath(...p);
      }
      return result;
    });
}

/**
 * The writes of one back-office area: all need `permission` and revalidate `revalidate` unless an
 * action names its own pages. `form` is a form's submit (field errors on their fields), `write` a
 * button's.
 */
export function writeActions(permission: TPermission, revalidate: TRevalidate) {
  const make =
    (fieldErrors: boolean) =>
    <S extends z.ZodType, R>(
      schema: S,
      run: (input: z.output<S>, operator: TOperator) => Promise<R>,
      pages: TRevalidate | ((input: z.output<S>) => TRevalidate) = revalidate,
    ) =>
      writeAction(permission, schema, { revalidate: pages, fieldErrors }, run);
  return { form: make(true), write: make(false) };
}
