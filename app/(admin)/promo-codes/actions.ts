"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import {
  ZCancelClaimInput,
  ZEligibilityInput,
  ZPromoCodeInput,
  ZPromoIdInput,
  ZWhitelistInput,
} from "@/lib/schemas/promo-codes";
import { operatorAction, withFieldErrors } from "@/lib/server/action-client";
import { cancelClaim } from "@/lib/server/claims/lifecycle";
import {
  checkEligibility,
  createPromoCode,
  deactivatePromoCode,
  saveWhitelist,
  updatePromoCode,
} from "@/lib/server/promo-codes/mutations";

export const createPromoCodeAction = operatorAction("promos.write")
  .inputSchema(ZPromoCodeInput)
  .action(async ({ parsedInput, ctx }) => {
    const promo = await withFieldErrors(() => createPromoCode(ctx.operator, parsedInput));
    revalidatePath("/promo-codes");
    return promo;
  });

export const updatePromoCodeAction = operatorAction("promos.write")
  .inputSchema(z.object({ id: z.uuid(), values: ZPromoCodeInput }))
  .action(async ({ parsedInput, ctx }) => {
    const promo = await withFieldErrors(() => updatePromoCode(ctx.operator, parsedInput.id, parsedInput.values));
    revalidatePath("/promo-codes");
    revalidatePath(`/promo-codes/${parsedInput.id}`);
    return promo;
  });

export const deactivatePromoCodeAction = operatorAction("promos.write")
  .inputSchema(ZPromoIdInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await deactivatePromoCode(ctx.operator, parsedInput.id);
    revalidatePath("/promo-codes");
    revalidatePath(`/promo-codes/${parsedInput.id}`);
    return result;
  });

export const saveWhitelistAction = operatorAction("promos.write")
  .inputSchema(ZWhitelistInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveWhitelist(ctx.operator, parsedInput);
    revalidatePath(`/promo-codes/${parsedInput.promoCodeId}`);
    return result;
  });

export const cancelPlayerClaimAction = operatorAction("claims.cancel")
  .inputSchema(ZCancelClaimInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await cancelClaim({ claimId: parsedInput.claimId, reason: parsedInput.reason, operator: ctx.operator });
    revalidatePath("/promo-codes", "layout");
    revalidatePath("/players", "layout");
    return result;
  });

export const checkEligibilityAction = operatorAction("promos.read")
  .inputSchema(ZEligibilityInput)
  .action(async ({ parsedInput }) => withFieldErrors(() => checkEligibility(parsedInput.promoCodeId, parsedInput.playerId)));
