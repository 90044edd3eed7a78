"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { createReservation, withdrawReservation } from "@/lib/purchase-data/reservations";
import { createReservationSchema, withdrawReservationSchema } from "@/lib/purchase-data/schemas";

const createAction = authorizedAction("reservations.create", createReservationSchema, async (input, user) => {
  const message = await createReservation(user, input);
  revalidatePath("/indkoebsdata/forbehold");
  revalidatePath("/indkoebsdata/status");
  return message;
});

const withdrawAction = authorizedAction("reservations.create", withdrawReservationSchema, async (input, user) => {
  const message = await withdrawReservation(user, input);
  revalidatePath("/indkoebsdata/forbehold");
  revalidatePath("/indkoebsdata/status");
  return message;
});

export async function addReservation(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return createAction(previous, formData);
}

export async function retractReservation(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return withdrawAction(previous, formData);
}
