import { z } from "zod";
import { readDanishAmount } from "@/lib/domain/amount";

/**
 * A non-negative Danish number with at most two decimals, read exactly: "10.000" kroner is 1,000,000
 * øre, and "5,5" percent is 550 hundredths of a percent (basis points), by the same reading.
 */
function hundredths(what: string, max: bigint) {
  return z
    .string({ error: `Angiv ${what}.` })
    .trim()
    .min(1, `Angiv ${what}.`)
    .transform((value, context) => {
      const reading = readDanishAmount(value);
      if (!reading.ok) {
        context.addIssue({ code: "custom", message: `Skriv ${what} som et tal med højst to decimaler efter komma, fx 5 eller 10.000,00.` });
        return z.NEVER;
      }
      if (reading.ore < 0n || reading.ore > max) {
        context.addIssue({ code: "custom", message: `${what[0]!.toUpperCase()}${what.slice(1)} skal være mellem 0 og ${Number(max / 100n).toLocaleString("da-DK")}.` });
        return z.NEVER;
      }
      return reading.ore;
    });
}

export const toleranceSchema = z.object({
  percent: hundredths("procentsatsen", 100_00n).transform((value) => Number(value)),
  kroner: hundredths("beløbet", 1_000_000_000_00n),
});

export type ToleranceInput = z.infer<typeof toleranceSchema>;
