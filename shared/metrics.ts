// Reading the state as numbers: tracks, derived metrics and the condition language that
// objectives, red lines, phases, events and outcome rules are written in.
import { DDR_TRACK, DDR_ELEMENTS, PARTY_IDS, type MetricKey, type OutcomeId, type PartyId, type TrackKey } from "./ids.ts";
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

/**
 * Whether every condition has the same answer in `b` as in `a` (both of one game): what `holds` and
 * `metric` read — the week, the phase, the tracks, the zones held, trust, each party's pressure,
 * how many commitments are honoured and broken, and the outcome — is the same in both. Each party's
 * objectives are shown met or not after every action (shared/views.ts), and most actions (a
 * message, an offer, a draft) change none of this: then nothing is evaluated again. Anything
 * `holds` or `metric` comes to read must be compared here too.
 */
export function sameConditionInputs(a: GameState, b: GameState): boolean {
  if (a === b) return true;
  if (a.round !== b.round || a.phase !== b.phase || a.outcome !== b.outcome || a.isfZones.length !== b.isfZones.length) return false;
  for (let i = 0; i < PARTY_IDS.length; i++) if (a.parties[PARTY_IDS[i]!].pressure !== b.parties[PARTY_IDS[i]!].pressure) return false;
  const x = a.tracks as Record<string, number>;
  const y = b.tracks as Record<string, number>;
  if (x !== y) {
    let n = 0;
    for (const key in x) {
      if (x[key] !== y[key]) return false;
      n++;
    }
    for (const _ in y) n--;
    if (n !== 0) return false;
  }
  if (a.trust !== b.trust) {
    for (const from in a.trust) {
      const u = a.trust[from as PartyId];
      const v = b.trust[from as PartyId];
      if (u === v) continue;
      for (const to in u) if (u[to as PartyId] !== v?.[to as PartyId]) return false;
    }
  }
  // A commitment is resolved (honoured or broken) only from pending, and a resolved one is shared by
  // later states: the same list, or the same commitments each resolved alike, give the same counts.
  const c = a.commitments;
  const d = b.commitments;
  if (c !== d) {
    if (c.length !== d.length) return countWithStatus(a, "honoured") === countWithStatus(b, "honoured") && countWithStatus(a, "broken") === countWithStatus(b, "broken");
    for (let i = 0; i < c.length; i++) if (c[i] !== d[i] && c[i]!.status !== d[i]!.status) return countWithStatus(a, "honoured") === countWithStatus(b, "honoured") && countWithStatus(a, "broken") === countWithStatus(b, "broken");
  }
  return true;
}

/** The weighted sum of what a party's constituency cares about (scenario `interests`). */
export function interestValue(scenario: Scenario, state: GameState, party: PartyId): number {
  let value = 0;
  for (const [key, weight] of Object.entries(scenario.interests[party])) value += (weight ?? 0) * metric(scenario, state, key as MetricKey);
  return value;
}
