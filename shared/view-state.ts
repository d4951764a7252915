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

/** Pressure assumed for a party whose real pressure is secret. */
export const UNKNOWN_PRESSURE = 50;

/**
 * A state that answers legality questions as the real one would for `view.viewer`. Hidden parts
 * (other parties' secrets, the generator, offers the viewer is not party to) are filled with
 * neutral values; never resolve a round on it.
 *
 * The state shares the view's trust, offers, commitments, messages and history, item for item, as one
 * state of a game shares them with the next: views are read-only, and the rules never change a
 * state they are given (apply copies what an action changes: apply.ts cloneState). Deep copies of
 * those lists were most of a client's work per move — every offer and message of the window
 * copied twice (once to choose, once to check) and dropped at once.
 */
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
  return {
    scenarioId: view.scenarioId,
    config: { seed: 0, rounds: view.rounds },
    rng: 1,
    round: view.round,
    phase: view.phase,
    stage: view.stage,
    tracks: { ...view.tracks },
    isfZones: [...view.isfZones],
    trust: view.trust,
    parties,
    roundEvents: [...view.roundEvents],
    drawn: [...view.roundEvents],
    offers: view.offers,
    commitments: view.commitments,
    messages: view.messages,
    news: [],
    causes: [],
    history: view.history,
    nextId: nextIdAfter(view),
    outcome: view.outcome,
    scores: view.scores,
    winners: [...view.winners],
  };
}

/** One more than the largest id the view shows (1 when it shows none): the id the next item would take. */
function nextIdAfter(view: TableView): number {
  let last = 0;
  for (const o of view.offers) if (o.id > last) last = o.id;
  for (const c of view.commitments) if (c.id > last) last = c.id;
  for (const m of view.messages) if (m.id > last) last = m.id;
  return last + 1;
}

/**
 * Whether the rules would accept `intent` from `party` on the table the view shows: null when they
 * would, else the rules' own error. Use it to enable a button or explain why it is disabled. The
 * server's reply is still the authority (other parties' hidden moves may change the answer).
 */
export function checkIntent(scenario: Scenario, view: TableView, party: PartyId, intent: PartyIntentInput): RuleError | null {
  return checkIntentOn(scenario, stateFromView(view), party, intent);
}

/**
 * checkIntent on a state already made from the view (stateFromView), for a client that asked the
 * rules other questions of it first: the same answer, without making the state again.
 */
export function checkIntentOn(scenario: Scenario, state: GameState, party: PartyId, intent: PartyIntentInput): RuleError | null {
  // A "decide" is checked as a "draft": the same validation, without resolving the week on a
  // state whose hidden parts are made up.
  const checked = intent.type === "decide" ? { ...intent, type: "draft" as const } : intent;
  const result = apply(scenario, state, { ...checked, by: party });
  return result.ok ? null : result.error;
}
