// Reading a named package back out of a bot's reply, so the player's page can offer it in one click.
// The reply is built by quoteText() from termPhrase(); here every phrase the catalogue can produce for
// each side is generated and matched, so the package read is exactly the one the bot named (a test
// holds the round trip for every quote). Pure: the client asks this, it never parses on its own.
import { TERM_KINDS, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Message, Obligation, Term } from "../state.ts";
import { termPhrase } from "../wording.ts";
import { ANSWERED_BEFORE } from "./talk-words.ts";

// A quote repeated later in the week starts with one of ANSWERED_BEFORE: the package is the same.
const again = ANSWERED_BEFORE.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
const OPENING = new RegExp(`^(?:${again})?If you (.+), we would (.+)\\. Offer us exactly that package this week and we accept it`);

/** Every term `party` could be asked for, by its phrase in a sentence. */
function phrasesOf(scenario: Scenario, party: PartyId): Map<string, Term> {
  const out = new Map<string, Term>();
  for (const kind of TERM_KINDS) {
    const spec = scenario.terms[kind];
    if (!spec.givers.includes(party)) continue;
    const param = spec.param;
    const terms: Term[] =
      param.type === "none"
        ? [{ kind }]
        : param.type === "choice"
          ? param.options.map((option) => ({ kind, option }))
          : Array.from({ length: Math.floor((param.max - param.min) / param.step) + 1 }, (_, i) => ({ kind, amount: param.min + i * param.step }));
    for (const term of terms) out.set(termPhrase(scenario, term), term);
  }
  return out;
}

/** "a", "a and b", "a, b and c" → the terms, or null when any part is not a phrase of `party`'s. */
function readList(clause: string, phrases: Map<string, Term>): Term[] | null {
  const whole = phrases.get(clause);
  if (whole) return [whole];
  // Try each " and " as the last separator, then split the head on ", ".
  for (let at = clause.indexOf(" and "); at >= 0; at = clause.indexOf(" and ", at + 1)) {
    const last = phrases.get(clause.slice(at + 5));
    if (!last) continue;
    const head = clause.slice(0, at);
    const one = phrases.get(head);
    if (one) return [one, last];
    const parts = head.split(", ").map((p) => phrases.get(p));
    if (parts.every((p): p is Term => p !== undefined)) return [...parts, last];
  }
  return null;
}

/** The package a bot named in a private reply to `message.to`, as obligations, or null. */
export function packageInReply(scenario: Scenario, message: Message): Obligation[] | null {
  if (message.to === "all") return null;
  const m = OPENING.exec(message.text);
  if (!m) return null;
  const asker = message.to;
  const bot = message.from;
  const askerTerms = readList(m[1]!, phrasesOf(scenario, asker));
  const botTerms = readList(m[2]!, phrasesOf(scenario, bot));
  if (!askerTerms || !botTerms) return null;
  return [...askerTerms.map((term) => ({ party: asker, term })), ...botTerms.map((term) => ({ party: bot, term }))];
}
