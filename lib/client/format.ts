import Decimal from "decimal.js";

import { toUsd } from "@/lib/domain/money/decimal";

// Display formatting shared by client and server components (UTC shown explicitly: operators in
// several countries read the same screens).
const dateTime = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

export function formatDateTime(iso: string | Date): string {
  return `${dateTime.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
}

/** Digits grouped in threes: "1234567.50" → "1,234,567.50" (the sign kept in front). */
function groupThousands(fixed: string): string {
  const negative = fixed.startsWith("-");
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

/**
 * A USD amount for display: "$1,234.50", "-$12.00", rounded down to cents. Every screen renders
 * USD through this (charts' tooltips too); CSV exports carry the exact figures instead.
 */
export function formatUsd(value: Decimal.Value | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number" && !Number.isFinite(value)) return "—";
  // The one USD rounding rule (lib/domain/money/decimal): exact, on the decimal's string, toward zero.
  const grouped = groupThousands(toUsd(new Decimal(value)));
  return grouped.startsWith("-") ? `-$${grouped.slice(1)}` : `$${grouped}`;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A short USD label for chart axes: "$0", "$950", "$1K", "$2.5K", "$1.2M" (ticks are round values). */
export function formatUsdCompact(value: number): string {
  const text = compact.format(Math.abs(value));
  return value < 0 ? `-$${text}` : `$${text}`;
}

/** A count with grouping: 1,234,567. */
export function formatCount(value: number | bigint): string {
  return value.toLocaleString("en-US");
}
