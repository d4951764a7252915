// Reading the state as numbers: tracks, derived metrics and the condition language that
// objectives, red lines, phases, events and outcome rules are written in.
import { DDR_TRACK, DDR_ELEMENTS, type MetricKey, type OutcomeId, type PartyId, type TrackKey } from "./ids.ts";
import type { Condition, Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { aidCapacity } from "./thesis-levers.ts";

export function isfTroops(state: GameState): number {
  const t = state.tracks;
  return t.isfTurkiye + t.isfQatar + t.isfRegional + t.isfUs;
}

export function roadmapCount(state: GameState): number {
  return DDR_ELEMENTS.reduce((n, e) => n + (state.tracks[DDR_TRACK[e]] >= 1 ? 1 : 0), 0);
}

export function disarmament(state: GameState): number {
  const t = state.tracks;
  return Math.round((t.disarmHeavy + t.disarmTunnels + t.disarmSmallArms) / 3);
}

export function trustIsraelHamas(state: GameState): number {
  return Math.round((state.trust.israel.hamas + state.trust.hamas.israel) / 2);
}

export function metric(scenario: Scenario, state: GameState, key: MetricKey): number {
  switch (key) {
    case "round":
      return state.round;
    case "phase":
      return state.phase;
    case "isfTroops":
      return isfTroops(state);
    case "isfZones":
      return state.isfZones.length;
    case "roadmapCount":
      return roadmapCount(state);
    case "disarmament":
      return disarmament(state);
    case "aidSites":
      return scenario.weights.aidSites[state.tracks.aidSystem] ?? 0;
    case "aidExpected":
      // What next week's deliveries would be: the crossings' limit capped by the distribution system.
      return Math.min(state.tracks.aidCrossingLimit, aidCapacity(scenario, state));
    case "trustIsraelHamas":
      return trustIsraelHamas(state);
    case "commitmentsHonoured":
      return countWithStatus(state, "honoured");
    case "commitmentsBroken":
      return countWithStatus(state, "broken");
    default:
      return state.tracks[key as TrackKey];
  }
}

function countWithStatus(state: GameState, status: GameState["commitments"][number]["status"]): number {
  let n = 0;
  const list = state.commitments;
  for (let i = 0; i < list.length; i++) if (list[i]!.status === status) n++;
  return n;
}

const within = (value: number, min?: number, max?: number) =>
  (min === undefined || value >= min) && (max === undefined || value <= max);

/** Evaluates a condition; `outcome` conditions are false until the game has an outcome. */
// Conditions are evaluated for every party's objectives after every action (each seat's view shows
// which are met): the lists are walked in loops, without a closure or a filtered copy per call.
export function holds(scenario: Scenario, state: GameState, c: Condition, outcome: OutcomeId | null = state.outcome): boolean {
  if ("all" in c) {
    for (let i = 0; i < c.all.length; i++) if (!holds(scenario, state, c.all[i]!, outcome)) return false;
    return true;
  }
  if ("any" in c) {
    for (let i = 0; i < c.any.length; i++) if (holds(scenario, state, c.any[i]!, outcome)) return true;
    return false;
  }
  if ("not" in c) return !holds(scenario, state, c.not, outcome);
  if ("outcome" in c) return outcome !== null && c.outcome.includes(outcome);
  if ("pressure" in c) return within(state.parties[c.pressure].pressure, c.min, c.max);
  if ("trust" in c) return within(state.trust[c.trust.from][c.trust.to], c.min, c.max);
  return within(metric(scenario, state, c.metric), c.min, c.max);
}

/** The weighted sum of what a party's constituency cares about (scenario `interests`). */
export function interestValue(scenario: Scenario, state: GameState, party: PartyId): number {
  let value = 0;
  for (const [key, weight] of Object.entries(scenario.interests[party])) value += (weight ?? 0) * metric(scenario, state, key as MetricKey);
  return value;
}
