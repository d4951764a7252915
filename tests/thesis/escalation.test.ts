// Fire at the line and where it leads: a flare-up can escalate into days of heavier strikes, likelier
// after recent fire, with a strained ceasefire and low trust while the army holds the line, damped by
// restraint and a deployed force; aid restrictions feed flare-ups; fighting where the ISF stands costs
// the Board credibility; and collapse comes to a strained ceasefire, not to a calm one.
import { describe, expect, it } from "vitest";
import type { GameState } from "../../shared/index.ts";
import { escalationChance, forceLooksPowerless } from "../../shared/escalation.ts";
import { calm, scenario, Table } from "../helpers/game.ts";

const start = Table.begin({ seed: 1 }).state;
const none = { israel: false, hamas: false };

/** A copy of `base` with tracks, Israel–Hamas trust and the last weeks' flare-ups set. */
function at(base: GameState, tracks: Partial<GameState["tracks"]>, trust?: number, recentFlares = 0, zones: GameState["isfZones"] = base.isfZones): GameState {
  const s = structuredClone(base);
  Object.assign(s.tracks, tracks);
  if (trust !== undefined) {
    s.trust.israel.hamas = trust;
    s.trust.hamas.israel = trust;
  }
  const week = { ...(s.history.at(-1) ?? { round: 0, tracks: { ...s.tracks }, trustIsraelHamas: 0, eventIds: [], offersMade: 0, offersAccepted: 0, honoured: 0, broken: 0, defaulted: [] }), flareUp: false };
  s.history = Array.from({ length: 3 }, (_, i) => ({ ...week, round: i + 1, flareUp: i >= 3 - recentFlares }));
  s.isfZones = zones;
  return s;
}

describe("escalation", () => {
  const strained = at(start, { stability: 30, israeliControl: 50 }, 5, 1);

  it("is likelier after more recent fire, with a weaker ceasefire and with less trust", () => {
    const chance = (s: GameState) => escalationChance(scenario, s, none);
    expect(chance(at(strained, {}, 5, 2))).toBeGreaterThan(chance(strained));
    expect(chance(at(strained, { stability: 15 }, 5, 1))).toBeGreaterThan(chance(strained));
    expect(chance(at(strained, {}, 0))).toBeGreaterThan(chance(at(strained, {}, 25)));
  });

  it("fades with a quiet spell: fire of weeks ago no longer piles up", () => {
    const old = structuredClone(strained);
    old.history = [{ ...old.history[0]!, flareUp: true }, ...old.history.map((h) => ({ ...h, round: h.round + 3, flareUp: false }))];
    expect(escalationChance(scenario, old, none)).toBeLessThan(escalationChance(scenario, at(strained, {}, 5, 2), none));
  });

  it("needs the army at the line: the further it has pulled back, the less likely", () => {
    expect(escalationChance(scenario, at(strained, { israeliControl: 20 }), none)).toBeLessThan(escalationChance(scenario, strained, none));
    expect(escalationChance(scenario, at(strained, { israeliControl: 0 }), none)).toBe(0);
  });

  it("is damped by either side's restraint, and more by both", () => {
    const open = escalationChance(scenario, strained, none);
    const israel = escalationChance(scenario, strained, { israel: true, hamas: false });
    const hamas = escalationChance(scenario, strained, { israel: false, hamas: true });
    const both = escalationChance(scenario, strained, { israel: true, hamas: true });
    expect(israel).toBeLessThan(open);
    expect(hamas).toBeLessThan(open);
    expect(both).toBeLessThan(Math.min(israel, hamas));
  });

  it("is damped by a deployed force, more by one that is mandated and backed", () => {
    const zones: GameState["isfZones"] = ["north", "gaza_city", "central"];
    const bare = escalationChance(scenario, strained, none);
    const monitored = escalationChance(scenario, at(strained, { isfMandate: 1, isfTurkiye: 3000 }, undefined, 1, zones), none);
    const backed = escalationChance(scenario, at(strained, { isfMandate: 2, isfTurkiye: 3000, multilateralBacking: 80, institutionalGrounding: 60 }, undefined, 1, zones), none);
    expect(monitored).toBeLessThan(bare);
    expect(backed).toBeLessThan(monitored);
  });

  it("brings a strained ceasefire to collapse in some weeks, never a calm one (same seeds)", () => {
    let collapsedStrained = 0;
    let escalated = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const base = Table.begin({ seed });
      const strainedTable = Table.begin({ seed });
      strainedTable.state = at(base.state, { stability: 34 }, 0, 2);
      strainedTable.week();
      if (strainedTable.state.outcome === "collapse") collapsedStrained++;
      if (strainedTable.state.causes.some((c) => c.factor === "escalation")) escalated++;
      const calmTable = Table.begin({ seed });
      calmTable.state = at(base.state, { stability: 80 }, 40, 0);
      calmTable.week(calm);
      expect(calmTable.state.outcome, `seed ${seed}`).not.toBe("collapse");
    }
    expect(escalated).toBeGreaterThan(0);
    expect(collapsedStrained).toBeGreaterThan(0);
  });
});

describe("aid restrictions feed fire at the line", () => {
  it("restricting aid never prevents a flare-up and adds some (same seeds, same rolls)", () => {
    let open = 0;
    let restricted = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const flowing = Table.begin({ seed }).week({ israel: { moves: [] } });
      const cut = Table.begin({ seed }).week({ israel: { moves: ["israel_restrict_aid"] } });
      if (flowing.lastWeek.flareUp) expect(cut.lastWeek.flareUp, `seed ${seed}`).toBe(true);
      open += flowing.lastWeek.flareUp ? 1 : 0;
      restricted += cut.lastWeek.flareUp ? 1 : 0;
    }
    expect(restricted).toBeGreaterThan(open);
  });
});

describe("a force that can only document the fighting", () => {
  it("costs the Board credibility when fire is exchanged where it stands, and nothing where it does not", () => {
    const without = structuredClone(start);
    forceLooksPowerless(scenario, without);
    expect(without.parties.board_of_peace.pressure).toBe(start.parties.board_of_peace.pressure);
    const deployed = at(start, { isfMandate: 1, isfTurkiye: 2000 }, undefined, 0, ["north"]);
    forceLooksPowerless(scenario, deployed);
    expect(deployed.parties.board_of_peace.pressure).toBeGreaterThan(start.parties.board_of_peace.pressure);
    expect(deployed.causes.map((c) => c.factor)).toContain("force_powerless");
  });
});
