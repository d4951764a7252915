// Each party's objectives are shown met or not after every action; they are evaluated again only
// when what conditions read has changed (shared/metrics.ts sameConditionInputs). Through whole
// games: whenever two successive states count as the same for conditions, every objective and
// every scenario condition has the same answer in both.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { holds, sameConditionInputs } from "../../shared/metrics.ts";
import type { GameState } from "../../shared/state.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();
const conditions = scenario.objectives.map((o) => o.condition);

describe("conditions' inputs", () => {
  it("count as unchanged only when every objective's answer is unchanged", () => {
    let same = 0;
    let changed = 0;
    for (const seed of [5, 6]) {
      let before: GameState | null = null;
      playBusyTable(scenario, {
        seed,
        rounds: 6,
        chatter: false,
        bots: "table",
        onAction: (state) => {
          if (before) {
            if (sameConditionInputs(before, state)) {
              same++;
              for (const c of conditions) expect(holds(scenario, state, c)).toBe(holds(scenario, before, c));
            } else changed++;
          }
          before = state;
        },
      });
    }
    // Most actions leave them as they were; each week's resolution changes them.
    expect(same).toBeGreaterThan(changed);
    expect(changed).toBeGreaterThan(5);
  });
});
