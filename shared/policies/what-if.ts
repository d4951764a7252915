// What-if evaluation for built-in players: apply a term, a move or a decision to a cheap copy of
// the state and read a party's utility off it. Nothing here is ever returned to the game.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Term } from "../state.ts";
import { holds } from "../metrics.ts";
import { addPressure, addTrack } from "../draft-ops.ts";
import { applyTerm, type WeekFlags } from "../term-effects.ts";
import type { MoveFlags } from "../move-effects.ts";
import { utility, type UtilityWeights } from "./utility.ts";
import { flareCost } from "../tension.ts";

/** A copy of just what effects touch, for cheap what-if evaluation (never returned to the game). */
export function whatIf(s: GameState): GameState {
  const parties = {} as GameState["parties"];
  const trust = {} as GameState["trust"];
  for (const p of PARTY_IDS) {
    parties[p] = { ...s.parties[p] };
    trust[p] = { ...s.trust[p] };
  }
  return { ...s, tracks: { ...s.tracks }, trust, parties, isfZones: [...s.isfZones], causes: [], news: [] };
}

export const noWeek = (): MoveFlags => ({ strikesHalted: false, factionsRestrained: false, aidBonus: 0, spoilers: false, retrench: false, strikes: "none" });

export function redLineCost(scenario: Scenario, s: GameState, party: PartyId, term: Term): number {
  for (const line of scenario.parties[party].redLines)
    if (line.term === term.kind && (line.option === undefined || line.option === term.option) && !holds(scenario, s, line.unless))
      return scenario.weights.redLinePressure;
  return 0;
}

/** Change in `viewer`'s utility if `party` delivers `term`. */
export function termDelta(scenario: Scenario, s: GameState, viewer: PartyId, party: PartyId, term: Term, withSecrets: boolean, base: number, weights?: UtilityWeights): number {
  const t = whatIf(s);
  const week: WeekFlags = noWeek();
  addPressure(t, party, redLineCost(scenario, s, party, term));
  applyTerm(scenario, t, party, term, week);
  // Restraint terms lower the chance of a flare-up; value that as expected stability.
  if (week.strikesHalted) addTrack(scenario, t, "stability", 1);
  if (week.factionsRestrained) addTrack(scenario, t, "stability", 1.5);
  return utility(scenario, t, viewer, withSecrets, weights) - base;
}

export function evalDecision(
  scenario: Scenario,
  s: GameState,
  party: PartyId,
  change: (t: GameState, week: MoveFlags) => void,
  weights?: UtilityWeights,
): number {
  const t = whatIf(s);
  const week = noWeek();
  change(t, week);
  const w = scenario.weights;
  // Expected cost of the flare-ups a move invites.
  if (week.spoilers) addTrack(scenario, t, "stability", -w.flareSpoilers * flareCost(scenario, s));
  if (week.strikes !== "none") addTrack(scenario, t, "stability", -0.1 * flareCost(scenario, s));
  return utility(scenario, t, party, true, weights);
}

