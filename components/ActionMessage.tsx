import type { ActionResult } from "@/lib/action-result";
import { cx } from "./cx";

/** A server action's message beside its form: announced politely on success, at once on failure. */
export function ActionMessage({ result, className }: { result: ActionResult; className?: string }) {
  if (!result.message) return null;
  return (
    <p role={result.ok ? "status" : "alert"} className={cx(result.ok ? "text-success" : "font-semibold text-error", className)}>
      {result.message}
    </p>
  );
}
