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

const usd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * A USD amount (a decimal string) for display: "$1,234.50". Display only — the string is parsed to a
 * float to group digits, which is exact enough for two decimals of amounts below 2^53 cents.
 */
export function formatUsd(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return usd.format(Number(value));
}

/** A count with grouping: 1,234,567. */
export function formatCount(value: number | bigint): string {
  return value.toLocaleString("en-US");
}
