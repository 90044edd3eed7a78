// npx tsx --conditions=react-server scripts/deliver-outbox.ts
//
// Sends the outbox's unsent messages through SMTP_URL, e.g. from cron every few minutes, so that
// messages queued while the SMTP server was down go out once it is back (the portal also delivers
// after every change that queues a message). Needs DATABASE_URL and SMTP_URL; without SMTP_URL the
// messages stay in the portal ("Beskeder") and nothing is sent.
import { env } from "@/lib/env";

if (!env.DATABASE_URL) {
  console.error("DATABASE_URL er ikke sat.");
  process.exit(2);
}
if (!env.SMTP_URL) {
  console.log("SMTP_URL er ikke sat: beskederne bliver i portalen.");
  process.exit(0);
}
const { deliverPending } = await import("@/lib/mail/outbox");
const { prisma } = await import("@/lib/db/client");
let total = { sent: 0, failed: 0 };
for (;;) {
  const report = await deliverPending({ limit: 200 });
  total = { sent: total.sent + report.sent, failed: total.failed + report.failed };
  if (report.sent + report.failed < 200) break;
}
console.log(`Sendt: ${total.sent}, fejlet: ${total.failed}.`);
await prisma.$disconnect();
