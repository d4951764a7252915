// The stand-in for a seat that does not decide: when the clock runs out (or the facilitator moves
// the table on) before a seat has submitted, its decisions are what its bot would choose — keeping
// every commitment it made — rather than doing nothing at all, which left a table of passive
// students to drift into collapse. It is computed from the seat's own view of the state alone, with
// no randomness, so the reducer can fill it in and a replay of the log gives the same state. The
// decision form starts from the same suggestion, so a person who only confirms the defaults plays
// it too.
import type { PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Decision, GameState } from "./state.ts";
import type { TableView } from "./views.ts";
import { viewFor } from "./views.ts";
import { stateFromView } from "./view-state.ts";
import { checkDecision, emptyDecision } from "./decisions.ts";
import { greedyDecision } from "./policies/greedy-policy.ts";
import { PERSONA_PROFILES } from "./bots/persona.ts";

/** The persona a stand-in plays: the middle way between holding out and giving in. */
export const STAND_IN_PERSONA = "pragmatist" as const;

/**
 * What the seat's bot (a pragmatist, normal difficulty) would decide on this view, keeping every
 * commitment due. Always a legal decision for the seat; the empty decision only if no other is.
 */
export function standInDecision(scenario: Scenario, view: TableView, party: PartyId): Decision {
  const belief = stateFromView(view);
  if (belief.stage !== "decisions") return emptyDecision();
  // As the bot does: the nearer the end, the more an objective counts by whether it will hold.
  const weights = { ...PERSONA_PROFILES[STAND_IN_PERSONA].weights, certainty: Math.min(1, view.round / Math.max(1, view.rounds)) };
  const decision = greedyDecision(scenario, belief, party, weights, []);
  return checkDecision(scenario, belief, party, decision) === null ? decision : emptyDecision();
}

/**
 * The stand-in decision as the referee computes it: from the seat's own view of the true state.
 * Views are cached per state object, and the reducer calls this on the draft it is still changing,
 * so the view is made from a copy: the draft's own view must not be cached half-way through.
 */
export function standInFor(scenario: Scenario, state: GameState, party: PartyId): Decision {
  const decision = standInDecision(scenario, viewFor(scenario, structuredClone(state), party), party);
  return checkDecision(scenario, state, party, decision) === null ? decision : emptyDecision();
}
