// The temptations and limits of the first months as mechanisms: what an enforce mandate can and
// cannot do, a political horizon that waits for reform, retrenchment and spoilers that pay only
// under strain, the home cost of keeping aid flowing while remains are held back, and a partner's
// short delivery answered in kind.
import { describe, expect, it } from "vitest";
import { applyMove, type MoveFlags } from "../../shared/move-effects.ts";
import type { GameState } from "../../shared/index.ts";
import { decisionOptions } from "../../shared/decisions.ts";
import { decommissionPace } from "../../shared/thesis-levers.ts";
import { enforcementUpheld, mandateDeterrence } from "../../shared/isf-mandate.ts";
import { chooseMandate } from "../../shared/policies/greedy-policy.ts";
import { failedLastWeek } from "../../shared/bots/commitments.ts";
import { flareCost, remainsBehind } from "../../shared/tension.ts";
import { calm, exchangeDeal, give, phaseTwo, scenario, Table } from "../helpers/game.ts";

const start = Table.begin({ seed: 1 }).state;
const fourElements = { ddrAmnesty: 1, ddrBuyBack: 1, ddrReintegration: 1, ddrMonitors: 1 };

function at(base: GameState, tracks: Partial<GameState["tracks"]>, zones: GameState["isfZones"] = base.isfZones): GameState {
  return { ...base, tracks: { ...base.tracks, ...tracks }, isfZones: zones };
}
function withPressure(base: GameState, party: "hamas" | "israel" | "qatar", pressure: number): GameState {
  return { ...base, parties: { ...base.parties, [party]: { ...base.parties[party], pressure } } };
}
/** A copy of a table, replayed from its log, to play on differently. */
function fork(t: Table): Table {
  const copy = new Table(t.options);
  for (const action of t.log) copy.play(action as never);
  return copy;
}
const week = (): MoveFlags => ({ strikesHalted: false, factionsRestrained: false, aidBonus: 0, spoilers: false, retrench: false, strikes: "none" });
function pressureAfter(base: GameState, party: "hamas" | "israel" | "qatar", move: Parameters<typeof applyMove>[2]): number {
  const s = structuredClone(base);
  applyMove(scenario, s, move, week());
  return s.parties[party].pressure;
}

describe("peacekeeping is not peace enforcement", () => {
  it("an enforce mandate deters more than stabilise only on an accepted roadmap; without one it only documents", () => {
    const stabilise = mandateDeterrence(scenario, at(start, { isfMandate: 2 }));
    expect(mandateDeterrence(scenario, at(start, { isfMandate: 3, ...fourElements }))).toBeGreaterThan(stabilise);
    expect(mandateDeterrence(scenario, at(start, { isfMandate: 3 }))).toBeLessThan(mandateDeterrence(scenario, at(start, { isfMandate: 1 })));
    expect(mandateDeterrence(scenario, at(start, { isfMandate: 3 }))).toBe(mandateDeterrence(scenario, at(start, { isfMandate: 0 })));
  });

  it("enforcement upheld by a roadmap speeds decommissioning; enforcement without one does not", () => {
    const roadmap = at(start, { ...fourElements, multilateralBacking: 70 });
    expect(enforcementUpheld(scenario, at(roadmap, { isfMandate: 3 }))).toBe(true);
    expect(decommissionPace(scenario, at(roadmap, { isfMandate: 3 }))).toBeGreaterThan(decommissionPace(scenario, at(roadmap, { isfMandate: 2 })));
    const bare = at(start, { multilateralBacking: 70 });
    expect(decommissionPace(scenario, at(bare, { isfMandate: 3 }))).toBe(decommissionPace(scenario, at(bare, { isfMandate: 2 })));
  });

  it("each roadmap element makes decommissioning a little easier", () => {
    const base = at(start, { multilateralBacking: 70 });
    expect(decommissionPace(scenario, at(base, { ddrAmnesty: 1 }))).toBeGreaterThan(decommissionPace(scenario, base));
  });

  it("a force told to enforce strains Hamas every week it stands in the strip", () => {
    const t = phaseTwo({ seed: 3 });
    const hamasAfter = (mandate: number) => {
      const table = fork(t);
      Object.assign(table.state.tracks, { isfTurkiye: 2000, isfMandate: mandate });
      table.state.isfZones = ["north"];
      table.week(calm);
      return table.state.parties.hamas.pressureByWeek.at(-1)!;
    };
    // Same seed, same decisions: only the mandate differs.
    expect(hamasAfter(3)).toBeGreaterThan(hamasAfter(2));
  });

  it("the Board's bot never sets an enforce mandate while no roadmap is accepted", () => {
    const t = phaseTwo({ seed: 2 });
    for (const m of [undefined, 1, 2] as const) {
      const s = at(t.state, { isfMandate: m ?? 0, isfTurkiye: 2000, multilateralBacking: 70 }, ["north", "gaza_city"]);
      expect(chooseMandate(scenario, s, "board_of_peace")).not.toBe("enforce");
    }
  });
});

describe("a political horizon waits for reform (plan points 19–20)", () => {
  it("before reform has begun, it can be neither promised nor put in place, and the refusal says why", () => {
    const t = Table.begin({ seed: 6 });
    expect(t.tracks.paReform).toBeLessThan(scenario.thesis.horizonNeedsReform);
    expect(decisionOptions(scenario, t.state, "mediators").ddr).not.toContain("political_horizon");
    const error = t.refuse({ type: "propose", by: "mediators", to: ["hamas"], obligations: [give("mediators", "ddr_element", "political_horizon"), give("hamas", "restrain_factions")] }, "term_not_available");
    expect(error.message).toMatch(/Palestinian Authority reform/);
    t.readyAll();
    t.refuse({ type: "decide", by: "mediators", decision: { ddr: ["political_horizon"] } }, "invalid_decision");
  });

  it("once reform has begun, the Mediators can open it", () => {
    const t = Table.begin({ seed: 6 });
    t.state.tracks.paReform = scenario.thesis.horizonNeedsReform;
    expect(decisionOptions(scenario, t.state, "mediators").ddr).toContain("political_horizon");
    t.week({ mediators: { ddr: ["political_horizon"] } });
    expect(t.lastWeek.tracks.ddrPoliticalHorizon).toBe(1);
  });
});

describe("temptations that pay only under strain", () => {
  it("retrenching and letting spoilers act relieve Hamas only above the strain it tolerates", () => {
    const calmWing = withPressure(start, "hamas", scenario.weights.retrenchTolerance - 5);
    const strained = withPressure(start, "hamas", scenario.weights.retrenchTolerance + 20);
    for (const move of ["hamas_retrench", "hamas_spoilers"] as const) {
      expect(pressureAfter(calmWing, "hamas", move)).toBe(calmWing.parties.hamas.pressure);
      expect(pressureAfter(strained, "hamas", move)).toBeLessThan(strained.parties.hamas.pressure);
    }
  });

  it("Qatar's stepping back relieves it while its grievance stands and costs it once the guarantee is in force", () => {
    const s = withPressure(start, "qatar", 30);
    expect(pressureAfter(s, "qatar", "qatar_step_back")).toBeLessThan(30);
    expect(pressureAfter(at(s, { qatarGuarantee: 1 }), "qatar", "qatar_step_back")).toBeGreaterThan(30);
  });

  it("keeping aid flowing while remains are held back costs Israel's government at home", () => {
    const slow = Table.begin({ seed: 8 });
    exchangeDeal(slow);
    for (let i = 0; i < 3; i++) slow.week(calm);
    expect(remainsBehind(scenario, slow.state)).toBe(true);
    const promised = fork(slow);
    promised.deal("israel", ["mediators"], [give("israel", "open_crossings", 800), give("mediators", "host_talks")]);
    promised.week(calm);
    slow.week(calm);
    expect(promised.state.parties.israel.pressureByWeek.at(-1)!).toBeGreaterThan(slow.state.parties.israel.pressureByWeek.at(-1)!);
  });
});

describe("escalation at the line", () => {
  it("each flare-up costs the ceasefire more than the one before", () => {
    const costs = [0, 1, 2, 3].map((n) => flareCost(scenario, at(start, { flareUps: n })));
    expect(costs[0]).toBe(scenario.weights.flareStability);
    for (let i = 1; i < costs.length; i++) expect(costs[i]!).toBeGreaterThan(costs[i - 1]!);
  });
});

describe("a short delivery is answered in kind", () => {
  it("a withdrawal delivered only in part counts as failing the partner, as a broken promise does", () => {
    const t = phaseTwo({ seed: 5 });
    t.deal("israel", ["hamas"], [give("israel", "withdraw", 30), give("hamas", "restrain_factions")]);
    t.week(calm);
    expect(t.state.commitments.find((c) => c.term.kind === "withdraw")?.status).toBe("partial");
    expect(failedLastWeek(t.state, "hamas").get("israel")).toBe("partial");
    expect(failedLastWeek(t.state, "israel").has("hamas")).toBe(false);
  });
});
