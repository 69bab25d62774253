import "server-only";

import PgBoss from "pg-boss";

import { env } from "@/lib/env";
import { logger } from "@/lib/server/logger";
import { expireDueBonuses } from "@/lib/server/claims/lifecycle";
import { advanceBoards, settleBoard } from "@/lib/server/leaderboards/lifecycle";
import { refreshRankSamples } from "@/lib/server/leaderboards/ranks";
import { ensureScheduledBoards } from "@/lib/server/leaderboards/schedules";
import { configureDb, db, disconnectDb } from "@/lib/server/db";
import { pruneRateLimits } from "@/lib/server/rate-limit";

// Every time-based step runs here as a pg-boss job: durable, retried, and done once even with several
// workers (pg-boss hands each job to one worker with SKIP LOCKED). Handlers must be safe to run twice.
export const QUEUES = {
  housekeeping: "housekeeping",
  bonusExpiry: "bonus-expiry",
  leaderboards: "leaderboards",
} as const;

// Late bets dated before expiry still count if they arrive within this grace.
export const EXPIRY_GRACE_SECONDS = 180;
const RANK_REFRESH_MS = 5_000;
// No caller is waiting on a job: wait longer than a request for connections and locks (a retry
// costs a minute's schedule), and give transactions without their own timeout a minute.
const WORKER_DB_WAIT_MS = 30_000;
const WORKER_TX_TIMEOUT_MS = 60_000;
// SIGTERM: the job in hand gets this long to finish (npm start SIGKILLs at 20 s, SPEC §7 allows 30 s).
const STOP_GRACE_MS = 15_000;

export async function startWorker(): Promise<{ stop: () => Promise<void> }> {
  configureDb({ waitMs: WORKER_DB_WAIT_MS, transactionTimeoutMs: WORKER_TX_TIMEOUT_MS });
  const boss = new PgBoss({ connectionString: env().DATABASE_URL, max: 3, schema: "pgboss" });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();

  await boss.createQueue(QUEUES.housekeeping);
  await boss.schedule(QUEUES.housekeeping, "*/10 * * * *");
  await boss.work(QUEUES.housekeeping, async () => {
    const removed = await pruneRateLimits(new Date(Date.now() - 3_600_000));
    logger.info({ removed }, "housekeeping: pruned rate-limit windows");
  });

  await boss.createQueue(QUEUES.bonusExpiry);
  await boss.schedule(QUEUES.bonusExpiry, "* * * * *");
  await boss.work(QUEUES.bonusExpiry, async () => {
    const cutoff = new Date(Date.now() - EXPIRY_GRACE_SECONDS * 1000);
    const expired = await db.$transaction((tx) => expireDueBonuses(tx, cutoff));
    if (expired) logger.info({ expired }, "bonus expiry: bonuses expired");
  });

  // Scheduled boards, board transitions by the clock, then settlement of every board in SETTLEMENT (resumable).
  await boss.createQueue(QUEUES.leaderboards);
  await boss.schedule(QUEUES.leaderboards, "* * * * *");
  await boss.work(QUEUES.leaderboards, async () => {
    const now = new Date();
    await ensureScheduledBoards(now);
    await advanceBoards(now);
    const settling = await db.leaderboard.findMany({ where: { status: "SETTLEMENT" }, select: { id: true } });
    for (const b of settling) {
      const result = await settleBoard(b.id, now);
      logger.info({ board: b.id, ...result }, "leaderboard settlement");
    }
  });

  // The rank cache of big boards, every few seconds (pg-boss schedules by the minute); one worker
  // refreshes at a time.
  let refreshing: Promise<void> | undefined;
  const rankTimer = setInterval(() => {
    if (refreshing) return;
    refreshing = refreshRankSamples()
      .then(() => undefined)
      .catch((error) => logger.error({ err: error }, "rank cache refresh failed"))
      .finally(() => (refreshing = undefined));
  }, RANK_REFRESH_MS);

  logger.info({ queues: Object.values(QUEUES) }, "worker started");
  let stopping: Promise<void> | undefined;
  return {
    // Takes no new jobs, lets the one in hand finish (pg-boss fails it for a retry after the grace),
    // then closes both pools. Safe to call twice (SIGINT to the group, then SIGTERM from npm start).
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(rankTimer);
        await boss.stop({ graceful: true, wait: true, timeout: STOP_GRACE_MS });
        await refreshing;
        await disconnectDb();
        logger.info("worker stopped");
      })()),
  };
}
