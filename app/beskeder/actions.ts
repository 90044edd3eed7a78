"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { markReadSchema } from "@/lib/enrolment/schemas";
import { markRead } from "@/lib/mail/outbox";

const markReadAction = authorizedAction("messages.view", markReadSchema, async (input, user) => {
  const count = await markRead(user, "all" in input ? { all: true } : { messageId: input.messageId });
  revalidatePath("/", "layout");
  return count === 1 ? "Beskeden er markeret som læst." : `${count} beskeder er markeret som læst.`;
});

export async function markReadForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return markReadAction(previous, formData);
}
