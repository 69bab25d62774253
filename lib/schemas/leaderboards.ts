import { z } from "zod";

import { CURRENCY_IDS } from "@/lib/schemas/money";

const usd = z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "A USD amount such as 100 or 99.50");

// One schema for a board's config (SPEC §2): prize ranges by rank may not overlap.
export const ZLeaderboardConfig = z
  .object({
    prizes: z.array(z.object({ from: z.number().int().min(1), to: z.number().int().min(1), usd })).max(100),
    gameIds: z.array(z.number().int().positive()).max(2000).default([]),
    minBetUsd: z.string().trim().regex(/^\d{1,12}(\.\d{1,18})?$/, "A USD amount").default("0"),
    prizeCurrency: z.enum(CURRENCY_IDS).default("USDT"),
    settleAfterSeconds: z.number().int().min(0).max(7 * 86_400).default(300),
  })
  .superRefine((c, ctx) => {
    c.prizes.forEach((p, i) => {
      if (p.to < p.from) ctx.addIssue({ code: "custom", path: ["prizes", i, "to"], message: "Ends before it starts" });
    });
    const sorted = [...c.prizes].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].from <= sorted[i - 1].to) {
        ctx.addIssue({ code: "custom", path: ["prizes"], message: `Ranks ${sorted[i].from}–${sorted[i - 1].to} are in two prize ranges` });
      }
    }
  });
export type TLeaderboardConfig = z.output<typeof ZLeaderboardConfig>;

export const ZRecurrence = z
  .object({
    kind: z.enum(["DAILY", "WEEKLY", "MONTHLY", "INTERVAL"]),
    intervalSeconds: z.number().int().min(60).max(366 * 86_400).optional(),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "An IANA time zone such as Europe/Malta"),
    firstStart: z.iso.datetime({ offset: true }),
  })
  .refine((r) => r.kind !== "INTERVAL" || r.intervalSeconds, { path: ["intervalSeconds"], message: "Every how many seconds?" });
export type TRecurrence = z.output<typeof ZRecurrence>;

export const ZLeaderboardScheduleConfig = z.object({
  recurrence: ZRecurrence,
  nameTemplate: z.string().trim().min(1).max(120),
  type: z.enum(["WAGERED", "MULTIPLIER"]),
  leaderboard: ZLeaderboardConfig,
});
export type TLeaderboardScheduleConfig = z.output<typeof ZLeaderboardScheduleConfig>;
