// A bot keeps the promises of a package it named itself. When a person asked "what would you accept
// for…?", the bot answered "if you do X, we would do Y" and accepted that package (talk-quote.ts);
// its weekly decision then honours Y whatever its usual judgement of the commitment would be, so
// what it said in words is what it does. Other commitments are judged as before (bot.ts).
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Decision } from "../state.ts";
import type { TableView } from "../views.ts";
import { checkDecision } from "../decisions.ts";
import { beliefState } from "./belief.ts";

/** How the bot's acceptance of a package it named begins (its note on the offer, seen by both sides). */
export const NAMED_PACKAGE_NOTE = "Accepted: this is the package we named";

/** This week's commitments of `me` that come from packages it named and accepted as named. */
export function namedPromises(view: TableView, me: PartyId): Set<number> {
  const named = new Set(view.offers.filter((o) => o.notes.some((n) => n.party === me && n.text.startsWith(NAMED_PACKAGE_NOTE))).map((o) => o.id));
  return new Set(view.commitments.filter((c) => c.party === me && c.status === "pending" && c.round === view.round && named.has(c.offerId)).map((c) => c.id));
}

/**
 * The decision with every named promise honoured: its breaks dropped, and any move that honouring
 * them rules out (strikes after promising to halt them) dropped with them, so the rules accept it.
 */
export function keepNamedPromises(scenario: Scenario, view: TableView, me: PartyId, decision: Decision): Decision {
  const named = namedPromises(view, me);
  if (!decision.breaks.some((id) => named.has(id))) return decision;
  let kept: Decision = { ...decision, breaks: decision.breaks.filter((id) => !named.has(id)) };
  const s = beliefState(view, me);
  for (let i = 0; i <= decision.moves.length; i++) {
    const bad = checkDecision(scenario, s, me, kept);
    const at = bad?.field?.startsWith("moves.") ? Number(bad.field.slice(6)) : -1;
    if (at < 0) break;
    kept = { ...kept, moves: kept.moves.filter((_, j) => j !== at) };
  }
  return kept;
}
