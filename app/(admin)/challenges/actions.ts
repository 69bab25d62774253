"use server";

import { z } from "zod";

import { ZChallengeIdInput, ZChallengeInput, ZRejectWinnerInput } from "@/lib/schemas/challenges";
import { writeActions } from "@/lib/server/action-client";
import {
  confirmChallengeWinner,
  createChallenge,
  rejectChallengeWinner,
  updateChallenge,
} from "@/lib/server/challenges/mutations";

const challenges = writeActions("challenges.write", [["/challenges", "layout"]]);

export const createChallengeAction = challenges.form(ZChallengeInput, (input, op) => createChallenge(op, input), [
  "/challenges",
]);

export const updateChallengeAction = challenges.form(z.object({ id: z.uuid(), values: ZChallengeInput }), (input, op) =>
  updateChallenge(op, input.id, input.values),
);

export const confirmWinnerAction = challenges.write(ZChallengeIdInput, (input, op) =>
  confirmChallengeWinner(op, input.id),
);

export const rejectWinnerAction = challenges.write(ZRejectWinnerInput, (input, op) =>
  rejectChallengeWinner(op, input.id, input.reason),
);
