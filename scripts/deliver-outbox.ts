// npx tsx --conditions=react-server scripts/deliver-outbox.ts
//
// Sends the outbox's unsent messages through SMTP_URL once, by hand (e.g. right after fixing the
// mail server). No cron job is needed: the portal's job "deliver-outbox" does the same every minute,
// with backoff between failed attempts (lib/jobs/registry.ts, docs/decisions/0017-job-queue.md).
// Needs DATABASE_URL and SMTP_URL; without SMTP_URL the messages stay in the portal ("Beskeder").
import { env } from "@/lib/env";

if (!env.DATABASE_URL) {
  console.error("DATABASE_URL er ikke sat.");
  process.exit(2);
}
if (!env.SMTP_URL) {
  console.log("SMTP_URL er ikke sat: beskederne bliver i portalen.");
  process.exit(0);
}
const { findJob } = await import("@/lib/jobs/registry");
const { prisma } = await import("@/lib/db/client");
console.log(await findJob("deliver-outbox")!.run(new Date()));
await prisma.$disconnect();
