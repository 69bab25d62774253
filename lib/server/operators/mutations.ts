import "server-only";

import type { TOperatorRole } from "@/lib/domain/auth/permissions";
import { DomainError } from "@/lib/domain/errors";
import type { TChangePasswordInput } from "@/lib/schemas/auth";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { generateOneTimePassword, hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { db, isUniqueViolation } from "@/lib/server/db";

export async function changeOwnPassword(operator: TOperator, input: TChangePasswordInput) {
  const user = await db.user.findUniqueOrThrow({ where: { id: operator.id } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError("WRONG_PASSWORD", "That isn't your current password", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: operator.id }, data: { passwordHash, mustChangePassword: false } });
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
          throw new DomainError("EMAIL_TAKEN", "An operator with this email exists", { field: "email" });
        }
        throw error;
      });
    if (input.by) {
      await writeAudit(tx, {
        operator: input.by,
        action: "operator.create",
        entityType: "User",
        entityId: user.id,
        after: { email, role: input.role },
      });
    }
    return { id: user.id, email, oneTimePassword };
  });
}
