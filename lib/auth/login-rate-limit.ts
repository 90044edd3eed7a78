import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db/client";
import { audit } from "@/lib/audit";

/**
 * Log-in attempts are counted per e-mail and per client address in the LoginAttempt table, so the
 * limit holds across restarts and across several portal processes. After LOGIN_MAX_ATTEMPTS
 * failures within LOGIN_WINDOW_MINUTES (since the last success) the key is locked until the
 * window has passed.
 */
export function loginKeys(email: string, clientAddress: string | null): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (clientAddress) keys.push(`ip:${clientAddress}`);
  return keys;
}

export async function lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - env.LOGIN_WINDOW_MINUTES * 60_000);
  for (const key of keys) {
    const lastSuccess = await prisma.loginAttempt.findFirst({
      where: { key, success: true, createdAt: { gt: windowStart } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    const failures = await prisma.loginAttempt.findMany({
      where: { key, success: false, createdAt: { gt: lastSuccess?.createdAt ?? windowStart } },
      orderBy: { createdAt: "desc" },
      take: env.LOGIN_MAX_ATTEMPTS,
      select: { createdAt: true },
    });
    if (failures.length >= env.LOGIN_MAX_ATTEMPTS) {
      const oldestCounted = failures[failures.length - 1]!.createdAt;
      return new Date(oldestCounted.getTime() + env.LOGIN_WINDOW_MINUTES * 60_000);
    }
  }
  return null;
}

export async function recordLoginAttempt(keys: string[], success: boolean, userId: number | null): Promise<void> {
  await prisma.loginAttempt.createMany({ data: keys.map((key) => ({ key, success })) });
  if (!success && (await lockedUntil(keys))) {
    await audit(prisma, { actorId: userId, action: "login.locked", entity: "LoginAttempt", entityId: keys[0], after: { keys } });
  }
}
