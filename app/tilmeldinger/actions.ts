"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { UserError, type ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import {
  accessRequestSchema,
  bilag7Schema,
  type EnrolmentActionResult,
  decideAccessRequestSchema,
  decideEnrolmentSchema,
  decideJoinRequestSchema,
  joinRequestSchema,
  withdrawEnrolmentSchema,
} from "@/lib/enrolment/schemas";
import {
  decideAccessRequest,
  decideEnrolment,
  decideJoinRequest,
  requestAccess,
  requestJoinNextPhase,
  submitEnrolment,
  withdrawEnrolment,
  type SubmitOutcome,
} from "@/lib/enrolment/service";
import { XLSX_MAX_BYTES } from "@/lib/xlsx/reader";

// Server actions of the enrolment pages: each goes through authorizedAction (permission, zod,
// Danish errors at the field); the rules and the scope are in lib/enrolment/service.ts.

function refresh(enrolmentId?: number): void {
  revalidatePath("/tilmeldinger");
  if (enrolmentId) revalidatePath(`/tilmeldinger/${enrolmentId}`);
  revalidatePath("/aftaler", "layout");
  revalidatePath("/beskeder");
}

export async function submitEnrolmentForm(previous: EnrolmentActionResult, formData: FormData): Promise<EnrolmentActionResult> {
  let outcome: SubmitOutcome | undefined;
  const action = authorizedAction("enrolment.submit", bilag7Schema, async ({ file, ...fields }, user) => {
    if (file.size > XLSX_MAX_BYTES) throw new UserError(`Filen er for stor. Den må højst være ${XLSX_MAX_BYTES / (1024 * 1024)} MB.`, "file");
    outcome = await submitEnrolment(user, fields, { name: file.name, type: file.type, data: new Uint8Array(await file.arrayBuffer()) });
    if (!outcome.ok) throw new UserError(outcome.message);
    return outcome.message;
  }, { heavy: true });
  const result = await action(previous, formData);
  if (outcome?.ok) {
    refresh(outcome.enrolmentId);
    redirect(`/tilmeldinger/${outcome.enrolmentId}?indsendt=1`);
  }
  if (outcome && !outcome.ok) return { ...result, problems: outcome.problems, totalProblems: outcome.totalProblems };
  return result;
}

const decideAction = authorizedAction("enrolment.decide", decideEnrolmentSchema, async (input, user) => {
  const message = await decideEnrolment(user, input);
  refresh(input.enrolmentId);
  return message;
});

const withdrawAction = authorizedAction("enrolment.submit", withdrawEnrolmentSchema, async (input, user) => {
  const message = await withdrawEnrolment(user, input);
  refresh(input.enrolmentId);
  return message;
});

const accessAction = authorizedAction("enrolment.submit", accessRequestSchema, async (input, user) => {
  const message = await requestAccess(user, input);
  refresh(input.enrolmentId);
  return message;
});

const decideAccessAction = authorizedAction("enrolment.decide", decideAccessRequestSchema, async (input, user) => {
  const message = await decideAccessRequest(user, input);
  refresh();
  revalidatePath("/tilmeldinger/[id]", "page");
  return message;
});

const joinAction = authorizedAction("enrolment.submit", joinRequestSchema, async (input, user) => {
  const message = await requestJoinNextPhase(user, input);
  refresh();
  return message;
});

const decideJoinAction = authorizedAction("enrolment.decide", decideJoinRequestSchema, async (input, user) => {
  const message = await decideJoinRequest(user, input);
  refresh();
  return message;
});

export async function decideEnrolmentForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return decideAction(previous, formData);
}

export async function withdrawEnrolmentForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return withdrawAction(previous, formData);
}

export async function requestAccessForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return accessAction(previous, formData);
}

export async function decideAccessRequestForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return decideAccessAction(previous, formData);
}

export async function requestJoinNextPhaseForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return joinAction(previous, formData);
}

export async function decideJoinRequestForm(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return decideJoinAction(previous, formData);
}
