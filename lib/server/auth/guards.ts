import "server-only";

import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";

import { can, isOperatorRole, type TOperatorRole, type TPermission } from "@/lib/domain/auth/permissions";
import { AppError } from "@/lib/domain/errors";
import { ZInt4Id } from "@/lib/schemas/ids";
import { authOptions } from "@/lib/server/auth/options";
import { db } from "@/lib/server/db";

export type TOperator = {
  id: number;
  email: string;
  name: string;
  role: TOperatorRole;
  mustChangePassword: boolean;
};

const authError = (code: "UNAUTHORIZED" | "FORBIDDEN" | "PASSWORD_CHANGE_REQUIRED") =>
  new AppError(code, code === "FORBIDDEN" ? "You don't have access to this." : "Please sign in again.");

/**
 * The signed-in operator, re-read from the database on every request: a disabled operator, a changed
 * role or a password changed since this session signed in (sessionVersion) takes effect at once,
 * whatever the session cookie still says.
 */
export const getOperator = cache(async (): Promise<TOperator | null> => {
  const session = await getServerSession(authOptions());
  const id = Number(session?.user?.id);
  if (!ZInt4Id.safeParse(id).success) return null;
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

export async function requirePermission(permission: TPermission): Promise<TOperator> {
  const operator = await requireOperator();
  if (!can(operator.role, permission)) redirect("/forbidden");
  return operator;
}

/** For server actions and back-office routes: throws (UNAUTHORIZED, PASSWORD_CHANGE_REQUIRED, FORBIDDEN) instead of redirecting. */
export async function assertPermission(permission: TPermission): Promise<TOperator> {
  const operator = await getOperator();
  if (!operator) throw authError("UNAUTHORIZED");
  if (operator.mustChangePassword) throw authError("PASSWORD_CHANGE_REQUIRED");
  if (!can(operator.role, permission)) throw authError("FORBIDDEN");
  return operator;
}
