import "server-only";
import type { z } from "zod";
import { UserError, type ActionResult } from "@/lib/action-result";
import { authorizedAction } from "@/lib/auth/guard";
import type { CurrentUser } from "@/lib/auth/types";
import { MasterDataError, type SaveOutcome } from "@/lib/catalogue/admin";
import { importFileSchema } from "@/lib/catalogue/admin-schemas";
import { importMasterData, type ImportOutcome } from "@/lib/catalogue/import";
import type { ImportProblem } from "@/lib/catalogue/import-rules";
import { XLSX_MAX_BYTES } from "@/lib/xlsx/reader";

export type SaveActionResult = ActionResult & { saved?: SaveOutcome };

/**
 * A catalogue.manage server action around authorizedAction that also hands back what was saved
 * (so the page can redirect to it) and every field message of a MasterDataError, not just the
 * first. Built per call, so the closure never leaks between requests.
 */
export function catalogueSaveAction<Schema extends z.ZodType>(
  schema: Schema,
  perform: (user: CurrentUser, input: z.infer<Schema>) => Promise<SaveOutcome>,
): (previous: ActionResult, formData: FormData) => Promise<SaveActionResult> {
  return async (previous, formData) => {
    let saved: SaveOutcome | undefined;
    let problems: MasterDataError["problems"] = [];
    const action = authorizedAction("catalogue.manage", schema, async (input, user) => {
      try {
        saved = await perform(user, input);
        return saved.message;
      } catch (error) {
        if (error instanceof MasterDataError) problems = error.problems;
        throw error;
      }
    });
    const result = await action(previous, formData);
    if (!result.ok && problems.length > 0) {
      const errors: Record<string, string[]> = {};
      for (const problem of problems) (errors[problem.field] ??= []).push(problem.message);
      return { ...result, message: "Formularen indeholder fejl.", errors };
    }
    return { ...result, saved: result.ok ? saved : undefined };
  };
}

export type ImportActionResult = ActionResult & { problems?: ImportProblem[]; totalProblems?: number };

/**
 * The import form's action: the file goes through authorizedAction like any form; a refused
 * import comes back with its list of problems (sheet, row, column, reason) beside the message.
 */
export function catalogueImportAction(
  onImported: () => void,
): (previous: ImportActionResult, formData: FormData) => Promise<ImportActionResult> {
  return async (previous, formData) => {
    let outcome: ImportOutcome | undefined;
    const action = authorizedAction("catalogue.manage", importFileSchema, async (input, user) => {
      if (input.file.size > XLSX_MAX_BYTES) {
        throw new UserError(`Filen er for stor. Den må højst være ${XLSX_MAX_BYTES / (1024 * 1024)} MB.`, "file");
      }
      outcome = await importMasterData(user, { name: input.file.name, data: new Uint8Array(await input.file.arrayBuffer()) });
      if (!outcome.ok) throw new UserError(outcome.message, outcome.problems.length > 0 ? undefined : "file");
      onImported();
      return outcome.message;
    }, { heavy: true });
    const result = await action(previous, formData);
    if (outcome && !outcome.ok && outcome.problems.length > 0) {
      return { ...result, problems: outcome.problems, totalProblems: outcome.totalProblems };
    }
    return result;
  };
}
