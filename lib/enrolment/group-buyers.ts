import "server-only";
import { prisma } from "@/lib/db/client";
import { isValidCvr, normalizeCvr } from "@/lib/domain/identifiers";

/**
 * "Find din koncernindkøber": the group buyers (koncernindkøbere) of every ministry area with their
 * contact details, and the look-up of an institution's group buyer by its own CVR number. Public:
 * the agency publishes who the group buyers are, and a voluntary customer needs the contact before
 * it has a log-in. Only active users with the GROUP_BUYER role are listed, with their work contact
 * details (name, title, contact e-mail, phone) and nothing else: the contact e-mail is a functional
 * mailbox kept apart from the log-in e-mail, which is never published (a list of log-in names is
 * half of a password guess).
 */

const danish = new Intl.Collator("da");

export type GroupBuyerContact = { id: number; name: string; title: string | null; contactEmail: string | null; phone: string | null };
export type MinistryGroupBuyers = { id: number; code: string; name: string; groupBuyers: GroupBuyerContact[] };

const contactSelect = { id: true, name: true, title: true, contactEmail: true, phone: true } as const;

/** Every ministry area with its group buyers, in Danish order. */
export async function groupBuyerDirectory(): Promise<MinistryGroupBuyers[]> {
  const ministries = await prisma.ministry.findMany({
    select: { id: true, code: true, name: true, users: { where: { role: "GROUP_BUYER", active: true }, select: contactSelect, orderBy: { name: "asc" } } },
  });
  return ministries
    .map(({ users, ...ministry }) => ({ ...ministry, groupBuyers: users }))
    .sort((a, b) => danish.compare(a.name, b.name));
}

export type CvrLookup =
  | { status: "invalid" }
  | { status: "unknown"; cvr: string }
  | { status: "found"; cvr: string; institution: { name: string }; ministry: MinistryGroupBuyers };

/** The group buyers of the ministry area the institution with this CVR number belongs to. */
export async function groupBuyersByCvr(input: string): Promise<CvrLookup> {
  const cvr = normalizeCvr(input);
  if (!isValidCvr(cvr)) return { status: "invalid" };
  const institution = await prisma.institution.findUnique({
    where: { cvr },
    select: {
      name: true,
      ministry: { select: { id: true, code: true, name: true, users: { where: { role: "GROUP_BUYER", active: true }, select: contactSelect, orderBy: { name: "asc" } } } },
    },
  });
  if (!institution) return { status: "unknown", cvr };
  const { users, ...ministry } = institution.ministry;
  return { status: "found", cvr, institution: { name: institution.name }, ministry: { ...ministry, groupBuyers: users } };
}
