/**
 * A sort key that makes Danish alphabetical order work under plain byte ("C") collation, which is all
 * PGlite offers (no ICU). Store it in the `sortKey` columns and ORDER BY it.
 *
 * The key is lower-case ASCII:
 * - a-z and 0-9 as themselves; Æ/Ä -> "{", Ø/Ö -> "|", Å and "Aa"/"AA" -> "}", which sort after "z"
 *   (as Æ, Ø, Å do in Danish, with the double a treated as Å);
 * - ü -> y, ð -> d, þ -> th, ß -> ss, other accented letters lose their accent (é -> e);
 * - white space runs become one space, other punctuation "!", so both sort before digits and letters
 *   (as in ICU's Danish collation, where they are not ignored).
 * It compares like Intl.Collator("da") at primary strength: case and accents only break ties, which the
 * caller does by also ordering by name.
 */
export function danishSortKey(name: string): string {
  // Contract the double a before lower-casing: ICU's Danish tailoring treats "aa", "Aa" and "AA"
  // (not "aA") as Å.
  const s = name.normalize("NFC").replace(/aa|Aa|AA/g, "å").toLowerCase();
  let out = "";
  let lastWasSpace = true; // drops leading white space
  for (const ch of s) {
    let mapped: string;
    switch (ch) {
      case "æ":
      case "ä":
        mapped = "{";
        break;
      case "ø":
      case "ö":
      case "ő":
        mapped = "|";
        break;
      case "å":
        mapped = "}";
        break;
      case "ü":
      case "ű":
        mapped = "y";
        break;
      case "ð":
      case "đ":
        mapped = "d";
        break;
      case "þ":
        mapped = "th";
        break;
      case "ß":
        mapped = "ss";
        break;
      default: {
        if ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")) {
          mapped = ch;
        } else if (/\s/.test(ch)) {
          mapped = " ";
        } else {
          // Strip accents: é -> e, ç -> c, ñ -> n ...
          const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
          if (base.length > 0 && /^[a-z0-9]+$/.test(base)) mapped = base;
          else if (/[\p{L}\p{N}]/u.test(ch)) mapped = ch; // other scripts: keep, they sort after ASCII
          else mapped = "!";
        }
      }
    }
    if (mapped === " ") {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    out += mapped;
  }
  return out.trimEnd();
}

/** Compares two names in Danish order through their sort keys, with the name itself as tie-break. */
export function compareDanish(a: string, b: string): number {
  const ka = danishSortKey(a);
  const kb = danishSortKey(b);
  if (ka < kb) return -1;
  if (ka > kb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
