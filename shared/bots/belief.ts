// What a bot believes the game state to be, rebuilt from exactly the view a person in its seat
// receives. Other parties' secrets are unknown: their objectives are empty and their pressure is
// a neutral guess. The belief is a GameState so the rules' own what-if helpers can run on it.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { GameState, PartyState } from "../state.ts";
import type { TableView } from "../views.ts";
import { emptyDecision } from "../decisions.ts";

/** Pressure assumed for a party whose real pressure is secret. */
export const UNKNOWN_PRESSURE = 50;

export function beliefState(view: TableView, party: PartyId): GameState {
  const mine = view.private[party];
  const parties = {} as Record<PartyId, PartyState>;
  for (const p of PARTY_IDS) {
    const own = p === party && mine !== undefined;
    parties[p] = {
      objectives: own ? mine.objectives.map((o) => o.id) : [],
      pressure: own ? mine.pressure : UNKNOWN_PRESSURE,
      leverage: own ? mine.leverage : 5,
      ready: view.ready.includes(p),
      // Others' decisions are secret: only whether they have decided is known.
      decision: own ? mine.decision : view.decided.includes(p) ? emptyDecision() : null,
      defaulted: own ? mine.defaulted : false,
      draft: own ? mine.draft : null,
    };
  }
  return {
    scenarioId: view.scenarioId,
    config: { seed: 0, rounds: view.rounds },
    rng: 0,
    round: view.round,
    phase: view.phase,
    stage: view.stage,
    tracks: { ...view.tracks },
    isfZones: [...view.isfZones],
    trust: structuredClone(view.trust),
    parties,
    roundEvents: [...view.roundEvents],
    drawn: [],
    offers: view.offers,
    commitments: view.commitments,
    messages: view.messages,
    news: [],
    causes: [],
    history: view.history,
    nextId: 0,
    outcome: view.outcome,
    scores: view.scores,
    winners: view.winners,
  };
}
