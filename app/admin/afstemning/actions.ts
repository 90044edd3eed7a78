"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { toleranceSchema } from "@/lib/reconciliation/schemas";
import { setTolerance } from "@/lib/reconciliation/settings";

const setToleranceAction = authorizedAction("reconciliation.manage", toleranceSchema, async (input, user) => {
  const message = await setTolerance(user, input);
  revalidatePath("/admin/afstemning");
  revalidatePath("/afstemning");
  return message;
});

export async function saveTolerance(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return setToleranceAction(previous, formData);
}
