import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import pg from "pg";
import { ACTIONS, PRINCIPALS, ROUTES, type Principal } from "./authorization-matrix";
import { databaseUrlFor, E2E_DATABASE } from "@/tests/support/database";
import { DEMO_PASSWORD } from "./fixtures";

const EMAILS: Record<Exclude<Principal, "anonymous">, string> = {
  buyer: "koeber.stat@demo.example.dk",
  voluntaryBuyer: "koeber.kommune@demo.example.dk",
  groupBuyer: "koncernindkoeber@demo.example.dk",
  analyst: "analytiker@demo.example.dk",
  foreignAnalyst: "analytiker.skm@demo.example.dk",
  admin: "admin@demo.example.dk",
  supplier: "leverandoer@demo.example.dk",
  otherSupplier: "leverandoer2@demo.example.dk",
};

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, pattern) : pattern.test(name) ? [full] : [];
  });
}

test.describe("the matrix covers the whole application", () => {
  test("every page, route handler and metadata file is in the matrix", () => {
    const routes = files("app", /^(page\.tsx|route\.ts|(robots|manifest|sitemap)\.ts|(icon|apple-icon|opengraph-image|twitter-image)\.\w+|favicon\.ico)$/).map((f) =>
      f.split(path.sep).join("/"),
    );
    expect(routes.filter((route) => !(route in ROUTES)), "missing from tests/e2e/authorization-matrix.ts").toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !routes.includes(route)), "in the matrix but gone").toEqual([]);
  });

  test("every server action is in the matrix and is built with the permission it names", () => {
    const actionFiles = files("app", /\.tsx?$/).filter((f) => /^["']use server["']/m.test(readFileSync(f, "utf8")));
    const exported = actionFiles.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/export\s+async\s+function\s+(\w+)/g)].map((m) => `${file.split(path.sep).join("/")}#${m[1]}`),
    );
    expect(exported.filter((action) => !(action in ACTIONS)), "missing from ACTIONS").toEqual([]);
    expect(Object.keys(ACTIONS).filter((action) => !exported.includes(action)), "in ACTIONS but gone").toEqual([]);
    for (const [action, permission] of Object.entries(ACTIONS)) {
      const source = readFileSync(action.split("#")[0]!, "utf8");
      expect(source, action).toContain("authorizedAction");
      expect(source, action).toContain(`"${permission}"`);
    }
  });
});

test.describe("every route answers every principal as the matrix says", () => {
  test.skip(process.env.E2E_POSTGRES !== "1", "needs the browser tests' PostgreSQL database to look up record ids");
  test.describe.configure({ timeout: 180_000 });

  const contexts = new Map<Principal, APIRequestContext>();
  let ids: Record<string, string> = {};

  test.beforeAll(async ({ baseURL }) => {
    const db = new pg.Client({ connectionString: databaseUrlFor(E2E_DATABASE) });
    await db.connect();
    const one = async (sql: string) => {
      const row = (await db.query(sql)).rows[0] as Record<string, unknown> | undefined;
      if (!row) throw new Error(`no record for the matrix: ${sql}`);
      return String(Object.values(row)[0]);
    };
    const buyer = `(SELECT "institutionId" FROM "User" WHERE email = '${EMAILS.buyer}')`;
    const kommune = `(SELECT "institutionId" FROM "User" WHERE email = '${EMAILS.voluntaryBuyer}')`;
    // A reconciliation row of the last demo quarter: the supplier user's company and an institution of
    // the analyst's ministry (placeholders :reconFmAgreement, :reconFmSupplier, :reconFmInstitution, …).
    const reconciliationRow = async (prefix: string, supplierEmail: string, analystEmail: string) => {
      const row = `SELECT r."agreementId", r."supplierId", r."institutionId" FROM "Reconciliation" r
                     JOIN "Institution" i ON i.id = r."institutionId"
                    WHERE r.quarter = '2026Q3'
                      AND r."supplierId" = (SELECT "supplierId" FROM "User" WHERE email = '${supplierEmail}')
                      AND i."ministryId" = (SELECT "ministryId" FROM "User" WHERE email = '${analystEmail}')
                    ORDER BY r."agreementId", r."institutionId" LIMIT 1`;
      return {
        [`recon${prefix === "fm" ? "Fm" : "Skm"}Agreement`]: await one(`SELECT "agreementId" FROM (${row}) x`),
        [`recon${prefix === "fm" ? "Fm" : "Skm"}Supplier`]: await one(`SELECT "supplierId" FROM (${row}) x`),
        [`recon${prefix === "fm" ? "Fm" : "Skm"}Institution`]: await one(`SELECT "institutionId" FROM (${row}) x`),
      };
    };
    ids = {
      fm: await one(`SELECT "ministryId" FROM "User" WHERE email = '${EMAILS.analyst}'`),
      skm: await one(`SELECT "ministryId" FROM "User" WHERE email = '${EMAILS.foreignAnalyst}'`),
      buyerInstitution: await one(`SELECT ${buyer}`),
      skmInstitution: await one(`SELECT i.id FROM "Institution" i JOIN "User" u ON u."ministryId" = i."ministryId" WHERE u.email = '${EMAILS.foreignAnalyst}' ORDER BY i.id LIMIT 1`),
      agreement: await one(`SELECT id FROM "Agreement" WHERE kind = 'MANDATORY_CENTRAL' AND "retiredAt" IS NULL ORDER BY id LIMIT 1`),
      enrolmentAgreement: await one(`SELECT "agreementId" FROM "Enrolment" WHERE "institutionId" = ${kommune} AND status = 'PENDING' LIMIT 1`),
      enrolment: await one(`SELECT id FROM "Enrolment" WHERE "institutionId" = ${kommune} AND status = 'PENDING' LIMIT 1`),
      phase: await one(`SELECT id FROM "Phase" ORDER BY number LIMIT 1`),
      category: "1920",
      supplier: await one(`SELECT id FROM "Supplier" ORDER BY id LIMIT 1`),
      ownAgreement: await one(`SELECT id FROM "Agreement" WHERE kind = 'OWN' AND "ownerInstitutionId" = ${buyer} AND "retiredAt" IS NULL LIMIT 1`),
      fmAgreement: await one(`SELECT id FROM "Agreement" WHERE kind = 'MANDATORY_CENTRAL' AND "retiredAt" IS NULL ORDER BY id LIMIT 1`),
      ...(await reconciliationRow("fm", EMAILS.supplier, EMAILS.analyst)),
      ...(await reconciliationRow("skm", EMAILS.otherSupplier, EMAILS.foreignAnalyst)),
      decision: await one(
        `INSERT INTO "CascadeDecision" ("institutionId", "userId", "categoryCode", "amountOre", "needDate", outcome, explanation)
         SELECT u."institutionId", u.id, '1920', 100000, DATE '2026-11-22', 'OWN_PROCUREMENT', '{}'::jsonb FROM "User" u WHERE u.email = '${EMAILS.buyer}'
         RETURNING id`,
      ),
    };
    await db.end();
    for (const principal of PRINCIPALS) {
      const context = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
      if (principal !== "anonymous") {
        const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
        const login = await context.post("/api/auth/callback/credentials", {
          form: { csrfToken, email: EMAILS[principal], password: DEMO_PASSWORD, json: "true" },
        });
        expect(login.status(), `log-in of ${principal}`).toBeLessThan(400);
      }
      contexts.set(principal, context);
    }
  });

  test.afterAll(async () => {
    for (const context of contexts.values()) await context.dispose();
  });

  const fill = (template: string) => template.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `:${name}`);

  test("pages and route handlers", async ({ baseURL }) => {
    const problems: string[] = [];
    for (const [file, cases] of Object.entries(ROUTES)) {
      for (const { path: template, allow, missing, outOfScope = [], needsInput, post } of cases) {
        const url = fill(template);
        for (const principal of PRINCIPALS) {
          const response = post
            ? await contexts.get(principal)!.post(url, { headers: { origin: baseURL!, ...post.headers }, maxRedirects: 0 })
            : await contexts.get(principal)!.get(url);
          const status = response.status();
          const location = response.headers()["location"] ?? "";
          const toLogin = status >= 300 && status < 400 && location.includes("/log-ind");
          const allowed = allow === "public" || (principal !== "anonymous" && allow.includes(principal));
          const scoped = !allowed && outOfScope.includes(principal);
          const ok = allowed
            ? missing
              ? status === 404
              : (status < 400 && !toLogin) || (needsInput === true && status === 400)
            : scoped
              ? status === 404
              : principal === "anonymous"
                ? toLogin || [401, 403].includes(status)
                : [401, 403].includes(status);
          const expected = allowed ? "allowed" : scoped ? "404, as for a missing record" : "refused";
          if (!ok) problems.push(`${file} ${url} as ${principal}: ${status}${location ? ` -> ${location}` : ""} (expected ${expected})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("a record outside the principal's scope answers exactly as an id that does not exist", async () => {
    // What the answer says: the status and the page's title, or a route handler's whole body.
    const answer = async (response: APIResponse) => {
      const body = await response.text();
      const said = (response.headers()["content-type"] ?? "").includes("json") ? body : (/<title>(.*?)<\/title>/s.exec(body)?.[1] ?? "no title");
      return `${response.status()} ${said}`;
    };
    const compared: string[] = [];
    for (const cases of Object.values(ROUTES)) {
      // Route handlers without GET (uploads) are compared by status in the test above.
      for (const { path: template, outOfScope = [] } of cases.filter((c) => !c.post)) {
        // The twin of the path whose first record (the one outside the scope) does not exist.
        const missingTwin = fill(template.replace(/:\w+/, "999999999"));
        for (const principal of outOfScope) {
          const context = contexts.get(principal)!;
          const outside = await answer(await context.get(fill(template)));
          expect(outside, `${template} as ${principal}`).toBe(await answer(await context.get(missingTwin)));
          compared.push(outside);
        }
      }
    }
    expect(compared.length).toBeGreaterThan(20);
    expect(compared.every((said) => said.startsWith("404 "))).toBe(true);
  });
});
