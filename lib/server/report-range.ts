import "server-only";

import { dayRange, type TDayRange } from "@/lib/domain/dates/range";
import { db } from "@/lib/server/db";

/** The business day today (BUSINESS_TIME_ZONE, the zone the daily rollups are kept in). */
export async function businessToday(): Promise<string> {
  const [{ today }] = await db.$queryRaw<{ today: string }[]>`SELECT business_today()::text AS today`;
  return today;
}

/** A report's range from the URL's from/to, defaulting to the last 30 business days. */
export async function reportRange(input: { from?: string; to?: string }): Promise<TDayRange> {
  return dayRange(input, await businessToday());
}
