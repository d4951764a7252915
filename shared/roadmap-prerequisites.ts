// What must already stand before an element of the roadmap can be put in place. The plan makes a
// path toward Palestinian self-determination conditional on reform of the Palestinian Authority
// (points 19–20: political_horizon), and the United States has little appetite of its own for such
// a dialogue; so the political-horizon dialogue can open only once that reform has begun. Until
// then it can be neither promised nor put in place by decision, and the reason says why.
import type { DdrElement } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";

/** Why a roadmap element cannot be put in place yet, or null when nothing stands in its way. */
export function roadmapElementNotYet(scenario: Scenario, s: GameState, element: DdrElement): string | null {
  if (element === "political_horizon") {
    const need = scenario.thesis.horizonNeedsReform;
    if (s.tracks.paReform < need) return `a political-horizon dialogue needs Palestinian Authority reform at ${need}% or more (it is at ${Math.round(s.tracks.paReform)}%)`;
  }
  return null;
}
