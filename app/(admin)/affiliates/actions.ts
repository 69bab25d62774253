"use server";

import { revalidatePath } from "next/cache";

import { ZAffiliateCodeInput, ZAffiliateCodeUpdate, ZStreamerFlagInput } from "@/lib/schemas/affiliates";
import { operatorAction, withFieldErrors } from "@/lib/server/action-client";
import { createAffiliateCode, setStreamer, updateAffiliateCode } from "@/lib/server/affiliates/codes";

export const createAffiliateCodeAction = operatorAction("affiliateCodes.write")
  .inputSchema(ZAffiliateCodeInput)
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => createAffiliateCode(ctx.operator, parsedInput));
    revalidatePath("/affiliates", "layout");
    return row;
  });

export const updateAffiliateCodeAction = operatorAction("affiliateCodes.write")
  .inputSchema(ZAffiliateCodeUpdate)
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => updateAffiliateCode(ctx.operator, parsedInput));
    revalidatePath("/affiliates", "layout");
    return row;
  });

export const setStreamerAction = operatorAction("affiliateCodes.write")
  .inputSchema(ZStreamerFlagInput)
  .action(async ({ parsedInput, ctx }) => {
    const row = await setStreamer(ctx.operator, parsedInput.ownerId, parsedInput.isStreamer);
    revalidatePath("/affiliates", "layout");
    return row;
  });
