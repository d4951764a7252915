// The causal model, one small scripted week at a time: aid, remains, the ISF, disarmament, phases,
// flare-ups and the end of the game.
import { describe, expect, it } from "vitest";
import { availableTerms } from "../../shared/index.ts";
import { aidCapacity, backingThreshold, decommissionPace } from "../../shared/thesis-levers.ts";
import { aidDeal, calm, exchangeDeal, give, phaseTwo, scenario, Table } from "../helpers/game.ts";

const w = scenario.weights;

describe("aid is capped by the distribution system", () => {
  const variants = [
    { name: "ad hoc (the four foundation sites)", system: 0, extra: [] },
    { name: "12–16 hubs", system: 1, extra: [give("mediators", "build_hubs")] },
    { name: "the international agencies", system: 2, extra: [give("israel", "admit_agencies")] },
  ];
  it.each(variants)("with $name and the crossings open to 800 trucks", ({ system, extra }) => {
    const t = Table.begin({ seed: 21 });
    t.deal("israel", ["mediators"], [give("israel", "open_crossings", 800), give("mediators", "host_talks"), ...extra]);
    t.week();
    expect(t.lastWeek.tracks.aidSystem).toBe(system);
    // A systematised network carries as much as its institutions allow (thesis-levers.ts).
    const capacity = system < 2 ? w.aidCapacity[system]! : aidCapacity(scenario, { ...t.state, tracks: t.lastWeek.tracks });
    expect(t.lastWeek.tracks.aidTrucks).toBe(Math.min(800, capacity));
    const trucks = t.lastWeek.tracks.aidTrucks;
    expect(trucks >= w.aidTarget).toBe(system === 2);
    // Under half the target is "low aid"; at the target it steadies the ceasefire.
    expect(t.state.causes.some((c) => c.factor === "low_aid")).toBe(trucks < w.aidTarget / 2);
    expect(t.state.causes.some((c) => c.factor === "aid_target")).toBe(trucks >= w.aidTarget);
  });

  it("the agencies cannot deliver more than the crossings let through", () => {
    const t = Table.begin({ seed: 21 });
    t.deal("israel", ["mediators"], [give("israel", "admit_agencies"), give("mediators", "host_talks")]);
    t.readyAll();
    const limit = t.tracks.aidCrossingLimit;
    t.decideAll();
    expect(t.lastWeek.tracks.aidTrucks).toBe(Math.min(limit, aidCapacity(scenario, { ...t.state, tracks: t.lastWeek.tracks })));
    expect(t.lastWeek.tracks.aidTrucks).toBeLessThan(w.aidTarget);
  });

  it("Qatar's funding adds trucks on top of both the crossings and the capacity", () => {
    const t = Table.begin({ seed: 21 });
    t.deal("israel", ["mediators"], [give("israel", "open_crossings", 800), give("mediators", "host_talks")]);
    t.week({ qatar: { moves: ["qatar_fund_aid"] } });
    expect(t.lastWeek.tracks.aidTrucks).toBe(w.aidCapacity[0]! + w.aidFundBonus);
  });

  it("low aid costs stability: the same week with the agencies ends steadier", () => {
    const steady = Table.begin({ seed: 21 });
    aidDeal(steady);
    steady.week();
    const starved = Table.begin({ seed: 21 });
    starved.deal("israel", ["mediators"], [give("israel", "open_crossings", 800), give("mediators", "host_talks")]);
    starved.week();
    expect(steady.lastWeek.tracks.stability - starved.lastWeek.tracks.stability).toBeGreaterThanOrEqual(w.goodAidStability - w.lowAidStability);
  });
});

describe("remains of deceased hostages", () => {
  function locatedThisWeek(withMechanism: boolean) {
    const t = Table.begin({ seed: 8 });
    const obligations = [give("hamas", "restrain_factions"), withMechanism ? give("mediators", "recovery_mechanism") : give("mediators", "host_talks")];
    t.deal("mediators", ["hamas"], obligations);
    t.readyAll();
    const before = t.tracks.remainsLocated;
    t.decideAll();
    return t.lastWeek.tracks.remainsLocated - before;
  }

  it("are found faster with a recovery mechanism (Red Cross and Egyptian teams)", () => {
    expect(locatedThisWeek(false)).toBe(w.remainsFoundBase);
    expect(locatedThisWeek(true)).toBe(w.remainsFoundBase + w.remainsFoundMechanism);
  });

  // Qatar's trust in Hamas (45) is moved by nothing else in week 1 but the slow drift back to 50.
  function promiseRemains(howMany: (located: number) => number) {
    const t = Table.begin({ seed: 8 });
    const promised = howMany(t.tracks.remainsLocated);
    const id = t.deal("qatar", ["hamas"], [give("qatar", "broaden_coalition", "europe"), give("hamas", "return_remains", promised)]);
    t.readyAll();
    const located = t.tracks.remainsLocated;
    t.decideAll();
    return { t, located, promised, promise: t.commitmentsOf(id).find((c) => c.party === "hamas")! };
  }

  it("promising more remains than are located is refused: only located remains can be handed over", () => {
    const t = Table.begin({ seed: 8 });
    const located = t.tracks.remainsLocated;
    const result = t.try({ type: "propose", by: "qatar", to: ["hamas"], obligations: [give("qatar", "broaden_coalition", "europe"), give("hamas", "return_remains", located + 1)], note: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: "out_of_range", field: "obligations.1.term.amount" });
    expect(result.ok ? null : result.error.message).toContain(`only ${located} remains`);
  });

  it("returning what is located is fully honoured and gains trust", () => {
    const { t, located, promise } = promiseRemains((n) => n);
    expect(promise).toMatchObject({ status: "honoured", delivered: located });
    expect(t.lastWeek.tracks.remainsReturned).toBe(located);
    expect(t.state.trust.qatar.hamas).toBe(45 + w.honouredTrust);
  });
});

describe("the 28 deceased hostages", () => {
  // ENGINE BUG: event effects on remainsLocated are clamped only to the track's own 0–28, not to
  // the remains still outstanding (28 − returned − located). With a recovery mechanism the located
  // pile grows toward the total; when "Recovery teams enter Gaza" (+3 located) is then drawn, more
  // remains are located than exist (seed 55: 24 returned + 7 located in week 6). resolveSystem caps
  // its own finds by `outstanding`; applyEffect (draft-ops.ts) should apply the same cap.
  it("located + returned never exceeds 28 in normal play", () => {
    const t = Table.begin({ seed: 55, rounds: 12 });
    t.deal("mediators", ["hamas"], [give("mediators", "recovery_mechanism"), give("hamas", "restrain_factions")]);
    while (t.state.stage !== "ended") {
      const located = t.tracks.remainsLocated;
      if (t.state.round > 1 && located >= 1)
        t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "return_remains", Math.min(located, 28 - t.tracks.remainsReturned))]);
      t.week(calm);
      expect(t.tracks.remainsLocated + t.tracks.remainsReturned, `week ${t.state.round}`).toBeLessThanOrEqual(28);
    }
  });
});

describe("the ISF", () => {
  it("contributors send only a small share with no roadmap and narrow backing; the US sends all it pledges", () => {
    const t = phaseTwo({ seed: 3 });
    t.readyAll();
    expect(t.tracks.multilateralBacking).toBeLessThan(backingThreshold(scenario));
    t.decideAll({ turkiye: { pledge: 2000 }, qatar: { pledge: 1000 }, mediators: { pledge: 2000 } });
    expect(t.lastWeek.tracks.isfTurkiye).toBeGreaterThan(0);
    expect(t.lastWeek.tracks.isfTurkiye).toBeLessThanOrEqual(2000 / 2);
    expect(t.lastWeek.tracks.isfQatar).toBeLessThanOrEqual(1000 / 2);
    expect(t.lastWeek.tracks.isfUs).toBe(2000);
    expect(t.state.causes.some((c) => c.factor === "contributor_wariness")).toBe(true);
  });

  it("a political horizon brings more of their pledge; a horizon and broad backing bring it all", () => {
    // The horizon waits for Palestinian Authority reform to begin (plan point 19); here it has.
    const reformed = (table: Table) => ((table.state.tracks.paReform = scenario.thesis.horizonNeedsReform), table);
    const t = reformed(Table.begin({ seed: 3 }));
    exchangeDeal(t);
    t.week({ mediators: { ddr: ["political_horizon"] } });
    // Europe joins once a political horizon is open, the UN once institutions or a mandate stand.
    t.deal("mediators", ["board_of_peace"], [give("mediators", "broaden_coalition", "europe"), give("board_of_peace", "board_seat")]);
    t.week({ board_of_peace: { moves: ["board_expand_membership"] } });
    t.readyAll();
    expect(t.state.phase).toBe(2);
    const backing = t.tracks.multilateralBacking;
    t.decideAll({ turkiye: { pledge: 2000 } });
    const horizonOnly = reformed(Table.begin({ seed: 3 }));
    exchangeDeal(horizonOnly);
    horizonOnly.week({ mediators: { ddr: ["political_horizon"] } });
    horizonOnly.week();
    horizonOnly.readyAll();
    expect(horizonOnly.tracks.multilateralBacking).toBeLessThan(backing);
    horizonOnly.decideAll({ turkiye: { pledge: 2000 } });
    const none = reformed(phaseTwo({ seed: 3 }));
    none.week();
    none.readyAll();
    none.decideAll({ turkiye: { pledge: 2000 } });
    expect(horizonOnly.lastWeek.tracks.isfTurkiye).toBeGreaterThan(none.lastWeek.tracks.isfTurkiye);
    expect(t.lastWeek.tracks.isfTurkiye).toBeGreaterThan(horizonOnly.lastWeek.tracks.isfTurkiye);
  });

  it("an enforce mandate without a political horizon makes contributors withdraw, not the US", () => {
    const enforce = phaseTwo({ seed: 3 }).week({ turkiye: { pledge: 2000 }, mediators: { pledge: 1000 }, board_of_peace: { mandate: "enforce" } });
    const stabilise = phaseTwo({ seed: 3 }).week({ turkiye: { pledge: 2000 }, mediators: { pledge: 1000 }, board_of_peace: { mandate: "stabilise" } });
    expect(enforce.lastWeek.tracks.isfTurkiye).toBeLessThan(stabilise.lastWeek.tracks.isfTurkiye);
    expect(enforce.lastWeek.tracks.isfUs).toBe(1000);
    expect(enforce.state.causes.some((c) => c.factor === "enforce_without_roadmap")).toBe(true);
    expect(stabilise.state.causes.some((c) => c.factor === "enforce_without_roadmap")).toBe(false);
  });

  it("zones need 1,000 troops each; extra zones chosen are not deployed", () => {
    const t = phaseTwo({ seed: 3 }).week({ mediators: { pledge: 1500 }, board_of_peace: { mandate: "monitor", zones: ["north", "rafah"] } });
    expect(t.state.isfZones).toEqual(["north"]);
  });
});

describe("phases open by conditions, not by the clock", () => {
  it.each([
    { hostages: 20, detainees: 1000, phase: 2 },
    { hostages: 20, detainees: 1950, phase: 2 },
    { hostages: 19, detainees: 1950, phase: 1 },
    { hostages: 20, detainees: 950, phase: 1 },
  ])("$hostages hostages and $detainees detainees → phase $phase", ({ hostages, detainees, phase }) => {
    const t = Table.begin({ seed: 6 });
    exchangeDeal(t, detainees, hostages);
    t.week();
    expect(t.state.phase).toBe(phase);
    expect(availableTerms(t.scenario, t.state, "turkiye").includes("pledge_troops")).toBe(phase === 2);
  });

  it("Phase Three opens once an ISF of 2,000 troops holds a zone", () => {
    const t = phaseTwo({ seed: 6 }).week({ mediators: { pledge: 2000 }, board_of_peace: { mandate: "monitor", zones: ["north"] } });
    expect(t.state.phase).toBe(3);
    expect(availableTerms(t.scenario, t.state, "board_of_peace")).toContain("form_committee");
    const noZone = phaseTwo({ seed: 6 }).week({ mediators: { pledge: 2000 }, board_of_peace: { mandate: "monitor" } });
    expect(noZone.state.phase).toBe(2);
    const fewTroops = phaseTwo({ seed: 6 }).week({ mediators: { pledge: 1500 }, board_of_peace: { mandate: "monitor", zones: ["north"] } });
    expect(fewTroops.state.isfZones).toEqual(["north"]);
    expect(fewTroops.state.phase).toBe(2);
  });
});

describe("disarmament", () => {
  it("without independent monitors decommissioning counts at a reduced rate", () => {
    const unverified = phaseTwo({ seed: 2 });
    unverified.readyAll();
    const pace = decommissionPace(scenario, unverified.state);
    unverified.decideAll({ hamas: { decommission: { heavy: 20 } } });
    expect(unverified.lastWeek.tracks.disarmHeavy).toBeCloseTo(20 * w.disarmUnverifiedFactor * pace, 1);

    const t = Table.begin({ seed: 2 });
    exchangeDeal(t);
    t.week({ board_of_peace: { ddr: ["independent_monitors"] } });
    t.readyAll();
    const verifiedPace = decommissionPace(scenario, t.state);
    t.decideAll({ hamas: { decommission: { heavy: 20 } } });
    expect(t.lastWeek.tracks.disarmHeavy).toBeCloseTo(20 * verifiedPace, 1);
  });

  it("retrenching halves what is handed over", () => {
    // Retrenching also costs Israel's trust, which slows the pace a little more.
    const retrenched = phaseTwo({ seed: 2 }).week({ hamas: { decommission: { tunnels: 20 }, moves: ["hamas_retrench"] } });
    const steady = phaseTwo({ seed: 2 }).week({ hamas: { decommission: { tunnels: 20 } } });
    expect(retrenched.lastWeek.tracks.disarmTunnels).toBeGreaterThan(0);
    expect(retrenched.lastWeek.tracks.disarmTunnels).toBeLessThanOrEqual(steady.lastWeek.tracks.disarmTunnels / 2);
  });

  it("a decommission term delivers one step, also halved without monitors", () => {
    const t = phaseTwo({ seed: 2 });
    t.deal("hamas", ["board_of_peace"], [give("hamas", "decommission", "heavy"), give("board_of_peace", "board_seat")]);
    t.readyAll();
    const pace = decommissionPace(scenario, t.state);
    t.decideAll();
    expect(t.lastWeek.tracks.disarmHeavy).toBeCloseTo(w.decommissionStep * w.disarmUnverifiedFactor * pace, 1);
  });
});

describe("flare-ups", () => {
  it("letting spoilers act never prevents a flare-up and adds some (same seeds, same rolls)", () => {
    let calmFlares = 0;
    let spoilerFlares = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const quiet = Table.begin({ seed }).week({ hamas: { moves: ["hamas_comply"] } });
      const spoilt = Table.begin({ seed }).week({ hamas: { moves: ["hamas_spoilers"] } });
      if (quiet.lastWeek.flareUp) expect(spoilt.lastWeek.flareUp, `seed ${seed}`).toBe(true);
      calmFlares += quiet.lastWeek.flareUp ? 1 : 0;
      spoilerFlares += spoilt.lastWeek.flareUp ? 1 : 0;
    }
    expect(spoilerFlares).toBeGreaterThan(calmFlares);
  });
});

describe("the end of the game", () => {
  it.each([6, 12])("a %i-week game ends after its last week with an outcome and scores", (rounds) => {
    const t = Table.begin({ seed: 12, rounds });
    aidDeal(t);
    // Both sides promise restraint each week and keep it, so fire at the line does not pile up.
    while (t.state.stage !== "ended") {
      t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
      t.week(calm);
    }
    expect(t.state.round).toBe(rounds);
    expect(t.state.history).toHaveLength(rounds);
    expect(t.tracks.stability).toBeGreaterThan(0);
    expect(t.state.outcome).not.toBeNull();
    expect(t.state.outcome).not.toBe("collapse");
    expect(t.state.scores).not.toBeNull();
    t.refuse({ type: "ready", by: "israel" }, "game_over");
    t.refuse({ type: "advance", by: "system" }, "game_over");
  });

  it("ends early in collapse when stability reaches 0", () => {
    const t = Table.begin({ seed: 12, rounds: 12 });
    while (t.state.stage !== "ended") t.week({ israel: { moves: ["israel_heavy_strikes"] }, hamas: { moves: ["hamas_spoilers"] } });
    expect(t.tracks.stability).toBe(0);
    expect(t.state.outcome).toBe("collapse");
    expect(t.state.round).toBeLessThan(12);
  });
});
