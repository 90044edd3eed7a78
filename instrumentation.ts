// Runs once when a portal process starts: starts the jobs (reminders, alerts, outbox delivery; lib/jobs)
// as JOB_RUNNER says. npm start sets it: "queue" on PostgreSQL, "in-process" on the embedded database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.JOB_RUNNER === "off" || !env.DATABASE_URL) return;
  const { startInProcessScheduler, startQueueWorker } = await import("@/lib/jobs/worker");
  const worker = env.JOB_RUNNER === "queue" ? await startQueueWorker(env.DATABASE_URL) : startInProcessScheduler();
  process.once("SIGTERM", () => void worker.stop());
}
