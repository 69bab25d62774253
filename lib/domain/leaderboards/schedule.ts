// Recurring leaderboard runs (SPEC §2 Schedules). Run k starts at firstStart + k units in the
// schedule's time zone — days, weeks and months follow that zone's calendar (so a daily board starts
// at the same local time across daylight-saving changes, and a monthly one on the same day, clamped
// to the month's end), and INTERVAL adds seconds × 1000 ms. Each run ends where the next begins.
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, format } from "date-fns";

import type { TRecurrence } from "@/lib/schemas/leaderboards";

export function runStart(r: TRecurrence, k: number): Date {
  const first = new Date(r.firstStart);
  if (r.kind === "INTERVAL") return new Date(first.getTime() + k * (r.intervalSeconds ?? 0) * 1000);
  const local = new TZDate(first.getTime(), r.timeZone);
  const next = r.kind === "DAILY" ? addDays(local, k) : r.kind === "WEEKLY" ? addWeeks(local, k) : addMonths(local, k);
  return new Date(next.getTime());
}

/** The run in progress at `at` (the last one started), or -1 before the first start. */
export function runIndexAt(r: TRecurrence, at: Date): number {
  if (at.getTime() < new Date(r.firstStart).getTime()) return -1;
  let hi = 1;
  while (runStart(r, hi).getTime() <= at.getTime()) hi *= 2;
  let lo = hi / 2 >= 1 ? hi / 2 : 0;
  while (lo < hi - 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (runStart(r, mid).getTime() <= at.getTime()) lo = mid;
    else hi = mid;
  }
  return runStart(r, hi).getTime() <= at.getTime() ? hi : lo;
}

export type TRun = { index: number; start: Date; end: Date };

export function run(r: TRecurrence, k: number): TRun {
  return { index: k, start: runStart(r, k), end: runStart(r, k + 1) };
}

/** The next `count` runs starting after `after` (the form's preview). */
export function nextRuns(r: TRecurrence, after: Date, count: number): TRun[] {
  const first = runIndexAt(r, after) + 1;
  return Array.from({ length: count }, (_, i) => run(r, first + i));
}

/** A board's name from the template: {n} = run number (from 1), {date} = start date in the zone. */
export function boardName(template: string, r: TRecurrence, k: number): string {
  const start = new TZDate(runStart(r, k).getTime(), r.timeZone);
  return template.replaceAll("{n}", String(k + 1)).replaceAll("{date}", format(start, "yyyy-MM-dd"));
}
