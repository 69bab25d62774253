import "server-only";

import { randomUUID } from "node:crypto";

import { errorOf } from "@/lib/api/errors";
import type { TPermission } from "@/lib/domain/auth/permissions";
import { DATABASE_UNAVAILABLE_ERROR } from "@/lib/server/action-client";
import { assertPermission, type TOperator } from "@/lib/server/auth/guards";

const GENERIC_ERROR = "Something went wrong.";

/**
 * A back-office route handler (downloads): the operator's permission is checked against the
 * database like a server action's. Failures go through the API's one error mapper but answer in
 * plain text, for a browser tab: refusals 401/403, the database unavailable a 503 with Retry-After,
 * anything else a logged 500.
 */
export function operatorRoute(permission: TPermission, handler: (req: Request, operator: TOperator) => Promise<Response>) {
  return async (req: Request) => {
    try {
      const operator = await assertPermission(permission);
      return await handler(req, operator);
    } catch (thrown) {
      const error = errorOf(thrown, { requestId: randomUUID(), path: new URL(req.url).pathname, edge: "back-office route" });
      const text = error.code === "SERVICE_UNAVAILABLE" ? DATABASE_UNAVAILABLE_ERROR : error.code === "INTERNAL" ? GENERIC_ERROR : error.message;
      return new Response(text, { status: error.status, headers: error.headers });
    }
  };
}
