"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/guard";
import type { DecisionActionResult } from "@/lib/cascade/choice";
import { CascadeInputError, recordDecision, type RecordedDecision } from "@/lib/cascade/decisions";
import { decisionFormSchema } from "@/lib/cascade/schemas";

/**
 * Records the buyer's choice for a need. The need arrives as hidden fields and is evaluated again
 * on the server (lib/cascade/decisions.ts); every refused field comes back with its Danish message.
 */
export async function recordCascadeDecision(previous: DecisionActionResult, formData: FormData): Promise<DecisionActionResult> {
  let recorded: RecordedDecision | undefined;
  let fieldErrors: Record<string, string[]> | undefined;
  const action = authorizedAction("cascade.use", decisionFormSchema(), async (input, user) => {
    try {
      recorded = await recordDecision(user, input.need, input.choice);
    } catch (error) {
      if (error instanceof CascadeInputError) fieldErrors = error.errors;
      throw error;
    }
    revalidatePath("/indkoebsbehov");
    return recorded.message;
  });
  const result = await action(previous, formData);
  if (!result.ok && fieldErrors) return { ok: false, message: "Beslutningen er ikke gemt. Ret fejlene nedenfor.", errors: fieldErrors };
  return { ...result, decisionId: result.ok ? recorded?.id : undefined };
}
