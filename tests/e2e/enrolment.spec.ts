import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn } from "./fixtures";

// A voluntary customer (Aarhus Kommune, in the Indenrigs- og Sundhedsministeriet's area) enrols on
// a phase 10 agreement with Bilag 7 and a real Skema workbook; the area's group buyer approves; the
// customer is then party to the agreement and has the confirmation among its messages.
const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "enrolment");
const CUSTOMER = "koeber.kommune@demo.example.dk";
const GROUP_BUYER = "koncernindkoeber.ism@demo.example.dk";
const AGREEMENT = "Laboratorieudstyr og -forbrugsvarer";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, email);
  return page;
}

async function openAgreement(page: Page, name: string): Promise<void> {
  await page.goto(`/aftaler?q=${encodeURIComponent(name)}`);
  await page.getByRole("region", { name: "Søgeresultat" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function fillBilag7(page: Page, file: string): Promise<void> {
  await page.getByLabel("Telefon").fill("+45 89 40 20 01");
  await page.getByLabel("Underskriver").fill("Bo Kristensen, indkøbschef");
  await page.getByLabel("Vi er indforstået med, at tilmeldingen ikke forpligter os til at købe ind på aftalen.").check();
  await page.getByLabel("Udfyldt Skema (xlsx)").setInputFiles(path.join(FIXTURES, file));
  await page.getByRole("button", { name: "Indsend tilmelding" }).click();
}

test("a voluntary customer enrols with Bilag 7 and the Skema, the group buyer approves, and the customer is party", async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = await as(browser, CUSTOMER);
  await openAgreement(customer, AGREEMENT);
  await expect(customer.getByText("Jeres status: Kan tilmelde sig")).toBeVisible();
  await customer.getByRole("link", { name: "Tilmeld jer aftalen (Bilag 7 og Skema)" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: `Tilmelding til ${AGREEMENT}` })).toBeVisible();

  // The template downloads as a workbook.
  const template = customer.waitForEvent("download");
  await customer.getByRole("link", { name: "Hent aftalens Skema (xlsx)" }).click();
  expect((await template).suggestedFilename()).toBe("Skema-SIP-10.03.xlsx");

  // A Skema with bad rows is refused with the problems listed, and nothing is stored.
  await fillBilag7(customer, "skema-raekkefejl.xlsx");
  await expect(customer.getByText("Tilmeldingen er ikke indsendt")).toBeVisible();
  const problems = customer.getByRole("region", { name: "Fejl i skemaet: ark, række, kolonne og årsag" });
  await expect(problems.getByRole("cell", { name: /ikke et gyldigt CVR-nummer/ })).toBeVisible();
  await expect(problems.getByRole("cell", { name: "Rækken er en gentagelse af række 6." })).toBeVisible();

  // A macro workbook is refused at the file field.
  await customer.getByLabel("Udfyldt Skema (xlsx)").setInputFiles(path.join(FIXTURES, "skema-makro.xlsm"));
  await customer.getByRole("button", { name: "Indsend tilmelding" }).click();
  await expect(customer.getByRole("alert").filter({ hasText: "makroer (.xlsm)" }).first()).toBeVisible();

  // The good one goes through.
  await customer.getByLabel("Udfyldt Skema (xlsx)").setInputFiles(path.join(FIXTURES, "skema-gyldig.xlsx"));
  await customer.getByRole("button", { name: "Indsend tilmelding" }).click();
  await expect(customer).toHaveURL(/\/tilmeldinger\/\d+\?indsendt=1$/);
  await expect(customer.getByText("Tilmeldingen er indsendt")).toBeVisible();
  await expect(customer.getByText("Status: Afventer godkendelse")).toBeVisible();
  await expect(customer.getByRole("rowheader", { name: "Børn og Unge" })).toBeVisible();
  const enrolmentUrl = new URL(customer.url()).pathname;

  // The group buyer of the area finds it in the queue, checks the original file and approves.
  const groupBuyer = await as(browser, GROUP_BUYER);
  await groupBuyer.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Tilmeldinger" }).click();
  await groupBuyer.getByRole("link", { name: `${AGREEMENT} (SIP 10.03)` }).first().click();
  await expect(groupBuyer).toHaveURL(new RegExp(`${enrolmentUrl}$`));
  const original = groupBuyer.waitForEvent("download");
  await groupBuyer.getByRole("link", { name: /Hent den oprindelige fil/ }).click();
  const downloaded = await (await original).path();
  expect(readFileSync(downloaded).equals(readFileSync(path.join(FIXTURES, "skema-gyldig.xlsx")))).toBe(true);
  await groupBuyer.getByRole("button", { name: "Godkend tilmelding" }).click();
  await expect(groupBuyer.getByText("Status: Godkendt")).toBeVisible();

  // The customer is party now, and has the confirmation.
  await openAgreement(customer, AGREEMENT);
  await expect(customer.getByText("Jeres status: Part på aftalen")).toBeVisible();
  await customer.getByRole("link", { name: /^Beskeder/ }).click();
  await expect(customer.getByRole("heading", { name: `Bekræftelse: I er tilmeldt ${AGREEMENT}` })).toBeVisible();
  await expect(customer.getByText("Portalen sender ikke e-mail; beskeden står kun her.").first()).toBeVisible();

  // After approval, log-in access for a concrete purchase is requested from the enrolment's page.
  await customer.goto(enrolmentUrl);
  await customer.getByLabel("Det konkrete køb").fill("Centrifuge til laboratoriet i Sundhed og Omsorg, januar 2027.");
  await customer.getByRole("button", { name: "Anmod om adgang" }).click();
  await expect(customer.getByText(/Anmodningen om adgang er sendt til koncernindkøberen/)).toBeVisible();
  await expect(customer.getByRole("rowheader", { name: "Adgang anmodet" })).toBeVisible();
});

test("the agreement page says why no enrolment is needed, and a closed round offers the next phase", async ({ page }) => {
  await logIn(page, CUSTOMER);
  await openAgreement(page, "Konferenceaftalen");
  await expect(page.getByText("Tilmelding er ikke nødvendig", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: /Tilmeld jer aftalen/ })).toHaveCount(0);
  await openAgreement(page, "Computeraftalen");
  await expect(page.getByText("Jeres status: Ikke part – fasen er afsluttet")).toBeVisible();
  await expect(page.getByText("I har en åben anmodning om at blive part i næste fase.")).toBeVisible();
});

test("anyone finds the group buyer by ministry area or CVR number, without logging in", async ({ page }) => {
  await page.goto("/koncernindkoebere");
  await expect(page.getByRole("heading", { level: 1, name: "Find din koncernindkøber" })).toBeVisible();
  await page.getByLabel("Ministerområde", { exact: true }).selectOption({ label: "Indenrigs- og Sundhedsministeriet" });
  await page.getByRole("button", { name: "Vis koncernindkøber" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Indenrigs- og Sundhedsministeriet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "koncernindkoeb@ism.demo.example.dk" }).first()).toBeVisible();
  // The directory is public: it names no log-in e-mail (half of a password guess).
  await expect(page.locator("body")).not.toContainText("@demo.example.dk");
  await page.getByLabel("CVR-nummer", { exact: true }).fill("12345678");
  await page.getByRole("button", { name: "Find koncernindkøber" }).click();
  await expect(page.getByText("Skriv et gyldigt CVR-nummer")).toBeVisible();
});
