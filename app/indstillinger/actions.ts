"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { alertSettingsSchema, saveAlertSettings } from "@/lib/reminders/preferences";

const saveAction = authorizedAction("settings.edit", alertSettingsSchema, async (input, user) => {
  const message = await saveAlertSettings(user, input);
  revalidatePath("/indstillinger");
  return message;
});

export async function saveSettings(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return saveAction(previous, formData);
}
