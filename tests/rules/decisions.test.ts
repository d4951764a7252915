// The secret decisions of a week: decide once, drafts, honouring and breaking commitments, moves,
// ISF and disarmament choices by party and phase, and the deadline's defaults.
import { describe, expect, it } from "vitest";
import { decisionOptions, emptyDecision, type Decision, type PartyId, type RuleErrorCode } from "../../shared/index.ts";
import { aidDeal, calm, give, phaseTwo, Table } from "../helpers/game.ts";

const decide = (by: PartyId, decision: Partial<Decision> | Record<string, unknown>) => ({ type: "decide", by, decision });

describe("deciding", () => {
  it("each party decides once a week; a second decide or a later draft is refused", () => {
    const t = Table.begin().readyAll();
    t.play(decide("israel", { moves: ["israel_restraint"] }));
    t.refuse(decide("israel", {}), "already_decided");
    t.refuse({ type: "draft", by: "israel", decision: {} }, "already_decided");
    expect(t.state.parties.israel.decision?.moves).toEqual(["israel_restraint"]);
  });

  it("a draft replaces the previous draft, is checked like a decision, and decide clears it", () => {
    const t = Table.begin().readyAll();
    t.play({ type: "draft", by: "israel", decision: { moves: ["israel_restraint"] } });
    t.play({ type: "draft", by: "israel", decision: { moves: ["israel_entrench"] } });
    expect(t.state.parties.israel.draft?.moves).toEqual(["israel_entrench"]);
    expect(t.state.parties.israel.decision).toBeNull();
    t.refuse({ type: "draft", by: "israel", decision: { moves: ["hamas_comply"] } }, "unknown_move");
    t.play(decide("israel", {}));
    expect(t.state.parties.israel.draft).toBeNull();
  });

  it("decisions are refused during negotiation", () => {
    const t = Table.begin();
    t.refuse(decide("israel", {}), "wrong_stage");
    t.refuse({ type: "draft", by: "israel", decision: {} }, "wrong_stage");
  });

  it("the week resolves when the sixth party decides", () => {
    const t = Table.begin().readyAll();
    t.play(decide("mediators", {}), decide("israel", {}), decide("hamas", {}), decide("qatar", {}), decide("turkiye", {}));
    expect(t.state.round).toBe(1);
    t.play(decide("board_of_peace", {}));
    expect(t.state.round).toBe(2);
    expect(t.state.history).toHaveLength(1);
  });
});

describe("honouring and breaking commitments", () => {
  // Board and Mediators: a pair whose mutual trust (75) nothing else in a week moves.
  function week(breakSeat: boolean) {
    const t = Table.begin({ seed: 5 });
    const id = t.deal("board_of_peace", ["mediators"], [give("board_of_peace", "board_seat"), give("mediators", "host_talks")]);
    const [seat, talks] = t.commitmentsOf(id);
    t.readyAll().decideAll({ board_of_peace: { breaks: breakSeat ? [seat!.id] : [] } });
    return { t, seat: t.state.commitments.find((c) => c.id === seat!.id)!, talks: t.state.commitments.find((c) => c.id === talks!.id)! };
  }

  it("honouring gains the counterparty's trust and delivers the term", () => {
    const { t, seat, talks } = week(false);
    expect(seat.status).toBe("honoured");
    expect(talks.status).toBe("honoured");
    expect(t.state.trust.mediators.board_of_peace).toBe(75 + t.scenario.weights.honouredTrust);
    expect(t.state.trust.board_of_peace.mediators).toBe(75 + t.scenario.weights.honouredTrust);
    expect(t.lastWeek.tracks.boardMembers).toBe(5);
  });

  it("breaking costs the counterparty's trust and the ceasefire's stability, and delivers nothing", () => {
    const kept = week(false);
    const broken = week(true);
    expect(broken.seat.status).toBe("broken");
    expect(broken.t.state.trust.mediators.board_of_peace).toBe(75 - broken.t.scenario.weights.brokenTrust);
    expect(broken.t.lastWeek.tracks.boardMembers).toBe(4);
    // Same seed and the same week otherwise: the only stability difference is the broken promise.
    expect(kept.t.lastWeek.tracks.stability - broken.t.lastWeek.tracks.stability).toBe(broken.t.scenario.weights.brokenStability);
    expect(broken.t.state.news.some((n) => n.kind === "commitment" && n.text.includes("broke"))).toBe(true);
  });

  it("a party can only break its own commitments of this week, each once", () => {
    const t = Table.begin();
    const id = t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    const [israels, hamas] = t.commitmentsOf(id);
    t.readyAll();
    t.refuse(decide("israel", { breaks: [hamas!.id] }), "unknown_commitment");
    t.refuse(decide("israel", { breaks: [9999] }), "unknown_commitment");
    t.refuse(decide("israel", { breaks: [israels!.id, israels!.id] }), "invalid_decision");
  });
});

describe("unilateral moves", () => {
  it("one move per group, only the party's own moves, only from their phase", () => {
    const t = Table.begin().readyAll();
    const e1 = t.refuse(decide("israel", { moves: ["israel_restraint", "israel_heavy_strikes"] }), "invalid_decision");
    expect(e1.field).toBe("moves.1");
    const e2 = t.refuse(decide("israel", { moves: ["hamas_comply"] }), "unknown_move");
    expect(e2.field).toBe("moves.0");
    t.refuse(decide("board_of_peace", { moves: ["board_push_committee"] }), "unknown_move");
    t.play(decide("israel", { moves: ["israel_restraint", "israel_restrict_aid", "israel_entrench"] }));
  });

  it("honouring halt_strikes rules out Israeli strikes unless Israel breaks it", () => {
    const t = Table.begin();
    const id = t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    const [halt, restrain] = t.commitmentsOf(id);
    t.readyAll();
    const options = decisionOptions(t.scenario, t.state, "israel");
    expect(Object.keys(options.conflicts).sort()).toEqual(["israel_heavy_strikes", "israel_limited_strike"]);
    t.refuse(decide("israel", { moves: ["israel_limited_strike"] }), "invalid_decision");
    t.refuse(decide("israel", { moves: ["israel_heavy_strikes"] }), "invalid_decision");
    t.refuse(decide("hamas", { moves: ["hamas_spoilers"] }), "invalid_decision");
    t.play(decide("israel", { breaks: [halt!.id], moves: ["israel_limited_strike"] }));
    t.play(decide("hamas", { breaks: [restrain!.id], moves: ["hamas_spoilers"] }));
  });
});

type Legality = { name: string; by: PartyId; decision: Record<string, unknown>; code: RuleErrorCode | "ok"; field?: string };
const phaseOne: Legality[] = [
  { name: "a Turkish pledge", by: "turkiye", decision: { pledge: 250 }, code: "invalid_decision", field: "pledge" },
  { name: "a mandate", by: "board_of_peace", decision: { mandate: "monitor" }, code: "invalid_decision", field: "mandate" },
  { name: "a zone", by: "board_of_peace", decision: { zones: ["north"] }, code: "invalid_decision", field: "zones.0" },
  { name: "decommissioning", by: "hamas", decision: { decommission: { heavy: 10 } }, code: "invalid_decision", field: "decommission.heavy" },
  { name: "Israel's amnesty", by: "israel", decision: { ddr: ["amnesty"] }, code: "ok" },
  { name: "the Mediators' security guarantees", by: "mediators", decision: { ddr: ["security_guarantees"] }, code: "ok" },
  { name: "a political horizon before reform has begun", by: "mediators", decision: { ddr: ["political_horizon"] }, code: "invalid_decision", field: "ddr.0" },
  { name: "a political horizon from Israel", by: "israel", decision: { ddr: ["political_horizon"] }, code: "invalid_decision", field: "ddr.0" },
  { name: "an element listed twice", by: "mediators", decision: { ddr: ["security_guarantees", "security_guarantees"] }, code: "invalid_decision", field: "ddr" },
];
const phaseTwoCases: Legality[] = [
  { name: "a Turkish pledge", by: "turkiye", decision: { pledge: 1000 }, code: "ok" },
  { name: "a US pledge", by: "mediators", decision: { pledge: 5000 }, code: "ok" },
  { name: "an Israeli pledge", by: "israel", decision: { pledge: 250 }, code: "invalid_decision", field: "pledge" },
  { name: "a Hamas pledge", by: "hamas", decision: { pledge: 250 }, code: "invalid_decision", field: "pledge" },
  { name: "a pledge off the 250 step", by: "qatar", decision: { pledge: 300 }, code: "out_of_range", field: "pledge" },
  { name: "a negative pledge", by: "qatar", decision: { pledge: -250 }, code: "out_of_range", field: "pledge" },
  { name: "a pledge over 5,000", by: "qatar", decision: { pledge: 5250 }, code: "out_of_range", field: "pledge" },
  { name: "the Board's mandate", by: "board_of_peace", decision: { mandate: "enforce" }, code: "ok" },
  { name: "a mandate from Qatar", by: "qatar", decision: { mandate: "monitor" }, code: "invalid_decision", field: "mandate" },
  { name: "the Board's zones", by: "board_of_peace", decision: { zones: ["north", "rafah"] }, code: "ok" },
  { name: "a zone listed twice", by: "board_of_peace", decision: { zones: ["north", "north"] }, code: "invalid_decision", field: "zones" },
  { name: "a zone from Türkiye", by: "turkiye", decision: { zones: ["north"] }, code: "invalid_decision", field: "zones.0" },
  { name: "Hamas decommissioning 25 points", by: "hamas", decision: { decommission: { heavy: 25, tunnels: 25, small_arms: 25 } }, code: "ok" },
  { name: "26 points at once", by: "hamas", decision: { decommission: { tunnels: 26 } }, code: "out_of_range", field: "decommission.tunnels" },
  { name: "a fraction of a point", by: "hamas", decision: { decommission: { heavy: 2.5 } }, code: "out_of_range", field: "decommission.heavy" },
  { name: "negative decommissioning", by: "hamas", decision: { decommission: { small_arms: -1 } }, code: "out_of_range", field: "decommission.small_arms" },
  { name: "decommissioning by Israel", by: "israel", decision: { decommission: { heavy: 5 } }, code: "invalid_decision", field: "decommission.heavy" },
  { name: "the committee push, open from phase 2", by: "board_of_peace", decision: { moves: ["board_push_committee"] }, code: "ok" },
];

describe.each([
  { phase: 1, cases: phaseOne, table: () => Table.begin().readyAll() },
  { phase: 2, cases: phaseTwoCases, table: () => phaseTwo().readyAll() },
])("decision legality in phase $phase", ({ cases, table }) => {
  it.each(cases)("$name → $code", ({ by, decision, code, field }) => {
    const t = table();
    if (code === "ok") {
      t.play(decide(by, decision));
      expect(t.state.parties[by].decision).not.toBeNull();
    } else {
      const error = t.refuse(decide(by, decision), code);
      if (field) expect(error.field).toBe(field);
    }
  });
});

describe("roadmap elements", () => {
  it("once in place an element is no longer offered", () => {
    const t = Table.begin();
    t.week({ mediators: { ddr: ["security_guarantees"] } });
    expect(t.tracks.ddrGuarantees).toBe(1);
    t.readyAll();
    expect(decisionOptions(t.scenario, t.state, "mediators").ddr).not.toContain("security_guarantees");
    t.refuse(decide("mediators", { ddr: ["security_guarantees"] }), "invalid_decision");
  });
});

describe("the end of negotiation and the deadline", () => {
  it("negotiation ends when all six are ready; open offers then expire, bound ones stand", () => {
    const t = Table.begin();
    const open = t.propose("israel", ["hamas"], [give("israel", "halt_strikes")]);
    const bound = t.deal("qatar", ["hamas"], [give("qatar", "host_talks"), give("hamas", "restrain_factions")]);
    for (const p of ["mediators", "israel", "hamas", "qatar", "turkiye"] as const) t.play({ type: "ready", by: p });
    t.refuse({ type: "ready", by: "israel" }, "already_answered");
    expect(t.state.stage).toBe("negotiation");
    expect(t.offer(open).status).toBe("open");
    t.play({ type: "ready", by: "board_of_peace" });
    expect(t.state.stage).toBe("decisions");
    expect(t.offer(open).status).toBe("expired");
    expect(t.offer(bound).status).toBe("accepted");
    t.refuse({ type: "ready", by: "israel" }, "wrong_stage");
  });

  it("advance during negotiation moves to decisions and expires open offers", () => {
    const t = Table.begin();
    const open = t.propose("israel", ["hamas"], [give("israel", "halt_strikes")]);
    t.play({ type: "advance", by: "system" });
    expect(t.state.stage).toBe("decisions");
    expect(t.offer(open).status).toBe("expired");
  });

  it("advance during decisions resolves the week with stand-in decisions that honour every commitment", () => {
    const t = Table.begin();
    const id = t.deal("israel", ["hamas"], [give("israel", "release_detainees", 300), give("hamas", "release_hostages", 3)]);
    t.readyAll().play(decide("hamas", { moves: ["hamas_comply"] }), { type: "advance", by: "facilitator" });
    expect(t.state.round).toBe(2);
    expect(t.commitmentsOf(id).map((c) => c.status)).toEqual(["honoured", "honoured"]);
    expect(t.lastWeek.tracks.hostagesReleased).toBe(3);
    expect(t.lastWeek.tracks.detaineesReleased).toBe(300);
  });

  it("in the last week, the defaulted flag marks exactly the parties that did not decide", () => {
    const t = Table.begin({ seed: 2, rounds: 6 });
    aidDeal(t);
    // Both sides promise restraint each week and keep it, so the table reaches its last week.
    for (let week = 1; week < 6; week++) {
      t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
      t.week(calm);
    }
    expect(t.state.round).toBe(6);
    t.readyAll().play(decide("israel", { moves: ["israel_restraint"] }), { type: "advance", by: "system" });
    expect(t.state.stage).toBe("ended");
    expect(t.state.parties.israel.defaulted).toBe(false);
    for (const p of ["mediators", "hamas", "qatar", "turkiye", "board_of_peace"] as const) {
      expect(t.state.parties[p].defaulted).toBe(true);
      // Filled in by the stand-in (stand-in.ts): what the seat's bot would choose, every commitment kept.
      expect(t.state.parties[p].decision?.breaks).toEqual([]);
    }
  });

  it("only the table itself can advance; begin works once", () => {
    const t = new Table();
    t.refuse({ type: "advance", by: "israel" }, "malformed_action");
    t.play({ type: "begin", by: "system" });
    t.refuse({ type: "begin", by: "system" }, "wrong_stage");
  });
});
