"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { ZChallengeIdInput, ZChallengeInput, ZRejectWinnerInput } from "@/lib/schemas/challenges";
import { operatorAction, withFieldErrors } from "@/lib/server/action-client";
import {
  confirmChallengeWinner,
  createChallenge,
  rejectChallengeWinner,
  updateChallenge,
} from "@/lib/server/challenges/mutations";

export const createChallengeAction = operatorAction("challenges.write")
  .inputSchema(ZChallengeInput)
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => createChallenge(ctx.operator, parsedInput));
    revalidatePath("/challenges");
    return row;
  });

export const updateChallengeAction = operatorAction("challenges.write")
  .inputSchema(z.object({ id: z.uuid(), values: ZChallengeInput }))
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => updateChallenge(ctx.operator, parsedInput.id, parsedInput.values));
    revalidatePath("/challenges", "layout");
    return row;
  });

export const confirmWinnerAction = operatorAction("challenges.write")
  .inputSchema(ZChallengeIdInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await confirmChallengeWinner(ctx.operator, parsedInput.id);
    revalidatePath("/challenges", "layout");
    return result;
  });

export const rejectWinnerAction = operatorAction("challenges.write")
  .inputSchema(ZRejectWinnerInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await rejectChallengeWinner(ctx.operator, parsedInput.id, parsedInput.reason);
    revalidatePath("/challenges", "layout");
    return result;
  });
