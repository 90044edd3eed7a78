"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { ceilingThresholdsSchema, saveCeilingThresholds } from "@/lib/ceilings/settings";

const saveThresholdsAction = authorizedAction("ceilings.manage", ceilingThresholdsSchema, async (input, user) => {
  const message = await saveCeilingThresholds(user, input);
  revalidatePath("/admin/aftaleforbrug");
  return message;
});

export async function saveThresholds(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return saveThresholdsAction(previous, formData);
}
