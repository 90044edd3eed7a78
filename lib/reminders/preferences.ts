import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/types";
import { type Db, inTransaction, prisma } from "@/lib/db/client";
import type { AlertKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The optional alerts each user may switch off on /indstillinger. No row in AlertPreference means
 * the alert is on. Deadline reminders to institutions that have not delivered are not optional and
 * have no switch.
 *
 * For code that picks recipients (the agreement-ceiling warnings, issue 14):
 *   - one user:        `await wantsAlert(userId, "AGREEMENT_CEILING", db)`
 *   - a Prisma query:  `db.user.findMany({ where: { ...others, ...wantsAlertWhere("AGREEMENT_CEILING") } })`
 *   - raw SQL:         `wantsAlertSql("u")` (a condition on the alias of "User") with the kind as $1:
 *                      `... WHERE ${wantsAlertSql("u")}`, values [..., "AGREEMENT_CEILING"]
 */
export const OPTIONAL_ALERTS: Record<AlertKind, { label: string; description: string }> = {
  AGREEMENT_EXPIRY: {
    label: "Aftaler, der snart udløber",
    description: "90 og 30 dage før en aftale udløber, når din institution (eller dit ministerområde) har købt på den i det seneste år eller har valgt den i kaskaden.",
  },
  AGREEMENT_CEILING: {
    label: "Aftaler, der nærmer sig deres loft",
    description: "Når forbruget på en aftale, du bruger, nærmer sig aftalens maksimale værdi.",
  },
};

export const ALERT_KINDS = Object.keys(OPTIONAL_ALERTS) as AlertKind[];

// An unticked checkbox is not sent: absent means off.
const checkbox = z.literal("on").optional().transform((value) => value === "on");
export const alertSettingsSchema = z.object({ AGREEMENT_EXPIRY: checkbox, AGREEMENT_CEILING: checkbox });

export async function wantsAlert(userId: number, kind: AlertKind, db: Db = prisma): Promise<boolean> {
  const choice = await db.alertPreference.findUnique({ where: { userId_kind: { userId, kind } }, select: { enabled: true } });
  return choice?.enabled ?? true;
}

/** A condition on User: the users who have not switched `kind` off. */
export function wantsAlertWhere(kind: AlertKind): Prisma.UserWhereInput {
  return { alertPreferences: { none: { kind, enabled: false } } };
}

/** The same as SQL, on the given alias of "User", with the kind as parameter `$n` (default $1). */
export function wantsAlertSql(userAlias: string, parameter = 1): string {
  return `NOT EXISTS (SELECT 1 FROM "AlertPreference" ap WHERE ap."userId" = ${userAlias}."id" AND ap."kind" = $${parameter}::"AlertKind" AND NOT ap."enabled")`;
}

/** The user's choices, every optional alert (on unless switched off). */
export async function alertSettings(userId: number, db: Db = prisma): Promise<Record<AlertKind, boolean>> {
  const rows = await db.alertPreference.findMany({ where: { userId }, select: { kind: true, enabled: true } });
  const settings = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, true])) as Record<AlertKind, boolean>;
  for (const row of rows) settings[row.kind] = row.enabled;
  return settings;
}

/** Saves the user's own choices (never anybody else's: the user is the session's). */
export async function saveAlertSettings(user: CurrentUser, choices: Record<AlertKind, boolean>, db?: Db): Promise<string> {
  return inTransaction(db, async (tx) => {
    const before = await alertSettings(user.id, tx);
    for (const kind of ALERT_KINDS) {
      await tx.alertPreference.upsert({
        where: { userId_kind: { userId: user.id, kind } },
        create: { userId: user.id, kind, enabled: choices[kind] },
        update: { enabled: choices[kind], updatedAt: new Date() },
      });
    }
    await audit(tx, { actorId: user.id, action: "alerts.settings", entity: "User", entityId: String(user.id), before, after: choices });
    const off = ALERT_KINDS.filter((kind) => !choices[kind]).map((kind) => OPTIONAL_ALERTS[kind].label.toLowerCase());
    return off.length === 0 ? "Du får alle påmindelser." : `Gemt. Du får ikke længere beskeder om ${off.join(" og ")}.`;
  });
}
