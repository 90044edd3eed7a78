import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/types";
import type { NeedInput } from "@/lib/cascade/schemas";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";
import { currentUserByEmail } from "@/tests/support/users";

// The session behind getCurrentUser (next-auth needs a request): each test says who is logged in.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

let db: TestDatabase;
let prisma: PrismaClient;
let decisions: typeof import("@/lib/cascade/decisions");
let history: typeof import("@/lib/cascade/history");
let apiKeys: typeof import("@/lib/auth/api-key");
let route: typeof import("@/app/api/kaskade/route");

const DATE = "2026-11-22";
const JUSTIFICATION = "SKI-aftalen har de skriveborde, vi skal bruge, på lager nu.";

const currentUser = (email: string): Promise<CurrentUser> => currentUserByEmail(prisma, email);

const need = (category: string, overrides: Partial<NeedInput> = {}): NeedInput => ({
  category,
  amountOre: 125_000_00n,
  date: DATE,
  institutionId: null,
  ...overrides,
});

const agreementId = async (reference: string) => (await prisma.agreement.findUniqueOrThrow({ where: { reference } })).id;
const institutionId = async (name: string) => (await prisma.institution.findFirstOrThrow({ where: { name } })).id;
const counts = async () => ({ decisions: await prisma.cascadeDecision.count(), audit: await prisma.auditLog.count({ where: { action: "cascade.decision" } }) });

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.url, { purchaseLinesPerQuarter: 50 });
  prisma = createPrismaClient(db.url);
  // Server modules read DATABASE_URL when first imported: point them at this test's database.
  process.env.DATABASE_URL = db.url;
  decisions = await import("@/lib/cascade/decisions");
  history = await import("@/lib/cascade/history");
  apiKeys = await import("@/lib/auth/api-key");
  route = await import("@/app/api/kaskade/route");
});
afterAll(async () => {
  await prisma?.$disconnect();
  await (await import("@/lib/db/client")).prisma.$disconnect();
  await db?.drop();
});
beforeEach(() => {
  session.user = null;
});

describe("evaluating a need against the demo data", () => {
  it("routes an obligated buyer's office supplies to the mandatory agreement, and shows why the own agreement does not fit", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const evaluation = await decisions.evaluateNeed(buyer, need("1920 Kontorartikler"));
    expect(evaluation.institution).toMatchObject({ id: buyer.institutionId, name: "Økonomistyrelsen", customerType: "OBLIGATED" });
    expect(evaluation.decision.recommended).toMatchObject({ reference: "SIP 11.04", tier: 1, usable: true });
    expect(evaluation.decision.winningTier).toBe(1);
    const own = evaluation.decision.tiers[2].candidates;
    expect(own.map((c) => c.reference)).toEqual(["EGEN OES 2021-01"]);
    expect(own[0]!.reasons).toEqual(["NOT_VALID_ON_DATE", "CATEGORY_NOT_COVERED"]);
    // Another institution's own agreements are never read.
    const all = evaluation.decision.tiers.flatMap((t) => t.candidates.map((c) => c.reference));
    expect(all.filter((reference) => reference.startsWith("EGEN") && reference !== "EGEN OES 2021-01")).toEqual([]);
    expect(evaluation.explanation.summary).toBe("Anbefaling: Kontorartikler (SIP 11.04), trin 1 i kaskaden.");
  });

  it("finds a category by its exact name too, and says so at the field when it does not exist", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    expect((await decisions.evaluateNeed(buyer, need("kontorartikler"))).category.code).toBe("1920");
    const error = await decisions.evaluateNeed(buyer, need("9999")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(decisions.CascadeInputError);
    expect((error as InstanceType<typeof decisions.CascadeInputError>).errors).toEqual({
      category: ["Kategorien «9999» findes ikke. Vælg en kategori fra listen."],
    });
  });

  it("answers own procurement, with the EU note, when no agreement is valid on the date", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    // Mobiltelefoni (SIP 08.02) ended 30 June 2026; its successor starts 1 January 2027.
    const evaluation = await decisions.evaluateNeed(buyer, need("1510", { amountOre: 2_000_000_00n }));
    expect(evaluation.decision).toMatchObject({ outcome: "OWN_PROCUREMENT", recommended: null, aboveEuThreshold: true });
    expect(evaluation.euThresholdOre).toBe(1_044_400_00n);
    expect(evaluation.decision.tiers[0].candidates.map((c) => c.reference)).toContain("SIP 08.02");
    expect(evaluation.decision.tiers[0].candidates.every((c) => c.reasons.includes("NOT_VALID_ON_DATE"))).toBe(true);
    expect(evaluation.explanation.notes.join(" ")).toMatch(/overstiger EU's tærskelværdi/);
    const later = await decisions.evaluateNeed(buyer, need("1510", { date: "2027-01-01" }));
    expect(later.decision.recommended?.reference).toBe("SIP 12.05");
  });

  it("never recommends to a voluntary municipality a mandatory agreement it is not party to", async () => {
    const buyer = await currentUser("koeber.kommune@demo.example.dk");
    const furniture = await decisions.evaluateNeed(buyer, need("1720"));
    expect(furniture.institution.customerType).toBe("VOLUNTARY");
    expect(furniture.decision.tiers[0].candidates).toMatchObject([{ reference: "SIP 12.01", usable: false, reasons: ["NOT_PARTY"] }]);
    expect(furniture.decision.recommended).toMatchObject({ reference: "SKI 16.30", tier: 2 });
    // Party by an approved enrolment to a phase 10 agreement: the mandatory agreement still ranks first.
    const software = await decisions.evaluateNeed(buyer, need("1440"));
    expect(software.decision.recommended).toMatchObject({ reference: "SIP 10.02", tier: 1 });
    // A pending enrolment is not enough: nothing else covers electricity, so own procurement.
    const electricity = await decisions.evaluateNeed(buyer, need("1150"));
    expect(electricity.decision.tiers[0].candidates[0]).toMatchObject({ reference: "SIP 10.01", reasons: ["ENROLMENT_PENDING"] });
    expect(electricity.decision.outcome).toBe("OWN_PROCUREMENT");
  });

  it("refuses analysts and the agency", async () => {
    for (const email of ["analytiker@demo.example.dk", "admin@demo.example.dk"]) {
      const user = await currentUser(email);
      await expect(decisions.evaluateNeed(user, need("1920"))).rejects.toBeInstanceOf(decisions.CascadeInputError);
    }
  });
});

describe("recording a decision", () => {
  it("stores a decision that follows the recommendation, with its explanation, and audits it", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const before = await counts();
    const shown = await decisions.evaluateNeed(buyer, need("1920"));
    const recorded = await decisions.recordDecision(buyer, need("1920"), {
      agreementId: await agreementId("SIP 11.04"),
      justification: "",
      shown: shown.fingerprint,
    });
    expect(recorded.deviates).toBe(false);
    const stored = await prisma.cascadeDecision.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(stored).toMatchObject({
      institutionId: buyer.institutionId,
      userId: buyer.id,
      categoryCode: "1920",
      amountOre: 125_000_00n,
      outcome: "AGREEMENT",
      recommendedAgreementId: await agreementId("SIP 11.04"),
      chosenAgreementId: await agreementId("SIP 11.04"),
      deviates: false,
      justification: null,
    });
    expect(stored.needDate.toISOString().slice(0, 10)).toBe(DATE);
    expect(stored.explanation).toEqual(JSON.parse(JSON.stringify(shown.explanation)));
    expect(await counts()).toEqual({ decisions: before.decisions + 1, audit: before.audit + 1 });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "cascade.decision", entityId: String(recorded.id) } });
    expect(entry).toMatchObject({ actorId: buyer.id, entity: "CascadeDecision" });
    expect(entry.after).toMatchObject({ categoryCode: "1920", amountOre: "12500000", deviates: false });
  });

  it("refuses a deviation without a justification and stores nothing", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const before = await counts();
    const error = await decisions
      .recordDecision(buyer, need("1720"), { agreementId: await agreementId("SKI 16.30"), justification: "Billigere", shown: null })
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof decisions.CascadeInputError>).errors).toEqual({
      justification: ["Skriv en begrundelse på mindst 20 tegn: du har valgt noget andet end anbefalingen."],
    });
    expect(await counts()).toEqual(before);
  });

  it("stores a justified deviation with deviates=true and an audit entry", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const before = await counts();
    const recorded = await decisions.recordDecision(buyer, need("1720"), {
      agreementId: await agreementId("SKI 16.30"),
      justification: JUSTIFICATION,
      shown: null,
    });
    expect(recorded.deviates).toBe(true);
    expect(recorded.message).toMatch(/afviger fra kaskaden/);
    const stored = await prisma.cascadeDecision.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(stored).toMatchObject({
      deviates: true,
      justification: JUSTIFICATION,
      recommendedAgreementId: await agreementId("SIP 12.01"),
      chosenAgreementId: await agreementId("SKI 16.30"),
    });
    expect(await counts()).toEqual({ decisions: before.decisions + 1, audit: before.audit + 1 });
    const listed = await history.listDecisions(buyer, { deviationsOnly: true, page: 1 });
    expect(listed.rows.map((r) => r.id)).toContain(recorded.id);
    expect(listed.rows.every((r) => r.deviates)).toBe(true);
  });

  it("asks why when several agreements are usable in the winning tier, without calling it a deviation", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    // From 1 March 2027 two voluntary food agreements cover canteen food (tier 2).
    const food = need("1820", { date: "2027-06-01" });
    const evaluation = await decisions.evaluateNeed(buyer, food);
    expect(evaluation.decision.usableInWinningTier.map((c) => c.reference).sort()).toEqual(["SIP 12.06", "SKI 13.22"]);
    const second = evaluation.decision.usableInWinningTier[1]!.agreementId;
    await expect(decisions.recordDecision(buyer, food, { agreementId: second, justification: "", shown: null })).rejects.toThrow(
      /der er 2 anvendelige aftaler på trin 2/,
    );
    const recorded = await decisions.recordDecision(buyer, food, { agreementId: second, justification: JUSTIFICATION, shown: null });
    expect(recorded.deviates).toBe(false);
  });

  it("refuses a choice made on an explanation that has changed since it was shown", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const before = await counts();
    await expect(
      decisions.recordDecision(buyer, need("1920"), { agreementId: await agreementId("SIP 11.04"), justification: "", shown: "0".repeat(64) }),
    ).rejects.toThrow(/Vurderingen har ændret sig/);
    await expect(
      decisions.recordDecision(buyer, need("1920"), { agreementId: await agreementId("SIP 08.03"), justification: JUSTIFICATION, shown: null }),
    ).rejects.toThrow(/anvendelige aftaler/);
    expect(await counts()).toEqual(before);
  });

  it("never lets a buyer act for another institution", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const other = await institutionId("Skattestyrelsen");
    const before = await counts();
    const error = await decisions
      .recordDecision(buyer, need("1920", { institutionId: other }), { agreementId: await agreementId("SIP 11.04"), justification: "", shown: null })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ forbidden: true, errors: { institution: ["Du kan kun vurdere indkøb for din egen institution."] } });
    await expect(decisions.evaluateNeed(buyer, need("1920", { institutionId: other }))).rejects.toMatchObject({ forbidden: true });
    expect(await counts()).toEqual(before);
    // Sending the own institution's id is the same as sending none.
    const own = await decisions.evaluateNeed(buyer, need("1920", { institutionId: buyer.institutionId }));
    expect(own.institution.id).toBe(buyer.institutionId);
  });

  it("lets a group buyer act for an institution of the area, and not outside it", async () => {
    const groupBuyer = await currentUser("koncernindkoeber@demo.example.dk");
    const inArea = await prisma.institution.findFirstOrThrow({ where: { ministryId: groupBuyer.ministryId!, name: { not: "Økonomistyrelsen" } } });
    const outside = await institutionId("Skattestyrelsen");
    const recorded = await decisions.recordDecision(groupBuyer, need("1920", { institutionId: inArea.id }), {
      agreementId: await agreementId("SIP 11.04"),
      justification: "",
      shown: null,
    });
    expect((await prisma.cascadeDecision.findUniqueOrThrow({ where: { id: recorded.id } })).institutionId).toBe(inArea.id);
    const before = await counts();
    await expect(
      decisions.recordDecision(groupBuyer, need("1920", { institutionId: outside }), {
        agreementId: await agreementId("SIP 11.04"),
        justification: "",
        shown: null,
      }),
    ).rejects.toMatchObject({ forbidden: true, errors: { institution: [expect.stringMatching(/ikke i dit ministerområde/)] } });
    await expect(decisions.evaluateNeed(groupBuyer, need("1920"))).rejects.toMatchObject({
      errors: { institution: ["Vælg den institution, indkøbet er for."] },
    });
    expect(await counts()).toEqual(before);
  });
});

describe("the history", () => {
  it("shows a buyer the own institution's decisions, a group buyer the area's, and refuses a decision outside the scope", async () => {
    const stateBuyer = await currentUser("koeber.stat@demo.example.dk");
    const municipalityBuyer = await currentUser("koeber.kommune@demo.example.dk");
    const groupBuyer = await currentUser("koncernindkoeber@demo.example.dk");
    const analyst = await currentUser("analytiker@demo.example.dk");
    const theirs = await decisions.recordDecision(municipalityBuyer, need("1720"), {
      agreementId: await agreementId("SKI 16.30"),
      justification: "",
      shown: null,
    });
    const own = await history.listDecisions(stateBuyer, { deviationsOnly: false, page: 1 });
    expect(own.total).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.institution.id === stateBuyer.institutionId)).toBe(true);
    expect(await history.getDecision(stateBuyer, theirs.id)).toEqual({ status: "missing" });
    expect(await history.getDecision(stateBuyer, 999_999)).toEqual({ status: "missing" });
    const found = await history.getDecision(municipalityBuyer, theirs.id);
    expect(found.status === "found" && found.value.explanation.decision.recommended?.reference).toBe("SKI 16.30");

    const area = await history.listDecisions(groupBuyer, { deviationsOnly: false, page: 1 });
    const areaInstitutions = await prisma.institution.findMany({ where: { ministryId: groupBuyer.ministryId! }, select: { id: true } });
    expect(area.rows.every((r) => areaInstitutions.some((i) => i.id === r.institution.id))).toBe(true);
    expect(area.total).toBe(await prisma.cascadeDecision.count({ where: { institution: { ministryId: groupBuyer.ministryId! } } }));
    expect(await history.getDecision(groupBuyer, theirs.id)).toEqual({ status: "missing" });
    const deviations = await history.listDecisions(groupBuyer, { deviationsOnly: true, page: 1 });
    expect(deviations.total).toBeGreaterThan(0);
    expect(deviations.rows.every((r) => r.deviates)).toBe(true);
    // An analyst's scope is the ministry too, but the permission table gives no history (guarded on the page).
    const { can } = await import("@/lib/auth/permissions");
    expect(can(analyst.role, "cascade.history")).toBe(false);
  });
});

describe("GET and POST /api/kaskade", () => {
  const call = (query: string, headers: Record<string, string> = {}) =>
    route.GET(new Request(`http://localhost/api/kaskade?${query}`, { headers }), undefined);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    route.POST(
      new Request("http://localhost/api/kaskade", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      undefined,
    );

  it("answers a valid key as a buyer of its institution, and records when it was used", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const oes = await institutionId("Økonomistyrelsen");
    const created = await apiKeys.createApiKey(admin, { name: "IndFak test", institutionId: oes });
    expect(created.key).toMatch(/^sip_[A-Za-z0-9_-]{43}$/);
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.keyHash).toBe(apiKeys.hashApiKey(created.key));
    expect(stored.keyHash).not.toContain(created.key.slice(4));
    expect(stored.lastUsedAt).toBeNull();

    const response = await call(`category=1920&amountOre=12500000&date=${DATE}`, { authorization: `Bearer ${created.key}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as import("@/lib/cascade/api").DecisionJson;
    expect(body).toMatchObject({
      institution: { id: oes, name: "Økonomistyrelsen", customerType: "OBLIGATED" },
      category: { code: "1920", name: "Kontorartikler" },
      amountOre: "12500000",
      date: DATE,
      euThresholdOre: "104440000",
      euThreshold: { authorityType: "CENTRAL", contractType: "SUPPLIES_SERVICES", validFrom: "2026-01-01", validTo: "2027-12-31" },
      outcome: "AGREEMENT",
      recommended: { reference: "SIP 11.04", tier: 1, url: `/aftaler/${await agreementId("SIP 11.04")}` },
      winningTier: 1,
      justificationRequired: false,
      aboveEuThreshold: false,
    });
    expect(body.tiers.map((t) => t.tier)).toEqual([1, 2, 3]);
    expect(body.tiers[2]!.candidates[0]!.reasons).toEqual([
      { code: "NOT_VALID_ON_DATE", text: "Aftalen gælder ikke på datoen for behovet." },
      { code: "CATEGORY_NOT_COVERED", text: "Aftalen dækker ikke indkøbskategorien." },
    ]);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();

    const byPost = await post({ category: "1920", amount: "125.000,00", date: DATE }, { authorization: `Bearer ${created.key}` });
    expect(byPost.status).toBe(200);
    expect(((await byPost.json()) as { recommended: { reference: string } }).recommended.reference).toBe("SIP 11.04");

    // The key acts for its institution only.
    const foreign = await call(`category=1920&amountOre=100&institutionId=${await institutionId("Skattestyrelsen")}`, {
      authorization: `Bearer ${created.key}`,
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ errors: { institutionId: ["Du kan kun vurdere indkøb for din egen institution."] } });

    // Bad input: 400 with a Danish message per field.
    const bad = await call("category=9999&amount=-5", { authorization: `Bearer ${created.key}` });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "Forespørgslen indeholder fejl.", errors: { amount: ["Beløbet skal være større end 0 kr."] } });
    const unknownCategory = await call("category=9999&amountOre=100", { authorization: `Bearer ${created.key}` });
    expect(unknownCategory.status).toBe(400);
    expect(await unknownCategory.json()).toMatchObject({ errors: { category: [expect.stringMatching(/findes ikke/)] } });
    expect((await post("not json", { authorization: `Bearer ${created.key}` })).status).toBe(400);
  });

  it("refuses a revoked key, an unknown or malformed key, and no key at all with 401", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const created = await apiKeys.createApiKey(admin, { name: "Tilbagekaldt", institutionId: await institutionId("Økonomistyrelsen") });
    await apiKeys.revokeApiKey(admin, created.id);
    expect(await prisma.auditLog.count({ where: { entity: "ApiKey", entityId: String(created.id) } })).toBe(2);
    const query = "category=1920&amountOre=100";
    const revoked = await call(query, { authorization: `Bearer ${created.key}` });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toMatch(/invalid_token/);
    expect(await revoked.json()).toEqual({ error: "API-nøglen er ugyldig eller tilbagekaldt." });
    for (const header of [`Bearer sip_${"A".repeat(43)}`, "Bearer", "Basic dXNlcjpwYXNz", `bearer ${created.key} extra`]) {
      expect((await call(query, { authorization: header })).status, header).toBe(401);
    }
    // A bad key is never retried as a session.
    session.user = await currentUser("koeber.stat@demo.example.dk");
    expect((await call(query, { authorization: `Bearer ${created.key}` })).status).toBe(401);
    session.user = null;
    const none = await call(query);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "Log ind for at fortsætte." });
  });

  it("answers a logged-in buyer for the own institution, and refuses roles that may not use the cascade", async () => {
    session.user = await currentUser("koeber.kommune@demo.example.dk");
    const response = await call(`category=1720&amountOre=850000&date=${DATE}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ institution: { name: "Aarhus Kommune" }, recommended: { reference: "SKI 16.30" } });
    session.user = await currentUser("analytiker@demo.example.dk");
    expect((await call("category=1720&amountOre=850000")).status).toBe(403);
    session.user = await currentUser("koncernindkoeber@demo.example.dk");
    expect((await call("category=1720&amountOre=850000")).status).toBe(400);
  });

  it("lets only the agency or the institution's own buyer create and revoke keys", async () => {
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    await expect(apiKeys.createApiKey(buyer, { name: "X", institutionId: await institutionId("Skattestyrelsen") })).rejects.toThrow(
      /kan ikke oprette/,
    );
    const own = await apiKeys.createApiKey(buyer, { name: "Eget e-handelssystem", institutionId: buyer.institutionId! });
    const otherBuyer = await currentUser("koeber.kommune@demo.example.dk");
    await expect(apiKeys.revokeApiKey(otherBuyer, own.id)).rejects.toThrow(/kan ikke tilbagekalde/);
  });
});

describe("the EU threshold of the note on own procurement", () => {
  it("compares a kommune's need with the sub-central threshold of the need's period", async () => {
    const buyer = await currentUser("koeber.kommune@demo.example.dk");
    // 1.200.000 kr.: above the central threshold (1.044.400 kr.), below the sub-central one (1.611.360 kr.).
    const evaluation = await decisions.evaluateNeed(buyer, need("1510", { amountOre: 1_200_000_00n }));
    expect(evaluation.decision).toMatchObject({ outcome: "OWN_PROCUREMENT", aboveEuThreshold: false });
    expect(evaluation.euThresholdOre).toBe(1_611_360_00n);
    expect(evaluation.explanation.euThreshold).toEqual({
      authorityType: "SUB_CENTRAL",
      contractType: "SUPPLIES_SERVICES",
      validFrom: "2026-01-01",
      validTo: "2027-12-31",
    });
    expect(evaluation.explanation.notes.join(" ")).toMatch(/under EU's tærskelværdi for regionale og kommunale .* i 2026–2027 \(1\.611\.360/);
    const in2025 = await decisions.evaluateNeed(buyer, need("1510", { amountOre: 1_200_000_00n, date: "2025-12-31" }));
    expect(in2025.euThresholdOre).toBe(1_644_638_00n);
  });

  it("compares a works category with the works threshold, and an obligated buyer's supplies with the central one", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const { saveCategory } = await import("@/lib/catalogue/admin");
    const { categoryFormSchema } = await import("@/lib/catalogue/admin-schemas");
    await saveCategory(admin, categoryFormSchema.parse({ code: "1999", name: "Bygge- og anlægsarbejder", contractType: "WORKS" }));
    const buyer = await currentUser("koeber.stat@demo.example.dk");
    const works = await decisions.evaluateNeed(buyer, need("1999", { amountOre: 2_000_000_00n }));
    expect(works.decision).toMatchObject({ outcome: "OWN_PROCUREMENT", aboveEuThreshold: false });
    expect(works.euThresholdOre).toBe(40_313_840_00n);
    expect(works.explanation.notes.join(" ")).toMatch(/statslige myndigheders indkøb af bygge- og anlægsarbejder i 2026–2027/);
    const supplies = await decisions.evaluateNeed(buyer, need("1510", { amountOre: 1_200_000_00n }));
    expect(supplies.euThresholdOre).toBe(1_044_400_00n);
    expect(supplies.decision.aboveEuThreshold).toBe(true);
  });

  it("lets the agency change a period's values and an institution's authority type, each audited", async () => {
    const admin = await currentUser("admin@demo.example.dk");
    const thresholds = await import("@/lib/cascade/eu-threshold-admin");
    const form = (values: Record<string, string>) =>
      thresholds.euThresholdPeriodSchema.parse({
        editing: "2026-01-01",
        validFrom: "2026-01-01",
        validTo: "2027-12-31",
        centralSuppliesServices: "1.044.400",
        subCentralSuppliesServices: "1.611.360",
        works: "40.313.840",
        socialServices: "5.595.000",
        ...values,
      });
    expect(await thresholds.saveEuThresholdPeriod(admin, form({ subCentralSuppliesServices: "1.100.000" }))).toBe(
      "Tærskelværdierne for 2026–2027 er gemt.",
    );
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "euThreshold.update" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: admin.id, entity: "EuThreshold", entityId: "2026-01-01" });
    expect(entry.before).toMatchObject({ subCentralSuppliesServicesOre: "161136000", worksOre: "4031384000" });
    expect(entry.after).toMatchObject({ subCentralSuppliesServicesOre: "110000000", worksOre: "4031384000" });

    const kommune = await currentUser("koeber.kommune@demo.example.dk");
    const now = await decisions.evaluateNeed(kommune, need("1510", { amountOre: 1_200_000_00n }));
    expect(now.euThresholdOre).toBe(1_100_000_00n);
    expect(now.decision.aboveEuThreshold).toBe(true);

    // Periods never overlap.
    const overlap = await thresholds
      .saveEuThresholdPeriod(admin, form({ editing: "", validFrom: "2027-01-01", validTo: "2028-12-31" }))
      .catch((e: unknown) => e);
    expect((overlap as Error).message).toBe("Perioden overlapper tærskelværdierne for 2026–2027. Ret den periode i stedet.");

    // The kommune made central by the agency: the central threshold applies.
    await thresholds.setInstitutionAuthorityType(admin, { institutionId: kommune.institutionId!, authorityType: "CENTRAL" });
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "institution.authorityType" }, orderBy: { id: "desc" } })).toMatchObject({
      entityId: String(kommune.institutionId),
      before: { authorityType: null },
      after: { authorityType: "CENTRAL" },
    });
    expect((await decisions.evaluateNeed(kommune, need("1510", { amountOre: 1_200_000_00n }))).euThresholdOre).toBe(1_044_400_00n);
  });
});
