"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import {
  ZBoardIdInput,
  ZLeaderboardInput,
  ZLeaderboardScheduleInput,
  ZScheduleEnabledInput,
  ZStandingsQuery,
} from "@/lib/schemas/leaderboards";
import { operatorAction, withFieldErrors } from "@/lib/server/action-client";
import {
  createBoard,
  createSchedule,
  setScheduleEnabled,
  settleBoardNow,
  updateBoard,
  updateSchedule,
} from "@/lib/server/leaderboards/mutations";
import { boardStandings } from "@/lib/server/leaderboards/queries";

export const createBoardAction = operatorAction("leaderboards.write")
  .inputSchema(ZLeaderboardInput)
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => createBoard(ctx.operator, parsedInput));
    revalidatePath("/leaderboards");
    return row;
  });

export const updateBoardAction = operatorAction("leaderboards.write")
  .inputSchema(z.object({ id: z.uuid(), values: ZLeaderboardInput }))
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => updateBoard(ctx.operator, parsedInput.id, parsedInput.values));
    revalidatePath("/leaderboards", "layout");
    return row;
  });

export const settleBoardAction = operatorAction("leaderboards.write")
  .inputSchema(ZBoardIdInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await settleBoardNow(ctx.operator, parsedInput.id);
    revalidatePath("/leaderboards", "layout");
    return result;
  });

/** Live standings for the standings page (TanStack Query refetches this every few seconds). */
export const boardStandingsAction = operatorAction("leaderboards.read")
  .inputSchema(ZStandingsQuery)
  .action(async ({ parsedInput }) => boardStandings(parsedInput.id, parsedInput.top, parsedInput.player || undefined));

export const createScheduleAction = operatorAction("leaderboards.write")
  .inputSchema(ZLeaderboardScheduleInput)
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => createSchedule(ctx.operator, parsedInput));
    revalidatePath("/leaderboards", "layout");
    return row;
  });

export const updateScheduleAction = operatorAction("leaderboards.write")
  .inputSchema(z.object({ id: z.uuid(), values: ZLeaderboardScheduleInput }))
  .action(async ({ parsedInput, ctx }) => {
    const row = await withFieldErrors(() => updateSchedule(ctx.operator, parsedInput.id, parsedInput.values));
    revalidatePath("/leaderboards", "layout");
    return row;
  });

export const setScheduleEnabledAction = operatorAction("leaderboards.write")
  .inputSchema(ZScheduleEnabledInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await setScheduleEnabled(ctx.operator, parsedInput.id, parsedInput.enabled);
    revalidatePath("/leaderboards", "layout");
    return result;
  });
