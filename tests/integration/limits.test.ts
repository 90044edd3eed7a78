// Issue 16 items 6 and 7: the route handlers' rate limits (429 with Retry-After), the cap on heavy
// requests running at once per user, and the audit of API-key use and of exports. The route handlers
// are called as Next.js calls them, with a Request; the session is stubbed (the log-in itself is
// tested elsewhere), API keys are real.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/lib/seed/seed";
import { CLIENT_ADDRESS_HEADER } from "@/lib/security/client-address";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

const API_PER_MINUTE = 5;
const FILES_PER_MINUTE = 6;
const BAD_KEYS_PER_MINUTE = 20;

let db: TestDatabase;
let prisma: PrismaClient;
let admin: CurrentUser;
let analyst: CurrentUser;
let buyer: CurrentUser;
let fmId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 200 });
  prisma = createPrismaClient(db.url);
  // Server modules read the environment when first imported.
  process.env.DATABASE_URL = db.url;
  process.env.API_REQUESTS_PER_MINUTE = String(API_PER_MINUTE);
  process.env.FILES_PER_MINUTE = String(FILES_PER_MINUTE);
  process.env.API_BAD_KEYS_PER_MINUTE = String(BAD_KEYS_PER_MINUTE);
  process.env.HEAVY_REQUESTS_AT_ONCE = "2";
  admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
  analyst = await currentUserByEmail(prisma, "analytiker@demo.example.dk");
  buyer = await currentUserByEmail(prisma, "koeber.stat@demo.example.dk");
  fmId = analyst.ministryId!;
});
afterAll(async () => {
  await prisma.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db.drop();
});

const randomKey = () => `sip_${randomBytes(32).toString("base64url")}`;

function get(url: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, { headers });
}

async function newApiKey(name: string): Promise<string> {
  const { createApiKey } = await import("@/lib/auth/api-key");
  return (await createApiKey(admin, { name, institutionId: buyer.institutionId! })).key;
}

function expectTooMany(response: Response): void {
  expect(response.status).toBe(429);
  const wait = Number(response.headers.get("retry-after"));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
}

describe("the cascade API", () => {
  const cascade = "/api/kaskade?category=1920&amountOre=1000000";

  it("refuses an address with 429 and Retry-After once it has sent too many unknown keys, even with a real key", async () => {
    const { GET } = await import("@/app/api/kaskade/route");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let call = 0; call < 150; call++) {
      last = await GET(get(cascade, { authorization: `Bearer ${randomKey()}`, [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }), {});
      statuses.push(last.status);
    }
    expect(statuses.slice(0, BAD_KEYS_PER_MINUTE)).toEqual(Array(BAD_KEYS_PER_MINUTE).fill(401));
    expect(statuses.slice(BAD_KEYS_PER_MINUTE)).toEqual(Array(150 - BAD_KEYS_PER_MINUTE).fill(429));
    expectTooMany(last!);
    expect(((await last!.json()) as { error: string }).error).toBe("For mange forespørgsler. Vent lidt, og prøv igen.");
    // A guessed key that happens to be right is refused as well; another address is not affected.
    const key = await newApiKey("Gættet");
    expectTooMany(await GET(get(cascade, { authorization: `Bearer ${key}`, [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }), {}));
    expect((await GET(get(cascade, { authorization: `Bearer ${key}`, [CLIENT_ADDRESS_HEADER]: "198.51.100.1" }), {})).status).toBe(200);
  });

  it("limits each API key and each logged-in user to API_REQUESTS_PER_MINUTE calls", async () => {
    const { GET, POST } = await import("@/app/api/kaskade/route");
    const key = await newApiKey("E-handel");
    const statuses: number[] = [];
    for (let call = 0; call <= API_PER_MINUTE; call++) {
      // GET and POST count together.
      const request =
        call % 2
          ? new Request("http://localhost/api/kaskade", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ category: "1920", amountOre: 1000000 }) })
          : get(cascade, { authorization: `Bearer ${key}` });
      const response = await (call % 2 ? POST : GET)(request, {});
      statuses.push(response.status);
      if (response.status === 429) expectTooMany(response);
    }
    expect(statuses).toEqual([...Array(API_PER_MINUTE).fill(200), 429]);
    // Another key of the same institution and creator has its own count.
    expect((await GET(get(cascade, { authorization: `Bearer ${await newApiKey("Andet system")}` }), {})).status).toBe(200);
    // A session user likewise.
    session.user = buyer;
    const sessionStatuses: number[] = [];
    for (let call = 0; call <= API_PER_MINUTE; call++) sessionStatuses.push((await GET(get(cascade), {})).status);
    expect(sessionStatuses).toEqual([...Array(API_PER_MINUTE).fill(200), 429]);
  });

  it("audits a key's use once a minute with the endpoint, not once a call", async () => {
    const { GET } = await import("@/app/api/kaskade/route");
    const key = await newApiKey("Revideret");
    const { id } = await prisma.apiKey.findFirstOrThrow({ where: { name: "Revideret" } });
    for (let call = 0; call < 3; call++) expect((await GET(get(cascade, { authorization: `Bearer ${key}` }), {})).status).toBe(200);
    const uses = await prisma.auditLog.findMany({ where: { action: "apikey.use", entityId: String(id) } });
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ actorId: admin.id, entity: "ApiKey", after: { method: "GET", endpoint: "/api/kaskade" } });
    // A minute later the next call is recorded again.
    await prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    expect((await GET(get(cascade, { authorization: `Bearer ${key}` }), {})).status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "apikey.use", entityId: String(id) } })).toBe(2);
  });
});

describe("downloads and exports", () => {
  it("limit the anonymous published lists per client address", async () => {
    const { GET } = await import("@/app/lister/[list]/route");
    const download = (address: string) =>
      GET(get("/lister/indkoebskategorier.xlsx", { [CLIENT_ADDRESS_HEADER]: address }), { params: Promise.resolve({ list: "indkoebskategorier.xlsx" }) });
    for (let call = 0; call < FILES_PER_MINUTE; call++) {
      const response = await download("192.0.2.10");
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expectTooMany(await download("192.0.2.10"));
    expect((await download("192.0.2.11")).status).toBe(200);
  });

  it("free a download's slot before its end reaches the client, also when it is cancelled or has no body", async () => {
    const { releaseWhenSent } = await import("@/lib/security/work-lease");
    const released: string[] = [];
    // A release slower than the body: the client must not see the end before it has finished.
    const slowRelease = (name: string) => () => new Promise<void>((resolve) => setTimeout(() => resolve(void released.push(name)), 50));
    expect(await (await releaseWhenSent(new Response("eksport"), slowRelease("read"))).text()).toBe("eksport");
    expect(released).toEqual(["read"]);
    await (await releaseWhenSent(new Response("eksport"), slowRelease("cancelled"))).body!.cancel();
    expect(released).toEqual(["read", "cancelled"]);
    expect((await releaseWhenSent(new Response(null, { status: 404 }), slowRelease("no body"))).status).toBe(404);
    expect(released).toEqual(["read", "cancelled", "no body"]);
  });

  it("run at most two heavy exports of a user at once, and free a slot when a download ends", async () => {
    const { GET } = await import("@/app/admin/revisionsspor/eksport/route");
    session.user = admin;
    // Two downloads started and not yet read: their slots are taken.
    const first = await GET(get("/admin/revisionsspor/eksport"), {});
    const second = await GET(get("/admin/revisionsspor/eksport"), {});
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await GET(get("/admin/revisionsspor/eksport"), {});
    expectTooMany(third);
    expect(((await third.json()) as { error: string }).error).toMatch(/^Du har allerede 2 eksporter eller indlæsninger i gang/);
    // Another user is not affected.
    session.user = analyst;
    const other = await GET(get("/admin/revisionsspor/eksport"), {});
    expect(other.status).toBe(403);
    const { GET: report } = await import("@/app/compliance/[ministryId]/rapport/xlsx/route");
    const analystsReport = await report(get(`/compliance/${fmId}/rapport/xlsx`), { params: Promise.resolve({ ministryId: String(fmId) }) });
    expect(analystsReport.status).toBe(200);
    await analystsReport.body?.cancel();
    // A finished download frees its slot; so does a cancelled one.
    session.user = admin;
    // Freed before the end reaches the client: a request sent the moment a download ends finds its slot.
    await first.arrayBuffer();
    expect(await prisma.workLease.count({ where: { holder: `user:${admin.id}` } })).toBe(1);
    await second.body!.cancel();
    expect(await prisma.workLease.count({ where: { holder: `user:${admin.id}` } })).toBe(0);
    const fourth = await GET(get("/admin/revisionsspor/eksport"), {});
    expect(fourth.status).toBe(200);
    await fourth.arrayBuffer();
  });

  it("do not let a crashed request's slot count after it expires", async () => {
    const { acquireWorkLease } = await import("@/lib/security/work-lease");
    const holder = "user:crashed";
    await prisma.workLease.createMany({
      data: [1, 2].map((n) => ({ id: `crashed-${n}`, holder, expiresAt: new Date(Date.now() - 1000) })),
    });
    expect(await acquireWorkLease(holder, 2)).not.toBeNull();
    expect(await prisma.workLease.count({ where: { id: { startsWith: "crashed-" } } })).toBe(0);
  });

  it("hand out exactly the free slots when two processes ask at the same time", async () => {
    const { acquireWorkLease } = await import("@/lib/security/work-lease");
    const { prisma: appClient } = await import("@/lib/db/client");
    const leases = await Promise.all(Array.from({ length: 10 }, (_, n) => acquireWorkLease("user:race", 2, n % 2 ? prisma : appClient)));
    expect(leases.filter((lease) => lease !== null)).toHaveLength(2);
  });

  it("audit each export of personal or spend data with who, which file and which filter", async () => {
    session.user = analyst;
    const { GET: lines } = await import("@/app/compliance/[ministryId]/linjer/xlsx/route");
    const { GET: tender } = await import("@/app/compliance/udbud/xlsx/route");
    const params = { params: Promise.resolve({ ministryId: String(fmId) }) };
    const before = await prisma.auditLog.count({ where: { action: "export.download" } });
    const quarter = (await prisma.purchaseLine.findFirstOrThrow({ select: { quarter: true }, orderBy: { quarter: "desc" } })).quarter;
    for (const response of [
      await lines(get(`/compliance/${fmId}/linjer/xlsx?kvartal=${quarter}&figur=ehandel&del=ehandel`), params),
      await tender(get("/compliance/udbud/xlsx?kategori=1920&pr=institution"), {}),
    ]) {
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const rows = await prisma.auditLog.findMany({ where: { action: "export.download" }, orderBy: { id: "asc" }, skip: before });
    expect(rows.map((r) => ({ actorId: r.actorId, entity: r.entity, entityId: r.entityId, after: r.after }))).toEqual([
      { actorId: analyst.id, entity: "Export", entityId: `/compliance/${fmId}/linjer/xlsx`, after: { query: { kvartal: quarter, figur: "ehandel", del: "ehandel" } } },
      { actorId: analyst.id, entity: "Export", entityId: "/compliance/udbud/xlsx", after: { query: { kategori: "1920", pr: "institution" } } },
    ]);
    // A refused export is not recorded as one.
    session.user = buyer;
    expect((await lines(get(`/compliance/${fmId}/linjer/xlsx?kvartal=${quarter}`), params)).status).toBe(403);
    expect(await prisma.auditLog.count({ where: { action: "export.download" } })).toBe(before + 2);
  });
});

describe("upload actions", () => {
  it("refuse a user's third upload while two run, with a Danish message the form shows", async () => {
    const { authorizedAction } = await import("@/lib/auth/guard");
    session.user = buyer;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    const upload = authorizedAction("purchaseData.submit", z.object({}), async () => {
      await running;
      return "Indsendt.";
    }, { heavy: true });
    const first = upload({ ok: false }, new FormData());
    const second = upload({ ok: false }, new FormData());
    await vi.waitFor(async () => expect(await prisma.workLease.count({ where: { holder: `user:${buyer.id}` } })).toBe(2));
    expect(await upload({ ok: false }, new FormData())).toEqual({ ok: false, message: "Du har allerede 2 eksporter eller indlæsninger i gang. Vent, til en af dem er færdig, og prøv igen." });
    finish();
    expect(await Promise.all([first, second])).toEqual([{ ok: true, message: "Indsendt." }, { ok: true, message: "Indsendt." }]);
    expect(await prisma.workLease.count({ where: { holder: `user:${buyer.id}` } })).toBe(0);
  });
});
