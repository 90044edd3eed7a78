"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import {
  euThresholdPeriodSchema,
  institutionAuthoritySchema,
  saveEuThresholdPeriod,
  setInstitutionAuthorityType,
} from "@/lib/cascade/eu-threshold-admin";
import { retireAgreement, saveAgreement, saveCategory, savePhase, saveSupplier } from "@/lib/catalogue/admin";
import { catalogueImportAction, catalogueSaveAction, type ImportActionResult, type SaveActionResult } from "@/lib/catalogue/admin-action";
import {
  agreementFormSchema,
  categoryFormSchema,
  phaseFormSchema,
  retireAgreementSchema,
  supplierFormSchema,
} from "@/lib/catalogue/admin-schemas";
import { normalizeCvr } from "@/lib/domain/identifiers";

// Server actions of /admin/stamdata. Each goes through authorizedAction("catalogue.manage", ...)
// (lib/catalogue/admin-action.ts); a save that changed something leads back to the list, with the
// saved record shown there.

const BASE = "/admin/stamdata";

function catalogueChanged(): void {
  revalidatePath(BASE, "layout");
  revalidatePath("/aftaler", "layout");
}

function afterSave(result: SaveActionResult, list: string, query: Record<string, string> = {}): ActionResult {
  if (!result.saved?.changed) return result;
  catalogueChanged();
  const params = new URLSearchParams({ ...query, gemt: result.saved.id });
  redirect(`${BASE}/${list}?${params}`);
}

const supplierAction = catalogueSaveAction(supplierFormSchema, saveSupplier);
const categoryAction = catalogueSaveAction(categoryFormSchema, saveCategory);
const phaseAction = catalogueSaveAction(phaseFormSchema, savePhase);
const agreementAction = catalogueSaveAction(agreementFormSchema, saveAgreement);
const retireAction = catalogueSaveAction(retireAgreementSchema, retireAgreement);
const importAction = catalogueImportAction(catalogueChanged);
const euThresholdAction = authorizedAction("catalogue.manage", euThresholdPeriodSchema, async (input, user) => {
  const message = await saveEuThresholdPeriod(user, input);
  revalidatePath(`${BASE}/taerskelvaerdier`);
  return message;
});
const institutionAuthorityAction = authorizedAction("catalogue.manage", institutionAuthoritySchema, async (input, user) => {
  const message = await setInstitutionAuthorityType(user, input);
  revalidatePath(`/institutioner/${input.institutionId}`);
  return message;
});

export async function saveSupplierForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await supplierAction(previous, formData);
  return afterSave(result, "leverandoerer", { q: normalizeCvr(String(formData.get("cvr") ?? "")) });
}

export async function saveCategoryForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return afterSave(await categoryAction(previous, formData), "kategorier");
}

export async function savePhaseForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return afterSave(await phaseAction(previous, formData), "faser");
}

export async function saveAgreementForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await agreementAction(previous, formData);
  return afterSave(result, "aftaler", { q: String(formData.get("reference") ?? "").trim() });
}

export async function retireAgreementForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await retireAction(previous, formData);
  if (result.ok) catalogueChanged();
  return { ok: result.ok, message: result.message, errors: result.errors };
}

export async function importMasterDataForm(previous: ImportActionResult, formData: FormData): Promise<ImportActionResult> {
  return importAction(previous, formData);
}

export async function saveEuThresholdPeriodForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return euThresholdAction(previous, formData);
}

/** On the institution's page: its authority type for the EU thresholds. */
export async function saveInstitutionAuthorityForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return institutionAuthorityAction(previous, formData);
}
