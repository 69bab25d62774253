import { z } from "zod";

import { FRACTION_DIGITS, INT_DIGITS } from "@/lib/schemas/bounds";

/**
 * A decimal amount as a string (money never travels as a JSON number), with at most `intDigits`
 * digits before the point (lib/schemas/bounds.ts says why each bound keeps the arithmetic in range).
 */
export function decimalString(intDigits: number, message = `must be a decimal string such as "12.50" below 1e${intDigits}`) {
  return z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,${intDigits}}(\\.\\d{1,${FRACTION_DIGITS}})?$`), message);
}

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Is this text a plain decimal ("12.50", "-3" when signed)? No exponent, no grouping, no spaces:
 * the one test wherever text must be checked before exact arithmetic (previews, CSV, rounding).
 */
export function isDecimalText(value: string | null | undefined, options: { signed?: boolean } = {}): value is string {
  return typeof value === "string" && (options.signed ? SIGNED_DECIMAL : PLAIN_DECIMAL).test(value);
}

const isPositive = (v: string) => /[1-9]/.test(v);

/** An amount on an event, a promo, a reward or a prize. */
export const ZDecimalString = decimalString(INT_DIGITS.amount);
export const ZPositiveDecimalString = ZDecimalString.refine(isPositive, "must be greater than 0");
export const positive = <T extends z.ZodType<string>>(schema: T, message = "must be greater than 0") => schema.refine(isPositive, message);

export const CURRENCY_IDS = ["BTC", "ETH", "LTC", "USDT", "USDC", "SOL", "DOGE", "TRX", "USD"] as const;
export const ZCurrencyId = z.enum(CURRENCY_IDS);
export type TCurrencyId = z.infer<typeof ZCurrencyId>;

/** ISO 8601 with a zone (Z or ±hh:mm). */
export const ZIsoDateTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** A promo or affiliate code: compared case-insensitively, so stored upper-case (SPEC §1). */
export const ZCode = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters")
  .max(32, "Use at most 32 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _ only")
  .transform((c) => c.toUpperCase());
