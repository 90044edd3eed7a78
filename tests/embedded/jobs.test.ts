import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/seed";

// The jobs on the embedded database, where the queue library cannot run (one connection): the
// in-process scheduler runs the same jobs on the same schedules through the portal's one connection,
// and a notice is still sent once. The clock is injected.
describe("jobs on the embedded database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sip-embedded-jobs-"));
  let db: EmbeddedDatabase;

  beforeAll(async () => {
    db = await startEmbeddedDatabase(path.join(dir, "pglite"));
    await migrate(db.url);
    await seedDemoData(db.url, { purchaseLinesPerQuarter: 20 });
    process.env.DATABASE_URL = db.url;
    process.env.DATABASE_POOL_MAX = "1";
  });
  afterAll(async () => {
    const { prisma } = await import("@/lib/db/client");
    await prisma.$disconnect();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the daily reminders at their minute, once, and records the runs", async () => {
    const { prisma } = await import("@/lib/db/client");
    const { inProcessScheduler } = await import("@/lib/jobs/worker");
    await prisma.deadline.create({ data: { quarter: "2027Q3", deadline: new Date("2027-11-16T00:00:00Z") } });
    const scheduler = inProcessScheduler(new Date("2027-11-02T05:58:30Z"));
    expect(await scheduler.tick(new Date("2027-11-02T05:59:40Z"))).toEqual(["deliver-outbox"]);
    expect(await scheduler.tick(new Date("2027-11-02T06:00:05Z"))).toEqual(["deliver-outbox", "refresh-stale-compliance", "deadline-reminders"]);
    const sent = await prisma.noticeSent.count({ where: { reason: "deadline-14" } });
    expect(sent).toBeGreaterThan(0);
    // A second scheduler (a restart) at the same minute sends nothing again.
    await inProcessScheduler(new Date("2027-11-02T05:59:59Z")).tick(new Date("2027-11-02T06:00:30Z"));
    expect(await prisma.noticeSent.count({ where: { reason: "deadline-14" } })).toBe(sent);
    expect(await prisma.jobRun.count({ where: { job: "deadline-reminders", ok: true } })).toBe(2);
  });
});
