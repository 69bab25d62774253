// Exact decimal helpers on strings, for the few places JavaScript must touch amounts (formatting,
// rounding for display and credits). Arithmetic on money otherwise happens in PostgreSQL numerics.

import Decimal from "decimal.js";

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

/** Rounds a decimal string down (toward zero) to `scale` places, padding with zeros: "5" → "5.00". */
export function roundDown(value: string, scale: number): string {
  if (!DECIMAL.test(value)) throw new Error(`not a decimal: ${value}`);
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
  if (!DECIMAL.test(value)) throw new Error(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [int, frac = ""] = (negative ? value.slice(1) : value).split(".");
  const n = { negative, int: int.replace(/^0+(?=\d)/, ""), frac: frac.replace(/0+$/, "") };
  if (n.int === "0" && n.frac === "") n.negative = false;
  return n;
}

/** The exact sum of decimal strings, to `scale` places (a table's total row or KPI card). */
export function sumDecimals(values: string[], scale = 2): string {
  return values.reduce((sum, v) => sum.add(v), new Decimal(0)).toFixed(scale);
}

/** A USD figure for display and DTOs: two decimals (half-up), 0 when missing. */
export function toCents(value: Decimal.Value | null | undefined): string {
  return new Decimal(value ?? 0).toFixed(2);
}
