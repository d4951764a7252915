// The names people give themselves, as tables, the console, the roster and the exports show them.
// A name must show something: control, format and direction characters are taken out (they could
// disguise a name, or make it invisible: a word joiner, a soft hyphen), spaces are folded, and what
// remains must hold a letter, digit, punctuation mark or symbol that is drawn — a name of combining
// marks alone or of the "filler" letters that render blank would be nobody anyone can point at.

/** Controls, format characters (zero-width, joiners, direction marks, soft hyphen), line and paragraph separators. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Letters that are drawn as blank space. */
const BLANK_LETTERS = /[\u115f\u1160\u3164\uffa0]/gu;
const DRAWN = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The name with what cannot be seen taken out and its spaces folded. */
export function cleanName(raw: string): string {
  return raw.replace(HIDDEN, "").replace(/\s+/g, " ").trim();
}

/** Whether a cleaned name shows at least one character a person can see. */
export function nameShows(name: string): boolean {
  return DRAWN.test(name.replace(BLANK_LETTERS, ""));
}
