"use server";

import { ZAffiliateCodeInput, ZAffiliateCodeUpdate, ZStreamerFlagInput } from "@/lib/schemas/affiliates";
import { writeActions } from "@/lib/server/action-client";
import { createAffiliateCode, setStreamer, updateAffiliateCode } from "@/lib/server/affiliates/codes";

const codes = writeActions("affiliateCodes.write", [["/affiliates", "layout"]]);

export const createAffiliateCodeAction = codes.form(ZAffiliateCodeInput, (input, op) => createAffiliateCode(op, input));

export const updateAffiliateCodeAction = codes.form(ZAffiliateCodeUpdate, (input, op) =>
  updateAffiliateCode(op, input),
);

export const setStreamerAction = codes.write(ZStreamerFlagInput, (input, op) =>
  setStreamer(op, input.ownerId, input.isStreamer),
);
