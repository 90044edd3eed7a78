import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "@/lib/auth/permissions";
import { institutionWhere, ministryWhere } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/types";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

let db: TestDatabase;
let prisma: PrismaClient;
let manage: typeof import("@/lib/users/manage");
let queries: typeof import("@/lib/organisation/queries");
let rateLimit: typeof import("@/lib/auth/login-rate-limit");
let burst: typeof import("@/lib/security/rate-limit");
let revocation: typeof import("@/lib/auth/session-revocation");

const currentUser = (email: string): Promise<CurrentUser> => currentUserByEmail(prisma, email);

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 200 });
  prisma = createPrismaClient(db.url);
  // Server modules read DATABASE_URL when first imported: point them at this test's database.
  process.env.DATABASE_URL = db.url;
  manage = await import("@/lib/users/manage");
  queries = await import("@/lib/organisation/queries");
  rateLimit = await import("@/lib/auth/login-rate-limit");
  burst = await import("@/lib/security/rate-limit");
  revocation = await import("@/lib/auth/session-revocation");
});
afterAll(async () => {
  await prisma.$disconnect();
  const { prisma: appClient } = await import("@/lib/db/client");
  await appClient.$disconnect();
  await db.drop();
});

describe("row scopes, against the demo data", () => {
  it("let a buyer read only the own institution", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const visible = await prisma.institution.findMany({ where: institutionWhere(buyer) });
    expect(visible.map((i) => i.id)).toEqual([buyer.institutionId]);
    expect(await prisma.ministry.count({ where: ministryWhere(buyer) })).toBe(0);
  });

  it("let a group buyer and an analyst read exactly their ministry area", async () => {
    for (const email of ["koncernindkoeber@demo.example.dk", "analytiker@demo.example.dk"]) {
      const user = await currentUser(email);
      const visible = await prisma.institution.findMany({ where: institutionWhere(user) });
      const all = await prisma.institution.findMany({ where: { ministryId: user.ministryId! } });
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.map((i) => i.id).sort()).toEqual(all.map((i) => i.id).sort());
      expect((await prisma.ministry.findMany({ where: ministryWhere(user) })).map((m) => m.id)).toEqual([user.ministryId]);
    }
  });

  it("let an admin read everything", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    expect(await prisma.institution.count({ where: institutionWhere(admin) })).toBe(await prisma.institution.count());
  });

  it("match nothing for a user who lacks the organisation the role needs", async () => {
    const orphan: CurrentUser = { ...(await currentUser("analytiker@demo.example.dk")), ministryId: null };
    expect(await prisma.institution.count({ where: institutionWhere(orphan) })).toBe(0);
  });
});

describe("reads of one record by id", () => {
  it("refuse another institution to a buyer as if it did not exist, rather than return the own one", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const other = await prisma.institution.findFirstOrThrow({ where: { id: { not: buyer.institutionId! } } });
    expect(await queries.getInstitution(buyer, other.id)).toEqual({ status: "missing" });
    const own = await queries.getInstitution(buyer, buyer.institutionId!);
    expect(own.status === "found" && own.value.id).toBe(buyer.institutionId);
    expect(await queries.getInstitution(buyer, 999_999)).toEqual({ status: "missing" });
  });

  it("refuse another ministry to an analyst, and let a group buyer open the area's institutions", async () => {
    const analyst = await currentUser("analytiker@demo.example.dk");
    const other = await prisma.ministry.findFirstOrThrow({ where: { id: { not: analyst.ministryId! } } });
    expect(await queries.getMinistry(analyst, other.id)).toEqual({ status: "missing" });
    const groupBuyer = await currentUser("koncernindkoeber@demo.example.dk");
    const inArea = await prisma.institution.findFirstOrThrow({ where: { ministryId: groupBuyer.ministryId! } });
    const outside = await prisma.institution.findFirstOrThrow({ where: { ministryId: { not: groupBuyer.ministryId! } } });
    expect((await queries.getInstitution(groupBuyer, inArea.id)).status).toBe("found");
    expect(await queries.getInstitution(groupBuyer, outside.id)).toEqual({ status: "missing" });
  });
});

describe("the permission table", () => {
  it("gives user administration to ADMIN alone and a home page to every role", () => {
    expect(PERMISSIONS["users.manage"]).toEqual(["ADMIN"]);
    for (const role of ["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"] as const) expect(can(role, "home.view")).toBe(true);
    expect(can("BUYER", "ministry.view")).toBe(false);
  });
});

describe("user administration", () => {
  it("demotes a user at once and writes before and after to the audit log", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const analyst = await currentUser("analytiker@demo.example.dk");
    const message = await manage.changeUserRole(admin, { userId: analyst.id, role: "BUYER" }).catch((e: Error) => e.message);
    // The analyst has no institution, so cannot become a buyer: nothing changes, nothing is logged.
    expect(message).toBe("En indkøber skal høre til en institution.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: analyst.id } })).role).toBe("MINISTRY_ANALYST");

    const groupBuyer = await currentUser("koncernindkoeber@demo.example.dk");
    await manage.changeUserRole(admin, { userId: groupBuyer.id, role: "MINISTRY_ANALYST" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: groupBuyer.id } })).role).toBe("MINISTRY_ANALYST");
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.role", entityId: String(groupBuyer.id) } });
    expect(entry.before).toMatchObject({ role: "GROUP_BUYER" });
    expect(entry.after).toMatchObject({ role: "MINISTRY_ANALYST" });
  });

  it("refuses an admin changing the own role", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    await expect(manage.changeUserRole(admin, { userId: admin.id, role: "BUYER" })).rejects.toThrow("Du kan ikke ændre din egen rolle.");
  });

  it("ends every session of a deactivated user by raising the session version", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const buyer = await prisma.user.findUniqueOrThrow({ where: { email: "koeber.kommune@demo.example.dk" } });
    await manage.setUserActive(admin, { userId: buyer.id, active: false });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: buyer.id } });
    expect(after.active).toBe(false);
    expect(after.sessionVersion).toBe(buyer.sessionVersion + 1);
  });
});

describe("log-in rate limiting", () => {
  const refusedFor = async (keys: ReturnType<typeof rateLimit.loginKeys>, at = new Date()) => {
    const until = await rateLimit.loginRefusedUntil(keys, at);
    return until ? Math.round((until.getTime() - at.getTime()) / 1000) : 0;
  };

  it("slows a guesser down without locking the owner out at the owner's own address", async () => {
    const owner = rateLimit.loginKeys("koeber.stat@demo.example.dk", "10.0.0.1");
    await rateLimit.recordLoginAttempt(owner, true, null);
    const guesser = rateLimit.loginKeys("Koeber.Stat@demo.example.dk ", "10.9.8.7");
    for (let attempt = 1; attempt <= 4; attempt++) {
      await rateLimit.recordLoginAttempt(guesser, false, null);
      expect(await refusedFor(guesser)).toBe(0);
    }
    await rateLimit.recordLoginAttempt(guesser, false, null);
    // The guesser's address is new to the account: it waits out the window.
    expect(await refusedFor(guesser)).toBeGreaterThan(14 * 60);
    expect(await prisma.auditLog.count({ where: { action: "login.locked", entityId: guesser.account } })).toBe(1);
    // The owner, at an address the account logged in from, is not locked out; another new address is.
    expect(await refusedFor(owner)).toBe(0);
    expect(await refusedFor(rateLimit.loginKeys("koeber.stat@demo.example.dk", "10.5.5.5"))).toBeGreaterThan(14 * 60);
    // Another account from another address is not affected; after the window nobody waits.
    expect(await refusedFor(rateLimit.loginKeys("admin@demo.example.dk", "10.1.1.1"))).toBe(0);
    expect(await refusedFor(guesser, new Date(Date.now() + 16 * 60_000))).toBe(0);
  });

  it("delays the owner's own wrong passwords progressively, and a success starts the count again", async () => {
    const owner = rateLimit.loginKeys("analytiker@demo.example.dk", "10.0.0.2");
    await rateLimit.recordLoginAttempt(owner, true, null);
    for (let attempt = 1; attempt <= 5; attempt++) await rateLimit.recordLoginAttempt(owner, false, null);
    const first = await refusedFor(owner);
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThanOrEqual(30);
    await rateLimit.recordLoginAttempt(owner, false, null);
    expect(await refusedFor(owner)).toBeGreaterThan(55);
    await rateLimit.recordLoginAttempt(owner, true, null);
    await rateLimit.recordLoginAttempt(owner, false, null);
    expect(await refusedFor(owner)).toBe(0);
  });

  it("answers an unknown e-mail exactly as a known one", async () => {
    const known = rateLimit.loginKeys("admin@demo.example.dk", "10.7.7.7");
    const unknown = rateLimit.loginKeys("findes.ikke@demo.example.dk", "10.7.7.8");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await rateLimit.recordLoginAttempt(known, false, null);
      await rateLimit.recordLoginAttempt(unknown, false, null);
    }
    expect(Math.abs((await refusedFor(known)) - (await refusedFor(unknown)))).toBeLessThanOrEqual(1);
  });
});

describe("log-out", () => {
  it("keeps the session's id until the session would have ended, audits it, and drops ids past their end", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "koeber.stat@demo.example.dk" } });
    const stale = revocation.newSessionClaims(new Date(Date.now() - 9 * 3600_000));
    await revocation.revokeSession(user.id, stale, new Date(Date.now() - 9 * 3600_000));
    const claims = revocation.newSessionClaims();
    await revocation.revokeSession(user.id, claims);
    const row = await prisma.revokedSession.findUniqueOrThrow({ where: { sessionId: claims.sid } });
    expect(row.expiresAt.getTime()).toBe((claims.authAt + 8 * 3600) * 1000);
    // The stale id's session ended an hour ago: dropped at this log-out.
    expect(await prisma.revokedSession.findUnique({ where: { sessionId: stale.sid } })).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "logout", actorId: user.id } })).toBe(2);
  });
});

describe("burst limits, shared through PostgreSQL", () => {
  it("allows the limit in a window, refuses the rest with the seconds to wait, and opens again", async () => {
    const verdicts = [];
    for (let hit = 0; hit < 5; hit++) verdicts.push(await burst.hitRateLimit("action:session:a", 3, 2));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false]);
    expect(verdicts[4]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(verdicts[4]!.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect((await burst.hitRateLimit("action:session:b", 3, 2)).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await burst.hitRateLimit("action:session:a", 3, 2)).allowed).toBe(true);
  });

  it("counts every hit once when two processes' pools hit the same key at the same time", async () => {
    // The app's pool and this test's pool stand for two portal processes.
    const { databasePool } = await import("@/lib/db/client");
    const otherProcess = new pg.Pool({ connectionString: db.url, max: 5 });
    try {
      const verdicts = await Promise.all(
        Array.from({ length: 20 }, (_, hit) => burst.hitRateLimit("login:ip:10.0.0.9", 10, 60, hit % 2 ? otherProcess : databasePool())),
      );
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
      expect(await prisma.rateLimit.findUniqueOrThrow({ where: { key: "login:ip:10.0.0.9" } })).toMatchObject({ points: 20 });
    } finally {
      await otherProcess.end();
    }
  });
});
