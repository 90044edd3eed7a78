import type { CurrentUser } from "@/lib/auth/types";
import type { PrismaClient } from "@/lib/db/create-client";

/** A demo user as lib/auth/current-user.ts would present it, read from the test's database. */
export async function currentUserByEmail(prisma: PrismaClient, email: string): Promise<CurrentUser> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { institution: true, ministry: true, supplier: true } });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    institutionId: user.institutionId,
    institutionName: user.institution?.name ?? null,
    ministryId: user.ministryId,
    ministryName: user.ministry?.name ?? null,
    supplierId: user.supplierId,
    supplierName: user.supplier?.name ?? null,
  };
}
