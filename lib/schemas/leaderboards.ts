import { z } from "zod";

import { INT4_MAX } from "@/lib/schemas/bounds";
import { ZInt4Id } from "@/lib/schemas/ids";
import { CURRENCY_IDS } from "@/lib/schemas/money";

const usd = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, "A USD amount such as 100 or 99.50");

// One schema for a board's config (SPEC §2): prize ranges by rank may not overlap.
export const ZLeaderboardConfig = z
  .object({
    prizes: z.array(z.object({ from: z.number().int().min(1).max(INT4_MAX), to: z.number().int().min(1).max(INT4_MAX), usd })).max(100),
    gameIds: z.array(ZInt4Id).max(2000).default([]),
    minBetUsd: z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,18})?$/, "A USD amount")
      .default("0"),
    prizeCurrency: z.enum(CURRENCY_IDS).default("USDT"),
    settleAfterSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(300),
  })
  .superRefine((c, ctx) => {
    c.prizes.forEach((p, i) => {
      if (p.to < p.from) ctx.addIssue({ code: "custom", path: ["prizes", i, "to"], message: "Ends before it starts" });
    });
    const sorted = [...c.prizes].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].from <= sorted[i - 1].to) {
        ctx.addIssue({
          code: "custom",
          path: ["prizes"],
          message: `Ranks ${sorted[i].from}–${sorted[i - 1].to} are in two prize ranges`,
        });
      }
    }
  });
export type TLeaderboardConfig = z.output<typeof ZLeaderboardConfig>;

export const ZRecurrence = z
  .object({
    kind: z.enum(["DAILY", "WEEKLY", "MONTHLY", "INTERVAL"]),
    intervalSeconds: z
      .number()
      .int()
      .min(60)
      .max(366 * 86_400)
      .optional(),
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
  .refine((r) => r.kind !== "INTERVAL" || r.intervalSeconds, {
    path: ["intervalSeconds"],
    message: "Every how many seconds?",
  });
export type TRecurrence = z.output<typeof ZRecurrence>;

export const ZLeaderboardScheduleConfig = z.object({
  recurrence: ZRecurrence,
  nameTemplate: z.string().trim().min(1).max(120),
  type: z.enum(["WAGERED", "MULTIPLIER"]),
  leaderboard: ZLeaderboardConfig,
});
export type TLeaderboardScheduleConfig = z.output<typeof ZLeaderboardScheduleConfig>;

// The board form: name, type, window and the config above (SPEC §2 Leaderboards).
export const ZLeaderboardInput = z
  .object({
    name: z.string().trim().min(1, "Give the board a name").max(120),
    type: z.enum(["WAGERED", "MULTIPLIER"]),
    startDate: z.iso.datetime({ offset: true, error: "When does it start?" }),
    endDate: z.iso.datetime({ offset: true, error: "When does it end?" }),
    config: ZLeaderboardConfig,
  })
  .refine((b) => new Date(b.endDate) > new Date(b.startDate), { path: ["endDate"], message: "Ends before it starts" });
export type TLeaderboardInput = z.input<typeof ZLeaderboardInput>;
export type TLeaderboardParsed = z.output<typeof ZLeaderboardInput>;

export const LEADERBOARD_CONFIG_DEFAULTS = {
  prizes: [
    { from: 1, to: 1, usd: "500" },
    { from: 2, to: 3, usd: "200" },
    { from: 4, to: 10, usd: "50" },
  ],
  gameIds: [] as number[],
  minBetUsd: "0",
  prizeCurrency: "USDT" as const,
  settleAfterSeconds: 300,
};

// The schedule form: a name, whether it runs, and the schedule config above.
export const ZLeaderboardScheduleInput = z.object({
  name: z.string().trim().min(1, "Give the schedule a name").max(120),
  enabled: z.boolean(),
  config: ZLeaderboardScheduleConfig,
});
export type TLeaderboardScheduleInput = z.input<typeof ZLeaderboardScheduleInput>;
export type TLeaderboardScheduleParsed = z.output<typeof ZLeaderboardScheduleInput>;

export const LEADERBOARD_STATUSES = ["NOT_STARTED", "ACTIVE", "ENDED", "SETTLEMENT", "FINISHED"] as const;
export const ZLeaderboardListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(LEADERBOARD_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TLeaderboardListQuery = z.output<typeof ZLeaderboardListQuery>;

export const ZBoardIdInput = z.object({ id: z.uuid() });
export const ZStandingsQuery = z.object({
  id: z.uuid(),
  top: z.number().int().min(1).max(500).default(100),
  player: z.string().trim().max(100).optional(),
});
export const ZScheduleEnabledInput = z.object({ id: z.uuid(), enabled: z.boolean() });

/** The new-board form's starting point: a week from the next full hour. */
export function newBoardInitial(now = Date.now()): TLeaderboardInput {
  const start = Math.ceil(now / 3_600_000) * 3_600_000;
  return {
    name: "",
    type: "WAGERED",
    startDate: new Date(start).toISOString(),
    endDate: new Date(start + 7 * 86_400_000).toISOString(),
    config: LEADERBOARD_CONFIG_DEFAULTS,
  };
}

/** The new-schedule form's starting point: daily from the next UTC midnight, enabled. */
export function newScheduleInitial(now = Date.now()): TLeaderboardScheduleInput {
  return {
    name: "",
    enabled: true,
    config: {
      recurrence: {
        kind: "DAILY",
        timeZone: "UTC",
        firstStart: new Date(Math.ceil(now / 86_400_000) * 86_400_000).toISOString(),
      },
      nameTemplate: "Daily race {date}",
      type: "WAGERED",
      leaderboard: LEADERBOARD_CONFIG_DEFAULTS,
    },
  };
}
