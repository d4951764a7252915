// Every term makes sense once: a one-off term cannot be promised again once promised or done, no
// package trades a term for the same term, and no amount exceeds what is left to give. Every
// refusal names the reason and leaves the table as it was; bots and policies never propose such
// packages.
import { describe, expect, it } from "vitest";
import {
  apply,
  candidateTerms,
  createGame,
  defaultScenario,
  likeForLike,
  PARTY_IDS,
  viewFor,
  type GameState,
  type Obligation,
  type PartyId,
} from "../../shared/index.ts";
import { NegotiatorBot } from "../../shared/bots/index.ts";
import { give, Table } from "../helpers/game.ts";

describe("one-off terms", () => {
  it("a second promise of a bloc of supporters, made in another package, is refused and changes nothing", () => {
    const t = Table.begin();
    t.deal("qatar", ["hamas"], [give("qatar", "broaden_coalition", "europe"), give("hamas", "restrain_factions")]);
    const error = t.refuse(
      { type: "propose", by: "qatar", to: ["israel"], obligations: [give("qatar", "broaden_coalition", "europe"), give("israel", "halt_strikes")], note: "" },
      "already_promised",
    );
    expect(error.field).toBe("obligations.0.term.option");
    expect(error.message).toMatch(/Bring in a bloc of supporters.*cannot be promised again.*commitment due this week/);
    // Another bloc is still a new promise.
    t.propose("qatar", ["israel"], [give("qatar", "broaden_coalition", "un"), give("israel", "halt_strikes")]);
  });

  it("a one-off term another party has already promised to us cannot be asked of someone else", () => {
    const t = Table.begin();
    t.deal("mediators", ["hamas"], [give("mediators", "recovery_mechanism"), give("hamas", "restrain_factions")]);
    // Hamas saw the Mediators promise the recovery teams; Qatar's teams would add nothing.
    const error = t.refuse(
      { type: "propose", by: "hamas", to: ["qatar"], obligations: [give("hamas", "release_hostages", 1), give("qatar", "recovery_mechanism")], note: "" },
      "already_promised",
    );
    expect(error.message).toMatch(/another party has already promised it/);
  });

  it("once done, a one-off term can no longer be promised by anyone", () => {
    const t = Table.begin();
    t.deal("mediators", ["hamas"], [give("mediators", "recovery_mechanism"), give("hamas", "restrain_factions")]);
    t.week();
    expect(t.tracks.recoveryMechanism).toBe(1);
    const error = t.refuse(
      { type: "propose", by: "qatar", to: ["israel"], obligations: [give("qatar", "recovery_mechanism"), give("israel", "halt_strikes")], note: "" },
      "already_done",
    );
    expect(error.message).toMatch(/recovery teams are already at work/);
    // Arab states back the plan from the start: they cannot be brought in again.
    t.refuse(
      { type: "propose", by: "qatar", to: ["israel"], obligations: [give("qatar", "broaden_coalition", "arab_states"), give("israel", "halt_strikes")], note: "" },
      "already_done",
    );
  });

  it("a proposer cannot hawk the same one-off term in two open offers at once", () => {
    const t = Table.begin();
    const first = t.propose("qatar", ["hamas"], [give("qatar", "broaden_coalition", "europe"), give("hamas", "restrain_factions")]);
    const error = t.refuse(
      { type: "propose", by: "qatar", to: ["israel"], obligations: [give("qatar", "broaden_coalition", "europe"), give("israel", "halt_strikes")], note: "" },
      "already_promised",
    );
    expect(error.message).toContain(`your offer ${first}`);
    t.play({ type: "withdraw", by: "qatar", offerId: first });
    t.propose("qatar", ["israel"], [give("qatar", "broaden_coalition", "europe"), give("israel", "halt_strikes")]);
  });

  it("when one package binds, an open package holding the same one-off lapses instead of binding twice", () => {
    const t = Table.begin();
    // Hamas asks Qatar and Türkiye (each out of the other's sight) for the recovery teams.
    const fromQatar = t.propose("hamas", ["qatar"], [give("hamas", "restrain_factions"), give("qatar", "recovery_mechanism")]);
    const fromTurkiye = t.propose("israel", ["turkiye"], [give("israel", "halt_strikes"), give("turkiye", "recovery_mechanism")]);
    t.play({ type: "accept", by: "qatar", offerId: fromQatar });
    expect(t.offer(fromTurkiye)).toMatchObject({ status: "expired" });
    expect(t.offer(fromTurkiye).reason).toMatch(/overtaken by another package/);
    expect(t.state.commitments.filter((c) => c.term.kind === "recovery_mechanism")).toHaveLength(1);
    t.refuse({ type: "accept", by: "turkiye", offerId: fromTurkiye }, "offer_closed");
  });

  it("a weekly promise (halt strikes) is made once a week, and again the next week", () => {
    const t = Table.begin();
    t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    t.refuse(
      { type: "propose", by: "israel", to: ["mediators"], obligations: [give("israel", "halt_strikes"), give("mediators", "host_talks")], note: "" },
      "already_promised",
    );
    t.week();
    t.propose("israel", ["mediators"], [give("israel", "halt_strikes"), give("mediators", "host_talks")]);
  });

  it("a seat on the board can be offered again only while seats are left", () => {
    const t = Table.begin();
    expect(t.tracks.boardMembers).toBeLessThan(15);
    t.state = { ...t.state, tracks: { ...t.state.tracks, boardMembers: 15 } };
    const error = t.refuse(
      { type: "propose", by: "board_of_peace", to: ["turkiye"], obligations: [give("board_of_peace", "board_seat"), give("turkiye", "host_talks")], note: "" },
      "already_done",
    );
    expect(error.message).toMatch(/every seat/);
  });
});

describe("like for like", () => {
  it("a package that trades a bloc for the same bloc is refused", () => {
    const t = Table.begin();
    const error = t.refuse(
      {
        type: "propose",
        by: "qatar",
        to: ["turkiye"],
        obligations: [give("qatar", "broaden_coalition", "europe"), give("turkiye", "broaden_coalition", "europe")],
        note: "",
      },
      "like_for_like",
    );
    expect(error.field).toBe("obligations.1");
    expect(error.message).toMatch(/cannot trade "bring in a bloc of supporters" for the same term/);
  });

  it("money for money is refused whatever the amounts", () => {
    const t = Table.begin();
    t.refuse(
      { type: "propose", by: "qatar", to: ["turkiye"], obligations: [give("qatar", "fund_reconstruction", 5), give("turkiye", "fund_reconstruction", 5)], note: "" },
      "like_for_like",
    );
    t.refuse(
      { type: "propose", by: "qatar", to: ["turkiye"], obligations: [give("qatar", "fund_reconstruction", 5), give("turkiye", "fund_reconstruction", 3)], note: "" },
      "like_for_like",
    );
  });

  it("a counter-offer cannot turn a package into like for like", () => {
    const t = Table.begin();
    const id = t.propose("qatar", ["turkiye"], [give("qatar", "fund_reconstruction", 5), give("turkiye", "host_talks")]);
    const error = t.refuse({ type: "counter", by: "turkiye", offerId: id, keep: [0], add: [give("turkiye", "fund_reconstruction", 5)], note: "" }, "like_for_like");
    expect(error.field).toBe("add.0");
  });

  it("different blocs, or a brokered package of different terms, are fine", () => {
    const t = Table.begin();
    t.propose("qatar", ["turkiye"], [give("qatar", "broaden_coalition", "europe"), give("turkiye", "broaden_coalition", "un")]);
    t.propose("mediators", ["qatar", "turkiye"], [give("qatar", "fund_reconstruction", 5), give("turkiye", "host_talks")]);
    expect(likeForLike("mediators", [give("qatar", "host_talks"), give("turkiye", "host_talks")])).not.toBeNull();
  });
});

describe("amounts never exceed what is left to give", () => {
  it("living hostages: a second promise counts the first", () => {
    const t = Table.begin();
    t.deal("israel", ["hamas"], [give("israel", "release_detainees", 1000), give("hamas", "release_hostages", 15)]);
    const error = t.refuse(
      { type: "propose", by: "hamas", to: ["israel"], obligations: [give("hamas", "release_hostages", 10), give("israel", "halt_strikes")], note: "" },
      "out_of_range",
    );
    expect(error.message).toContain("only 5 hostages are left");
    t.propose("hamas", ["israel"], [give("hamas", "release_hostages", 5), give("israel", "halt_strikes")]);
  });

  it("detainees: Israel cannot promise more than it still holds", () => {
    const t = Table.begin();
    t.deal("israel", ["hamas"], [give("israel", "release_detainees", 1500), give("hamas", "release_hostages", 10)]);
    const error = t.refuse(
      { type: "propose", by: "israel", to: ["hamas"], obligations: [give("israel", "release_detainees", 500), give("hamas", "release_hostages", 10)], note: "" },
      "out_of_range",
    );
    expect(error.message).toContain("only 450 detainees are left");
  });

  it("remains: only those located can be promised", () => {
    const t = Table.begin();
    const located = t.tracks.remainsLocated;
    const error = t.refuse(
      { type: "propose", by: "hamas", to: ["israel"], obligations: [give("hamas", "return_remains", located + 1), give("israel", "halt_strikes")], note: "" },
      "out_of_range",
    );
    expect(error.field).toBe("obligations.0.term.amount");
  });

  it("troops: a contributor cannot pledge more than its force can still take", () => {
    const t = Table.begin();
    t.state = { ...t.state, phase: 2, tracks: { ...t.state.tracks, isfQatar: 1500 } };
    const error = t.refuse(
      { type: "propose", by: "qatar", to: ["board_of_peace"], obligations: [give("qatar", "pledge_troops", 750), give("board_of_peace", "board_seat")], note: "" },
      "out_of_range",
    );
    expect(error.message).toContain("only 500 troops are left");
  });
});

describe("bots and policies propose only what makes sense once", () => {
  const scenario = defaultScenario();

  /** Every package a whole table of bots proposes, checked as it is made. */
  function botProposals(seed: number): Array<{ by: PartyId; obligations: Obligation[] }> {
    const created = createGame(scenario, { seed, rounds: 6 });
    if (!created.ok) throw new Error(created.error.message);
    const begun = apply(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error(begun.error.message);
    let s: GameState = begun.value;
    const bots = Object.fromEntries(PARTY_IDS.map((p) => [p, new NegotiatorBot({ party: p, persona: "dealmaker", difficulty: "normal", seed })]));
    const proposals: Array<{ by: PartyId; obligations: Obligation[] }> = [];
    for (let step = 0; step < 600 && s.stage !== "ended"; step++) {
      const p = PARTY_IDS[step % PARTY_IDS.length]!;
      const view = viewFor(scenario, s, p);
      let next;
      if (s.stage === "negotiation") {
        if (s.parties[p].ready) continue;
        const move = bots[p]!.negotiate(scenario, view);
        next = apply(scenario, s, { ...move.intent, by: p });
        if (move.intent.type === "propose") {
          // A bot never proposes a package the rules refuse.
          expect(next.ok ? null : next.error).toBeNull();
          proposals.push({ by: p, obligations: move.intent.obligations });
        }
        if (!next.ok) next = apply(scenario, s, { type: "ready", by: p });
      } else if (s.stage === "decisions") {
        if (s.parties[p].decision !== null) continue;
        next = apply(scenario, s, { type: "decide", by: p, decision: bots[p]!.decide(scenario, view).decision });
      } else break;
      if (next.ok) s = next.value;
    }
    // Every one-off promised at most once: no table-wide one-off in two commitments.
    const onceKinds = new Set(["form_committee", "recovery_mechanism", "security_guarantee", "arms_sale", "broaden_coalition", "ddr_element", "build_hubs", "admit_agencies"]);
    const seen = new Set<string>();
    for (const c of s.commitments) {
      if (!onceKinds.has(c.term.kind)) continue;
      const k = `${c.term.kind}:${c.term.option ?? ""}`;
      expect(seen.has(k), `${k} promised twice`).toBe(false);
      // A bloc that only voiced support has not joined: it may be asked again once its condition holds.
      if (c.term.kind === "broaden_coalition" && c.status !== "pending" && c.delivered === 0) continue;
      seen.add(k);
    }
    return proposals;
  }

  it("over whole bot games, no package is like for like and none is refused", () => {
    for (const seed of [2, 7]) {
      const proposals = botProposals(seed);
      expect(proposals.length).toBeGreaterThan(0);
      for (const { by, obligations } of proposals) expect(likeForLike(by, obligations)).toBeNull();
    }
  });

  it("candidate terms leave out a one-off the party has already promised", () => {
    const t = Table.begin();
    expect(candidateTerms(scenario, t.state, "qatar", "qatar")).toContainEqual({ kind: "broaden_coalition", option: "europe" });
    t.deal("qatar", ["hamas"], [give("qatar", "broaden_coalition", "europe"), give("hamas", "restrain_factions")]);
    expect(candidateTerms(scenario, t.state, "qatar", "qatar")).not.toContainEqual({ kind: "broaden_coalition", option: "europe" });
  });
});
