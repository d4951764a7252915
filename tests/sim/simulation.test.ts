// Many complete seeded games with the built-in policies: they always end, replaying the log gives
// the same bytes, the simulator is deterministic, and the outcomes are varied.
import { describe, expect, it } from "vitest";
import {
  OUTCOME_IDS,
  PARTY_IDS,
  TRACK_KEYS,
  defaultScenario,
  greedyPolicy,
  playGame,
  randomPolicy,
  replay,
  simulate,
  type Policy,
  type PartyId,
} from "../../shared/index.ts";

const scenario = defaultScenario();
const everyone = (policy: Policy) => Object.fromEntries(PARTY_IDS.map((p) => [p, policy])) as Record<PartyId, Policy>;

describe("simulated games", () => {
  it("random games always end, within bounds, and replay byte for byte", () => {
    for (let seed = 1; seed <= 120; seed++) {
      const played = playGame(scenario, { seed }, everyone(randomPolicy));
      expect(played.ok).toBe(true);
      if (!played.ok) continue;
      const { state, log } = played.value;
      expect(state.stage).toBe("ended");
      expect(OUTCOME_IDS).toContain(state.outcome);
      expect(state.winners.length).toBeGreaterThan(0);
      for (const key of TRACK_KEYS) {
        expect(state.tracks[key]).toBeGreaterThanOrEqual(scenario.tracks[key].min);
        expect(state.tracks[key]).toBeLessThanOrEqual(scenario.tracks[key].max);
      }
      const again = replay(scenario, log);
      expect(again.ok).toBe(true);
      if (again.ok) expect(JSON.stringify(again.value)).toBe(JSON.stringify(state));
    }
  });

  it("a game lasts the configured number of rounds unless the ceasefire collapses", () => {
    for (const rounds of [6, 12]) {
      for (let seed = 1; seed <= 10; seed++) {
        const played = playGame(scenario, { seed, rounds }, everyone(greedyPolicy));
        if (!played.ok) throw new Error(played.error.message);
        const s = played.value.state;
        if (s.outcome === "collapse") expect(s.round).toBeLessThanOrEqual(rounds);
        else expect(s.round).toBe(rounds);
      }
    }
  });

  it("the simulator gives the same figures for the same arguments", () => {
    const a = simulate(scenario, 30, 7, greedyPolicy);
    const b = simulate(scenario, 30, 7, greedyPolicy);
    expect(b).toEqual(a);
    const c = simulate(scenario, 30, 8, greedyPolicy);
    expect(c).not.toEqual(a);
  });

  it("greedy tables reach varied outcomes and win rates add up to one", () => {
    const summary = simulate(scenario, 80, 1, greedyPolicy);
    const reached = OUTCOME_IDS.filter((o) => summary.outcomes[o] > 0);
    expect(reached.length).toBeGreaterThanOrEqual(3);
    const totalWins = PARTY_IDS.reduce((n, p) => n + summary.parties[p].winRate, 0);
    expect(totalWins).toBeCloseTo(1, 2);
    expect(summary.refusedActions).toBe(0);
  });
});
