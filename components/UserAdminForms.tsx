"use client";

import { useActionState } from "react";
import { initialActionResult, type ActionResult } from "@/lib/action-result";
import { Select } from "./Select";
import { SubmitButton } from "./SubmitButton";

type Action = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

function Result({ result }: { result: ActionResult }) {
  if (!result.message) return null;
  return (
    <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-success" : "font-semibold text-error"}>
      {result.message}
    </p>
  );
}

/** Role change for one user; the result is shown beside the field. */
export function RoleForm({
  action,
  userId,
  role,
  options,
}: {
  action: Action;
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
      <Result result={result} />
    </form>
  );
}

export function ActiveForm({ action, userId, active }: { action: Action; userId: number; active: boolean }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton variant={active ? "warning" : "secondary"}>{active ? "Deaktivér" : "Aktivér"}</SubmitButton>
      <Result result={result} />
    </form>
  );
}
