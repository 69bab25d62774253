"use server";

import {
  ZOperatorDisabledInput,
  ZOperatorIdInput,
  ZOperatorInput,
  ZOperatorRoleInput,
  ZRateInput,
} from "@/lib/schemas/admin";
import { operatorAction, writeActions } from "@/lib/server/action-client";
import {
  changeOperatorRole,
  createOperator,
  resetOperatorPassword,
  setOperatorDisabled,
} from "@/lib/server/operators/mutations";
import { addRate } from "@/lib/server/rates/mutations";

const operators = writeActions("operators.admin", ["/settings/operators"]);
const rates = writeActions("rates.admin", ["/settings/rates"]);

export const createOperatorAction = operators.form(ZOperatorInput, (input, op) => createOperator({ ...input, by: op }));

export const changeOperatorRoleAction = operators.write(ZOperatorRoleInput, (input, op) =>
  changeOperatorRole(op, input.id, input.role),
);

export const setOperatorDisabledAction = operators.write(ZOperatorDisabledInput, (input, op) =>
  setOperatorDisabled(op, input.id, input.disabled),
);

export const resetOperatorPasswordAction = operatorAction("operators.admin")
  .inputSchema(ZOperatorIdInput)
  .action(async ({ parsedInput, ctx }) => resetOperatorPassword(ctx.operator, parsedInput.id));

export const addRateAction = rates.form(ZRateInput, (input, op) => addRate(op, input));
