"use client";

import { useActionState, useState, type FormEvent } from "react";
import { initialActionResult, type ActionResult } from "@/lib/action-result";
import { Alert } from "./Alert";
import { DataTable } from "./DataTable";
import { ErrorSummary } from "./ErrorSummary";
import { FileInput } from "./MasterDataForms";
import { SubmitButton } from "./SubmitButton";
import { firstError } from "./form-errors";

export type ImportProblemRow = { sheet: string; row: number | null; column: string | null; message: string };

export type ImportActionResult = ActionResult & { problems?: ImportProblemRow[]; totalProblems?: number };

type ImportAction = (previous: ImportActionResult, formData: FormData) => Promise<ImportActionResult>;

/** Upload of a master-data workbook; shows what was imported, or every problem found and that nothing was written. */
export function MasterDataImportForm({ action, maxMegabytes }: { action: ImportAction; maxMegabytes: number }) {
  const [result, formAction] = useActionState(action, initialActionResult as ImportActionResult);
  // A file over the limit is stopped here, before it is sent (the server checks again).
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (file && file.size > maxMegabytes * 1024 * 1024) {
      event.preventDefault();
      setTooLarge(`Filen er for stor (${(file.size / (1024 * 1024)).toLocaleString("da-DK", { maximumFractionDigits: 1 })} MB). Den må højst være ${maxMegabytes} MB.`);
    } else {
      setTooLarge(null);
    }
  };
  const fileError = tooLarge ?? firstError(result.errors, "file");
  const problems = tooLarge ? [] : (result.problems ?? []);
  return (
    <>
      <form action={formAction} onSubmit={onSubmit} className="max-w-2xl space-y-6">
        {fileError && problems.length === 0 ? <ErrorSummary items={[{ fieldId: "file", message: fileError }]} /> : null}
        <FileInput
          id="file"
          name="file"
          label="Regneark (xlsx)"
          hint={`Brug skabelonen. Filen må højst være ${maxMegabytes} MB og må ikke indeholde makroer.`}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={problems.length === 0 ? fileError : undefined}
        />
        <SubmitButton pendingText="Kontrollerer og importerer …">Importér</SubmitButton>
      </form>
      {result.ok && result.message && !tooLarge ? (
        <Alert variant="success" heading="Importen er gennemført" className="mt-8">
          <p>{result.message.replace(/^Importen er gennemført\. /, "")}</p>
        </Alert>
      ) : null}
      {!result.ok && problems.length > 0 ? (
        <section aria-labelledby="import-problems" className="mt-8">
          <Alert variant="error" heading="Intet er importeret">
            <p>{result.message}</p>
          </Alert>
          <h2 id="import-problems" className="mt-8">
            Fejl i filen
          </h2>
          {result.totalProblems && result.totalProblems > problems.length ? (
            <p className="mt-2">
              Viser de første {problems.length} af {result.totalProblems} fejl.
            </p>
          ) : null}
          <DataTable
            className="mt-4"
            caption="Fejl i filen: ark, række, kolonne og årsag"
            captionHidden
            compact
            rows={problems}
            rowKey={(problem, index) => `${index}`}
            columns={[
              { key: "sheet", header: "Ark", cell: (p) => p.sheet },
              { key: "row", header: "Række", numeric: true, cell: (p) => p.row ?? "–" },
              { key: "column", header: "Kolonne", cell: (p) => p.column ?? "–" },
              { key: "message", header: "Fejl", cell: (p) => p.message },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
