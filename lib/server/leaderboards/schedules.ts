import "server-only";

import { boardName, run, runIndexAt } from "@/lib/domain/leaderboards/schedule";
import { ZLeaderboardScheduleConfig } from "@/lib/schemas/leaderboards";
import { db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";

/**
 * Keeps every enabled schedule's boards in place (SPEC §2 Schedules): the current run's board and,
 * once a board has started, the next one (startDate = its endDate), so an upcoming board is always
 * visible. Boards are inserted with ON CONFLICT (scheduleId, startDate) DO NOTHING: several workers
 * running this at once create each board exactly once. A disabled schedule creates nothing more.
 */
export async function ensureScheduledBoards(now = new Date(), scheduleId?: string): Promise<number> {
  const schedules = await db.leaderboardSchedule.findMany({ where: { enabled: true, ...(scheduleId ? { id: scheduleId } : {}) } });
  let created = 0;
  for (const s of schedules) {
    const parsed = ZLeaderboardScheduleConfig.safeParse(s.config);
    if (!parsed.success) {
      logger.warn({ schedule: s.id }, "schedule config is invalid; skipped");
      continue;
    }
    const c = parsed.data;
    const current = runIndexAt(c.recurrence, now);
    const runs = current < 0 ? [run(c.recurrence, 0)] : [run(c.recurrence, current), run(c.recurrence, current + 1)];
    for (const r of runs) {
      const status = r.start <= now && now < r.end ? "ACTIVE" : r.end <= now ? "ENDED" : "NOT_STARTED";
      created += await db.$executeRaw`
        INSERT INTO "Leaderboard" (name, type, config, "startDate", "endDate", status, "scheduleId", "createdById")
        VALUES (${boardName(c.nameTemplate, c.recurrence, r.index)}, ${c.type}::"LeaderboardType", ${JSON.stringify(c.leaderboard)}::jsonb,
                ${r.start}, ${r.end}, ${status}::"LeaderboardStatus", ${s.id}::uuid, ${s.createdById})
        ON CONFLICT ("scheduleId", "startDate") DO NOTHING`;
    }
  }
  return created;
}
