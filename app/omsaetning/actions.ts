"use server";

import { revalidatePath } from "next/cache";
import { UserError, type ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { createSupplierApiKey, revokeSupplierApiKey } from "@/lib/sales-report/api-keys";
import { createSupplierKeySchema, noSalesSchema, revokeSupplierKeySchema } from "@/lib/sales-report/schemas";
import { declareNoSales, NotInScope } from "@/lib/sales-report/submit";

const noSalesAction = authorizedAction("salesReport.submit", noSalesSchema, async (input, user) => {
  let result;
  try {
    result = await declareNoSales(user, input);
  } catch (error) {
    if (error instanceof NotInScope) throw new UserError("Aftalen findes ikke.");
    throw error;
  }
  revalidatePath(`/omsaetning/${input.agreementId}/${input.quarter}`);
  revalidatePath("/omsaetning");
  return result.message;
});

const createKeyAction = authorizedAction("supplierKeys.manage", createSupplierKeySchema, async (input, user) => {
  const { key } = await createSupplierApiKey(user, input);
  revalidatePath("/omsaetning/api-noegler");
  return `Nøglen er oprettet: ${key} – kopiér den nu. Den vises ikke igen; kun et fingeraftryk af den gemmes.`;
});

const revokeKeyAction = authorizedAction("supplierKeys.manage", revokeSupplierKeySchema, async (input, user) => {
  const message = await revokeSupplierApiKey(user, input.keyId);
  revalidatePath("/omsaetning/api-noegler");
  return message;
});

export async function declareNoSalesForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return noSalesAction(previous, formData);
}

export async function createSupplierKeyForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return createKeyAction(previous, formData);
}

export async function revokeSupplierKeyForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return revokeKeyAction(previous, formData);
}
