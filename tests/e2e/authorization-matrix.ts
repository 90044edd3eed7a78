/**
 * The authorization matrix: for every page and route handler, who may open it, and for every
 * server action, the permission it is built with. tests/e2e/authorization-matrix.spec.ts checks
 * each route for every principal against a running portal, and fails when a route or an action
 * exists in app/ that this file does not name. Written from DOMAIN.md's role table, not from the
 * code's permission table, so that the two check each other.
 *
 * Principals (demo users; FM = Finansministeriet, SKM = Skatteministeriet):
 * - buyer: a buyer at an obligated FM institution; voluntaryBuyer: a buyer at a municipality;
 * - groupBuyer and analyst: FM's group buyer and analyst; foreignAnalyst: SKM's analyst; admin;
 * - supplier: a user of a supplier on :agreement (not on :enrolmentAgreement); otherSupplier: a user
 *   of another supplier, on :enrolmentAgreement and not on :agreement. A supplier reads only the
 *   agreements its company is on (DOMAIN.md's SUPPLIER row), and none of the institutions' data.
 * Placeholders in paths are filled from the demo data: :fm / :skm (ministries), :buyerInstitution,
 * :skmInstitution, :agreement (a common agreement), :enrolmentAgreement (a phase 8-10 agreement),
 * :enrolment (the municipality's pending enrolment), :decision (a decision of the FM buyer),
 * :phase, :category, :supplier, :fmAgreement (an agreement with FM compliance figures), :ownAgreement
 * (an own agreement, kind OWN, of the FM buyer's institution), :reconFmAgreement/:reconFmSupplier/
 * :reconFmInstitution (a reconciliation row of 2026Q3: supplier's company, an FM institution) and
 * :reconSkm… (otherSupplier's company, an SKM institution).
 *
 * A principal whose role has the permission but for whom the record is outside the scope is named
 * in `outOfScope`: it gets 404, exactly as for an id that does not exist, so that an id tells
 * nothing about records outside the scope (issue 16). Every other refused principal gets 401/403.
 */
export const PRINCIPALS = ["anonymous", "buyer", "voluntaryBuyer", "groupBuyer", "analyst", "foreignAnalyst", "admin", "supplier", "otherSupplier"] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** "public": anyone, also without log-in. Otherwise the principals allowed; every other is refused. */
export type RouteAccess = {
  path: string;
  allow: "public" | readonly Principal[];
  /** The record does not exist: allowed principals get 404 (refused ones still 401/403). */
  missing?: true;
  /** Refused principals that hold the permission, for whom the record is outside the scope: 404. */
  outOfScope?: readonly Principal[];
  /** Allowed principals may get 400 (the request lacks input only they can give, e.g. an institution). */
  needsInput?: true;
  /** For a route handler without GET: sent as this method, from the portal's origin, with these headers. */
  post?: { headers: Record<string, string> };
};

/** Every principal of the public bodies and the agency (not the suppliers). */
const ALL: readonly Principal[] = ["buyer", "voluntaryBuyer", "groupBuyer", "analyst", "foreignAnalyst", "admin"];
const SUPPLIERS: readonly Principal[] = ["supplier", "otherSupplier"];
const BUYERS: readonly Principal[] = ["buyer", "voluntaryBuyer"];
const ADMIN: readonly Principal[] = ["admin"];
const FM_MINISTRY: readonly Principal[] = ["groupBuyer", "analyst", "admin"];
const ANALYSTS: readonly Principal[] = ["groupBuyer", "analyst", "foreignAnalyst", "admin"];

export const ROUTES: Record<string, readonly RouteAccess[]> = {
  "app/page.tsx": [{ path: "/", allow: "public" }],
  "app/log-ind/page.tsx": [{ path: "/log-ind", allow: "public" }],
  "app/tilgaengelighedserklaering/page.tsx": [{ path: "/tilgaengelighedserklaering", allow: "public" }],
  "app/regler/page.tsx": [{ path: "/regler", allow: "public" }],
  "app/regler/forpligtede-kunder/page.tsx": [{ path: "/regler/forpligtede-kunder", allow: "public" }],
  "app/regler/frivillige-kunder/page.tsx": [{ path: "/regler/frivillige-kunder", allow: "public" }],
  "app/lister/page.tsx": [{ path: "/lister", allow: "public" }],
  "app/lister/[list]/route.ts": [{ path: "/lister/indkoebskategorier.xlsx", allow: "public" }],
  "app/koncernindkoebere/page.tsx": [{ path: "/koncernindkoebere", allow: "public" }],
  "app/api/health/route.ts": [{ path: "/api/health", allow: "public" }],
  "app/api/auth/[...nextauth]/route.ts": [{ path: "/api/auth/csrf", allow: "public" }],
  // Metadata files and /.well-known (tests/e2e/public-files.spec.ts checks their content).
  "app/.well-known/security.txt/route.ts": [{ path: "/.well-known/security.txt", allow: "public" }],
  "app/robots.ts": [{ path: "/robots.txt", allow: "public" }],
  "app/manifest.ts": [{ path: "/manifest.webmanifest", allow: "public" }],
  "app/icon.svg": [{ path: "/icon.svg", allow: "public" }],
  "app/apple-icon.png": [{ path: "/apple-icon.png", allow: "public" }],
  "app/favicon.ico": [{ path: "/favicon.ico", allow: "public" }],

  // A supplier lists only its company's agreements; another supplier's agreement is out of its scope.
  "app/aftaler/page.tsx": [{ path: "/aftaler", allow: [...ALL, ...SUPPLIERS] }],
  "app/aftaler/[id]/page.tsx": [
    { path: "/aftaler/:agreement", allow: [...ALL, "supplier"], outOfScope: ["otherSupplier"] },
    { path: "/aftaler/:ownAgreement", allow: ["buyer", "groupBuyer", "analyst", "admin"], outOfScope: ["voluntaryBuyer", "foreignAnalyst", ...SUPPLIERS] },
  ],
  "app/aftaler/[id]/skema/route.ts": [{ path: "/aftaler/:enrolmentAgreement/skema", allow: [...ALL, "otherSupplier"], outOfScope: ["supplier"] }],
  // Buyers of obligated institutions may open these; the page tells them enrolment is not for them.
  "app/aftaler/[id]/tilmelding/page.tsx": [{ path: "/aftaler/:enrolmentAgreement/tilmelding", allow: BUYERS }],
  "app/aftaler/[id]/naeste-fase/page.tsx": [{ path: "/aftaler/:enrolmentAgreement/naeste-fase", allow: BUYERS }],
  "app/beskeder/page.tsx": [{ path: "/beskeder", allow: [...ALL, ...SUPPLIERS] }],
  "app/indstillinger/page.tsx": [{ path: "/indstillinger", allow: [...ALL, ...SUPPLIERS] }],

  "app/institution/page.tsx": [{ path: "/institution", allow: ALL }],
  "app/institutioner/[id]/page.tsx": [
    { path: "/institutioner/:buyerInstitution", allow: ["buyer", "groupBuyer", "analyst", "admin"], outOfScope: ["voluntaryBuyer", "foreignAnalyst"] },
    { path: "/institutioner/:skmInstitution", allow: ["foreignAnalyst", "admin"], outOfScope: ["buyer", "voluntaryBuyer", "groupBuyer", "analyst"] },
  ],
  "app/ministerier/page.tsx": [{ path: "/ministerier", allow: ANALYSTS }],
  "app/ministerier/[id]/page.tsx": [
    { path: "/ministerier/:fm", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
    { path: "/ministerier/:skm", allow: ["foreignAnalyst", "admin"], outOfScope: ["groupBuyer", "analyst"] },
  ],

  "app/indkoebsbehov/ny/page.tsx": [{ path: "/indkoebsbehov/ny", allow: [...BUYERS, "groupBuyer"] }],
  "app/indkoebsbehov/page.tsx": [{ path: "/indkoebsbehov", allow: [...BUYERS, "groupBuyer", "admin"] }],
  "app/indkoebsbehov/[id]/page.tsx": [
    { path: "/indkoebsbehov/:decision", allow: ["buyer", "groupBuyer", "admin"], outOfScope: ["voluntaryBuyer"] },
  ],
  "app/api/kaskade/route.ts": [
    { path: "/api/kaskade?category=1920&amount=10000&date=2026-11-22", allow: [...BUYERS, "groupBuyer"], needsInput: true },
  ],

  "app/tilmeldinger/page.tsx": [{ path: "/tilmeldinger", allow: [...BUYERS, "groupBuyer", "admin"] }],
  "app/tilmeldinger/[id]/page.tsx": [
    { path: "/tilmeldinger/:enrolment", allow: ["voluntaryBuyer", "admin"], outOfScope: ["buyer", "groupBuyer"] },
  ],
  // The seeded enrolment has no stored Skema: allowed principals get 404, as the out-of-scope ones do.
  "app/tilmeldinger/[id]/skema/route.ts": [
    { path: "/tilmeldinger/:enrolment/skema", allow: ["voluntaryBuyer", "admin"], missing: true, outOfScope: ["buyer", "groupBuyer"] },
  ],

  "app/indkoebsdata/page.tsx": [{ path: "/indkoebsdata", allow: ALL }],
  "app/indkoebsdata/indsend/page.tsx": [{ path: "/indkoebsdata/indsend", allow: [...BUYERS, "groupBuyer"] }],
  // Without a quarter: those who may submit get 400, the rest 401/403 before the request is read.
  "app/indkoebsdata/indsend/fil/route.ts": [
    { path: "/indkoebsdata/indsend/fil", allow: [...BUYERS, "groupBuyer"], needsInput: true, post: { headers: { "x-file-name": "tom.csv" } } },
  ],
  "app/indkoebsdata/skabelon/route.ts": [{ path: "/indkoebsdata/skabelon", allow: ALL }],
  "app/indkoebsdata/status/page.tsx": [{ path: "/indkoebsdata/status", allow: ANALYSTS }],
  "app/indkoebsdata/forbehold/page.tsx": [{ path: "/indkoebsdata/forbehold", allow: ["groupBuyer", "analyst", "foreignAnalyst", "admin"] }],
  // An API key's route: every session is refused.
  "app/api/sks/route.ts": [{ path: "/api/sks", allow: [], post: { headers: {} } }],

  "app/compliance/page.tsx": [{ path: "/compliance", allow: ANALYSTS }],
  "app/compliance/[ministryId]/page.tsx": [
    { path: "/compliance/:fm", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
    { path: "/compliance/:skm", allow: ["foreignAnalyst", "admin"], outOfScope: ["groupBuyer", "analyst"] },
  ],
  "app/compliance/[ministryId]/aftaler/[agreementId]/page.tsx": [
    { path: "/compliance/:fm/aftaler/:fmAgreement", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
  ],
  "app/compliance/[ministryId]/aftaler/[agreementId]/institutioner/[institutionId]/page.tsx": [
    { path: "/compliance/:fm/aftaler/:fmAgreement/institutioner/:buyerInstitution", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
  ],
  "app/compliance/[ministryId]/linjer/page.tsx": [
    { path: "/compliance/:fm/linjer?kvartal=2026Q3", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
    { path: "/compliance/:skm/linjer?kvartal=2026Q3", allow: ["foreignAnalyst", "admin"], outOfScope: ["groupBuyer", "analyst"] },
  ],
  // Every figure and part the trail links to (issue 16: figur=ehandel's export answered 500).
  "app/compliance/[ministryId]/linjer/xlsx/route.ts": [
    { path: "/compliance/:fm/linjer/xlsx?kvartal=2026Q3", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
    { path: "/compliance/:fm/linjer/xlsx?kvartal=2026Q3&aftale=:fmAgreement&del=udenfor&institution=:buyerInstitution", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
    { path: "/compliance/:fm/linjer/xlsx?kvartal=2026Q3&figur=ehandel", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
    { path: "/compliance/:fm/linjer/xlsx?kvartal=2026Q3&figur=ehandel&del=ikke-ehandel&institution=:buyerInstitution", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] },
  ],
  "app/compliance/[ministryId]/rapport/page.tsx": [{ path: "/compliance/:fm/rapport", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] }],
  "app/compliance/[ministryId]/rapport/xlsx/route.ts": [{ path: "/compliance/:fm/rapport/xlsx", allow: FM_MINISTRY, outOfScope: ["foreignAnalyst"] }],
  "app/compliance/udbud/page.tsx": [{ path: "/compliance/udbud", allow: ANALYSTS }],
  "app/compliance/udbud/xlsx/route.ts": [
    { path: "/compliance/udbud/xlsx?kategori=1920", allow: ANALYSTS },
    { path: "/compliance/udbud/xlsx?kategori=1920&pr=institution&kunder=alle", allow: ANALYSTS },
  ],
  // Analysts and group buyers read the reports sent to their ministry; ADMIN produces them.
  "app/compliance/rapporter/page.tsx": [{ path: "/compliance/rapporter", allow: ANALYSTS }],
  "app/compliance/rapporter/[id]/route.ts": [{ path: "/compliance/rapporter/999999", allow: ANALYSTS, missing: true }],

  // Sales reports (issue 13): a supplier reports for the agreements its company is on (:agreement for
  // supplier, not otherSupplier); ADMIN reads every supplier's reports. No report is seeded: the
  // lines page answers 404 to those who may read it.
  "app/omsaetning/page.tsx": [{ path: "/omsaetning", allow: [...SUPPLIERS, "admin"] }],
  "app/omsaetning/api-noegler/page.tsx": [{ path: "/omsaetning/api-noegler", allow: [...SUPPLIERS, "admin"] }],
  "app/omsaetning/[agreementId]/[quarter]/page.tsx": [{ path: "/omsaetning/:agreement/2026Q4", allow: ["supplier", "admin"], outOfScope: ["otherSupplier"] }],
  "app/omsaetning/[agreementId]/[quarter]/[reportId]/page.tsx": [
    { path: "/omsaetning/:agreement/2026Q4/999999", allow: ["supplier", "admin"], missing: true, outOfScope: ["otherSupplier"] },
  ],
  "app/omsaetning/[agreementId]/[quarter]/skabelon/route.ts": [{ path: "/omsaetning/:agreement/2026Q4/skabelon", allow: ["supplier"], outOfScope: ["otherSupplier"] }],
  // Without a file: the supplier on the agreement gets 400, another supplier 404 before the body is read.
  "app/omsaetning/[agreementId]/[quarter]/fil/route.ts": [
    { path: "/omsaetning/:agreement/2026Q4/fil", allow: ["supplier"], needsInput: true, outOfScope: ["otherSupplier"], post: { headers: { "x-file-name": "tom.csv" } } },
    { path: "/omsaetning/999999/2026Q4/fil", allow: SUPPLIERS, missing: true, post: { headers: { "x-file-name": "tom.csv" } } },
  ],
  // A supplier's API key's route: every session is refused (a supplier's session with 401: it needs the key).
  "app/api/omsaetning/route.ts": [{ path: "/api/omsaetning", allow: [], post: { headers: {} } }],
  "app/admin/leverandorfrister/page.tsx": [{ path: "/admin/leverandorfrister", allow: ADMIN }],
  // Reconciliation: ADMIN all; a supplier its own company's rows; a ministry its institutions' rows.
  "app/afstemning/page.tsx": [{ path: "/afstemning", allow: [...ANALYSTS, ...SUPPLIERS] }],
  "app/afstemning/kunde/page.tsx": [
    {
      path: "/afstemning/kunde?kvartal=2026Q3&aftale=:reconFmAgreement&leverandoer=:reconFmSupplier&institution=:reconFmInstitution",
      allow: [...FM_MINISTRY, "supplier"],
      outOfScope: ["foreignAnalyst", "otherSupplier"],
    },
    {
      path: "/afstemning/kunde?kvartal=2026Q3&aftale=:reconSkmAgreement&leverandoer=:reconSkmSupplier&institution=:reconSkmInstitution",
      allow: ["foreignAnalyst", "admin", "otherSupplier"],
      outOfScope: ["groupBuyer", "analyst", "supplier"],
    },
  ],
  "app/afstemning/xlsx/route.ts": [
    { path: "/afstemning/xlsx?kvartal=2026Q3", allow: [...ANALYSTS, ...SUPPLIERS] },
    { path: "/afstemning/xlsx?kvartal=2026Q3&vis=alle", allow: [...ANALYSTS, ...SUPPLIERS] },
  ],
  "app/admin/afstemning/page.tsx": [{ path: "/admin/afstemning", allow: ADMIN }],

  "app/admin/brugere/page.tsx": [{ path: "/admin/brugere", allow: ADMIN }],
  "app/admin/frister/page.tsx": [{ path: "/admin/frister", allow: ADMIN }],
  "app/admin/korsler/page.tsx": [{ path: "/admin/korsler", allow: ADMIN }],
  "app/admin/revisionsspor/page.tsx": [{ path: "/admin/revisionsspor", allow: ADMIN }],
  "app/admin/revisionsspor/eksport/route.ts": [{ path: "/admin/revisionsspor/eksport", allow: ADMIN }],
  "app/admin/stamdata/page.tsx": [{ path: "/admin/stamdata", allow: ADMIN }],
  "app/admin/stamdata/aftaler/page.tsx": [{ path: "/admin/stamdata/aftaler", allow: ADMIN }],
  "app/admin/stamdata/aftaler/[id]/page.tsx": [{ path: "/admin/stamdata/aftaler/:agreement", allow: ADMIN }],
  "app/admin/stamdata/faser/page.tsx": [{ path: "/admin/stamdata/faser", allow: ADMIN }],
  "app/admin/stamdata/faser/[id]/page.tsx": [{ path: "/admin/stamdata/faser/:phase", allow: ADMIN }],
  "app/admin/stamdata/kategorier/page.tsx": [{ path: "/admin/stamdata/kategorier", allow: ADMIN }],
  "app/admin/stamdata/kategorier/[kode]/page.tsx": [{ path: "/admin/stamdata/kategorier/:category", allow: ADMIN }],
  "app/admin/stamdata/leverandoerer/page.tsx": [{ path: "/admin/stamdata/leverandoerer", allow: ADMIN }],
  "app/admin/stamdata/leverandoerer/[id]/page.tsx": [{ path: "/admin/stamdata/leverandoerer/:supplier", allow: ADMIN }],
  "app/admin/stamdata/import/page.tsx": [{ path: "/admin/stamdata/import", allow: ADMIN }],
  "app/admin/stamdata/import/skabelon/route.ts": [{ path: "/admin/stamdata/import/skabelon", allow: ADMIN }],
  "app/admin/stamdata/taerskelvaerdier/page.tsx": [{ path: "/admin/stamdata/taerskelvaerdier", allow: ADMIN }],
  // Agreement ceilings: the agency (the category manager) follows every agreement's use against its
  // maximum; the figures hold all ministries' purchases and the suppliers' reported sales.
  "app/admin/aftaleforbrug/page.tsx": [{ path: "/admin/aftaleforbrug", allow: ADMIN }],
  "app/admin/aftaleforbrug/[id]/page.tsx": [
    { path: "/admin/aftaleforbrug/:agreement", allow: ADMIN },
    { path: "/admin/aftaleforbrug/999999", allow: ADMIN, missing: true },
  ],
  "app/admin/aftaleforbrug/eksport/route.ts": [{ path: "/admin/aftaleforbrug/eksport", allow: ADMIN }],
  "app/admin/aftaleforbrug/indstillinger/page.tsx": [{ path: "/admin/aftaleforbrug/indstillinger", allow: ADMIN }],
};

/** Every server action (an export of a "use server" file is a public endpoint) and its permission. */
export const ACTIONS: Record<string, string> = {
  "app/admin/brugere/actions.ts#createUser": "users.manage",
  "app/admin/brugere/actions.ts#changeRole": "users.manage",
  "app/admin/brugere/actions.ts#setActive": "users.manage",
  "app/admin/frister/actions.ts#saveDeadline": "deadlines.manage",
  "app/admin/frister/actions.ts#removeDeadline": "deadlines.manage",
  "app/admin/leverandorfrister/actions.ts#saveSupplierDeadline": "supplierDeadlines.manage",
  "app/admin/leverandorfrister/actions.ts#removeSupplierDeadline": "supplierDeadlines.manage",
  "app/admin/leverandorfrister/actions.ts#reopenSupplierQuarter": "supplierDeadlines.manage",
  "app/admin/leverandorfrister/actions.ts#removeSupplierReopening": "supplierDeadlines.manage",
  "app/omsaetning/actions.ts#declareNoSalesForm": "salesReport.submit",
  "app/omsaetning/actions.ts#createSupplierKeyForm": "supplierKeys.manage",
  "app/omsaetning/actions.ts#revokeSupplierKeyForm": "supplierKeys.manage",
  "app/admin/stamdata/actions.ts#saveSupplierForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#saveCategoryForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#savePhaseForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#saveAgreementForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#retireAgreementForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#importMasterDataForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#saveEuThresholdPeriodForm": "catalogue.manage",
  "app/admin/stamdata/actions.ts#saveInstitutionAuthorityForm": "catalogue.manage",
  "app/beskeder/actions.ts#markReadForm": "messages.view",
  "app/indstillinger/actions.ts#saveSettings": "settings.edit",
  "app/admin/korsler/actions.ts#runJob": "jobs.manage",
  "app/admin/korsler/actions.ts#retryMessage": "jobs.manage",
  "app/indkoebsbehov/actions.ts#recordCascadeDecision": "cascade.use",
  "app/tilmeldinger/actions.ts#submitEnrolmentForm": "enrolment.submit",
  "app/tilmeldinger/actions.ts#decideEnrolmentForm": "enrolment.decide",
  "app/tilmeldinger/actions.ts#withdrawEnrolmentForm": "enrolment.submit",
  "app/tilmeldinger/actions.ts#requestAccessForm": "enrolment.submit",
  "app/tilmeldinger/actions.ts#decideAccessRequestForm": "enrolment.decide",
  "app/tilmeldinger/actions.ts#requestJoinNextPhaseForm": "enrolment.submit",
  "app/tilmeldinger/actions.ts#decideJoinRequestForm": "enrolment.decide",
  "app/indkoebsdata/forbehold/actions.ts#addReservation": "reservations.create",
  "app/indkoebsdata/forbehold/actions.ts#retractReservation": "reservations.create",
  "app/compliance/rapporter/actions.ts#sendReports": "compliance.manage",
  "app/compliance/rapporter/actions.ts#recompute": "compliance.manage",
  "app/admin/afstemning/actions.ts#saveTolerance": "reconciliation.manage",
  "app/admin/aftaleforbrug/indstillinger/actions.ts#saveThresholds": "ceilings.manage",
};
