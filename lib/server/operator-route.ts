import "server-only";

import type { TPermission } from "@/lib/domain/auth/permissions";
import { AuthError, assertPermission, type TOperator } from "@/lib/server/auth/guards";
import { DATABASE_UNAVAILABLE_ERROR } from "@/lib/server/action-client";
import { databaseUnavailable } from "@/lib/server/db-errors";
import { logger } from "@/lib/server/logger";

/**
 * A back-office route handler (downloads): the operator's permission is checked against the
 * database like a server action's; refusals are 401/403 in plain text, the database unavailable a
 * 503 with Retry-After, other failures a logged 500.
 */
export function operatorRoute(permission: TPermission, handler: (req: Request, operator: TOperator) => Promise<Response>) {
  return async (req: Request) => {
    try {
      const operator = await assertPermission(permission);
      return await handler(req, operator);
    } catch (error) {
      if (error instanceof AuthError) return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 401 });
      const unavailable = databaseUnavailable(error);
      if (unavailable) {
        logger.warn({ err: error, url: req.url }, "back-office route: database unavailable");
        return new Response(DATABASE_UNAVAILABLE_ERROR, { status: 503, headers: { "Retry-After": String(unavailable.retryAfterSeconds) } });
      }
      logger.error({ err: error, url: req.url }, "back-office route failed");
      return new Response("Something went wrong.", { status: 500 });
    }
  };
}
