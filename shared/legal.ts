// What a party may do now, asked by clients (to show only legal controls) and by bots. Offers are
// built from availableTerms(); here are the concrete actions that need no composing.
import { PARTY_IDS, type PartyId } from "./ids.ts";
import type { Action } from "./actions.ts";
import type { GameState, Offer } from "./state.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { RuleError } from "./result.ts";
import { checkTerm } from "./terms.ts";
import { defaultDecision } from "./decisions.ts";

/** Offers awaiting this party's answer. */
export function offersAwaiting(state: GameState, party: PartyId) {
  return state.offers.filter((o) => o.status === "open" && o.recipients.includes(party) && !o.acceptedBy.includes(party));
}

export function legalActions(state: GameState, party: PartyId): Action[] {
  const actions: Action[] = [];
  if (state.stage === "negotiation") {
    for (const o of offersAwaiting(state, party)) {
      actions.push({ type: "accept", by: party, offerId: o.id, note: "" });
      actions.push({ type: "reject", by: party, offerId: o.id, reason: "" });
    }
    for (const o of state.offers)
      if (o.status === "open" && o.proposer === party) actions.push({ type: "withdraw", by: party, offerId: o.id });
    if (!state.parties[party].ready) actions.push({ type: "ready", by: party });
  }
  if (state.stage === "decisions" && state.parties[party].decision === null)
    actions.push({ type: "decide", by: party, decision: defaultDecision() });
  return actions;
}

/**
 * Why this party could not accept the offer now, from what it can see: it already promised what the
 * offer asks of it, or a term in it is already done or promised. Null when it may accept.
 */
export function acceptBlocker(scenario: Scenario, state: GameState, party: PartyId, offer: Offer): RuleError | null {
  for (const [i, o] of offer.obligations.entries()) {
    const bad = checkTerm(scenario, state, o.party, o.term, `obligations.${i}.term`, party);
    if (bad) return o.party === party ? bad : { ...bad, message: `${scenario.parties[o.party].shortName}: ${bad.message}` };
  }
  return null;
}

/** Whose input the table is waiting for. */
export function waitingFor(state: GameState): PartyId[] {
  if (state.stage === "negotiation") return PARTY_IDS.filter((p) => !state.parties[p].ready);
  if (state.stage === "decisions") return PARTY_IDS.filter((p) => state.parties[p].decision === null);
  return [];
}
