import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quickAddJob } from "graphile-worker";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { prepareDatabase } from "@/lib/db/setup";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { currentUserByEmail } from "@/tests/support/users";

// The jobs of issue 15 against PostgreSQL, served as the serving role (sip_app) as npm start does:
// the queue's schema was migrated by the owner, and the serving role's grants must suffice. The
// clock is injected; nothing waits for real time to pass.
let db: TestDatabase;
let servingUrl: string;
let prisma: PrismaClient;
let reminders: typeof import("@/lib/reminders/deadline-reminders");
let supplierReminders: typeof import("@/lib/reminders/supplier-reminders");
let expiry: typeof import("@/lib/reminders/expiry-alerts");
let preferences: typeof import("@/lib/reminders/preferences");
let outbox: typeof import("@/lib/mail/outbox");
let worker: typeof import("@/lib/jobs/worker");
let registry: typeof import("@/lib/jobs/registry");
let run: typeof import("@/lib/jobs/run");

const QUARTER = "2027Q3";
const DEADLINE = "2027-11-16";
const at = (iso: string, time = "07:00:00") => new Date(`${iso}T${time}Z`);

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  ({ servingUrl } = await prepareDatabase(db.url));
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  prisma = createPrismaClient(servingUrl);
  // Server modules read DATABASE_URL when first imported: the serving role's URL.
  process.env.DATABASE_URL = servingUrl;
  reminders = await import("@/lib/reminders/deadline-reminders");
  supplierReminders = await import("@/lib/reminders/supplier-reminders");
  expiry = await import("@/lib/reminders/expiry-alerts");
  preferences = await import("@/lib/reminders/preferences");
  outbox = await import("@/lib/mail/outbox");
  worker = await import("@/lib/jobs/worker");
  registry = await import("@/lib/jobs/registry");
  run = await import("@/lib/jobs/run");
  await prisma.deadline.create({ data: { quarter: QUARTER, deadline: new Date(`${DEADLINE}T00:00:00Z`) } });
});
afterAll(async () => {
  await prisma?.$disconnect();
  const { prisma: shared } = await import("@/lib/db/client");
  await shared.$disconnect();
  await db?.drop();
});

/** The buyers and group buyers who should be reminded: obligated manual institutions, none delivered. */
async function expectedRecipients(excludedInstitutionIds: number[] = []) {
  const owing = await prisma.institution.findMany({
    where: { customerType: "OBLIGATED", dataChannel: "MANUAL", id: { notIn: excludedInstitutionIds } },
    select: { id: true, ministryId: true },
  });
  const buyers = await prisma.user.count({ where: { role: "BUYER", active: true, institutionId: { in: owing.map((i) => i.id) } } });
  const groupBuyers = await prisma.user.count({ where: { role: "GROUP_BUYER", active: true, ministryId: { in: owing.map((i) => i.ministryId) } } });
  return { buyers, groupBuyers };
}

const noticesFor = (reason: string) => prisma.noticeSent.count({ where: { reason, subject: `${QUARTER}@${DEADLINE}` } });

describe("deadline reminders", () => {
  it("sends nothing the day before the 14-day reminder", async () => {
    await reminders.sendDeadlineReminders(at("2027-11-01"));
    expect(await prisma.noticeSent.count({ where: { subject: { startsWith: QUARTER } } })).toBe(0);
  });

  it("reminds every buyer and group buyer 14 days before, once, saying why and linking to the upload", async () => {
    const { buyers, groupBuyers } = await expectedRecipients();
    expect(buyers).toBeGreaterThan(0);
    await reminders.sendDeadlineReminders(at("2027-11-02"));
    expect(await noticesFor("deadline-14")).toBe(buyers + groupBuyers);
    await reminders.sendDeadlineReminders(at("2027-11-02", "09:00:00"));
    await reminders.sendDeadlineReminders(at("2027-11-05"));
    expect(await noticesFor("deadline-14")).toBe(buyers + groupBuyers);
    const buyer = await prisma.user.findUniqueOrThrow({ where: { email: "koeber.stat@demo.example.dk" } });
    const messages = await prisma.outboxMessage.findMany({ where: { recipientUserId: buyer.id, subject: { contains: "3. kvartal 2027" } } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.subject).toContain("16. november 2027");
    expect(messages[0]!.body).toContain("Hvorfor får du denne besked?");
    expect(messages[0]!.link).toBe("/indkoebsdata/indsend");
  });

  it("leaves out institutions that submitted, and ministries with a reservation, 3 days before", async () => {
    const buyer = await prisma.user.findUniqueOrThrow({ where: { email: "koeber.stat@demo.example.dk" } });
    await prisma.submission.create({ data: { institutionId: buyer.institutionId!, quarter: QUARTER, format: "LINES", lineCount: 0, totalOre: 0n } });
    const { buyers, groupBuyers } = await expectedRecipients([buyer.institutionId!]);
    await reminders.sendDeadlineReminders(at("2027-11-13"));
    expect(await noticesFor("deadline-3")).toBe(buyers + groupBuyers);
    expect(await prisma.noticeSent.count({ where: { userId: buyer.id, reason: "deadline-3" } })).toBe(0);
  });

  it("sends the group buyers the list of institutions that missed it, the day after", async () => {
    await reminders.sendDeadlineReminders(at(DEADLINE, "20:00:00"));
    expect(await noticesFor("deadline-missed")).toBe(0);
    await reminders.sendDeadlineReminders(at("2027-11-17"));
    await reminders.sendDeadlineReminders(at("2027-11-18"));
    const buyer = await prisma.user.findUniqueOrThrow({ where: { email: "koeber.stat@demo.example.dk" } });
    const { groupBuyers } = await expectedRecipients([buyer.institutionId!]);
    expect(groupBuyers).toBeGreaterThan(0);
    expect(await noticesFor("deadline-missed")).toBe(groupBuyers);
    expect(await prisma.noticeSent.count({ where: { reason: "deadline-missed", user: { role: { not: "GROUP_BUYER" } } } })).toBe(0);
    const missed = await prisma.outboxMessage.findFirstOrThrow({ where: { subject: { contains: "overskredet" } } });
    expect(missed.body).toMatch(/har ikke indsendt data/);
    expect(missed.body).toContain("Hvorfor får du denne besked?");
  });
});

describe("the queue's schema", () => {
  it("belongs to the owner role; the serving role may use it but not change it", async () => {
    const client = new pg.Client({ connectionString: servingUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ owner: string }>(`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'graphile_worker'`);
      expect(rows[0]?.owner).toBe("sip_owner");
      await expect(client.query("CREATE TABLE graphile_worker.intruder (id int)")).rejects.toThrow(/permission denied/);
      await expect(client.query("DELETE FROM graphile_worker.migrations")).rejects.toThrow(/permission denied/);
      await expect(client.query("DROP FUNCTION graphile_worker.add_job")).rejects.toThrow(/must be owner|permission denied/);
    } finally {
      await client.end();
    }
  });
});

describe("two workers", () => {
  it("send each reminder exactly once when both take the same job at once", async () => {
    await prisma.deadline.create({ data: { quarter: "2028Q1", deadline: new Date("2028-05-16T00:00:00Z") } });
    const { buyers, groupBuyers } = await expectedRecipients();
    const workers = [await worker.startQueueWorker(servingUrl, { crontab: false }), await worker.startQueueWorker(servingUrl, { crontab: false })];
    const completed = new Promise<void>((resolve) => {
      let count = 0;
      for (const w of workers) w.events.on("job:complete", () => ++count === 6 && resolve());
    });
    // Six copies of the job, as six processes' schedules or "Kør nu" clicks could make.
    for (let i = 0; i < 6; i++) {
      await quickAddJob({ connectionString: servingUrl, schema: "graphile_worker" }, "deadline-reminders", { now: "2028-05-02T07:00:00Z", trigger: "retry" });
    }
    await completed;
    await Promise.all(workers.map((w) => w.stop()));
    expect(await prisma.noticeSent.count({ where: { reason: "deadline-14", subject: "2028Q1@2028-05-16" } })).toBe(buyers + groupBuyers);
    expect(await prisma.outboxMessage.count({ where: { subject: { contains: "1. kvartal 2028" } } })).toBe(buyers + groupBuyers);
    expect(await prisma.jobRun.count({ where: { job: "deadline-reminders", trigger: "retry", ok: true } })).toBe(6);
  });
});

describe("outbox delivery", () => {
  it("retries with backoff while SMTP is down and delivers once when it is up", async () => {
    const down = await startSmtpServer();
    await down.close(); // nothing listens there now
    const up = await startSmtpServer();
    try {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: "analytiker@demo.example.dk" } });
      await prisma.outboxMessage.updateMany({ where: { sentAt: null }, data: { sentAt: new Date() } });
      const message = await prisma.outboxMessage.create({ data: { recipientUserId: user.id, toEmail: user.email, subject: "Prøve", body: "Tekst" } });
      const t0 = new Date("2027-03-01T10:00:00Z");
      expect(await outbox.deliverPending({ smtpUrl: down.url, now: t0 })).toMatchObject({ sent: 0, failed: 1 });
      const failed = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(failed.sendError).toBeTruthy();
      expect(failed.nextAttemptAt?.toISOString()).toBe("2027-03-01T10:01:00.000Z");
      // Up again, but the backoff holds the message until its time.
      expect(await outbox.deliverPending({ smtpUrl: up.url, now: new Date("2027-03-01T10:00:30Z") })).toMatchObject({ sent: 0, failed: 0 });
      expect(await outbox.deliverPending({ smtpUrl: up.url, now: new Date("2027-03-01T10:01:00Z") })).toMatchObject({ sent: 1, failed: 0 });
      expect(await outbox.deliverPending({ smtpUrl: up.url, now: new Date("2027-03-01T11:00:00Z") })).toMatchObject({ sent: 0, failed: 0 });
      expect(up.received).toHaveLength(1);
      expect(up.received[0]!.data).toContain("Tekst");
    } finally {
      await up.close();
    }
  });

  it("marks a message that keeps failing and lets ADMIN send it again", async () => {
    const down = await startSmtpServer();
    await down.close();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "analytiker@demo.example.dk" } });
    const message = await prisma.outboxMessage.create({ data: { recipientUserId: user.id, toEmail: user.email, subject: "Opgives", body: "Tekst" } });
    let now = new Date("2027-04-01T00:00:00Z");
    for (let attempt = 1; attempt <= outbox.MAX_ATTEMPTS; attempt++) {
      expect(await outbox.deliverPending({ smtpUrl: down.url, now })).toMatchObject({ failed: 1 });
      now = new Date(now.getTime() + outbox.retryDelayMinutes(attempt) * 60_000);
    }
    expect(await outbox.deliverPending({ smtpUrl: down.url, now: new Date(now.getTime() + 86_400_000) })).toMatchObject({ failed: 0 });
    const given = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(given.failedAt).not.toBeNull();
    expect(given.sentAt).toBeNull();
    expect((await outbox.failedMessages()).map((m) => m.id)).toContain(message.id);
    const admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
    await outbox.retryFailedMessage(admin, message.id);
    const again = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(again).toMatchObject({ failedAt: null, attempts: 0 });
    expect(await prisma.auditLog.count({ where: { action: "outbox.retry", entityId: String(message.id) } })).toBe(1);
  });
});

describe("expiry alerts", () => {
  it("alerts the users of an expiring agreement 90 days before, naming its successor, unless switched off", async () => {
    const buyer = await currentUserByEmail(prisma, "koeber.stat@demo.example.dk");
    const groupBuyer = await currentUserByEmail(prisma, "koncernindkoeber@demo.example.dk");
    const category = await prisma.category.findFirstOrThrow({ select: { code: true } });
    const expiring = await prisma.agreement.create({
      data: {
        reference: "TEST-UDLOEB",
        name: "Udløbende prøveaftale",
        sortKey: "udløbende",
        kind: "MANDATORY_CENTRAL",
        validFrom: new Date("2024-01-01T00:00:00Z"),
        validTo: new Date("2030-06-30T00:00:00Z"),
        categories: { create: [{ categoryCode: category.code }] },
      },
    });
    const successor = await prisma.agreement.create({
      data: {
        reference: "TEST-AFLOESER",
        name: "Afløsende prøveaftale",
        sortKey: "afløsende",
        kind: "MANDATORY_CENTRAL",
        validFrom: new Date("2030-07-01T00:00:00Z"),
        validTo: new Date("2034-06-30T00:00:00Z"),
        categories: { create: [{ categoryCode: category.code }] },
      },
    });
    await prisma.cascadeDecision.create({
      data: {
        institutionId: buyer.institutionId!,
        userId: buyer.id,
        categoryCode: category.code,
        amountOre: 100_000n,
        needDate: new Date("2030-01-10T00:00:00Z"),
        outcome: "AGREEMENT",
        chosenAgreementId: expiring.id,
        explanation: {},
      },
    });
    await preferences.saveAlertSettings(groupBuyer, { AGREEMENT_EXPIRY: false, AGREEMENT_CEILING: true });
    expect(await preferences.wantsAlert(groupBuyer.id, "AGREEMENT_EXPIRY")).toBe(false);
    expect(await preferences.wantsAlert(groupBuyer.id, "AGREEMENT_CEILING")).toBe(true);

    const link = `/aftaler/${expiring.id}`;
    await expiry.sendExpiryAlerts(at("2030-03-31")); // 91 days before
    expect(await prisma.outboxMessage.count({ where: { link } })).toBe(0);
    await expiry.sendExpiryAlerts(at("2030-04-01")); // 90 days before
    await expiry.sendExpiryAlerts(at("2030-04-02"));
    const alerts = await prisma.outboxMessage.findMany({ where: { link } });
    expect(alerts.map((m) => m.recipientUserId)).toContain(buyer.id);
    expect(alerts.map((m) => m.recipientUserId)).not.toContain(groupBuyer.id);
    const mine = alerts.filter((m) => m.recipientUserId === buyer.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain(`${successor.reference} ${successor.name}`);
    expect(mine[0]!.body).toContain("slå beskeder om udløbende aftaler fra");

    await prisma.agreement.update({ where: { id: successor.id }, data: { retiredAt: new Date() } });
    await expiry.sendExpiryAlerts(at("2030-06-01")); // 29 days before: the 30-day alert
    const late = await prisma.outboxMessage.findMany({ where: { link, recipientUserId: buyer.id }, orderBy: { id: "asc" } });
    expect(late).toHaveLength(2);
    expect(late[1]!.body).toContain("Der kendes endnu ingen aftale, der afløser den");
  });
});

describe("supplier reminders", () => {
  it("reminds the supplier's users of agreements without a report, once per stage", async () => {
    const supplierUser = await prisma.user.findUniqueOrThrow({ where: { email: "leverandoer@demo.example.dk" } });
    // 2026Q4's default deadline is 31 January 2027: 14 days before is 17 January.
    await supplierReminders.sendSupplierReminders(at("2027-01-16"));
    expect(await prisma.noticeSent.count({ where: { userId: supplierUser.id } })).toBe(0);
    await supplierReminders.sendSupplierReminders(at("2027-01-17"));
    await supplierReminders.sendSupplierReminders(at("2027-01-18"));
    const notices = await prisma.noticeSent.findMany({ where: { userId: supplierUser.id } });
    expect(notices.map((n) => `${n.reason} ${n.subject}`)).toEqual(["supplier-deadline-14 2026Q4@2027-01-31"]);
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { recipientUserId: supplierUser.id, subject: { contains: "salgsrapporter" } } });
    expect(message.body).toContain("Hvorfor får du denne besked?");
  });
});

describe("running jobs", () => {
  it("recomputes stale compliance figures and records the run", async () => {
    const { refreshAllCompliance } = await import("@/lib/compliance/rollup");
    await refreshAllCompliance(prisma);
    const quarter = await prisma.complianceQuarter.findFirstOrThrow();
    await prisma.complianceQuarter.update({ where: { quarter: quarter.quarter }, data: { stale: true } });
    const summary = await run.runRecorded(registry.findJob("refresh-stale-compliance")!, { trigger: "manual" });
    expect(summary).toContain(quarter.quarter);
    expect((await prisma.complianceQuarter.findUniqueOrThrow({ where: { quarter: quarter.quarter } })).stale).toBe(false);
    expect(await prisma.jobRun.findFirst({ where: { job: "refresh-stale-compliance" }, orderBy: { id: "desc" } })).toMatchObject({ ok: true, trigger: "manual" });
  });

  it("runs a job now for ADMIN, audited, with who asked on the run", async () => {
    const { runJobNow, jobsOverview } = await import("@/lib/jobs/admin");
    const admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
    expect(await runJobNow(admin, { job: "deliver-outbox" })).toMatch(/^Send e-mails fra udbakken: /);
    await expect(runJobNow(admin, { job: "no-such-job" })).rejects.toThrow("Kørslen findes ikke.");
    expect(await prisma.auditLog.count({ where: { action: "job.run", entityId: "deliver-outbox", actorId: admin.id } })).toBe(1);
    expect(await prisma.jobRun.findFirst({ where: { job: "deliver-outbox", trigger: "manual" } })).toMatchObject({ requestedById: admin.id, ok: true });
    const overview = await jobsOverview(new Date("2026-12-04T05:59:00Z"));
    const reminders = overview.jobs.find((job) => job.name === "deadline-reminders")!;
    expect(reminders.lastRun?.ok).toBe(true);
    expect(overview.jobs.find((job) => job.name === "deliver-outbox")?.lastRun?.trigger).toBe("manual");
  });

  it("prunes run history older than 30 days", async () => {
    await prisma.jobRun.create({ data: { job: "deliver-outbox", trigger: "schedule", startedAt: new Date("2026-01-01T00:00:00Z"), ok: true } });
    const kept = await prisma.jobRun.create({ data: { job: "deliver-outbox", trigger: "schedule", startedAt: new Date("2026-01-20T00:00:00Z"), ok: true } });
    await registry.findJob("prune-job-history")!.run(new Date("2026-02-15T00:00:00Z"));
    expect(await prisma.jobRun.count({ where: { startedAt: { lt: new Date("2026-01-16T00:00:00Z") } } })).toBe(0);
    expect(await prisma.jobRun.findUnique({ where: { id: kept.id } })).not.toBeNull();
  });

  it("records a failure and rethrows it for the queue to retry", async () => {
    const failing = { name: "always-fails", title: "Fejler", schedule: "* * * * *", maxAttempts: 1, run: async () => Promise.reject(new Error("SMTP nede")) };
    await expect(run.runRecorded(failing, { trigger: "schedule" })).rejects.toThrow("SMTP nede");
    expect(await prisma.jobRun.findFirst({ where: { job: "always-fails" } })).toMatchObject({ ok: false, error: "SMTP nede" });
  });
});
