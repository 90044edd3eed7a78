"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import { changeUserRole, createSupplierUser, setUserActive } from "@/lib/users/manage";
import { changeRoleSchema, createSupplierUserSchema, setActiveSchema } from "@/lib/users/schemas";

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

const createSupplierUserAction = authorizedAction("users.manage", createSupplierUserSchema, async (input, user) => {
  const message = await createSupplierUser(user, input);
  revalidatePath("/admin/brugere");
  return message;
});

export async function createUser(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return createSupplierUserAction(previous, formData);
}

export async function changeRole(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return changeRoleAction(previous, formData);
}

export async function setActive(previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return setActiveAction(previous, formData);
}
