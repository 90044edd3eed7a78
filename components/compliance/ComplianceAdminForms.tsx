"use client";

import { ActionMessage } from "@/components/ActionMessage";
import { useActionState } from "react";
import { initialActionResult, type FormAction } from "@/lib/action-result";
import { Select } from "@/components/Select";
import { SubmitButton } from "@/components/SubmitButton";

type QuarterOption = { value: string; label: string };

/** The agency's form: produce every ministry's report for a quarter and send each to its ministry. */
export function SendReportsForm({ action, quarters, defaultQuarter }: { action: FormAction; quarters: QuarterOption[]; defaultQuarter: string }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction} className="mb-2">
      <div className="flex flex-wrap items-end gap-4">
        <Select id="send-quarter" name="quarter" label="Kvartal" defaultValue={defaultQuarter} options={quarters} error={result.errors?.quarter} />
        <SubmitButton pendingText="Udarbejder og sender …">Udarbejd og send rapporterne</SubmitButton>
      </div>
      <ActionMessage result={result} className="mt-2" />
    </form>
  );
}

/** The agency's form: recompute one quarter or all. */
export function RecomputeForm({ action, quarters }: { action: FormAction; quarters: QuarterOption[] }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction}>
      <div className="flex flex-wrap items-end gap-4">
        <Select
          id="recompute-quarter"
          name="quarter"
          label="Genberegn"
          defaultValue="alle"
          options={[{ value: "alle", label: "Alle kvartaler" }, ...quarters]}
          error={result.errors?.quarter}
        />
        <SubmitButton variant="secondary" pendingText="Beregner …">
          Genberegn nu
        </SubmitButton>
      </div>
      <ActionMessage result={result} className="mt-2" />
    </form>
  );
}
