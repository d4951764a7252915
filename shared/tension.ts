// The pulls toward breaking the ceasefire that the sources record, read off the state so that the
// moves they tempt (move-effects.ts) pay off exactly when the history says they did: aid limits
// after remains came back slowly (aid_limits), strikes after an attack on soldiers (rafah_attack,
// strikes_resumed), spoilers and retrenchment when the armed wing is strained (retrenchment),
// and US troops into Gaza when the deal is wobbling (us_troops).
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";

/**
 * Whether hostage remains are behind: fewer returned than a working recovery mechanism would have
 * brought home by now, or remains located a week ago still held back rather than handed over. A
 * table with recovery teams in place and remains handed over as found is on schedule; one without
 * them falls behind.
 */
export function remainsBehind(scenario: Scenario, s: GameState): boolean {
  const total = scenario.tracks.remainsReturned.max;
  if (s.tracks.remainsReturned >= total) return false;
  const expected = Math.min(total, scenario.thesis.remainsPerWeek * Math.max(0, s.round - 1));
  // Held back: remains were waiting, located, at the start of last week, and fewer were handed over
  // during it than were waiting (or than the scenario's threshold).
  const k = scenario.thesis.remainsHeldBack;
  const before = s.history.at(-2)?.tracks;
  const after = s.history.at(-1)?.tracks;
  const heldBack = before !== undefined && after !== undefined && before.remainsLocated >= k && after.remainsReturned - before.remainsReturned < k;
  return s.tracks.remainsReturned < expected || heldBack;
}

/** Whether fire was exchanged at the line in the week just resolved. */
export function flareLastWeek(s: GameState): boolean {
  return s.history.at(-1)?.flareUp ?? false;
}

/**
 * What the next flare-up costs the ceasefire's stability. Each exchange of fire at the line draws a
 * stronger answer than the last, so the cost grows with every flare-up already seen, until the
 * violations give a pretext to call the deal off (half_strip, strikes_resumed).
 */
export function flareCost(scenario: Scenario, s: GameState): number {
  return scenario.weights.flareStability * (1 + scenario.weights.flareEscalation * s.tracks.flareUps);
}
