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
import { writeExpiringEvents } from "@/lib/server/webhooks/expiring";
import { startWebhookPump } from "@/lib/jobs/webhook-pump";

// Every time-based step runs here as a pg-boss job: durable, retried, and done once even with several
// workers (pg-boss hands each job to one worker with SKIP LOCKED). Handlers must be safe to run twice.
export const QUEUES = {
  housekeeping: "housekeeping",
  bonusExpiry: "bonus-expiry",
  leaderboards: "leaderboards",
  webhookExpiring: "webhook-expiring",
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
  // Two workers starting at once on a fresh database can deadlock inside pg-boss's create_queue (seen
  // with two instances behind PgBouncer); the victim retries instead of exiting.
  const createQueue = (name: string) => retryOnDeadlock(() => boss.createQueue(name));

  await createQueue(QUEUES.housekeeping);
  await boss.schedule(QUEUES.housekeeping, "*/10 * * * *");
  await boss.work(QUEUES.housekeeping, async () => {
    const removed = await pruneRateLimits(new Date(Date.now() - 3_600_000));
    logger.info({ removed }, "housekeeping: pruned rate-limit windows");
  });

  await createQueue(QUEUES.bonusExpiry);
  await boss.schedule(QUEUES.bonusExpiry, "* * * * *");
  await boss.work(QUEUES.bonusExpiry, async () => {
    const cutoff = new Date(Date.now() - EXPIRY_GRACE_SECONDS * 1000);
    const expired = await db.$transaction((tx) => expireDueBonuses(tx, cutoff));
    if (expired) logger.info({ expired }, "bonus expiry: bonuses expired");
  });

  // Scheduled boards, board transitions by the clock, then settlement of every board in SETTLEMENT (resumable).
  await createQueue(QUEUES.leaderboards);
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

  // bonus.expiring, due 24 h before each expiry: a minute's schedule is that to the minute.
  await createQueue(QUEUES.webhookExpiring);
  await boss.schedule(QUEUES.webhookExpiring, "* * * * *");
  await boss.work(QUEUES.webhookExpiring, async () => {
    const written = await writeExpiringEvents();
    if (written) logger.info({ written }, "webhooks: bonus.expiring events written");
  });

  // Webhook deliveries, every second (lib/jobs/webhook-pump.ts): outside pg-boss, which schedules by
  // the minute; the deliveries' own leases keep two workers from sending one attempt twice.
  const pump = startWebhookPump();

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
        // Attempts in flight end within their 10 s timeout, inside the grace below.
        await Promise.all([boss.stop({ graceful: true, wait: true, timeout: STOP_GRACE_MS }), pump.stop()]);
        await refreshing;
        await disconnectDb();
        logger.info("worker stopped");
      })()),
  };
}

/** Runs `create` again (a few times, a moment apart) when PostgreSQL picked it as a deadlock victim. */
async function retryOnDeadlock(create: () => Promise<unknown>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await create();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 100 * i));
    }
  }
}
