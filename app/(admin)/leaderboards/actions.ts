"use server";

import { z } from "zod";

import {
  ZBoardIdInput,
  ZLeaderboardInput,
  ZLeaderboardScheduleInput,
  ZScheduleEnabledInput,
  ZStandingsQuery,
} from "@/lib/schemas/leaderboards";
import { operatorAction, writeActions } from "@/lib/server/action-client";
import {
  createBoard,
  createSchedule,
  setScheduleEnabled,
  settleBoardNow,
  updateBoard,
  updateSchedule,
} from "@/lib/server/leaderboards/mutations";
import { boardStandings } from "@/lib/server/leaderboards/queries";

const boards = writeActions("leaderboards.write", [["/leaderboards", "layout"]]);

export const createBoardAction = boards.form(ZLeaderboardInput, (input, op) => createBoard(op, input), [
  "/leaderboards",
]);

export const updateBoardAction = boards.form(z.object({ id: z.uuid(), values: ZLeaderboardInput }), (input, op) =>
  updateBoard(op, input.id, input.values),
);

export const settleBoardAction = boards.write(ZBoardIdInput, (input, op) => settleBoardNow(op, input.id));

/** Live standings for the standings page (TanStack Query refetches this every few seconds). */
export const boardStandingsAction = operatorAction("leaderboards.read")
  .inputSchema(ZStandingsQuery)
  .action(async ({ parsedInput }) => boardStandings(parsedInput.id, parsedInput.top, parsedInput.player || undefined));

export const createScheduleAction = boards.form(ZLeaderboardScheduleInput, (input, op) => createSchedule(op, input));

export const updateScheduleAction = boards.form(
  z.object({ id: z.uuid(), values: ZLeaderboardScheduleInput }),
  (input, op) => updateSchedule(op, input.id, input.values),
);

export const setScheduleEnabledAction = boards.write(ZScheduleEnabledInput, (input, op) =>
  setScheduleEnabled(op, input.id, input.enabled),
);
