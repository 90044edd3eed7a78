"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { changeUserRole, setUserActive } from "@/lib/users/manage";
import { changeRoleSchema, setActiveSchema } from "@/lib/users/schemas";

const changeRoleAction = authorizedAction("users.manage", changeRoleSchema, async (input, user) => {
  const message = await changeUserRole(user, input);
  revalidatePath("/admin/brugere");
  return message;
});

const setActiveAction = authorizedAction("users.manage", setActiveSchema, async (input, user) => {
  const message = await setUserActive(user, input);
  revalidatePath("/admin/brugere");
  return message;
});

export async function changeRole(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return changeRoleAction(previous, formData);
}

export async function setActive(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return setActiveAction(previous, formData);
}
