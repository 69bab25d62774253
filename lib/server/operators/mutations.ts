import "server-only";

import type { TOperatorRole } from "@/lib/domain/auth/permissions";
import { AppError } from "@/lib/domain/errors";
import type { TChangePasswordInput } from "@/lib/schemas/auth";
import { writeAudit, writeSwitchAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { generateOneTimePassword, hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { countSignInAttempt } from "@/lib/server/auth/sign-in-limit";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";

/**
 * The operator's own password. The current-password check is a guess like a sign-in, so it counts
 * against the same limits (`address` is the request's, lib/server/auth/sign-in-limit); the change
 * bumps sessionVersion, which ends every session signed in before it (the form signs in again).
 */
export async function changeOwnPassword(
  operator: TOperator,
  input: TChangePasswordInput,
  { address, now = new Date() }: { address: string; now?: Date },
) {
  const attempt = await countSignInAttempt({ email: operator.email, address, now });
  if (!attempt.allowed) {
    throw new AppError("RATE_LIMITED", "Too many failed attempts. Wait 15 minutes and try again.", { field: "currentPassword" });
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: operator.id } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "That isn't your current password", { field: "currentPassword" });
  }
  await attempt.release();
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: operator.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await writeAudit(tx, {
      operator,
      action: "operator.change_password",
      entityType: "User",
      entityId: operator.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false },
    });
  });
}

export type TCreatedOperator = { id: number; email: string; oneTimePassword: string };

/**
 * Creates an operator with a one-time password (shown once) that must be changed at first sign-in.
 * `by` is null for the command-line bootstrap.
 */
export async function createOperator(input: {
  email: string;
  role: TOperatorRole;
  name?: string;
  by: TOperator | null;
  password?: string;
  mustChangePassword?: boolean;
}): Promise<TCreatedOperator> {
  const email = input.email.trim().toLowerCase();
  const oneTimePassword = input.password ?? generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    // The unique index on email decides a race between two creators, not a read before the write.
    const user = await tx.user
      .create({
        data: {
          email,
          username: input.name?.trim() || email.split("@")[0],
          role: input.role,
          passwordHash,
          mustChangePassword: input.mustChangePassword ?? true,
        },
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new AppError("EMAIL_TAKEN", "An operator with this email exists", { field: "email" });
        }
        throw error;
      });
    if (input.by) await writeAudit(tx, { operator: input.by, action: "operator.create", entityType: "User", entityId: user.id, after: { email, role: input.role } });
    return { id: user.id, email, oneTimePassword };
  });
}

/** The operators list for admins (players never appear). */
export async function listOperators() {
  const rows = await db.user.findMany({
    where: { role: { not: "PLAYER" } },
    orderBy: [{ disabled: "asc" }, { role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, username: true, role: true, disabled: true, mustChangePassword: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, role: r.role as TOperatorRole, createdAt: r.createdAt.toISOString() }));
}
export type TOperatorRow = Awaited<ReturnType<typeof listOperators>>[number];

/**
 * Locks the operator being changed together with every enabled admin, in one statement in id order,
 * so concurrent changes queue instead of deadlocking: two admins demoting each other at once leave
 * one admin, and the second is told so. (A row changed by the first is re-checked after its lock.)
 */
async function lockForChange(tx: TTx, by: TOperator, id: number, removesAdmin: (target: { role: string; disabled: boolean }) => boolean) {
  if (id === by.id) throw new AppError("SELF", "You can't change your own access; ask another admin");
  const rows = await tx.$queryRaw<{ id: number; role: string; disabled: boolean; email: string | null }[]>`
    SELECT id, role::text, disabled, email FROM "User"
    WHERE id = ${id} OR (role = 'ADMIN' AND NOT disabled)
    ORDER BY id FOR UPDATE`;
  const target = rows.find((r) => r.id === id && r.role !== "PLAYER");
  if (!target) throw new AppError("NOT_FOUND", "No such operator");
  if (removesAdmin(target) && !rows.some((r) => r.id !== id && r.role === "ADMIN" && !r.disabled)) {
    throw new AppError("LAST_ADMIN", "This is the last enabled admin; make someone else admin first");
  }
  return target;
}

export async function changeOperatorRole(by: TOperator, id: number, role: TOperatorRole) {
  return db.$transaction(async (tx) => {
    const target = await lockForChange(tx, by, id, (t) => t.role === "ADMIN" && !t.disabled && role !== "ADMIN");
    await tx.user.update({ where: { id }, data: { role } });
    await writeAudit(tx, { operator: by, action: "operator.change_role", entityType: "User", entityId: id, before: { role: target.role }, after: { role } });
    return { id, role };
  });
}

/** Disabling takes effect on the operator's next request: every guard re-reads the row. */
export async function setOperatorDisabled(by: TOperator, id: number, disabled: boolean) {
  return db.$transaction(async (tx) => {
    const target = await lockForChange(tx, by, id, (t) => t.role === "ADMIN" && !t.disabled && disabled);
    await tx.user.update({ where: { id }, data: { disabled } });
    const actions: [string, string] = ["operator.disable", "operator.enable"];
    await writeSwitchAudit(tx, { operator: by, actions, entityType: "User", entityId: id, flag: "disabled", before: target.disabled, after: disabled });
    return { id, disabled };
  });
}

/**
 * A new one-time password (shown once to the admin); the operator must change it at next sign-in,
 * and every session they have ends at its next request (sessionVersion).
 */
export async function resetOperatorPassword(by: TOperator, id: number): Promise<TCreatedOperator> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    const target = await lockForChange(tx, by, id, () => false);
    await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, { operator: by, action: "operator.reset_password", entityType: "User", entityId: id, after: { mustChangePassword: true } });
    return { id, email: target.email ?? "", oneTimePassword };
  });
}
