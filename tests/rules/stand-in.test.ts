// A seat that hands in no decisions before the deadline plays what its bot would choose, keeping
// every commitment it made; a team's draft, if it left a legal one, counts first. The choice is
// made inside the rules, from the seat's own view, so a replayed log gives the same state.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  emptyDecision,
  greedyPolicy,
  passiveDecisions,
  playGame,
  randomPolicy,
  replay,
  standInDecision,
  standInFor,
  viewFor,
  PARTY_IDS,
  type PartyId,
  type Policy,
} from "../../shared/index.ts";
import { give, scenario, Table } from "../helpers/game.ts";

describe("a seat that does not decide in time", () => {
  it("plays its bot's decision, not nothing, and keeps every commitment it made", () => {
    const t = Table.begin({ seed: 4 });
    const id = t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    t.readyAll();
    // Everyone but Israel and Hamas decides; the deadline passes for those two.
    for (const p of PARTY_IDS) if (p !== "israel" && p !== "hamas") t.play({ type: "decide", by: p, decision: {} });
    const expected = { israel: standInFor(scenario, t.state, "israel"), hamas: standInFor(scenario, t.state, "hamas") };
    for (const p of ["israel", "hamas"] as const) expect(expected[p].breaks).toEqual([]);
    // The bots choose their moves for the week (a side under little pressure at home may choose
    // none); the stand-ins of the six seats together are not left empty, as a do-nothing default would be.
    expect(PARTY_IDS.reduce((n, p) => n + standInFor(scenario, t.state, p).moves.length, 0)).toBeGreaterThan(0);
    t.play({ type: "advance", by: "system" });
    const week = t.state.history[t.state.history.length - 1]!;
    expect(week.defaulted.sort()).toEqual(["hamas", "israel"]);
    expect(t.commitmentsOf(id).map((c) => c.status)).toEqual(["honoured", "honoured"]);
    // The same week played with those decisions handed in explicitly ends in the same place.
    const u = Table.begin({ seed: 4 });
    u.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    u.readyAll();
    for (const p of PARTY_IDS) u.play({ type: "decide", by: p, decision: p === "israel" || p === "hamas" ? expected[p] : {} });
    expect(u.state.tracks).toEqual(t.state.tracks);
    expect(u.state.trust).toEqual(t.state.trust);
    expect(u.state.news.map((n) => n.text)).toEqual(t.state.news.map((n) => n.text));
  });

  it("is what the seat's own decision form suggests: the same answer from its view", () => {
    const t = Table.begin({ seed: 9 });
    t.readyAll();
    for (const p of PARTY_IDS) expect(standInDecision(scenario, viewFor(scenario, t.state, p), p)).toEqual(standInFor(scenario, t.state, p));
  });

  it("plays the team's draft when it left a legal one", () => {
    const t = Table.begin({ seed: 4 });
    t.readyAll();
    const draft = { ...emptyDecision(), moves: ["israel_limited_strike" as const] };
    t.play({ type: "draft", by: "israel", decision: draft });
    for (const p of PARTY_IDS) if (p !== "israel") t.play({ type: "decide", by: p, decision: {} });
    const before = t.state;
    t.play({ type: "advance", by: "system" });
    expect(before.parties.israel.decision).toBeNull();
    expect(t.state.history[0]!.defaulted).toEqual(["israel"]);
    expect(t.state.causes.some((c) => c.round === 1 && c.text === "Israel carried out a limited strike.")).toBe(true);
  });

  it("replaying a log in which seats time out gives the same state (property)", () => {
    const policies: Record<string, Policy> = { random: randomPolicy, greedy: greedyPolicy };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.subarray([...PARTY_IDS], { minLength: 1 }),
        fc.constantFrom("random", "greedy"),
        (seed, passive: PartyId[], name) => {
          const base = policies[name]!;
          const table = Object.fromEntries(PARTY_IDS.map((p) => [p, passive.includes(p) ? passiveDecisions(base) : base])) as Record<PartyId, Policy>;
          const played = playGame(scenario, { seed, rounds: 6 }, table);
          if (!played.ok) throw new Error(played.error.message);
          const { state, log } = played.value;
          // The timed-out seats were filled in by the deadline, every week the game lasted.
          expect(log.actions.filter((a) => a.type === "advance").length).toBeGreaterThanOrEqual(state.history.length);
          for (const week of state.history) for (const p of passive) expect(week.defaulted).toContain(p);
          const again = replay(scenario, log);
          if (!again.ok) throw new Error(again.error.message);
          expect(JSON.stringify(again.value)).toBe(JSON.stringify(state));
        },
      ),
      { numRuns: 12, seed: 12 },
    );
  });
});
