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
