import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

// The session behind getCurrentUser (next-auth needs a request): each test says who is logged in.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

let db: TestDatabase;
let prisma: PrismaClient;
let guard: typeof import("@/lib/auth/guard");

const refusals = (actorId: number) =>
  prisma.auditLog.findMany({ where: { action: "access.refused", actorId }, select: { entity: true, entityId: true, after: true } });

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 0 });
  prisma = createPrismaClient(db.url);
  process.env.DATABASE_URL = db.url;
  guard = await import("@/lib/auth/guard");
});
afterAll(async () => {
  await prisma.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db.drop();
});
beforeEach(() => {
  session.user = null;
});

describe("refused access is audited", () => {
  it("a route handler refused for want of the permission: one entry with the permission and the path, once a minute", async () => {
    const buyer = await currentUserByEmail(prisma, "koeber.stat@demo.example.dk");
    session.user = buyer;
    const handler = guard.withPermission("audit.view", async () => new Response("the audit log"), { limit: { rate: "files" } });
    const request = () => new Request("http://localhost/admin/revisionsspor/eksport?fra=2026-01-01");
    expect((await handler(request(), {})).status).toBe(403);
    expect((await handler(request(), {})).status).toBe(403);
    expect(await refusals(buyer.id)).toEqual([
      { entity: "Permission", entityId: "audit.view", after: { path: "/admin/revisionsspor/eksport", role: "BUYER" } },
    ]);
  });

  it("a server action refused: an entry with the permission", async () => {
    const analyst = await currentUserByEmail(prisma, "analytiker@demo.example.dk");
    session.user = analyst;
    const action = guard.authorizedAction("users.manage", z.object({}), async () => "done");
    expect(await action({ ok: true, message: "" }, new FormData())).toMatchObject({ ok: false });
    expect(await refusals(analyst.id)).toEqual([
      { entity: "Permission", entityId: "users.manage", after: { path: null, role: "MINISTRY_ANALYST" } },
    ]);
  });

  it("nothing for an allowed request, nor for an anonymous one (that is a log-in, not a refusal)", async () => {
    const admin = await currentUserByEmail(prisma, "admin@demo.example.dk");
    session.user = admin;
    const handler = guard.withPermission("audit.view", async () => new Response("the audit log"), { limit: { rate: "files" } });
    expect((await handler(new Request("http://localhost/admin/revisionsspor/eksport"), {})).status).toBe(200);
    session.user = null;
    expect((await handler(new Request("http://localhost/admin/revisionsspor/eksport"), {})).status).toBe(401);
    expect(await refusals(admin.id)).toEqual([]);
    expect(await prisma.auditLog.count({ where: { action: "access.refused", actorId: null } })).toBe(0);
  });
});
