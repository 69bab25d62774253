import { z } from "zod";

/** A decimal amount as a string (money never travels as a JSON number). */
export const ZDecimalString = z
  .string()
  .trim()
  .regex(/^\d{1,20}(\.\d{1,18})?$/, "must be a decimal string such as \"12.50\"");

export const ZPositiveDecimalString = ZDecimalString.refine((v) => /[1-9]/.test(v), "must be greater than 0");

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
