// Event cards: every card of the default scenario, injected by the facilitator, does exactly what
// it declares (within the tracks' bounds) and cites a listed source.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, TRACK_KEYS, type EventCard, type GameState } from "../../shared/index.ts";
import { aidDeal, json, scenario, Table } from "../helpers/game.ts";

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const tidy = (v: number) => Math.round(v * 100) / 100;

/** The card's declared effects, applied by hand: what the engine must produce. */
function expectedAfter(card: EventCard, before: GameState) {
  const tracks = { ...before.tracks };
  const pressure = Object.fromEntries(PARTY_IDS.map((p) => [p, before.parties[p].pressure])) as Record<string, number>;
  const trust = structuredClone(before.trust);
  for (const e of card.effects) {
    if ("track" in e) {
      const spec = scenario.tracks[e.track];
      tracks[e.track] = tidy(clamp("set" in e ? e.set : tracks[e.track] + e.delta, spec.min, spec.max));
      // Remains located never exceed the remains not yet returned.
      if (e.track === "remainsLocated" || e.track === "remainsReturned")
        tracks.remainsLocated = Math.min(tracks.remainsLocated, Math.max(0, scenario.tracks.remainsReturned.max - tracks.remainsReturned));
    } else if ("pressure" in e) {
      for (const p of e.pressure === "all" ? PARTY_IDS : [e.pressure]) pressure[p] = tidy(clamp(pressure[p]! + e.delta, 0, 100));
    } else {
      for (const from of e.trust.from === "all" ? PARTY_IDS : [e.trust.from])
        for (const to of e.trust.to === "all" ? PARTY_IDS : [e.trust.to])
          if (from !== to) trust[from][to] = tidy(clamp(trust[from][to] + e.delta, 0, 100));
    }
  }
  return { tracks, pressure, trust };
}

/** Tables to inject into: as dealt, and with every bound pressed so that clamping shows. */
const starts: Array<{ name: string; table: () => Table }> = [
  { name: "at the start", table: () => Table.begin({ seed: 11 }) },
  {
    name: "with every track at its minimum",
    table: () => {
      const t = Table.begin({ seed: 11 });
      for (const k of TRACK_KEYS) t.state.tracks[k] = scenario.tracks[k].min;
      t.state.tracks.stability = 60; // not at zero: that would end the game
      for (const p of PARTY_IDS) {
        t.state.parties[p].pressure = 0;
        for (const q of PARTY_IDS) if (p !== q) t.state.trust[p][q] = 0;
      }
      return t;
    },
  },
  {
    name: "with every track at its maximum",
    table: () => {
      const t = Table.begin({ seed: 11 });
      for (const k of TRACK_KEYS) t.state.tracks[k] = scenario.tracks[k].max;
      for (const p of PARTY_IDS) {
        t.state.parties[p].pressure = 100;
        for (const q of PARTY_IDS) t.state.trust[p][q] = 100;
      }
      return t;
    },
  },
];

describe("every event card", () => {
  const sources = new Set(scenario.sources.map((s) => s.id));

  it("the deck is the default scenario's, with unique ids", () => {
    expect(scenario.events.length).toBeGreaterThanOrEqual(30);
    expect(new Set(scenario.events.map((e) => e.id)).size).toBe(scenario.events.length);
  });

  describe.each(starts)("injected $name", ({ table }) => {
    it.each(scenario.events.map((card) => ({ id: card.id, card })))("$id applies exactly its declared effects", ({ card }) => {
      expect(sources.has(card.source), `${card.id} cites ${card.source}`).toBe(true);
      const t = table();
      const before = structuredClone(t.state);
      const expected = expectedAfter(card, before);
      t.play({ type: "inject", by: "facilitator", eventId: card.id });
      const s = t.state;
      expect(s.tracks).toEqual(expected.tracks);
      for (const k of TRACK_KEYS) expect(s.tracks[k]).toBeGreaterThanOrEqual(scenario.tracks[k].min);
      for (const k of TRACK_KEYS) expect(s.tracks[k]).toBeLessThanOrEqual(scenario.tracks[k].max);
      expect(Object.fromEntries(PARTY_IDS.map((p) => [p, s.parties[p].pressure]))).toEqual(expected.pressure);
      expect(s.trust).toEqual(expected.trust);
      // The card is recorded and announced; nothing else at the table moves.
      expect(s.roundEvents).toEqual([...before.roundEvents, card.id]);
      expect(s.drawn).toContain(card.id);
      expect(s.news.slice(before.news.length)).toEqual([{ round: before.round, kind: "event", text: `${card.title}. ${card.text}`, parties: [] }]);
      for (const key of ["round", "phase", "stage", "rng", "nextId", "offers", "commitments", "messages", "history", "isfZones", "outcome"] as const)
        expect(json(s[key]), key).toBe(json(before[key]));
    });
  });
});

describe("injecting events", () => {
  it("refuses an unknown event id, leaving the table untouched", () => {
    const error = Table.begin().refuse({ type: "inject", by: "facilitator", eventId: "ev_alien_landing" }, "unknown_event");
    expect(error.field).toBe("eventId");
  });

  it("only the facilitator injects: the system timer and the parties are refused", () => {
    const t = Table.begin();
    t.refuse({ type: "inject", by: "system", eventId: "ev_quiet_week" }, "wrong_actor");
    for (const by of PARTY_IDS) t.refuse({ type: "inject", by, eventId: "ev_quiet_week" }, "malformed_action");
  });

  it("works during decisions but not in the briefing or after the end", () => {
    new Table().refuse({ type: "inject", by: "facilitator", eventId: "ev_quiet_week" }, "wrong_stage");
    const t = Table.begin().readyAll();
    t.play({ type: "inject", by: "facilitator", eventId: "ev_quiet_week" });
    expect(t.state.roundEvents).toContain("ev_quiet_week");
  });

  it("an injected card is not drawn again later in the game", () => {
    const t = Table.begin({ seed: 3 });
    t.play({ type: "inject", by: "facilitator", eventId: "ev_quiet_week" });
    aidDeal(t);
    while (t.state.stage !== "ended") t.week();
    const draws = t.state.history.flatMap((h) => h.eventIds).filter((id) => id === "ev_quiet_week");
    expect(draws).toEqual(["ev_quiet_week"]);
  });

  it("a shock that drives stability to zero ends the game in collapse", () => {
    const t = Table.begin({ seed: 4 });
    while (t.state.stage === "negotiation") t.play({ type: "inject", by: "facilitator", eventId: "ev_strikes_resume" });
    expect(t.state.stage).toBe("ended");
    expect(t.state.outcome).toBe("collapse");
    expect(t.state.round).toBe(1);
    t.refuse({ type: "inject", by: "facilitator", eventId: "ev_quiet_week" }, "game_over");
  });

  // ENGINE BUG (apply.ts, case "inject" → resolveRoundEnd): the comment says an injected shock to
  // zero "ends the game at once, like a drawn one", and the news says the ceasefire "could not absorb
  // the shock" — but the engine resolves the week first, and if good aid and a roadmap lift
  // stability back above 0 the game goes on to the next week. Fix: call finishGame() directly.
  it("…even when that week's resolution would have lifted stability again", () => {
    const t = Table.begin({ seed: 9 });
    aidDeal(t);
    t.week({ mediators: { ddr: ["independent_monitors", "security_guarantees"] }, board_of_peace: { ddr: ["buy_back", "reintegration"] }, israel: { ddr: ["amnesty"] } });
    expect(t.state.round).toBe(2);
    while (t.state.stage === "negotiation" && t.state.round === 2) t.play({ type: "inject", by: "facilitator", eventId: "ev_strikes_resume" });
    expect(t.state.news.some((n) => n.text.includes("could not absorb the shock"))).toBe(true);
    expect(t.state.stage).toBe("ended");
    expect(t.state.outcome).toBe("collapse");
  });
});
