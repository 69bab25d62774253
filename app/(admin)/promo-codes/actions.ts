"use server";

import { z } from "zod";

import {
  ZCancelClaimInput,
  ZEligibilityInput,
  ZPromoCodeInput,
  ZPromoIdInput,
  ZWhitelistInput,
} from "@/lib/schemas/promo-codes";
import { operatorAction, withFieldErrors, writeAction, writeActions } from "@/lib/server/action-client";
import { cancelClaim } from "@/lib/server/claims/lifecycle";
import {
  checkEligibility,
  createPromoCode,
  deactivatePromoCode,
  saveWhitelist,
  updatePromoCode,
} from "@/lib/server/promo-codes/mutations";

const promos = writeActions("promos.write", ["/promo-codes"]);
const listAndPromo = (input: { id: string }) => ["/promo-codes", `/promo-codes/${input.id}`];

export const createPromoCodeAction = promos.form(ZPromoCodeInput, (input, op) => createPromoCode(op, input));

export const updatePromoCodeAction = promos.form(
  z.object({ id: z.uuid(), values: ZPromoCodeInput }),
  (input, op) => updatePromoCode(op, input.id, input.values),
  listAndPromo,
);

export const deactivatePromoCodeAction = promos.write(
  ZPromoIdInput,
  (input, op) => deactivatePromoCode(op, input.id),
  listAndPromo,
);

export const saveWhitelistAction = promos.write(
  ZWhitelistInput,
  (input, op) => saveWhitelist(op, input),
  (input) => [`/promo-codes/${input.promoCodeId}`],
);

export const cancelPlayerClaimAction = writeAction(
  "claims.cancel",
  ZCancelClaimInput,
  {
    revalidate: [
      ["/promo-codes", "layout"],
      ["/players", "layout"],
    ],
  },
  (input, operator) => cancelClaim({ claimId: input.claimId, reason: input.reason, operator }),
);

export const checkEligibilityAction = operatorAction("promos.read")
  .inputSchema(ZEligibilityInput)
  .action(async ({ parsedInput }) =>
    withFieldErrors(() => checkEligibility(parsedInput.promoCodeId, parsedInput.playerId)),
  );
