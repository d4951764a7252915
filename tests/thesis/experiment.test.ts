// The thesis experiment: paired seeds across four arms, each arm a scenario with one variable held
// inside bounds; deterministic for its arguments.
import { describe, expect, it } from "vitest";
import { ARMS, armScenario, runThesis } from "../../shared/experiments/thesis.ts";
import { backingThreshold, groundingThreshold } from "../../shared/thesis-levers.ts";
import { OUTCOME_IDS } from "../../shared/index.ts";
import { scenario } from "../helpers/game.ts";

describe("the thesis experiment", () => {
  it("holds backing below the broad threshold, grounding below the solid one, or both above, and nothing else", () => {
    const low = armScenario(scenario, "lowBacking");
    expect(low.tracks.multilateralBacking.max).toBeLessThan(backingThreshold(scenario));
    expect(low.tracks.institutionalGrounding).toEqual(scenario.tracks.institutionalGrounding);
    const weak = armScenario(scenario, "lowGrounding");
    expect(weak.tracks.institutionalGrounding.max).toBeLessThan(groundingThreshold(scenario));
    const high = armScenario(scenario, "high");
    expect(high.tracks.multilateralBacking.min).toBeGreaterThanOrEqual(backingThreshold(scenario));
    expect(high.tracks.institutionalGrounding.min).toBeGreaterThanOrEqual(groundingThreshold(scenario));
    expect(armScenario(scenario, "default")).toEqual(scenario);
  });

  it("gives the same report for the same seed, in the documented shape, with shares that add up", () => {
    const a = runThesis(scenario, 2, 41);
    const b = runThesis(scenario, 2, 41);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a.arms)).toEqual([...ARMS]);
    for (const arm of ARMS) {
      const r = a.arms[arm];
      expect(Object.keys(r.outcomes).sort()).toEqual([...OUTCOME_IDS].sort());
      expect(OUTCOME_IDS.reduce((n, o) => n + r.outcomes[o], 0)).toBeCloseTo(1, 2);
      for (const k of ["isfZonesMean", "disarmamentMean", "israeliControlEndMean", "brokenGameShare"] as const) expect(Number.isFinite(r[k])).toBe(true);
    }
    // Backing held low means no game ends with broad backing in that arm.
    expect(a.arms.lowBacking.gamesWithBacking).toBe(0);
    expect(a.arms.high.gamesWithBacking).toBe(2);
  });
});
