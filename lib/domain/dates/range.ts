// Report date ranges: whole days "YYYY-MM-DD" (business days, as the daily rollup stores them),
// inclusive at both ends, defaulting to the last 30 days, at most 366 days long.

const DAY_MS = 86_400_000;

export type TDayRange = { from: string; to: string; days: number };

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function dayRange(input: { from?: string; to?: string }, today: string, defaultDays = 30): TDayRange {
  let to = input.to && !Number.isNaN(Date.parse(input.to)) ? input.to : today;
  let from = input.from && !Number.isNaN(Date.parse(input.from)) ? input.from : isoDay(new Date(Date.parse(to) - (defaultDays - 1) * DAY_MS));
  if (from > to) [from, to] = [to, from];
  if (Date.parse(to) - Date.parse(from) > 365 * DAY_MS) from = isoDay(new Date(Date.parse(to) - 365 * DAY_MS));
  return { from, to, days: Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1 };
}

/** Every day of the range, so a chart shows the days with nothing as zero, not as a gap. */
export function daysOf(range: TDayRange): string[] {
  return Array.from({ length: range.days }, (_, i) => isoDay(new Date(Date.parse(range.from) + i * DAY_MS)));
}
