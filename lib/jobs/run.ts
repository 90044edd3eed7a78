import "server-only";
import { prisma } from "@/lib/db/client";
import type { JobDefinition } from "./registry";

export type JobTrigger = "schedule" | "manual" | "retry";

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000) || "Ukendt fejl";
}

/**
 * Runs one job and records the run in JobRun (start, end, summary or error), for the jobs page.
 * The same for the queue's worker, the embedded database's in-process scheduler and "Kør nu".
 * Rethrows a failure, so the queue retries it.
 */
export async function runRecorded(job: JobDefinition, options: { trigger: JobTrigger; now?: Date; requestedById?: number }): Promise<string> {
  const now = options.now ?? new Date();
  const run = await prisma.jobRun.create({
    data: { job: job.name, trigger: options.trigger, requestedById: options.requestedById ?? null, startedAt: new Date() },
    select: { id: true },
  });
  try {
    const summary = await job.run(now);
    await prisma.jobRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), ok: true, summary: summary.slice(0, 2000) } });
    return summary;
  } catch (error) {
    await prisma.jobRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), ok: false, error: errorText(error) } });
    throw error;
  }
}
