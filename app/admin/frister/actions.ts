"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { deleteDeadline, setDeadline } from "@/lib/purchase-data/deadlines";
import { deleteDeadlineSchema, setDeadlineSchema } from "@/lib/purchase-data/schemas";

const setDeadlineAction = authorizedAction("deadlines.manage", setDeadlineSchema, async (input, user) => {
  const message = await setDeadline(user, input);
  revalidatePath("/admin/frister");
  return message;
});

const deleteDeadlineAction = authorizedAction("deadlines.manage", deleteDeadlineSchema, async (input, user) => {
  const message = await deleteDeadline(user, input);
  revalidatePath("/admin/frister");
  return message;
});

export async function saveDeadline(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return setDeadlineAction(previous, formData);
}

export async function removeDeadline(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return deleteDeadlineAction(previous, formData);
}
