import "server-only";
import { z } from "zod";
import { UserError } from "@/lib/action-result";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { failedMessages } from "@/lib/mail/outbox";
import { findJob, JOBS } from "./registry";
import { runRecorded } from "./run";
import { nextRunAfter } from "./schedule";

export const runJobSchema = z.object({ job: z.string().trim().min(1).max(60) });
export const retryMessageSchema = z.object({ messageId: z.coerce.number().int().positive() });

/**
 * ADMIN's "Kør nu": runs the job at once in this process, through the same recording as the
 * scheduled runs (so it shows on the page with who asked), and audits the request first, so a run
 * that fails is audited too. The job is idempotent: running it beside a scheduled run sends nothing twice.
 */
export async function runJobNow(actor: CurrentUser, input: z.infer<typeof runJobSchema>): Promise<string> {
  const job = findJob(input.job);
  if (!job) throw new UserError("Kørslen findes ikke.");
  await audit(prisma, { actorId: actor.id, action: "job.run", entity: "Job", entityId: job.name });
  try {
    return `${job.title}: ${await runRecorded(job, { trigger: "manual", requestedById: actor.id })}`;
  } catch (error) {
    console.error(`Job ${job.name} failed when run by hand`, error);
    throw new UserError(`${job.title} fejlede. Fejlen står under Seneste kørsler.`);
  }
}

export type JobRow = {
  name: string;
  title: string;
  schedule: string;
  nextRun: Date | null;
  lastRun: { startedAt: Date; finishedAt: Date | null; ok: boolean | null; summary: string | null; trigger: string } | null;
  lastFailure: { startedAt: Date; error: string | null } | null;
  /** The queue's jobs that used up their attempts (PostgreSQL only). */
  queueFailed: number;
};

type RunRow = { job: string; startedAt: Date; finishedAt: Date | null; ok: boolean | null; summary: string | null; error: string | null; trigger: string };

async function queueFailures(): Promise<Map<string, number>> {
  const [queue] = await prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('graphile_worker.jobs') IS NOT NULL AS present`;
  if (!queue?.present) return new Map();
  const rows = await prisma.$queryRaw<{ task: string; failed: number }[]>`
    SELECT task_identifier AS task, count(*)::int AS failed FROM graphile_worker.jobs WHERE attempts >= max_attempts GROUP BY 1`;
  return new Map(rows.map((r) => [r.task, r.failed]));
}

/** Every job with its last run, last failure and next run; the recent runs; the failed e-mails. */
export async function jobsOverview(now = new Date()) {
  const names = JOBS.map((job) => job.name);
  const [last, failures, recent, queue, failed] = await Promise.all([
    prisma.$queryRaw<RunRow[]>`
      SELECT DISTINCT ON ("job") "job", "startedAt", "finishedAt", "ok", "summary", "error", "trigger" FROM "JobRun"
       WHERE "job" = ANY(${names}::text[]) ORDER BY "job", "startedAt" DESC, "id" DESC`,
    prisma.$queryRaw<RunRow[]>`
      SELECT DISTINCT ON ("job") "job", "startedAt", "finishedAt", "ok", "summary", "error", "trigger" FROM "JobRun"
       WHERE "job" = ANY(${names}::text[]) AND "ok" = false ORDER BY "job", "startedAt" DESC, "id" DESC`,
    prisma.jobRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: 30, include: { requestedBy: { select: { name: true } } } }),
    queueFailures(),
    failedMessages(),
  ]);
  const jobs: JobRow[] = JOBS.map((job) => {
    const run = last.find((r) => r.job === job.name);
    const failure = failures.find((r) => r.job === job.name);
    return {
      name: job.name,
      title: job.title,
      schedule: job.schedule,
      nextRun: env.JOB_RUNNER === "off" ? null : nextRunAfter(job.schedule, now),
      lastRun: run ? { startedAt: run.startedAt, finishedAt: run.finishedAt, ok: run.ok, summary: run.summary, trigger: run.trigger } : null,
      lastFailure: failure ? { startedAt: failure.startedAt, error: failure.error } : null,
      queueFailed: queue.get(job.name) ?? 0,
    };
  });
  return { runner: env.JOB_RUNNER, jobs, recent, failedMessages: failed };
}
