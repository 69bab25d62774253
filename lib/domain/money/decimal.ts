// Exact decimal helpers on strings, for the few places JavaScript must touch amounts (formatting,
// rounding for display and credits). Arithmetic on money otherwise happens in PostgreSQL numerics.

import Decimal from "decimal.js";

import { isDecimalText } from "@/lib/schemas/money";


/** The scale USD is shown and sent at (SPEC §1: round down to the currency's scale). */
export const USD_SCALE = 2;

/** Rounds a decimal string down (toward zero) to `scale` places, padding with zeros: "5" → "5.00". */
export function roundDown(value: string, scale: number): string {
  if (!isDecimalText(value, { signed: true })) throw new Error(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [int, frac = ""] = (negative ? value.slice(1) : value).split(".");
  const cut = frac.slice(0, scale).padEnd(scale, "0");
  const intPart = int.replace(/^0+(?=\d)/, "");
  const out = scale > 0 ? `${intPart}.${cut}` : intPart;
  const isZero = /^[0.]+$/.test(out);
  return negative && !isZero ? `-${out}` : out;
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const [an, bn] = [normalize(a), normalize(b)];
  if (an.negative !== bn.negative) return an.negative ? -1 : 1;
  const sign = an.negative ? -1 : 1;
  if (an.int.length !== bn.int.length) return (an.int.length > bn.int.length ? sign : -sign) as -1 | 1;
  if (an.int !== bn.int) return (an.int > bn.int ? sign : -sign) as -1 | 1;
  const len = Math.max(an.frac.length, bn.frac.length);
  const [af, bf] = [an.frac.padEnd(len, "0"), bn.frac.padEnd(len, "0")];
  if (af === bf) return 0;
  return (af > bf ? sign : -sign) as -1 | 1;
}

function normalize(value: string) {
  if (!isDecimalText(value, { signed: true })) throw new Error(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [int, frac = ""] = (negative ? value.slice(1) : value).split(".");
  const n = { negative, int: int.replace(/^0+(?=\d)/, ""), frac: frac.replace(/0+$/, "") };
  if (n.int === "0" && n.frac === "") n.negative = false;
  return n;
}

type TDecimalLike = Decimal.Value | { toString(): string };

/**
 * The one USD rule for screens, DTOs and API answers: rounded down (toward zero, like roundDown) to
 * cents, "0.00" when missing. Accepts strings, numbers and Decimals (Prisma's or decimal.js's).
 */
export function toUsd(value: TDecimalLike | null | undefined): string {
  return roundDown(new Decimal(value?.toString() ?? 0).toFixed(), USD_SCALE);
}

/** The exact sum of USD figures, then rounded like any USD figure (a table's total row or KPI card). */
export function sumUsd(values: TDecimalLike[]): string {
  return toUsd(values.reduce<Decimal>((sum, v) => sum.add(v.toString()), new Decimal(0)));
}
