import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/options";
import type { CurrentUser } from "@/lib/auth/types";

/**
 * The logged-in user, read from the database on each request (once per request, via cache).
 * A deactivated user, or a session older than the user's session version, counts as logged out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  const user = await prisma.user.findUnique({
    where: { id: session.uid },
    include: { institution: { select: { name: true } }, ministry: { select: { name: true } } },
  });
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    institutionId: user.institutionId,
    institutionName: user.institution?.name ?? null,
    ministryId: user.ministryId,
    ministryName: user.ministry?.name ?? null,
  };
});
