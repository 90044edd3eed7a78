"use client";

import { useActionState } from "react";
import { initialActionResult, type ActionResult } from "@/lib/action-result";
import { Select } from "@/components/Select";
import { SubmitButton } from "@/components/SubmitButton";

type Action = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

function Result({ result }: { result: ActionResult }) {
  if (!result.message) return null;
  return (
    <p role={result.ok ? "status" : "alert"} className={result.ok ? "mt-2 text-success" : "mt-2 font-semibold text-error"}>
      {result.message}
    </p>
  );
}

type QuarterOption = { value: string; label: string };

/** The agency's form: produce every ministry's report for a quarter and send each to its ministry. */
export function SendReportsForm({ action, quarters, defaultQuarter }: { action: Action; quarters: QuarterOption[]; defaultQuarter: string }) {
  const [result, formAction] = useActionState(action, initialActionResult);
  return (
    <form action={formAction} className="mb-2">
      <div className="flex flex-wrap items-end gap-4">
        <Select id="send-quarter" name="quarter" label="Kvartal" defaultValue={defaultQuarter} options={quarters} error={result.errors?.quarter} />
        <SubmitButton pendingText="Udarbejder og sender …">Udarbejd og send rapporterne</SubmitButton>
      </div>
      <Result result={result} />
    </form>
  );
}

/** The agency's form: recompute one quarter or all. */
export function RecomputeForm({ action, quarters }: { action: Action; quarters: QuarterOption[] }) {
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
      <Result result={result} />
    </form>
  );
}
