// What a player's private message to a bot asks for, recognised from a small set of intents by
// keywords and the scenario's own term names. Anything not recognised gets the honest fallback
// reply ("we read every message; make us an offer…"): the bot never pretends to understand more.
import { TERM_KINDS, type TermKind } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import { ASK_ABOUT_OFFER, ASK_PRICE, ASK_RED_LINES, ASK_WANTS, COMPLAINT, GREETING, TERM_WORDS, THANKS, THREAT } from "./talk-words.ts";

export type TalkIntent =
  | { kind: "ask_price"; term: TermKind; amount?: number }
  | { kind: "ask_wants" }
  | { kind: "ask_red_lines" }
  /** "Why did you reject our offer?", "what do you think of our package?" */
  | { kind: "ask_about_offer" }
  | { kind: "complaint" }
  | { kind: "threat" }
  | { kind: "thanks" }
  | { kind: "greeting" }
  | { kind: "other" };

/** The prefix of the question the messages panel sends from its menu of terms. */
export const ASK_PRICE_PREFIX = "What would you accept for:";

/**
 * The exact question the client sends when a player picks a term from the menu: built from the
 * scenario's label, so recogniseTalk always reads it back as that term.
 */
export function askPriceText(scenario: Scenario, kind: TermKind): string {
  return `${ASK_PRICE_PREFIX} ${scenario.terms[kind].label}?`;
}

const normalise = (text: string) => text.toLowerCase().replace(/[\u2019`]/g, "'").replace(/\s+/g, " ").trim();

/** The term a message names, by the longest matching word or label; null when it names none. */
export function termMentioned(scenario: Scenario, text: string): TermKind | null {
  const t = normalise(text);
  let best: { kind: TermKind; length: number; at: number } | null = null;
  for (const kind of TERM_KINDS) {
    const words = [scenario.terms[kind].label.toLowerCase(), ...TERM_WORDS[kind]];
    for (const w of words) {
      const at = findWord(t, w);
      if (at < 0) continue;
      // The longer phrase is the more specific one ("aid hubs" over "aid"); ties go to the earlier.
      if (!best || w.length > best.length || (w.length === best.length && at < best.at)) best = { kind, length: w.length, at };
    }
  }
  return best?.kind ?? null;
}

/** Index of `word` in `text` as a whole word or phrase, -1 when absent. */
function findWord(text: string, word: string): number {
  let from = 0;
  while (from <= text.length) {
    const at = text.indexOf(word, from);
    if (at < 0) return -1;
    const before = at === 0 ? " " : text[at - 1]!;
    const after = text[at + word.length] ?? " ";
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return at;
    from = at + 1;
  }
  return -1;
}

/** The first whole number in a text ("1,950" reads as 1950), or null. */
function firstNumber(t: string): number | null {
  const m = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.])/.exec(t);
  return m ? Number(m[1]!.replace(/,/g, "")) : null;
}

const any = (patterns: readonly RegExp[], t: string) => patterns.some((p) => p.test(t));

/** Reads a message into one intent. Deterministic: the same text always gives the same intent. */
export function recogniseTalk(scenario: Scenario, text: string): TalkIntent {
  const t = normalise(text);
  if (t.startsWith(normalise(ASK_PRICE_PREFIX))) {
    const term = termMentioned(scenario, t.slice(ASK_PRICE_PREFIX.length));
    if (term) return { kind: "ask_price", term };
  }
  // A grievance or a threat is answered as such even when it names a term.
  if (any(COMPLAINT, t)) return { kind: "complaint" };
  if (any(THREAT, t)) return { kind: "threat" };
  if (any(ASK_RED_LINES, t)) return { kind: "ask_red_lines" };
  // Before the terms: "why did you reject our offer on the crossings?" asks about that offer.
  if (any(ASK_ABOUT_OFFER, t)) return { kind: "ask_about_offer" };
  const term = termMentioned(scenario, t);
  const asking = t.includes("?") || any(ASK_PRICE, t) || any(ASK_WANTS, t);
  if (term && (asking || !any(THANKS, t))) {
    // "…for 10 hostages?": a number in the question sets the amount of a term that takes one.
    const amount = scenario.terms[term].param.type === "amount" ? firstNumber(t) : null;
    return amount === null ? { kind: "ask_price", term } : { kind: "ask_price", term, amount };
  }
  if (any(THANKS, t)) return { kind: "thanks" };
  if (any(ASK_WANTS, t) || any(ASK_PRICE, t)) return { kind: "ask_wants" };
  if (any(GREETING, t)) return { kind: "greeting" };
  return { kind: "other" };
}
