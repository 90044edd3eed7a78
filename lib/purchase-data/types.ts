import { UserError } from "@/lib/action-result";

/** A cell as the readers give it: CSV gives text only; xlsx also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

/** One record of a file: the line (CSV) or row (xlsx) number people see, and its cells. */
export type RawRow = {
  line: number;
  cells: Cell[];
  /** The file ended in this row without a line break (CSV): a short row here means a cut-off file. */
  unterminated?: boolean;
};

/** One problem in the error report: row, column and reason, in Danish. */
export type Problem = { row: number | null; column: string | null; message: string };

/** The whole file is refused; the message says why and where, in Danish. */
export class PurchaseFileError extends UserError {
  constructor(message: string) {
    super(message, "file");
    this.name = "PurchaseFileError";
  }
}

/** How the file's bytes were read: for the report and the audit log. */
export type FileDescription = { kind: "csv" | "xlsx"; encoding?: "UTF-8" | "Windows-1252"; delimiter?: string; sheet?: string };
