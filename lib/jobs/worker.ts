import "server-only";
import { Logger, parseCronItems, run, type Runner, type TaskList } from "graphile-worker";
import pg from "pg";
import { JOB_QUEUE_SCHEMA } from "@/lib/db/roles";
import { JOBS } from "./registry";
import { runRecorded, type JobTrigger } from "./run";
import { dueBetween } from "./schedule";

/**
 * Runs the jobs of lib/jobs/registry.ts in a portal process (instrumentation.ts starts it; see
 * docs/decisions/0017-job-queue.md):
 *
 * - "queue" (PostgreSQL): graphile-worker. Every portal process runs a worker with the same
 *   crontab; the library lets exactly one of them schedule each tick (graphile_worker's
 *   known_crontabs), and a job is taken by one worker (SKIP LOCKED). Each job has its own named
 *   queue, so one job never runs twice at once. A failing job is retried with backoff.
 * - "in-process" (the embedded database, one process and one connection): a timer that runs the
 *   same jobs at the same schedules, one after another.
 */
export type JobRunnerMode = "queue" | "in-process";

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`jobs: ${message}`);
  else if (level === "warning") console.warn(`jobs: ${message}`);
});

type Payload = { trigger?: JobTrigger; now?: string; _cron?: unknown } | null;

/** The queue's tasks: one per job, each recording its run. */
export function jobTaskList(): TaskList {
  return Object.fromEntries(
    JOBS.map((job) => [
      job.name,
      async (payload: unknown) => {
        const input = (payload ?? {}) as NonNullable<Payload>;
        await runRecorded(job, { trigger: input._cron ? "schedule" : (input.trigger ?? "schedule"), now: input.now ? new Date(input.now) : undefined });
      },
    ]),
  );
}

export function jobCronItems() {
  return parseCronItems(
    JOBS.map((job) => ({
      task: job.name,
      match: job.schedule,
      identifier: job.name,
      // A daily job missed while the portal was down runs when it is back (within 12 hours).
      options: { backfillPeriod: job.schedule.startsWith("*") ? 0 : 12 * 3_600_000, maxAttempts: job.maxAttempts, queueName: job.name },
    })),
  );
}

export type JobWorker = { stop: () => Promise<void> };
export type QueueWorker = JobWorker & { events: Runner["events"] };

/** Starts graphile-worker on its own small pool (the serving role's URL). */
export async function startQueueWorker(connectionString: string, options: { crontab?: boolean; concurrency?: number } = {}): Promise<QueueWorker> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  const runner: Runner = await run({
    pgPool: pool,
    schema: JOB_QUEUE_SCHEMA,
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 5_000,
    logger: quietLogger,
    taskList: jobTaskList(),
    parsedCronItems: options.crontab === false ? [] : jobCronItems(),
  });
  return {
    events: runner.events,
    stop: async () => {
      await runner.stop();
      await pool.end();
    },
  };
}

/**
 * The embedded database's scheduler: `tick(now)` runs, one after another, the jobs whose schedule
 * matched a minute since the previous tick. The clock is the caller's (a timer, or a test).
 */
export function inProcessScheduler(start: Date): { tick: (now: Date) => Promise<string[]> } {
  let last = start;
  return {
    tick: async (now) => {
      const due = JOBS.filter((job) => dueBetween(job.schedule, last, now));
      last = now;
      for (const job of due) {
        await runRecorded(job, { trigger: "schedule", now }).catch((error: unknown) => console.error(`Job ${job.name} failed`, error));
      }
      return due.map((job) => job.name);
    },
  };
}

/** Ticks the in-process scheduler every 20 seconds (never two ticks at once). */
export function startInProcessScheduler(): JobWorker {
  const scheduler = inProcessScheduler(new Date());
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (!running) running = scheduler.tick(new Date()).finally(() => (running = null));
  }, 20_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
