import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { complianceQuarters, staleQuarters } from "@/lib/compliance/rollup";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// A ministry page brings the quarters it shows up to date, and only those (lib/compliance/page-context.ts).
let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 20 });
  prisma = createPrismaClient(db.url);
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  await prisma.$disconnect();
  await (await import("@/lib/db/client")).prisma.$disconnect();
  await db.drop();
});

it("refreshes the shown quarters that are out of date and leaves the others for their own pages and the job", async () => {
  const { complianceDataShowing } = await import("@/lib/compliance/queries");
  const quarters = await complianceQuarters(prisma);
  expect(quarters.length).toBeGreaterThan(2);
  await prisma.complianceQuarter.updateMany({ data: { stale: true } });
  expect(await staleQuarters(prisma, quarters)).toEqual(quarters);

  const shown = quarters.slice(-2);
  const data = await complianceDataShowing(quarters, shown);
  expect(data.quarters).toEqual(quarters);
  expect(data.busy).toEqual([]);
  expect(await staleQuarters(prisma, quarters)).toEqual(quarters.slice(0, -2));
});
