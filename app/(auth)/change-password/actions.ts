"use server";

import { ZChangePasswordInput } from "@/lib/schemas/auth";
import { signedInAction, withFieldErrors } from "@/lib/server/action-client";
import { changeOwnPassword } from "@/lib/server/operators/mutations";

export const changePasswordAction = signedInAction
  .inputSchema(ZChangePasswordInput)
  .action(async ({ parsedInput, ctx }) => {
    await withFieldErrors(() => changeOwnPassword(ctx.operator, parsedInput));
    return { ok: true };
  });
