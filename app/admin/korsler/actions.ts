"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { retryMessageSchema, runJobNow, runJobSchema } from "@/lib/jobs/admin";
import { retryFailedMessage } from "@/lib/mail/outbox";

const runJobAction = authorizedAction("jobs.manage", runJobSchema, async (input, user) => {
  const message = await runJobNow(user, input);
  revalidatePath("/admin/korsler");
  return message;
});

const retryMessageAction = authorizedAction("jobs.manage", retryMessageSchema, async (input, user) => {
  const message = await retryFailedMessage(user, input.messageId);
  revalidatePath("/admin/korsler");
  return message;
});

export async function runJob(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return runJobAction(previous, formData);
}

export async function retryMessage(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return retryMessageAction(previous, formData);
}
