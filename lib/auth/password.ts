import "server-only";
import bcrypt from "bcryptjs";

/**
 * A bcrypt hash (cost 10, the demo users' DEMO_BCRYPT_COST) of a random string nobody knows. A
 * log-in for an unknown, inactive or password-less user is compared against it, so that a failed
 * log-in costs one bcrypt comparison whether the e-mail exists or not (it took 95 ms against 21 ms,
 * which told an attacker which e-mails have accounts).
 */
const NO_USER_HASH = "$2b$10$.NVYiokHaXmxZWGjJeJhYeeWrSzlA.pwmqXueg.8QAokvewTUlo/2";

/** Whether the password is the user's; always runs exactly one bcrypt comparison. */
export async function passwordMatches(user: { active: boolean; passwordHash: string | null } | null, password: string): Promise<boolean> {
  const hash = user?.active && user.passwordHash ? user.passwordHash : null;
  const matches = await bcrypt.compare(password, hash ?? NO_USER_HASH);
  return hash !== null && matches;
}
