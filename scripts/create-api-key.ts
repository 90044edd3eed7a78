// API keys for other systems (GET/POST /api/kaskade, see the README "API: kaskaden").
//
//   npx tsx --conditions=react-server scripts/create-api-key.ts --institution <CVR or id> --name "<name>" [--by <e-mail>]
//   npx tsx --conditions=react-server scripts/create-api-key.ts --list [--institution <CVR or id>]
//   npx tsx --conditions=react-server scripts/create-api-key.ts --revoke <key id> [--by <e-mail>]
//
// Works on DATABASE_URL, or the embedded database when it is unset (stop `npm start` first: the
// embedded database holds one process). A new key is printed once and never again: only its
// SHA-256 hash is stored. --by names the responsible user (an ADMIN, or a buyer of the institution);
// without it the first active ADMIN is used. Creation and revocation are written to the audit log.
import { parseArgs } from "node:util";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-key";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { withDatabase } from "@/scripts/with-database";

function usage(message?: string): never {
  if (message) console.error(`Fejl: ${message}`);
  console.error(
    [
      "Brug: npx tsx --conditions=react-server scripts/create-api-key.ts --institution <CVR eller id> --name <navn> [--by <e-mail>]",
      "      npx tsx --conditions=react-server scripts/create-api-key.ts --list [--institution <CVR eller id>]",
      "      npx tsx --conditions=react-server scripts/create-api-key.ts --revoke <nøgle-id> [--by <e-mail>]",
    ].join("\n"),
  );
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        institution: { type: "string" },
        name: { type: "string" },
        by: { type: "string" },
        list: { type: "boolean", default: false },
        revoke: { type: "string" },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();

async function findInstitution(prisma: PrismaClient, text: string) {
  const cvr = text.replace(/\s/g, "").replace(/^DK/i, "");
  const institution = /^\d{8}$/.test(cvr)
    ? await prisma.institution.findUnique({ where: { cvr } })
    : /^\d{1,7}$/.test(text)
      ? await prisma.institution.findUnique({ where: { id: Number(text) } })
      : null;
  return institution ?? usage(`institutionen ${text} findes ikke (angiv CVR-nummer eller id)`);
}

async function findActor(prisma: PrismaClient, email: string | undefined) {
  const user = email
    ? await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } })
    : await prisma.user.findFirst({ where: { role: "ADMIN", active: true }, orderBy: { id: "asc" } });
  if (!user || !user.active) usage(email ? `brugeren ${email} findes ikke eller er deaktiveret` : "der er ingen aktiv administrator; angiv --by");
  return user;
}

await withDatabase(async (url) => {
  const prisma = createPrismaClient(url, 1);
  try {
    if (values.list) {
      const institution = values.institution ? await findInstitution(prisma, values.institution) : null;
      const keys = await prisma.apiKey.findMany({
        where: institution ? { institutionId: institution.id } : {},
        orderBy: { id: "asc" },
        include: { institution: { select: { name: true } }, createdBy: { select: { email: true } } },
      });
      if (keys.length === 0) console.log("Ingen API-nøgler.");
      for (const key of keys) {
        const state = key.revokedAt ? `tilbagekaldt ${key.revokedAt.toISOString()}` : "aktiv";
        const used = key.lastUsedAt ? `senest brugt ${key.lastUsedAt.toISOString()}` : "aldrig brugt";
        console.log(`${key.id}\t${key.keyPrefix}…\t${key.name}\t${key.institution.name}\t${state}, ${used}, oprettet af ${key.createdBy.email}`);
      }
      return;
    }
    if (values.revoke) {
      if (!/^\d+$/.test(values.revoke)) usage("--revoke skal være nøglens id (se --list)");
      const actor = await findActor(prisma, values.by);
      await prisma.$transaction((tx) => revokeApiKey(actor, Number(values.revoke), tx));
      console.log(`API-nøgle ${values.revoke} er tilbagekaldt.`);
      return;
    }
    if (!values.institution || !values.name) usage("--institution og --name skal angives");
    const institution = await findInstitution(prisma, values.institution);
    const actor = await findActor(prisma, values.by);
    const created = await prisma.$transaction((tx) => createApiKey(actor, { name: values.name!, institutionId: institution.id }, tx));
    console.log(`API-nøgle ${created.id} «${values.name}» for ${institution.name} (oprettet af ${actor.email}).`);
    console.log("Gem nøglen nu – den vises ikke igen:");
    console.log("");
    console.log(created.key);
    console.log("");
    console.log(`Brug: curl -H "Authorization: Bearer ${created.prefix}…" "http://localhost:3000/api/kaskade?category=1920&amountOre=12500000"`);
  } finally {
    await prisma.$disconnect();
  }
});
