"use client";

import { ActionMessage } from "./ActionMessage";
import { useActionState } from "react";
import { initialActionResult, type FormAction } from "@/lib/action-result";
import { Select } from "./Select";
import { SubmitButton } from "./SubmitButton";
import { TextInput } from "./TextInput";
import { useKeptForm } from "./use-kept-form";

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

/** A new user of a supplier company: the role SUPPLIER with the company, picked by name or CVR. */
export function SupplierUserForm({ action, suppliers }: { action: FormAction; suppliers: { cvr: string; name: string }[] }) {
  const { result, formAction, onSubmit } = useKeptForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="grid gap-4" aria-labelledby="opret-leverandoerbruger">
      <h2 id="opret-leverandoerbruger">Opret leverandørbruger</h2>
      <input type="hidden" name="role" value="SUPPLIER" />
      <TextInput id="supplier-user-name" name="name" label="Navn" autoComplete="off" error={result.errors?.name} />
      <TextInput id="supplier-user-email" name="email" type="email" label="E-mail" autoComplete="off" error={result.errors?.email} />
      <Select
        id="supplier-user-supplier"
        name="supplierCvr"
        label="Leverandør"
        hint="Brugeren ser kun de aftaler, leverandøren er part i."
        placeholder="Vælg leverandør"
        options={suppliers.map((supplier) => ({ value: supplier.cvr, label: `${supplier.name} (CVR ${supplier.cvr})` }))}
        error={result.errors?.supplierCvr ?? result.errors?.role}
      />
      <div>
        <SubmitButton pendingText="Opretter …">Opret bruger</SubmitButton>
      </div>
      <ActionMessage result={result} />
    </form>
  );
}
