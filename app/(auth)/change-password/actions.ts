"use server";

import { headers } from "next/headers";

import { ZChangePasswordInput } from "@/lib/schemas/auth";
import { signedInAction, withFieldErrors } from "@/lib/server/action-client";
import { requestAddress } from "@/lib/server/auth/sign-in-limit";
import { changeOwnPassword } from "@/lib/server/operators/mutations";

export const changePasswordAction = signedInAction
  .inputSchema(ZChangePasswordInput)
  .action(async ({ parsedInput, ctx }) => {
    const address = requestAddress(Object.fromEntries(await headers()));
    await withFieldErrors(() => changeOwnPassword(ctx.operator, parsedInput, { address }));
    return { ok: true };
  });
