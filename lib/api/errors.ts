import "server-only";

import { AppError, isAppError, type TAppErrorOptions, type TErrorCode } from "@/lib/domain/errors";
import { databaseUnavailable } from "@/lib/server/db-errors";
import { logger } from "@/lib/server/logger";

/** An API error: the one error type, so `throw apiError("NOT_FOUND", …)` answers 404 by the one table. */
export function apiError(code: TErrorCode, message: string, options?: TAppErrorOptions): AppError {
  return new AppError(code, message, options);
}

/**
 * The one mapper from a thrown value to an HTTP error: an AppError answers its own status, code and
 * headers; the database restarting, refusing, or out of connections/locks within 5 s is a 503 the
 * client retries (a batch is one transaction, so resending it is safe), never a 500; anything else is
 * logged and a 500 that names the request id. `where` says which edge failed, for the log.
 */
export function errorOf(error: unknown, where: { requestId: string; path: string; edge: string }): AppError {
  if (isAppError(error)) return error;
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    logger.warn({ err: error, requestId: where.requestId, path: where.path }, `${where.edge}: database unavailable`);
    const retryAfter = String(unavailable.retryAfterSeconds);
    return new AppError("SERVICE_UNAVAILABLE", `The database is unavailable; retry in ${retryAfter} s.`, {
      headers: { "Retry-After": retryAfter },
    });
  }
  logger.error({ err: error, requestId: where.requestId, path: where.path }, `${where.edge} failed`);
  return new AppError("INTERNAL", `Internal error (request ${where.requestId}).`);
}
