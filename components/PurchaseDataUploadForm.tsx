"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { initialActionResult, type ActionResult } from "@/lib/action-result";
import { Alert } from "./Alert";
import { DataTable } from "./DataTable";
import { ErrorSummary } from "./ErrorSummary";
import { FormField, fieldAria } from "./FormField";
import { Select, type SelectOption } from "./Select";
import { PendingButton, submitWithoutReset } from "./PurchaseDataForms";
import { errorSummaryItems, firstError } from "./form-errors";

export type UploadProblem = { row: number | null; column: string | null; message: string };

/** What the upload endpoint answers (app/indkoebsdata/indsend/fil/route.ts). */
export type UploadResult = ActionResult & { problems?: UploadProblem[]; totalProblems?: number };

const SEND_FAILED = "Filen kunne ikke sendes. Kontrollér forbindelsen, og prøv igen.";

/** The words of the form that name what is uploaded (default: purchase data). */
export type UploadTexts = { fileLabel: string; chooseFile: string; received: string };

const PURCHASE_DATA_TEXTS: UploadTexts = {
  fileLabel: "Fil med indkøbsdata",
  chooseFile: "Vælg en fil med indkøbsdata (CSV eller xlsx).",
  received: "Indkøbsdata er modtaget",
};

/**
 * Upload of a quarter's purchase data (or, with `texts` and without `quarters`, of a supplier's
 * sales report for the quarter in the endpoint's path). The file is sent as the request body to a route handler
 * (a server action's body is limited to a few MB; a quarter of line-level data can be 100 MB), and
 * the answer is shown as a form result: messages beside the fields, or the error report (row,
 * column, reason) when the file was refused.
 */
export function PurchaseDataUploadForm({
  endpoint,
  quarters,
  defaultQuarter,
  maxMegabytes,
  texts = PURCHASE_DATA_TEXTS,
}: {
  endpoint: string;
  /** Without quarters the form has no quarter field: the endpoint names the quarter. */
  quarters?: readonly SelectOption[];
  defaultQuarter?: string;
  maxMegabytes: number;
  texts?: UploadTexts;
}) {
  const router = useRouter();
  // Controlled and submitted without React's form reset: the chosen quarter stays after an answer.
  const [quarter, setQuarter] = useState(defaultQuarter ?? "");
  const [result, formAction, pending] = useActionState(async (_previous: UploadResult, formData: FormData): Promise<UploadResult> => {
    const quarter = String(formData.get("quarter") ?? "");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return { ok: false, message: "Formularen indeholder fejl.", errors: { file: [texts.chooseFile] } };
    }
    if (file.size > maxMegabytes * 1024 * 1024) {
      return { ok: false, message: "Formularen indeholder fejl.", errors: { file: [`Filen er for stor. Den må højst være ${maxMegabytes} MB.`] } };
    }
    try {
      const response = await fetch(quarters ? `${endpoint}?kvartal=${encodeURIComponent(quarter)}` : endpoint, {
        method: "POST",
        body: file,
        headers: { "Content-Type": file.type || "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) },
      });
      const body = (await response.json().catch(() => null)) as UploadResult | { error?: string } | null;
      if (body && "ok" in body) return body;
      return { ok: false, message: (body && "error" in body && body.error) || SEND_FAILED };
    } catch {
      return { ok: false, message: SEND_FAILED };
    }
  }, initialActionResult as UploadResult);

  useEffect(() => {
    if (result.ok) router.refresh();
  }, [result, router]);

  const problems = result.problems ?? [];
  const fieldErrors = errorSummaryItems(result.errors, ["quarter", "file"]);
  const fileError = firstError(result.errors, "file");
  const hint = `CSV (semikolon eller komma, UTF-8 eller Windows-1252) eller Excel (xlsx), højst ${maxMegabytes} MB.`;
  return (
    <>
      <form onSubmit={submitWithoutReset(formAction)} className="max-w-2xl space-y-6">
        {!result.ok && fieldErrors.length > 0 ? <ErrorSummary items={fieldErrors} /> : null}
        {!result.ok && result.message && fieldErrors.length === 0 && problems.length === 0 ? (
          <Alert variant="error" heading="Filen er ikke modtaget">
            <p>{result.message}</p>
          </Alert>
        ) : null}
        {quarters ? (
          <Select
            id="quarter"
            name="quarter"
            label="Kvartal"
            value={quarter}
            onChange={(event) => setQuarter(event.target.value)}
            options={quarters}
            error={result.errors?.quarter}
          />
        ) : null}
        <FormField id="file" label={texts.fileLabel} hint={hint} error={fileError}>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            {...fieldAria("file", hint, fileError)}
            className="block text-sm"
          />
        </FormField>
        <PendingButton pending={pending} pendingText="Kontrollerer og gemmer …">
          Indsend
        </PendingButton>
      </form>
      {result.ok && result.message ? (
        <Alert variant="success" heading={texts.received} className="mt-8">
          <p>{result.message}</p>
        </Alert>
      ) : null}
      {!result.ok && problems.length > 0 ? (
        <section aria-labelledby="upload-problems" className="mt-8">
          <Alert variant="error" heading="Filen er afvist – intet er gemt">
            <p>{result.message}</p>
          </Alert>
          <h2 id="upload-problems" className="mt-8">
            Fejlrapport
          </h2>
          {result.totalProblems && result.totalProblems > problems.length ? (
            <p className="mt-2">
              Viser de første {problems.length.toLocaleString("da-DK")} af {result.totalProblems.toLocaleString("da-DK")} fejl.
            </p>
          ) : null}
          <DataTable
            className="mt-4"
            caption="Fejl i filen: række, kolonne og årsag"
            captionHidden
            compact
            rows={problems}
            rowKey={(_problem, index) => index}
            columns={[
              { key: "row", header: "Række", numeric: true, cell: (p) => p.row ?? "–" },
              { key: "column", header: "Kolonne", cell: (p) => p.column ?? "–" },
              { key: "message", header: "Årsag", cell: (p) => p.message },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
