"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { deleteSupplierDeadline, removeReopening, reopenQuarter, setSupplierDeadline } from "@/lib/sales-report/admin";
import { deleteSupplierDeadlineSchema, removeReopeningSchema, reopenSchema, supplierDeadlineSchema } from "@/lib/sales-report/schemas";

const PATH = "/admin/leverandorfrister";

const saveAction = authorizedAction("supplierDeadlines.manage", supplierDeadlineSchema, async (input, user) => {
  const message = await setSupplierDeadline(user, input);
  revalidatePath(PATH);
  return message;
});
const deleteAction = authorizedAction("supplierDeadlines.manage", deleteSupplierDeadlineSchema, async (input, user) => {
  const message = await deleteSupplierDeadline(user, input);
  revalidatePath(PATH);
  return message;
});
const reopenAction = authorizedAction("supplierDeadlines.manage", reopenSchema, async (input, user) => {
  const message = await reopenQuarter(user, input);
  revalidatePath(PATH);
  return message;
});
const removeReopeningAction = authorizedAction("supplierDeadlines.manage", removeReopeningSchema, async (input, user) => {
  const message = await removeReopening(user, input);
  revalidatePath(PATH);
  return message;
});

export async function saveSupplierDeadline(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return saveAction(previous, formData);
}
export async function removeSupplierDeadline(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return deleteAction(previous, formData);
}
export async function reopenSupplierQuarter(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return reopenAction(previous, formData);
}
export async function removeSupplierReopening(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return removeReopeningAction(previous, formData);
}
