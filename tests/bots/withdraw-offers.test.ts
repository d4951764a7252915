// Built-in players put on the table only the ground the army would hand over now: territory goes as
// the force takes zones and weapons are decommissioned (handoverFloor), and a larger promise would be
// kept only in part and answered in kind. So a withdrawal a bot offers is one Israel can keep.
import { describe, expect, it } from "vitest";
import { candidateTerms } from "../../shared/policies/index.ts";
import { handoverFloor } from "../../shared/thesis-levers.ts";
import { calm, give, phaseTwo, scenario } from "../helpers/game.ts";

const withdrawal = (state: Parameters<typeof candidateTerms>[1]) => candidateTerms(scenario, state, "israel").find((t) => t.kind === "withdraw");

describe("withdrawals bots put on the table", () => {
  it("never ask more than the army would hand over now, once there is ground to hand over", () => {
    for (const seed of [1, 2, 3]) {
      const t = phaseTwo({ seed });
      Object.assign(t.state.tracks, { isfTurkiye: 3000, isfMandate: 2, disarmHeavy: 30, disarmTunnels: 30 });
      t.state.isfZones = ["north", "gaza_city"];
      const room = t.state.tracks.israeliControl - handoverFloor(scenario, t.state);
      const term = withdrawal(t.state);
      expect(room).toBeGreaterThanOrEqual(scenario.terms.withdraw.param.type === "amount" ? scenario.terms.withdraw.param.min : 0);
      expect(term?.amount).toBeLessThanOrEqual(room);
    }
  });

  it("are kept in full when honoured the same week", () => {
    for (const seed of [1, 2, 3]) {
      const t = phaseTwo({ seed });
      Object.assign(t.state.tracks, { isfTurkiye: 3000, isfMandate: 2, disarmHeavy: 20 });
      t.state.isfZones = ["north"];
      const term = withdrawal(t.state)!;
      const id = t.deal("israel", ["hamas"], [{ party: "israel", term }, give("hamas", "restrain_factions")]);
      t.week(calm);
      expect(t.commitmentsOf(id).find((c) => c.party === "israel")?.status, `seed ${seed}`).toBe("honoured");
    }
  });
});
