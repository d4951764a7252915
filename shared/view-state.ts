// Asking the rules about a view. Clients hold a TableView, not a GameState; the legality questions
// (availableTerms, checkTerm, decisionOptions, checkDecision, offersAwaiting, legalActions, apply)
// take a GameState. This rebuilds, from what the viewer may see, a state on which those questions
// give the same answers for that viewer — so a client never re-implements a rule. Pure.
import { PARTY_IDS, type PartyId } from "./ids.ts";
import type { PartyIntentInput } from "./actions.ts";
import type { RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState, PartyState } from "./state.ts";
import type { TableView } from "./views.ts";
import { emptyDecision } from "./decisions.ts";
import { apply } from "./apply.ts";

/**
 * A state that answers legality questions as the real one would for `view.viewer`. Hidden parts
 * (other parties' secrets, the generator, offers the viewer is not party to) are filled with
 * neutral values; never resolve a round on it.
 */
/** Pressure assumed for a party whose real pressure is secret. */
export const UNKNOWN_PRESSURE = 50;

export function stateFromView(view: TableView): GameState {
  const parties = {} as Record<PartyId, PartyState>;
  for (const p of PARTY_IDS) {
    const mine = view.private[p];
    parties[p] = {
      objectives: mine ? mine.objectives.map((o) => o.id) : [],
      pressure: mine ? mine.pressure : UNKNOWN_PRESSURE,
      leverage: mine ? mine.leverage : 5,
      ready: view.ready.includes(p),
      decision: mine?.decision ?? (view.decided.includes(p) ? emptyDecision() : null),
      defaulted: mine?.defaulted ?? false,
      draft: mine?.draft ?? null,
      pressureByWeek: mine ? [...mine.pressureByWeek] : [],
    };
  }
  const ids = [...view.offers.map((o) => o.id), ...view.commitments.map((c) => c.id), ...view.messages.map((m) => m.id)];
  return {
    scenarioId: view.scenarioId,
    config: { seed: 0, rounds: view.rounds },
    rng: 1,
    round: view.round,
    phase: view.phase,
    stage: view.stage,
    tracks: { ...view.tracks },
    isfZones: [...view.isfZones],
    trust: structuredClone(view.trust),
    parties,
    roundEvents: [...view.roundEvents],
    drawn: [...view.roundEvents],
    offers: structuredClone(view.offers),
    commitments: structuredClone(view.commitments),
    messages: structuredClone(view.messages),
    news: [],
    causes: [],
    history: structuredClone(view.history),
    nextId: ids.length === 0 ? 1 : Math.max(...ids) + 1,
    outcome: view.outcome,
    scores: view.scores,
    winners: [...view.winners],
  };
}

/**
 * Whether the rules would accept `intent` from `party` on the table the view shows: null when they
 * would, else the rules' own error. Use it to enable a button or explain why it is disabled. The
 * server's reply is still the authority (other parties' hidden moves may change the answer).
 */
export function checkIntent(scenario: Scenario, view: TableView, party: PartyId, intent: PartyIntentInput): RuleError | null {
  // A "decide" is checked as a "draft": the same validation, without resolving the week on a
  // state whose hidden parts are made up.
  const checked = intent.type === "decide" ? { ...intent, type: "draft" as const } : intent;
  const result = apply(scenario, stateFromView(view), { ...checked, by: party });
  return result.ok ? null : result.error;
}
