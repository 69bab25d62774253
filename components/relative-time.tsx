import { formatDateTime } from "@/lib/client/format";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/**
 * `at` relative to `now` in the largest unit that reads naturally, rounded: "in 3 days", "in 5
 * hours", "in 20 minutes", "2 days ago". `now` is the server's clock, passed by the page, so the
 * words agree with the status the same page shows.
 */
export function relativeWords(at: Date | string, now: Date): string {
  const ms = new Date(at).getTime() - now.getTime();
  const abs = Math.abs(ms);
  if (abs < 59.5 * 60_000) return relative.format(Math.sign(ms) * Math.max(1, Math.round(abs / 60_000)), "minute");
  if (abs < 23.5 * 3_600_000) return relative.format(Math.round(ms / 3_600_000), "hour");
  return relative.format(Math.round(ms / 86_400_000), "day");
}

/** "starts in 3 days", as a <time> whose title is the exact UTC time. */
export function RelativeTime({ at, now, prefix, className }: { at: string; now: Date; prefix?: string; className?: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)} className={className}>
      {prefix ? `${prefix} ` : ""}
      {relativeWords(at, now)}
    </time>
  );
}
