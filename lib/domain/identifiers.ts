/**
 * Danish identifiers: CVR numbers (modulus 11) and EAN/GLN location numbers (GS1 modulus 10).
 * Pure functions, no I/O. See docs/STACK.md "Identifiers".
 */

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Strips spaces (also non-breaking) and a leading "DK" (any case, optional dash) from a CVR as typed. */
export function normalizeCvr(input: string): string {
  let s = input.replace(/[\s\u00a0]+/g, "");
  s = s.replace(/^dk-?/i, "");
  return s;
}

/** True when `cvr` is exactly 8 digits, does not start with 0, and the weighted sum is divisible by 11. */
export function isValidCvr(cvr: string): boolean {
  if (!/^[1-9][0-9]{7}$/.test(cvr)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(cvr.charCodeAt(i) - 48) * CVR_WEIGHTS[i]!;
  return sum % 11 === 0;
}

/**
 * Completes a 7-digit CVR body with its check digit, or returns null when no digit can make it valid
 * (the remainder would need a check digit of 10; such bodies are never issued).
 */
export function cvrWithCheck(body: string): string | null {
  if (!/^[1-9][0-9]{6}$/.test(body)) throw new Error(`CVR body must be 7 digits not starting with 0: ${body}`);
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(body.charCodeAt(i) - 48) * CVR_WEIGHTS[i]!;
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : body + String(check);
}

/**
 * Deterministic valid CVR numbers: the `index`-th (0-based) valid number from `start` upwards, in steps
 * of `step` 7-digit bodies. Used for the fictitious demo data, never for real organisations.
 */
export function fictitiousCvrs(count: number, start = 4_100_000, step = 137): string[] {
  const out: string[] = [];
  let body = start;
  while (out.length < count) {
    if (body > 9_999_999) throw new Error("CVR range exhausted");
    const cvr = cvrWithCheck(String(body));
    if (cvr) out.push(cvr);
    body += step;
  }
  return out;
}

/** GS1 modulo-10 check digit for the given digits (weights 3,1,3,1... from the right, i.e. 1,3,1,3 from the left for 12 digits). */
function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += d * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `ean` is exactly 13 digits with a correct GS1 check digit. */
export function isValidEan(ean: string): boolean {
  if (!/^[0-9]{13}$/.test(ean)) return false;
  return gs1CheckDigit(ean.slice(0, 12)) === ean.charCodeAt(12) - 48;
}

/** Completes a 12-digit EAN/GLN body with its GS1 check digit. */
export function eanWithCheck(body: string): string {
  if (!/^[0-9]{12}$/.test(body)) throw new Error(`EAN body must be 12 digits: ${body}`);
  return body + String(gs1CheckDigit(body));
}

/** Strips spaces from an EAN as typed (Excel and people group the digits). */
export function normalizeEan(input: string): string {
  return input.replace(/[\s\u00a0-]+/g, "");
}
