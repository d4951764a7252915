// The names people give themselves, as tables, the console, the roster and the exports show them.
// A name must show something: control, format and direction characters are taken out (they could
// disguise a name, or make it invisible: a word joiner, a soft hyphen), spaces are folded, and what
// remains must hold a letter, digit, punctuation mark or symbol that is drawn — a name of combining
// marks alone or of the "filler" letters that render blank would be nobody anyone can point at.
// Two format characters are part of how some names are written, and stay where they do that work:
// the zero-width non-joiner inside a word (Persian and other scripts: "می‌خواهم") and the
// zero-width joiner between the parts of one emoji. Anywhere else they only hide, and go.
import { z } from "zod";

/** Controls, format characters (zero-width, joiners, direction marks, soft hyphen), line and paragraph separators. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** The zero-width non-joiner and joiner. */
const JOINERS = new Set(["\u200c", "\u200d"]);
/** What a joiner may sit between: letters, their marks, digits and symbols (emoji among them). */
const JOINABLE = /[\p{L}\p{M}\p{N}\p{S}]/u;
/** Letters that are drawn as blank space. */
const BLANK_LETTERS = /[\u115f\u1160\u3164\uffa0]/gu;
const DRAWN = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The name with what cannot be seen taken out and its spaces folded. */
export function cleanName(raw: string): string {
  const chars = [...raw];
  return chars
    .filter((c, i) => !HIDDEN.test(c) || (JOINERS.has(c) && JOINABLE.test(chars[i - 1] ?? "") && JOINABLE.test(chars[i + 1] ?? "")))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether a cleaned name shows at least one character a person can see. */
export function nameShows(name: string): boolean {
  return DRAWN.test(name.replace(BLANK_LETTERS, ""));
}

/** A person's name where it enters (a table's join, a class's student list): cleaned, then checked. */
export const personNameSchema = z
  .string()
  .max(200)
  .transform(cleanName)
  .pipe(z.string().min(1, "a name is needed").max(40, "a name is at most 40 characters").refine(nameShows, "a name needs a letter or digit that shows"));
