import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db/client";
import { audit } from "@/lib/audit";

/**
 * Failed log-ins slow the guesser down without locking the account's owner out
 * (docs/decisions/0009-login-abuse.md). Every attempt is stored in LoginAttempt (PostgreSQL, so
 * the rule holds across processes and restarts) under three keys: the e-mail and client address
 * together, the e-mail alone, and the address alone. An attempt is refused until a time when:
 *
 * 1. e-mail and address together: after LOGIN_MAX_ATTEMPTS failures in LOGIN_WINDOW_MINUTES since
 *    the pair's last success, each further attempt waits twice as long as the one before (30 s,
 *    1 min, 2 min, … at most the window);
 * 2. the e-mail alone: after LOGIN_MAX_ATTEMPTS failures in the window from any address, addresses
 *    that have not logged in to the account within KNOWN_ADDRESS_DAYS wait until the window has
 *    passed since the last failure; the owner's known addresses are not locked out by others;
 * 3. the address alone: after LOGIN_ADDRESS_MAX_ATTEMPTS failures in the window over all e-mails
 *    (guessing one password for many accounts), the address waits until the window has passed.
 *
 * Every rule is keyed by the e-mail as typed, never by whether a user has it, so the answer and
 * the database work are the same for an unknown e-mail.
 */
export const KNOWN_ADDRESS_DAYS = 90;
const FIRST_DELAY_MS = 30_000;

export type LoginAttemptKeys = { pair: string; account: string; address: string };

export function loginKeys(email: string, clientAddress: string): LoginAttemptKeys {
  const account = email.trim().toLowerCase();
  return { pair: `pair:${account}|${clientAddress}`, account: `account:${account}`, address: `address:${clientAddress}` };
}

export type LoginHistory = {
  /** The pair's failures in the window since its last success, newest first. */
  pairFailures: Date[];
  /** Whether the pair has logged in successfully within KNOWN_ADDRESS_DAYS. */
  knownAddress: boolean;
  /** Failures in the window, newest first. */
  accountFailures: Date[];
  addressFailures: Date[];
};

export type LoginLimits = { maxAttempts: number; addressMaxAttempts: number; windowMs: number };

const limitsFromEnv = (): LoginLimits => ({
  maxAttempts: env.LOGIN_MAX_ATTEMPTS,
  addressMaxAttempts: env.LOGIN_ADDRESS_MAX_ATTEMPTS,
  windowMs: env.LOGIN_WINDOW_MINUTES * 60_000,
});

/** When the next attempt may be made, or null when it may be made now. */
export function refusedUntil(history: LoginHistory, now: Date, limits: LoginLimits): Date | null {
  const until: number[] = [];
  const { pairFailures, accountFailures, addressFailures } = history;
  if (pairFailures.length >= limits.maxAttempts) {
    const delay = Math.min(FIRST_DELAY_MS * 2 ** (pairFailures.length - limits.maxAttempts), limits.windowMs);
    until.push(pairFailures[0]!.getTime() + delay);
  }
  if (!history.knownAddress && accountFailures.length >= limits.maxAttempts) until.push(accountFailures[0]!.getTime() + limits.windowMs);
  if (addressFailures.length >= limits.addressMaxAttempts) until.push(addressFailures[0]!.getTime() + limits.windowMs);
  const latest = Math.max(...until);
  return latest > now.getTime() ? new Date(latest) : null;
}

async function loginHistory(keys: LoginAttemptKeys, now: Date, windowMs: number): Promise<LoginHistory> {
  const windowStart = new Date(now.getTime() - windowMs);
  const lastPairSuccess = await prisma.loginAttempt.findFirst({
    where: { key: keys.pair, success: true, createdAt: { gt: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000), lte: now } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const failures = await prisma.loginAttempt.findMany({
    where: { key: { in: [keys.pair, keys.account, keys.address] }, success: false, createdAt: { gt: windowStart, lte: now } },
    orderBy: { createdAt: "desc" },
    select: { key: true, createdAt: true },
  });
  const of = (key: string) => failures.filter((failure) => failure.key === key).map((failure) => failure.createdAt);
  return {
    pairFailures: of(keys.pair).filter((at) => !lastPairSuccess || at > lastPairSuccess.createdAt),
    knownAddress: lastPairSuccess !== null,
    accountFailures: of(keys.account),
    addressFailures: of(keys.address),
  };
}

/** When the next log-in attempt for these keys may be made, or null when now. */
export async function loginRefusedUntil(keys: LoginAttemptKeys, now = new Date()): Promise<Date | null> {
  const limits = limitsFromEnv();
  return refusedUntil(await loginHistory(keys, now, limits.windowMs), now, limits);
}

/**
 * Stores the attempt under its keys and drops the keys' rows no rule reads any more. A failure
 * that makes the next attempt wait is audited.
 */
export async function recordLoginAttempt(keys: LoginAttemptKeys, success: boolean, userId: number | null): Promise<void> {
  const now = new Date();
  const limits = limitsFromEnv();
  // A success matters only to its pair (it resets the pair's count and makes the address known).
  const recorded = success ? [keys.pair] : [keys.pair, keys.account, keys.address];
  await prisma.loginAttempt.createMany({ data: recorded.map((key) => ({ key, success, createdAt: now })) });
  await prisma.loginAttempt.deleteMany({
    where: {
      OR: [
        { key: keys.pair, createdAt: { lt: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000) } },
        { key: { in: [keys.account, keys.address] }, createdAt: { lt: new Date(now.getTime() - limits.windowMs) } },
      ],
    },
  });
  if (success) return;
  const until = await loginRefusedUntil(keys, now);
  if (until) {
    await audit(prisma, { actorId: userId, action: "login.locked", entity: "LoginAttempt", entityId: keys.account, after: { ...keys, until: until.toISOString() } });
  }
}
