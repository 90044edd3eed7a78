"use client";

import { ActionMessage } from "./ActionMessage";
import { useActionState } from "react";
import { initialActionResult, type FormAction } from "@/lib/action-result";
import { Select } from "./Select";
import { SubmitButton } from "./SubmitButton";

/** Role change for one user; the result is shown beside the field. */
export function RoleForm({
  action,
  userId,
  role,
  options,
}: {
  action: FormAction;
  userId: number;
  role: string;
  options: { value: string; label: string }[];
}) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="userId" value={userId} />
      <Select id={`role-${userId}`} name="role" label="Rolle" defaultValue={role} options={options} error={result.errors?.role} />
      <SubmitButton variant="secondary" pendingText="Gemmer …">
        Gem rolle
      </SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}

export function ActiveForm({ action, userId, active }: { action: FormAction; userId: number; active: boolean }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton variant={active ? "warning" : "secondary"}>{active ? "Deaktivér" : "Aktivér"}</SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}
