"use server";

import { revalidatePath } from "next/cache";

import { ZOperatorDisabledInput, ZOperatorIdInput, ZOperatorInput, ZOperatorRoleInput, ZRateInput } from "@/lib/schemas/admin";
import { operatorAction, withFieldErrors } from "@/lib/server/action-client";
import { changeOperatorRole, createOperator, resetOperatorPassword, setOperatorDisabled } from "@/lib/server/operators/mutations";
import { addRate } from "@/lib/server/rates/mutations";

export const createOperatorAction = operatorAction("operators.admin")
  .inputSchema(ZOperatorInput)
  .action(async ({ parsedInput, ctx }) => {
    const created = await withFieldErrors(() => createOperator({ ...parsedInput, by: ctx.operator }));
    revalidatePath("/settings/operators");
    return created;
  });

export const changeOperatorRoleAction = operatorAction("operators.admin")
  .inputSchema(ZOperatorRoleInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await changeOperatorRole(ctx.operator, parsedInput.id, parsedInput.role);
    revalidatePath("/settings/operators");
    return result;
  });

export const setOperatorDisabledAction = operatorAction("operators.admin")
  .inputSchema(ZOperatorDisabledInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await setOperatorDisabled(ctx.operator, parsedInput.id, parsedInput.disabled);
    revalidatePath("/settings/operators");
    return result;
  });

export const resetOperatorPasswordAction = operatorAction("operators.admin")
  .inputSchema(ZOperatorIdInput)
  .action(async ({ parsedInput, ctx }) => resetOperatorPassword(ctx.operator, parsedInput.id));

export const addRateAction = operatorAction("rates.admin")
  .inputSchema(ZRateInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await withFieldErrors(() => addRate(ctx.operator, parsedInput));
    revalidatePath("/settings/rates");
    return result;
  });
