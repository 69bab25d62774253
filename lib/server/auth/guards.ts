import "server-only";

import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";

import { can, isOperatorRole, type TOperatorRole, type TPermission } from "@/lib/domain/auth/permissions";
import { authOptions } from "@/lib/server/auth/options";
import { db } from "@/lib/server/db";

// User ids are int4: an id outside it (none is, in a token we signed) must not reach the query,
// where it would fail instead of finding no one.
const INT4_MAX = 2_147_483_647;

export type TOperator = {
  id: number;
  email: string;
  name: string;
  role: TOperatorRole;
  mustChangePassword: boolean;
};

export class AuthError extends Error {
  constructor(readonly code: "UNAUTHORIZED" | "FORBIDDEN" | "PASSWORD_CHANGE_REQUIRED") {
    super(code === "FORBIDDEN" ? "You don't have access to this." : "Please sign in again.");
    this.name = "AuthError";
  }
}

/**
 * The signed-in operator, re-read from the database on every request: a disabled operator, a changed
 * role or a password changed since this session signed in (sessionVersion) takes effect at once,
 * whatever the session cookie still says.
 */
export const getOperator = cache(async (): Promise<TOperator | null> => {
  const session = await getServerSession(authOptions());
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > INT4_MAX) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, username: true, role: true, disabled: true, mustChangePassword: true, sessionVersion: true },
  });
  if (!user || user.disabled || !user.email || !isOperatorRole(user.role)) return null;
  if (user.sessionVersion !== (session?.user?.sessionVersion ?? 0)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.username,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
});

/** For pages: redirects to sign-in (or the password change) instead of rendering. */
export async function requireOperator(options: { allowPasswordChange?: boolean } = {}): Promise<TOperator> {
  const operator = await getOperator();
  if (!operator) redirect("/sign-in?error=SessionRequired");
  if (operator.mustChangePassword && !options.allowPasswordChange) redirect("/change-password");
  return operator;
}

/** For pages: the operator must hold one of `roles`; others see the "no access" page. */
export async function requireRole(roles: readonly TOperatorRole[]): Promise<TOperator> {
  const operator = await requireOperator();
  if (!roles.includes(operator.role)) redirect("/forbidden");
  return operator;
}

export async function requirePermission(permission: TPermission): Promise<TOperator> {
  const operator = await requireOperator();
  if (!can(operator.role, permission)) redirect("/forbidden");
  return operator;
}

/** For server actions: throws instead of redirecting, so the action answers with an error. */
export async function assertPermission(permission: TPermission): Promise<TOperator> {
  const operator = await getOperator();
  if (!operator) throw new AuthError("UNAUTHORIZED");
  if (operator.mustChangePassword) throw new AuthError("PASSWORD_CHANGE_REQUIRED");
  if (!can(operator.role, permission)) throw new AuthError("FORBIDDEN");
  return operator;
}
