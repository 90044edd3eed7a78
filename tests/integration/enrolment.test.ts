import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import type { Bilag7Fields } from "@/lib/enrolment/schemas";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { HOSTILE_KINDS, HOSTILE_REFUSALS, hostileXlsx } from "@/tests/support/hostile-xlsx";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { currentUserByEmail } from "@/tests/support/users";

// The session behind getCurrentUser (next-auth needs a request): each test says who is logged in.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

let db: TestDatabase;
let prisma: PrismaClient;
let service: typeof import("@/lib/enrolment/service");
let queries: typeof import("@/lib/enrolment/queries");
let outbox: typeof import("@/lib/mail/outbox");
let status: typeof import("@/lib/catalogue/status");
let actions: typeof import("@/app/tilmeldinger/actions");
let fileRoute: typeof import("@/app/tilmeldinger/[id]/skema/route");
let templateRoute: typeof import("@/app/aftaler/[id]/skema/route");
let enrolmentPage: typeof import("@/app/tilmeldinger/[id]/page");

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "enrolment");
const fixture = (name: string) => ({ name, data: new Uint8Array(readFileSync(path.join(FIXTURES, name))) });

const currentUser = (email: string): Promise<CurrentUser> => currentUserByEmail(prisma, email);

const agreementId = async (reference: string) => (await prisma.agreement.findUniqueOrThrow({ where: { reference } })).id;

let aak: { id: number; cvr: string; ean: string };
const bilag7 = (agreement: number, overrides: Partial<Bilag7Fields> = {}): Bilag7Fields => ({
  agreementId: agreement,
  cvr: aak.cvr,
  ean: aak.ean,
  address: "Rådhuspladsen 2, 8000 Aarhus C",
  contactName: "Line Østergaard Nielsen",
  contactEmail: "koeber.kommune@demo.example.dk",
  contactPhone: "+45 89 40 20 01",
  signatoryName: "Bo Kristensen, indkøbschef",
  signedOn: "2026-11-20",
  acceptsNoObligation: "on",
  ...overrides,
});

const counts = async () => ({
  enrolments: await prisma.enrolment.count(),
  files: await prisma.storedFile.count(),
  rows: await prisma.enrolmentRow.count(),
  events: await prisma.enrolmentEvent.count(),
  parties: await prisma.agreementParty.count(),
});

/** Next's forbidden()/notFound()/redirect() throw errors whose digest names the answer. */
async function digestOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return String((error as { digest?: string }).digest ?? (error as Error).message);
  }
  return "rendered";
}

let buyer: CurrentUser; // koeber.kommune: Aarhus Kommune, a voluntary customer (ISM)
let groupBuyer: CurrentUser; // the group buyer of ISM, Aarhus Kommune's area
let admin: CurrentUser;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  prisma = createPrismaClient(db.url);
  // Server modules read DATABASE_URL when first imported: point them at this test's database.
  process.env.DATABASE_URL = db.url;
  // next.config.ts's experimental.authInterrupts, which `next build` turns into this variable.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  service = await import("@/lib/enrolment/service");
  queries = await import("@/lib/enrolment/queries");
  outbox = await import("@/lib/mail/outbox");
  status = await import("@/lib/catalogue/status");
  actions = await import("@/app/tilmeldinger/actions");
  fileRoute = await import("@/app/tilmeldinger/[id]/skema/route");
  templateRoute = await import("@/app/aftaler/[id]/skema/route");
  enrolmentPage = await import("@/app/tilmeldinger/[id]/page");
  buyer = await currentUser("koeber.kommune@demo.example.dk");
  groupBuyer = await currentUser("koncernindkoeber.ism@demo.example.dk");
  admin = await currentUser("admin@demo.example.dk");
  const institution = await prisma.institution.findUniqueOrThrow({ where: { id: buyer.institutionId! }, include: { eanLocations: { orderBy: { ean: "asc" } } } });
  aak = { id: institution.id, cvr: institution.cvr, ean: institution.eanLocations[0]!.ean };
  expect(institution.name).toBe("Aarhus Kommune");
  expect(groupBuyer.ministryId).toBe(institution.ministryId);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await (await import("@/lib/db/client")).prisma.$disconnect();
  await db?.drop();
});
beforeEach(() => {
  session.user = null;
});

describe("the whole flow: enrol, approve, party, access", () => {
  let enrolmentId: number;

  it("a voluntary customer's buyer enrols with Bilag 7 and the Skema; the file, rows, event, audit and a message to the group buyer are stored", async () => {
    const agreement = await agreementId("SIP 10.03");
    expect((await status.institutionStatuses(aak.id, [agreement])).get(agreement)).toBe("MAY_ENROL");
    const file = fixture("skema-gyldig.xlsx");
    const outcome = await service.submitEnrolment(buyer, bilag7(agreement), file);
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining("er indsendt med 3 rækker") });
    enrolmentId = (outcome as { enrolmentId: number }).enrolmentId;

    const enrolment = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId }, include: { rows: { orderBy: { rowNumber: "asc" } }, skemaFile: true, events: true } });
    expect(enrolment).toMatchObject({ status: "PENDING", institutionId: aak.id, cvr: aak.cvr, createdById: buyer.id, acceptsNoObligation: true });
    expect(enrolment.rows.map((r) => (r.data as Record<string, string>).Enhed)).toEqual(["Rådhuset", "Sundhed og Omsorg", "Børn og Unge"]);
    expect(enrolment.skemaFile!.sha256).toBe(createHash("sha256").update(file.data).digest("hex"));
    expect(Buffer.from(enrolment.skemaFile!.content).equals(Buffer.from(file.data))).toBe(true);
    expect(enrolment.events).toMatchObject([{ fromStatus: null, toStatus: "PENDING", actorId: buyer.id }]);
    expect(await prisma.auditLog.count({ where: { action: "enrolment.submit", entityId: String(enrolmentId) } })).toBe(1);
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { recipientUserId: groupBuyer.id, link: `/tilmeldinger/${enrolmentId}` } });
    expect(message.subject).toContain("Ny tilmelding");
    expect((await status.institutionStatuses(aak.id, [agreement])).get(agreement)).toBe("ENROLMENT_PENDING");
  });

  it("refuses a second pending enrolment for the same institution and agreement, in the service and in the database", async () => {
    const agreement = await agreementId("SIP 10.03");
    const before = await counts();
    await expect(service.submitEnrolment(buyer, bilag7(agreement), fixture("skema-gyldig.xlsx"))).rejects.toThrow(
      "I har allerede en tilmelding til aftalen, der afventer godkendelse",
    );
    expect(await counts()).toEqual(before);
    const copy = await prisma.enrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      omit: { id: true, createdAt: true, skemaFileId: true },
    });
    await expect(prisma.enrolment.create({ data: copy })).rejects.toMatchObject({ code: "P2002" });
  });

  it("shows the pending enrolment in the group buyer's queue, with its form, rows and file", async () => {
    const overview = await queries.enrolmentOverview(groupBuyer);
    expect(overview.pending.map((e) => e.id)).toContain(enrolmentId);
    const found = await queries.getEnrolment(groupBuyer, enrolmentId);
    expect(found.status).toBe("found");
    if (found.status !== "found") return;
    expect(found.value.enrolment.rows).toHaveLength(3);
    expect(found.value.enrolment.skemaFile?.fileName).toBe("skema-gyldig.xlsx");
  });

  it("approval makes the institution party (source ENROLMENT) and confirms it through the outbox", async () => {
    const agreement = await agreementId("SIP 10.03");
    const message = await service.decideEnrolment(groupBuyer, { enrolmentId, decision: "APPROVE" });
    expect(message).toContain("Aarhus Kommune er nu part på Laboratorieudstyr");
    const party = await prisma.agreementParty.findUniqueOrThrow({ where: { agreementId_institutionId: { agreementId: agreement, institutionId: aak.id } } });
    expect(party.source).toBe("ENROLMENT");
    expect((await status.institutionStatuses(aak.id, [agreement])).get(agreement)).toBe("PARTY");
    const enrolment = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    expect(enrolment).toMatchObject({ status: "APPROVED", decidedById: groupBuyer.id });
    const confirmation = await prisma.outboxMessage.findFirstOrThrow({ where: { recipientUserId: buyer.id, link: `/tilmeldinger/${enrolmentId}` } });
    expect(confirmation).toMatchObject({ toEmail: buyer.email, subject: expect.stringContaining("Bekræftelse"), sentAt: null });
    expect(confirmation.body).toContain("forpligter ikke");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "enrolment.approve", entityId: String(enrolmentId) } });
    expect(audit).toMatchObject({ actorId: groupBuyer.id, before: { status: "PENDING", party: { source: "PHASE_JOIN" } }, after: { status: "APPROVED", party: { source: "ENROLMENT" } } });
  });

  it("after approval the customer asks for access to a concrete purchase; the group buyer grants it; every step is in the history", async () => {
    await expect(service.requestAccess(buyer, { enrolmentId, purpose: "kort" })).rejects.toMatchObject({ field: "purpose" });
    await service.requestAccess(buyer, { enrolmentId, purpose: "Indkøb af centrifuger til laboratoriet i Sundhed og Omsorg, 1. kvartal 2027." });
    await expect(service.requestAccess(buyer, { enrolmentId, purpose: "Endnu et køb af pipetter til laboratoriet." })).rejects.toThrow("allerede en åben anmodning");
    const request = await prisma.accessRequest.findFirstOrThrow({ where: { enrolmentId, status: "OPEN" } });
    await expect(service.decideAccessRequest(groupBuyer, { requestId: request.id, decision: "REFUSE" })).rejects.toMatchObject({ field: "response" });
    expect(await service.decideAccessRequest(groupBuyer, { requestId: request.id, decision: "GRANT", response: "Log-in er sendt til Line." })).toContain("Adgangen er givet");
    await expect(service.decideAccessRequest(groupBuyer, { requestId: request.id, decision: "REFUSE", response: "Nej" })).rejects.toThrow("allerede behandlet");
    expect(await prisma.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "GRANTED", handledById: groupBuyer.id });

    const found = await queries.getEnrolment(buyer, enrolmentId);
    if (found.status !== "found") throw new Error(found.status);
    expect(found.value.enrolment.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "PENDING"],
      ["PENDING", "APPROVED"],
      ["APPROVED", "APPROVED"],
      ["APPROVED", "APPROVED"],
    ]);
    expect(found.value.auditEntries.map((a) => a.action)).toEqual(["enrolment.submit", "enrolment.approve", "access.request", "access.grant"]);
    expect(found.value.names.get(groupBuyer.id)).toBe(groupBuyer.name);
  });

  it("a rejection needs a reason and sends it; the institution may then enrol again", async () => {
    const agreement = await agreementId("SIP 10.04");
    const first = await service.submitEnrolment(buyer, bilag7(agreement), fixture("skema-gyldig.xlsx"));
    const id = (first as { enrolmentId: number }).enrolmentId;
    await expect(service.decideEnrolment(groupBuyer, { enrolmentId: id, decision: "REJECT" })).rejects.toMatchObject({ field: "reason" });
    await service.decideEnrolment(groupBuyer, { enrolmentId: id, decision: "REJECT", reason: "Skemaet mangler enheden Børn og Unge's rigtige EAN." });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", rejectionReason: expect.stringContaining("Børn og Unge") });
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { recipientUserId: buyer.id, link: `/tilmeldinger/${id}` } });
    expect(message.body).toContain("Begrundelse: Skemaet mangler");
    const again = await service.submitEnrolment(buyer, bilag7(agreement), fixture("skema-gyldig.xlsx"));
    expect(again.ok).toBe(true);
    // ... and withdraw it: only the own institution, only while pending.
    const againId = (again as { enrolmentId: number }).enrolmentId;
    expect(await service.withdrawEnrolment(buyer, { enrolmentId: againId })).toContain("trukket tilbage");
    await expect(service.withdrawEnrolment(buyer, { enrolmentId: againId })).rejects.toThrow("allerede behandlet");
  });
});

describe("the rules refuse, and nothing is written", () => {
  it("refuses obligated customers, agreements outside phases 8-10, closed rounds, enrolled and pending agreements", async () => {
    const before = await counts();
    const stateBuyer = await currentUser("koeber.stat@demo.example.dk");
    await expect(service.submitEnrolment(stateBuyer, bilag7(await agreementId("SIP 10.04")), fixture("skema-gyldig.xlsx"))).rejects.toThrow("Kun frivillige kunder");
    await expect(service.submitEnrolment(buyer, bilag7(await agreementId("SIP 11.01")), fixture("skema-gyldig.xlsx"))).rejects.toThrow("kræver ingen tilmelding");
    await expect(service.submitEnrolment(buyer, bilag7(await agreementId("SIP 08.01")), fixture("skema-gyldig.xlsx"))).rejects.toThrow("afsluttet udbudsrunde");
    await expect(service.submitEnrolment(buyer, bilag7(await agreementId("SIP 10.02")), fixture("skema-gyldig.xlsx"))).rejects.toThrow("allerede tilmeldt");
    await expect(service.submitEnrolment(buyer, bilag7(await agreementId("SIP 10.01")), fixture("skema-gyldig.xlsx"))).rejects.toThrow("afventer godkendelse");
    await expect(service.submitEnrolment(groupBuyer, bilag7(await agreementId("SIP 10.04")), fixture("skema-gyldig.xlsx"))).rejects.toThrow("Du har ikke adgang");
    expect(await counts()).toEqual(before);
  });

  it("refuses another institution's CVR, bad files and bad rows with Danish messages, and stores nothing", async () => {
    const agreement = await agreementId("SIP 10.04");
    const before = await counts();
    const otherCvr = (await prisma.institution.findFirstOrThrow({ where: { id: { not: aak.id } } })).cvr;
    await expect(service.submitEnrolment(buyer, bilag7(agreement, { cvr: otherCvr }), fixture("skema-gyldig.xlsx"))).rejects.toMatchObject({ field: "cvr" });
    for (const [name, text] of [
      ["skema-makro.xlsm", ".xlsm"],
      ["skema-makro-omdoebt.xlsx", "makroer"],
      ["skema-gammel-omdoebt.xlsx", ".xls"],
      ["skema-csv-omdoebt.xlsx", "CSV"],
      ["skema-zipbombe.xlsx", "pakkes ud"],
      ["skema-zipbombe-falsk-stoerrelse.xlsx", "beskadiget"],
      ["skema-xml-entiteter.xlsx", "entiteter"],
      ["skema-for-mange-raekker.xlsx", "10.000 rækker"],
    ] as const) {
      await expect(service.submitEnrolment(buyer, bilag7(agreement), fixture(name)), name).rejects.toMatchObject({ field: "file", message: expect.stringContaining(text) });
    }
    const valid = Buffer.from(fixture("skema-gyldig.xlsx").data);
    for (const kind of HOSTILE_KINDS) {
      await expect(service.submitEnrolment(buyer, bilag7(agreement), { name: `${kind}.xlsx`, data: hostileXlsx(valid, kind) }), kind).rejects.toMatchObject({
        field: "file",
        problem: HOSTILE_REFUSALS[kind].problem,
        message: expect.stringContaining(HOSTILE_REFUSALS[kind].text),
      });
    }
    for (const [name, text] of [
      ["skema-raekkefejl.xlsx", "ikke et gyldigt CVR-nummer"],
      ["skema-formel.xlsx", "formel"],
      ["skema-skjult-ark.xlsx", "skjult"],
    ] as const) {
      const outcome = await service.submitEnrolment(buyer, bilag7(agreement), fixture(name));
      expect(outcome.ok, name).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.message).toContain("Intet er gemt");
      expect(outcome.problems.map((p) => p.message).join(" ")).toContain(text);
      expect(outcome.problems.every((p) => p.sheet === "Skema")).toBe(true);
    }
    expect(await counts()).toEqual(before);
  }, 120_000);
});

describe("two group buyers decide the same enrolment at the same time", () => {
  it("lets exactly one decision count and tells the other it was already decided", async () => {
    const second = await prisma.user.create({
      data: { email: "koncernindkoeber.ism.2@demo.example.dk", name: "Anden Koncernindkøber", role: "GROUP_BUYER", ministryId: groupBuyer.ministryId },
    });
    const other: CurrentUser = { ...groupBuyer, id: second.id, name: second.name, email: second.email };
    const agreement = await agreementId("SIP 10.04");
    for (let round = 0; round < 6; round++) {
      const enrolment = await prisma.enrolment.create({
        data: {
          ...bilag7(agreement),
          acceptsNoObligation: true,
          signedOn: new Date("2026-11-20T00:00:00Z"),
          institutionId: aak.id,
          createdById: buyer.id,
          status: "PENDING",
        },
      });
      const [first, last] = round % 2 === 0 ? [groupBuyer, other] : [other, groupBuyer];
      const results = await Promise.allSettled([
        service.decideEnrolment(first, { enrolmentId: enrolment.id, decision: "APPROVE" }),
        service.decideEnrolment(last, { enrolmentId: enrolment.id, decision: "REJECT", reason: "Afvist i samme øjeblik." }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(String(lost[0]!.reason.message)).toMatch(/^Tilmeldingen er allerede behandlet: den er (godkendt|afvist) af .+ Din beslutning er ikke gemt\.$/);
      const decided = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
      const events = await prisma.enrolmentEvent.findMany({ where: { enrolmentId: enrolment.id } });
      expect(events).toHaveLength(1);
      expect(events[0]!.toStatus).toBe(decided.status);
      expect(await prisma.auditLog.count({ where: { entity: "Enrolment", entityId: String(enrolment.id) } })).toBe(1);
      const winnerMessage = (won[0] as PromiseFulfilledResult<string>).value;
      expect(winnerMessage.startsWith(decided.status === "APPROVED" ? "Tilmeldingen er godkendt" : "Tilmeldingen er afvist")).toBe(true);
      // Let the next round start from a pending state again.
      if (decided.status === "APPROVED") {
        await prisma.enrolment.update({ where: { id: enrolment.id }, data: { status: "WITHDRAWN" } });
      }
    }
  });
});

describe("only the enrolling institution, its group buyer and admins see an enrolment and its file", () => {
  let enrolmentId: number;
  let fileSha: string;
  const others: { label: string; user: () => Promise<CurrentUser> }[] = [
    { label: "a buyer of an obligated institution", user: () => currentUser("koeber.stat@demo.example.dk") },
    { label: "the group buyer of another ministry area", user: () => currentUser("koncernindkoeber@demo.example.dk") },
    { label: "an analyst of another ministry", user: () => currentUser("analytiker@demo.example.dk") },
    { label: "an analyst of the institution's own ministry", user: async () => ({ ...(await currentUser("analytiker@demo.example.dk")), ministryId: groupBuyer.ministryId }) },
    {
      label: "a buyer of another voluntary customer in the same area",
      user: async () => {
        const kk = await prisma.institution.findFirstOrThrow({ where: { name: "Københavns Kommune" } });
        const user = await prisma.user.upsert({
          where: { email: "koeber.kk@demo.example.dk" },
          create: { email: "koeber.kk@demo.example.dk", name: "Købmand København", role: "BUYER", institutionId: kk.id },
          update: {},
        });
        return currentUser(user.email);
      },
    },
  ];

  beforeAll(async () => {
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { institutionId: aak.id, skemaFileId: { not: null }, status: "APPROVED" }, include: { skemaFile: true } });
    enrolmentId = enrolment.id;
    fileSha = enrolment.skemaFile!.sha256;
  });

  const download = (id: number) => fileRoute.GET(new Request(`http://localhost/tilmeldinger/${id}/skema`), { params: Promise.resolve({ id: String(id) }) });
  const page = (id: number) => enrolmentPage.default({ params: Promise.resolve({ id: String(id) }), searchParams: Promise.resolve({}) } as never);

  it("lets the enrolling institution's buyer, the area's group buyer and an admin open the page and download the original file", async () => {
    for (const user of [buyer, groupBuyer, admin]) {
      session.user = user;
      expect(await digestOf(page(enrolmentId)), user.email).toBe("rendered");
      expect((await queries.getEnrolment(user, enrolmentId)).status).toBe("found");
      const response = await download(enrolmentId);
      expect(response.status, user.email).toBe(200);
      expect(response.headers.get("content-disposition")).toContain("attachment");
      const body = Buffer.from(await response.arrayBuffer());
      expect(createHash("sha256").update(body).digest("hex")).toBe(fileSha);
    }
    expect(await prisma.auditLog.count({ where: { action: "enrolment.file.download", entityId: String(enrolmentId) } })).toBe(3);
  });

  it("refuses every other role and institution at the page, the download, the reads and the actions", async () => {
    const before = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    for (const { label, user: make } of others) {
      const user = await make();
      session.user = user;
      // Analysts lack the permission (403); the others hold it, and the enrolment is outside their
      // scope: it answers as one that does not exist (404).
      const status = user.role === "MINISTRY_ANALYST" ? 403 : 404;
      expect(await digestOf(page(enrolmentId)), label).toBe(`NEXT_HTTP_ERROR_FALLBACK;${status}`);
      expect((await download(enrolmentId)).status, label).toBe(status);
      expect((await queries.getEnrolment(user, enrolmentId)).status, label).toBe("missing");
      expect((await queries.getSkemaFile(user, enrolmentId)).status, label).toBe("missing");
      const overview = await queries.enrolmentOverview(user);
      expect([...overview.pending, ...overview.decided].some((e) => e.institution.id === aak.id), label).toBe(false);

      const form = (fields: Record<string, string>) => {
        const data = new FormData();
        for (const [key, value] of Object.entries(fields)) data.set(key, value);
        return data;
      };
      const decided = await actions.decideEnrolmentForm({ ok: false }, form({ enrolmentId: String(enrolmentId), decision: "REJECT", reason: "Ikke min" }));
      expect(decided.ok, label).toBe(false);
      expect(decided.message, label).toMatch(/Du har ikke adgang|findes ikke, eller du har ikke adgang/);
      const access = await actions.requestAccessForm({ ok: false }, form({ enrolmentId: String(enrolmentId), purpose: "Et konkret køb af noget til os selv." }));
      expect(access.ok, label).toBe(false);
      const withdrawn = await actions.withdrawEnrolmentForm({ ok: false }, form({ enrolmentId: String(enrolmentId) }));
      expect(withdrawn.ok, label).toBe(false);
      await expect(service.decideEnrolment(user, { enrolmentId, decision: "APPROVE" }), label).rejects.toThrow(/Du har ikke adgang|findes ikke/);
    }
    // Admins see everything but do not decide: that is the group buyer's.
    await expect(service.decideEnrolment(admin, { enrolmentId, decision: "APPROVE" })).rejects.toThrow("Du har ikke adgang");
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).toEqual(before);
    expect(await prisma.accessRequest.count({ where: { enrolmentId, requestedById: { not: buyer.id } } })).toBe(0);
  });

  it("answers 401 without a session and 404 for an unknown enrolment", async () => {
    session.user = null;
    expect((await download(enrolmentId)).status).toBe(401);
    session.user = admin;
    expect((await download(999_999)).status).toBe(404);
    expect(await digestOf(page(999_999))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });
});

describe("joining the next phase", () => {
  it("reaches the group buyer, who grants it: the institution becomes party to the phase's central agreements", async () => {
    const phase12 = await prisma.phase.findUniqueOrThrow({ where: { number: 12 } });
    const from = await agreementId("SIP 08.01");
    // The demo's open request for phase 12 stands in the way of a second one.
    await expect(service.requestJoinNextPhase(buyer, { agreementId: from, message: "Igen" })).rejects.toThrow("allerede en åben anmodning");
    const seeded = await prisma.joinPhaseRequest.findFirstOrThrow({ where: { institutionId: aak.id, phaseId: phase12.id, status: "OPEN" } });
    const otherArea = await currentUser("koncernindkoeber@demo.example.dk");
    await expect(service.decideJoinRequest(otherArea, { requestId: seeded.id, decision: "GRANT" })).rejects.toThrow("findes ikke");
    await service.decideJoinRequest(groupBuyer, { requestId: seeded.id, decision: "REFUSE", response: "Send en ny anmodning med de ønskede aftaler." });

    expect(await service.requestJoinNextPhase(buyer, { agreementId: from, message: "Vi ønsker især Kontormøbler." })).toContain("12. fase");
    const request = await prisma.joinPhaseRequest.findFirstOrThrow({ where: { institutionId: aak.id, phaseId: phase12.id, status: "OPEN" } });
    expect(await prisma.outboxMessage.count({ where: { recipientUserId: groupBuyer.id, subject: { contains: "12. fase" } } })).toBe(1);
    const target = await prisma.agreement.findFirstOrThrow({ where: { phaseId: phase12.id, kind: "MANDATORY_CENTRAL" } });
    expect((await status.institutionStatuses(aak.id, [target.id])).get(target.id)).toBe("NOT_PARTY");
    expect(await service.decideJoinRequest(groupBuyer, { requestId: request.id, decision: "GRANT" })).toContain("12. fase");
    expect((await status.institutionStatuses(aak.id, [target.id])).get(target.id)).toBe("PARTY");
    expect(await prisma.agreementParty.findFirst({ where: { agreementId: target.id, institutionId: aak.id } })).toMatchObject({ source: "PHASE_JOIN" });
    await expect(service.decideJoinRequest(groupBuyer, { requestId: request.id, decision: "GRANT" })).rejects.toThrow("allerede behandlet");
    // Every later round is joined now: nothing left to ask for from a phase 8 agreement.
    await expect(service.requestJoinNextPhase(buyer, { agreementId: from })).rejects.toThrow("ingen kommende fase");
  });

  it("refuses obligated customers and institutions already party", async () => {
    const stateBuyer = await currentUser("koeber.stat@demo.example.dk");
    await expect(service.requestJoinNextPhase(stateBuyer, { agreementId: await agreementId("SIP 08.01") })).rejects.toThrow("Kun frivillige kunder");
    await expect(service.requestJoinNextPhase(buyer, { agreementId: await agreementId("SIP 10.01") })).rejects.toThrow("allerede part");
  });
});

describe("the outbox", () => {
  it("stores messages only when the transaction commits", async () => {
    const before = await prisma.outboxMessage.count();
    await expect(
      (await import("@/lib/db/client")).prisma.$transaction(async (tx) => {
        await outbox.queueMessages(tx, [{ recipientUserId: buyer.id, toEmail: buyer.email, subject: "Rulles tilbage", body: "x" }]);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await prisma.outboxMessage.count()).toBe(before);
  });

  it("without SMTP keeps every message in the portal; with SMTP sends each exactly once and records failures", async () => {
    const unsent = await prisma.outboxMessage.count({ where: { sentAt: null } });
    expect(unsent).toBeGreaterThan(0);
    expect(await outbox.deliverPending({ smtpUrl: null })).toEqual({ configured: false, sent: 0, failed: 0 });
    expect(await prisma.outboxMessage.count({ where: { sentAt: null } })).toBe(unsent);

    // A failing server: the error is kept on the message and it stays unsent.
    const failing = { sendMail: async () => Promise.reject(new Error("550 Mailbox unavailable")) };
    const failed = await outbox.deliverPending({ transport: failing, limit: 2 });
    expect(failed).toEqual({ configured: true, sent: 0, failed: 2 });
    expect(await prisma.outboxMessage.count({ where: { sendError: "550 Mailbox unavailable", sentAt: null, attempts: 1 } })).toBe(2);

    // A real SMTP conversation (nodemailer against a test server); two runs at once send each message
    // once. They run two minutes on: the failed two wait a minute before their next attempt (backoff).
    const smtp = await startSmtpServer();
    try {
      const later = new Date(Date.now() + 2 * 60_000);
      const [a, b] = await Promise.all([
        outbox.deliverPending({ smtpUrl: smtp.url, limit: 500, now: later }),
        outbox.deliverPending({ smtpUrl: smtp.url, limit: 500, now: later }),
      ]);
      expect(a.sent + b.sent).toBe(unsent);
      expect(smtp.received).toHaveLength(unsent);
      expect(await prisma.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
      expect(await prisma.outboxMessage.count({ where: { sendError: { not: null } } })).toBe(0);
      // Quoted-printable bodies wrap long lines with a soft break ("=" at the end of the line).
      const texts = smtp.received.map((mail) => ({ ...mail, text: mail.data.replace(/=\n/g, "") }));
      const confirmation = texts.find((mail) => mail.to.includes(`<${buyer.email}>`) && mail.text.includes("Bekr"));
      expect(confirmation?.text).toContain("/tilmeldinger/");
      expect((await outbox.deliverPending({ smtpUrl: smtp.url })).sent).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it("shows a user only the own messages, and marks them read", async () => {
    const mine = await outbox.listMessages(buyer);
    expect(mine.length).toBeGreaterThan(0);
    expect(await prisma.outboxMessage.count({ where: { id: { in: mine.map((m) => m.id) }, recipientUserId: { not: buyer.id } } })).toBe(0);
    const someoneElses = await prisma.outboxMessage.findFirstOrThrow({ where: { recipientUserId: groupBuyer.id, readAt: null } });
    expect(await outbox.markRead(buyer, { messageId: someoneElses.id })).toBe(0);
    expect(await outbox.markRead(buyer, { all: true })).toBe(mine.filter((m) => !m.readAt).length);
    expect(await prisma.outboxMessage.count({ where: { recipientUserId: buyer.id, readAt: null } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { recipientUserId: groupBuyer.id, readAt: null } })).toBeGreaterThan(0);
  });
});

describe("the Skema template", () => {
  const get = (id: number) => templateRoute.GET(new Request(`http://localhost/aftaler/${id}/skema`), { params: Promise.resolve({ id: String(id) }) });

  it("is a workbook with instructions, the input sheet's headers, drop-downs, text-formatted identifiers and one example row", async () => {
    session.user = buyer;
    const response = await get(await agreementId("SIP 10.02"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("Skema-SIP-10.02.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Vejledning", "Skema"]);
    const guide = workbook.getWorksheet("Vejledning")!;
    expect(String(guide.getCell("A1").value)).toContain("Standardsoftware (SIP 10.02)");
    const sheet = workbook.getWorksheet("Skema")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(["Enhed", "CVR-nummer", "EAN-lokationsnummer", "Leveringsadresse", "Kontaktperson", "E-mail", "Telefon", "Indkøbskategori", "Forventet årligt forbrug (kr.)", "E-handel"]);
    expect(sheet.getCell("B2").value).toBe("13748136");
    expect(sheet.getCell("B2").numFmt).toBe("@");
    expect(sheet.getCell("C3").numFmt).toBe("@");
    expect(sheet.getCell("H2").value).toBe("1440 Software og licenser");
    const validation = (sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(validation).map((v) => v.formulae[0])).toEqual(expect.arrayContaining(['"1440 Software og licenser"', '"Ja,Nej"']));
  });

  it("is not offered for agreements that need no enrolment, and needs a log-in", async () => {
    session.user = buyer;
    expect((await get(await agreementId("SIP 11.01"))).status).toBe(404);
    session.user = null;
    expect((await get(await agreementId("SIP 10.02"))).status).toBe(401);
  });
});
