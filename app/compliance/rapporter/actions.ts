"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { recomputeCompliance } from "@/lib/compliance/manage";
import { produceAndSendReports } from "@/lib/compliance/report";
import { recomputeSchema, sendReportsSchema } from "@/lib/compliance/schemas";

const sendReportsAction = authorizedAction("compliance.manage", sendReportsSchema, async (input, user) => {
  const { message } = await produceAndSendReports(user, input.quarter);
  revalidatePath("/compliance/rapporter");
  return message;
});

const recomputeAction = authorizedAction("compliance.manage", recomputeSchema, async (input, user) => {
  const message = await recomputeCompliance(user, input.quarter);
  revalidatePath("/compliance", "layout");
  return message;
});

export async function sendReports(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return sendReportsAction(previous, formData);
}

export async function recompute(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return recomputeAction(previous, formData);
}
