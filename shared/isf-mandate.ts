// What each ISF mandate lets the force do. The source's lesson is that peacekeeping is not peace
// enforcement: a force can watch for and discourage small breaches, but it cannot impose an outcome
// or create trust that is missing; where outside troops did hold a fragile peace, the two sides had
// first accepted a roadmap (peacekeeping_limits). So an enforce mandate deters and disarms more than
// a stabilise mandate only once the roadmap is in place; without one it can only document breaches
// (deterrence falls to the unmandated floor) while its contributors leave (thesis-levers.ts). And
// a force told to enforce is one Hamas reads as sent to fight it, which strains the movement at
// home — the fear that keeps Arab governments from sending troops (arab_wariness).
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { roadmapCount } from "./metrics.ts";

export const ENFORCE = 3;

/** Whether the parties have accepted enough of a roadmap for an enforce mandate to uphold anything. */
export function roadmapAccepted(scenario: Scenario, s: GameState): boolean {
  return roadmapCount(s) >= scenario.thesis.enforceRoadmap;
}

/** Whether an enforce mandate stands on an accepted roadmap (and so does more than stabilise). */
export function enforcementUpheld(scenario: Scenario, s: GameState): boolean {
  return s.tracks.isfMandate >= ENFORCE && roadmapAccepted(scenario, s);
}

/** How much a deployed zone deters under the current mandate, as a share of the full effect. */
export function mandateDeterrence(scenario: Scenario, s: GameState): number {
  const table = scenario.thesis.mandateDeterrence;
  const mandate = Math.max(0, Math.min(ENFORCE, Math.round(s.tracks.isfMandate)));
  // Enforcing without a roadmap: peacekeepers can only document new fighting.
  if (mandate === ENFORCE && !roadmapAccepted(scenario, s)) return table[0];
  return table[mandate as 0 | 1 | 2 | 3];
}

/** Factor on Hamas's decommissioning pace from the mandate: faster only under enforcement upheld by a roadmap. */
export function mandateDisarmFactor(scenario: Scenario, s: GameState): number {
  return enforcementUpheld(scenario, s) ? scenario.thesis.enforceDisarmPace : 1;
}
