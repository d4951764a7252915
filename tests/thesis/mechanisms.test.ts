// The thesis as mechanisms: multilateral backing and institutional grounding change what the parties
// can do — contributors pledge and stay, the force deters, the army hands territory over, Hamas
// decommissions, aid flows, blocs join — and every threshold comes from the scenario.
import { describe, expect, it } from "vitest";
import { patchScenario, type GameState, type Scenario } from "../../shared/index.ts";
import {
  aidCapacity,
  backingThreshold,
  blocWillJoin,
  contributorAttrition,
  contributorWillingness,
  decommissionPace,
  handoverFloor,
  isfEffectiveness,
} from "../../shared/thesis-levers.ts";
import { gameRecord } from "../../shared/bots/levers.ts";
import { remainsBehind } from "../../shared/tension.ts";
import { brokenWordCost, reputationScore } from "../../shared/reputation.ts";
import { calm, exchangeDeal, give, phaseTwo, scenario, Table } from "../helpers/game.ts";

/** The state with some tracks (and zones) changed, for reading a mechanism at a point. */
function at(base: GameState, tracks: Partial<GameState["tracks"]>, zones: GameState["isfZones"] = base.isfZones): GameState {
  return { ...base, tracks: { ...base.tracks, ...tracks }, isfZones: zones };
}

const start = Table.begin({ seed: 1 }).state;
const broad = backingThreshold(scenario);

describe("backing acts through what parties can do", () => {
  it("contributors send more of a pledge the broader the coalition, all of it with a roadmap as well; the US always all", () => {
    const shares = [20, 40, broad - 1, broad].map((b) => contributorWillingness(scenario, at(start, { multilateralBacking: b }), "turkiye"));
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeGreaterThan(shares[i - 1]!);
    expect(shares[3]).toBeLessThan(1);
    expect(contributorWillingness(scenario, at(start, { multilateralBacking: broad, ddrPoliticalHorizon: 1 }), "turkiye")).toBe(1);
    expect(contributorWillingness(scenario, at(start, { multilateralBacking: 0 }), "mediators")).toBe(1);
  });

  it("nobody contributes to an enforce mandate without a roadmap, and those there leave", () => {
    const enforcing = at(start, { multilateralBacking: broad + 10, isfMandate: 3 });
    expect(contributorWillingness(scenario, enforcing, "qatar")).toBe(0);
    expect(contributorAttrition(scenario, enforcing)).toBe(scenario.weights.enforceWithoutRoadmapWithdrawal);
    expect(contributorAttrition(scenario, at(enforcing, { ddrPoliticalHorizon: 1 }))).toBe(0);
  });

  it("contributors drift away from a narrow coalition and stay with a broad one", () => {
    expect(contributorAttrition(scenario, at(start, { multilateralBacking: broad }))).toBe(0);
    expect(contributorAttrition(scenario, at(start, { multilateralBacking: 40 }))).toBeGreaterThan(contributorAttrition(scenario, at(start, { multilateralBacking: 60 })));
  });

  it("a force with a broad coalition and solid institutions deters more, and the army hands more territory to it", () => {
    const zones: GameState["isfZones"] = ["north", "gaza_city"];
    // Decommissioning well advanced, so that the force, not demilitarisation, limits the handover here.
    const disarmed = { disarmHeavy: 60, disarmTunnels: 60, disarmSmallArms: 60 };
    const narrow = at(start, { ...disarmed, multilateralBacking: 30, institutionalGrounding: 15 }, zones);
    const wide = at(start, { ...disarmed, multilateralBacking: broad, institutionalGrounding: scenario.thesis.solidGrounding }, zones);
    expect(isfEffectiveness(scenario, wide)).toBe(1);
    expect(isfEffectiveness(scenario, narrow)).toBeLessThan(0.6);
    expect(handoverFloor(scenario, wide)).toBeLessThan(handoverFloor(scenario, narrow));
    // No zone, no handover beyond one step; never below the perimeter.
    expect(handoverFloor(scenario, at(wide, {}, []))).toBeGreaterThan(handoverFloor(scenario, wide));
    expect(handoverFloor(scenario, at(wide, {}, ["north", "gaza_city", "central", "khan_younis", "rafah"]))).toBe(scenario.thesis.perimeter);
  });

  it("the army pulls back only in step with demilitarisation, however many zones the force holds (plan point 16)", () => {
    const all: GameState["isfZones"] = ["north", "gaza_city", "central", "khan_younis", "rafah"];
    const strong = { multilateralBacking: broad, institutionalGrounding: scenario.thesis.solidGrounding };
    const armed = handoverFloor(scenario, at(start, strong, all));
    const halfway = handoverFloor(scenario, at(start, { ...strong, disarmHeavy: 20, disarmTunnels: 20, disarmSmallArms: 20 }, all));
    expect(armed).toBeGreaterThan(halfway);
    expect(halfway).toBeGreaterThan(scenario.thesis.perimeter);
  });

  it("Hamas decommissions at the pace trust and a broad coalition allow", () => {
    const distrust = at(start, { multilateralBacking: broad });
    const trusted: GameState = { ...distrust, trust: { ...distrust.trust, israel: { ...distrust.trust.israel, hamas: 60 }, hamas: { ...distrust.trust.hamas, israel: 60 } } };
    expect(decommissionPace(scenario, trusted)).toBe(1);
    expect(decommissionPace(scenario, distrust)).toBeLessThan(0.5);
    expect(decommissionPace(scenario, at(trusted, { multilateralBacking: broad - 1 }))).toBe(scenario.thesis.disarmOutsideCoalition);
  });

  it("a systematised aid network carries the target only with institutions behind it", () => {
    const thin = at(start, { aidSystem: 2, institutionalGrounding: 0 });
    const solid = at(start, { aidSystem: 2, institutionalGrounding: scenario.thesis.solidGrounding });
    expect(aidCapacity(scenario, solid)).toBe(scenario.weights.aidCapacity[2]);
    expect(aidCapacity(scenario, thin)).toBeLessThan(scenario.weights.aidTarget);
    expect(aidCapacity(scenario, thin)).toBeGreaterThan(scenario.weights.aidCapacity[1]);
  });

  it("Europe joins only with a political track and the UN only with institutions or a mandated force; otherwise they voice support", () => {
    expect(blocWillJoin(scenario, start, "europe")).toBe(false);
    expect(blocWillJoin(scenario, at(start, { ddrPoliticalHorizon: 1 }), "europe")).toBe(true);
    expect(blocWillJoin(scenario, start, "un")).toBe(false);
    expect(blocWillJoin(scenario, at(start, { isfMandate: 2 }), "un")).toBe(true);

    const t = Table.begin({ seed: 4 });
    const before = t.tracks.multilateralBacking;
    t.deal("mediators", ["board_of_peace"], [give("mediators", "broaden_coalition", "europe"), give("board_of_peace", "board_seat")]);
    t.readyAll();
    t.decideAll();
    expect(t.lastWeek.tracks.coalitionEurope).toBe(0);
    expect(t.lastWeek.tracks.multilateralBacking - before).toBeLessThan(scenario.thesis.blocBacking);
  });

  it("thresholds come from the scenario: the balance report's lever follows a changed threshold", () => {
    const lower = patchScenario(scenario, { thesis: { broadBacking: 40 } });
    expect(lower.ok).toBe(true);
    if (!lower.ok) return;
    const s = at(start, { multilateralBacking: 45 });
    expect(gameRecord(lower.value, s, []).levers.broad_backing).toBe(true);
    expect(gameRecord(scenario, s, []).levers.broad_backing).toBe(false);
    expect(backingThreshold(lower.value)).toBe(40);
  });

  it("a bad thesis section is refused when the scenario loads", () => {
    const bad = patchScenario(scenario, { thesis: { contributorFloor: 2 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe("thesis.contributorFloor");
  });
});

describe("the pathway needs real withdrawal, not only backing", () => {
  it("a table at the start has the backing rule no longer in the way but the line still held", () => {
    const rule = JSON.stringify(scenario.outcomeRules.pathway_to_peace);
    expect(rule).toContain('"israeliControl"');
    expect(rule).not.toContain('"multilateralBacking"');
  });

  it("a promised withdrawal beyond what the force can take over is only partly delivered", () => {
    const t = phaseTwo({ seed: 5 });
    t.deal("israel", ["hamas"], [give("israel", "withdraw", 30), give("hamas", "restrain_factions")]);
    t.readyAll();
    const floor = handoverFloor(scenario, t.state);
    t.decideAll(calm);
    expect(t.lastWeek.tracks.israeliControl).toBe(floor);
    expect(t.state.commitments.find((c) => c.term.kind === "withdraw")?.status).toBe("partial");
  });
});

describe("slow remains make restricting aid attractive to Israel", () => {
  it("remains are behind without recovery teams and on schedule when they are handed over as found", () => {
    const slow = Table.begin({ seed: 8 });
    exchangeDeal(slow);
    for (let i = 0; i < 3; i++) slow.week(calm);
    expect(remainsBehind(scenario, slow.state)).toBe(true);

    const steady = Table.begin({ seed: 8 });
    steady.deal("mediators", ["hamas"], [give("mediators", "recovery_mechanism"), give("hamas", "return_remains", steady.tracks.remainsLocated)]);
    steady.week(calm);
    expect(remainsBehind(scenario, steady.state)).toBe(false);
  });

  it("restricting aid eases more pressure on Israel's government while remains are behind", () => {
    const pressureAfterRestriction = (behind: boolean) => {
      const t = Table.begin({ seed: 8 });
      if (!behind) t.deal("mediators", ["hamas"], [give("mediators", "recovery_mechanism"), give("hamas", "return_remains", t.tracks.remainsLocated)]);
      t.week(calm);
      t.readyAll();
      expect(remainsBehind(scenario, t.state)).toBe(behind);
      const quiet = structuredClone(t.state);
      t.decideAll({ israel: { moves: ["israel_restrict_aid"] } });
      return { restricted: t.state, quiet };
    };
    const onSchedule = pressureAfterRestriction(false);
    const behind = pressureAfterRestriction(true);
    expect(behind.restricted.causes.some((c) => c.factor === "aid_restricted_slow_remains")).toBe(true);
    expect(onSchedule.restricted.causes.some((c) => c.factor === "aid_restricted_slow_remains")).toBe(false);
  });
});

describe("a broken word is scored", () => {
  it("each broken commitment deducts the trust it cost, averaged over the other parties; kept ones cost nothing", () => {
    const run = (breakIt: boolean) => {
      const t = Table.begin({ seed: 9 });
      const id = t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
      t.readyAll();
      const mine = t.commitmentsOf(id).find((c) => c.party === "israel")!;
      t.decideAll({ israel: breakIt ? { breaks: [mine.id] } : {} });
      return { t, mine };
    };
    const kept = run(false);
    const broken = run(true);
    expect(reputationScore(scenario, kept.t.state, "israel")).toBeCloseTo(0, 5);
    expect(reputationScore(scenario, broken.t.state, "israel")).toBeCloseTo(-brokenWordCost(scenario, broken.mine), 5);
    expect(brokenWordCost(scenario, broken.mine)).toBeGreaterThan(0);
  });
});

export type { Scenario };
