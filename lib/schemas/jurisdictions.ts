import { z } from "zod";

import { INT_DIGITS, INT4_MAX } from "@/lib/schemas/bounds";
import { decimalString } from "@/lib/schemas/money";
import { isCountryCode, JURISDICTION_PATTERN, ZJurisdictionCode } from "@/lib/schemas/targeting";

// One schema for Settings → Jurisdictions: the dialog's form, its server actions and the tests.
// Every value stays text as typed (so the form's parsed values parse again in the action); the
// mutation turns them into the row with `jurisdictionRow`. An empty field is "no rule" (NULL).
//
// - bonusesAllowed: a tri-state choice, "" = no rule, "true" = allowed, "false" = not allowed.
// - maxWagerMultiplier: "" or a decimal ≥ 0 below 1,000 (the promo multipliers' bound).
// - maxBonusUsdAmount: "" or a USD decimal ≥ 0 below 1e12 (the amounts' bound).
// - minDaysToComplete: "" or whole days, stored as seconds (int4: at most 24,855 days).
// - firstBonusOnly: a checkbox; unticked is stored as NULL (no rule), like every other rule.

export const SECONDS_PER_DAY = 86_400;
/** The most whole days whose seconds fit an int4 column. */
export const MAX_DAYS = Math.floor(INT4_MAX / SECONDS_PER_DAY);

export const BONUSES_ALLOWED_CHOICES = [
  { value: "", label: "No rule" },
  { value: "true", label: "Allowed" },
  { value: "false", label: "Not allowed" },
] as const;

/** A jurisdiction code with a message that says what is wrong: case, an unknown country, or the shape. */
const ZCodeField = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    if (v === "") return issue("Enter a code such as GB or CA-ON");
    if (ZJurisdictionCode.safeParse(v).success) return;
    if (v !== v.toUpperCase() && ZJurisdictionCode.safeParse(v.toUpperCase()).success) return issue(`Use upper case: ${v.toUpperCase()}`);
    const m = JURISDICTION_PATTERN.exec(v.toUpperCase());
    if (m && !isCountryCode(m[1])) return issue(`${m[1]} is not an ISO 3166-1 country code`);
    issue("A two-letter ISO 3166-1 country code in upper case, optionally with a region: GB, CA-ON");
  });

/** "" (no rule) or a decimal ≥ 0 with at most `intDigits` digits before the point. */
function optionalCap(intDigits: number, message: string) {
  const decimal = decimalString(intDigits, message);
  return z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (v === "") return;
      if (v.startsWith("-")) ctx.addIssue({ code: "custom", message: "Can't be negative: 0 or more, or empty for no rule" });
      else if (!decimal.safeParse(v).success) ctx.addIssue({ code: "custom", message });
    });
}

export const ZJurisdictionInput = z.object({
  code: ZCodeField,
  bonusesAllowed: z.enum(["", "true", "false"], { error: "Choose no rule, allowed or not allowed" }),
  maxWagerMultiplier: optionalCap(INT_DIGITS.promoMultiplier, "A multiplier such as 10, below 1,000"),
  maxBonusUsdAmount: optionalCap(INT_DIGITS.amount, "A USD amount such as 155.00, below 1,000,000,000,000"),
  minDaysToComplete: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (v === "") return;
      if (v.startsWith("-")) ctx.addIssue({ code: "custom", message: "Can't be negative: 0 or more, or empty for no rule" });
      else if (!/^\d+$/.test(v)) ctx.addIssue({ code: "custom", message: "Whole number" });
      else if (Number(v) > MAX_DAYS) ctx.addIssue({ code: "custom", message: `Choose at most ${MAX_DAYS.toLocaleString("en-US")} days` });
    }),
  firstBonusOnly: z.boolean(),
});
export type TJurisdictionInput = z.input<typeof ZJurisdictionInput>;

export const ZJurisdictionCodeInput = z.object({ code: ZJurisdictionCode });

/** A jurisdiction row as stored: NULL = no rule; money as decimal text. */
export type TJurisdictionRow = {
  code: string;
  bonusesAllowed: boolean | null;
  maxWagerMultiplier: string | null;
  maxBonusUsdAmount: string | null;
  minSecondsToComplete: number | null;
  firstBonusOnly: boolean | null;
};

/** The parsed form as the row to store. */
export function jurisdictionRow(input: z.output<typeof ZJurisdictionInput>): TJurisdictionRow {
  return {
    code: input.code,
    bonusesAllowed: input.bonusesAllowed === "" ? null : input.bonusesAllowed === "true",
    maxWagerMultiplier: input.maxWagerMultiplier || null,
    maxBonusUsdAmount: input.maxBonusUsdAmount || null,
    minSecondsToComplete: input.minDaysToComplete === "" ? null : Number(input.minDaysToComplete) * SECONDS_PER_DAY,
    firstBonusOnly: input.firstBonusOnly ? true : null,
  };
}

/**
 * A stored row as the form's values. Seconds that are not whole days (set outside this form) show
 * as a fraction, which the form then refuses ("Whole number") rather than rounding it silently.
 */
export function jurisdictionFormValues(row: TJurisdictionRow): TJurisdictionInput {
  return {
    code: row.code,
    bonusesAllowed: row.bonusesAllowed === null ? "" : row.bonusesAllowed ? "true" : "false",
    maxWagerMultiplier: row.maxWagerMultiplier ?? "",
    maxBonusUsdAmount: row.maxBonusUsdAmount ?? "",
    minDaysToComplete: row.minSecondsToComplete === null ? "" : String(row.minSecondsToComplete / SECONDS_PER_DAY),
    firstBonusOnly: row.firstBonusOnly === true,
  };
}

export const EMPTY_JURISDICTION: TJurisdictionInput = {
  code: "",
  bonusesAllowed: "",
  maxWagerMultiplier: "",
  maxBonusUsdAmount: "",
  minDaysToComplete: "",
  firstBonusOnly: false,
};
