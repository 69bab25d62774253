"use server";

import { ZJurisdictionCodeInput, ZJurisdictionInput } from "@/lib/schemas/jurisdictions";
import { writeActions } from "@/lib/server/action-client";
import { createJurisdiction, deleteJurisdiction, updateJurisdiction } from "@/lib/server/jurisdictions/mutations";

// ADMIN only (jurisdictions.admin, re-checked on every call). The promo form's live verdicts read the
// rules too, so its pages are revalidated with this one.
const jurisdictions = writeActions("jurisdictions.admin", ["/settings/jurisdictions", ["/promo-codes", "layout"]]);

export const createJurisdictionAction = jurisdictions.form(ZJurisdictionInput, (input, op) => createJurisdiction(op, input));

export const updateJurisdictionAction = jurisdictions.form(ZJurisdictionInput, (input, op) => updateJurisdiction(op, input));

export const deleteJurisdictionAction = jurisdictions.write(ZJurisdictionCodeInput, (input, op) => deleteJurisdiction(op, input.code));
