// What a table makes after every action, made with less work, must be exactly what it was:
// - the windowed view made without the whole view (windowedViewFor) is the whole view cut to its
//   window (windowView(viewFor(…))), for every viewer at every moment of a busy game, and the
//   section made without the public table (windowedSectionFor) is that view's own part;
// - a party's private view given again while unchanged shows the party as a fresh one would;
// - the secrets' two parts' JSON, made from each party's part, put back together are the secrets' JSON;
// - a state's copy shares its closed offers and resolved commitments: no action changes them, so
//   every earlier state stays as it was.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { PARTY_IDS, type Viewer } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { windowedSectionFor, windowedViewFor, windowView } from "../../shared/view-window.ts";
import { BaseMemo, joinSecrets, partiesOf, toWire, toWireSection } from "../../shared/wire-view.ts";
import type { GameState } from "../../shared/state.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();
const VIEWERS: Viewer[] = ["spectator", "facilitator", ...PARTY_IDS];

describe("lean views", () => {
  it("make every viewer's window, secrets and wire form exactly as the whole view does, after every action", () => {
    let checked = 0;
    let cut = 0;
    let reused = 0;
    let previous: GameState | null = null;
    const check = (state: GameState) => {
      // Every seventh state keeps the test quick; the chatter makes every list outgrow its window.
      if (checked++ % 7 !== 0 && state.stage !== "ended") return;
      for (const viewer of VIEWERS) {
        const lean = windowedViewFor(scenario, state, viewer);
        const whole = windowView(viewFor(scenario, state, viewer));
        expect(lean).toEqual(whole);
        if (lean.recordOnly) cut++;
        // A copy of the state shares nothing with it: its private views are made afresh.
        const fresh = viewFor(scenario, structuredClone(state), viewer);
        expect(lean.private).toEqual(fresh.private);
        const wire = toWire(lean);
        // The secrets' two parts, made from each party's kept part, put back together are the secrets, key for key.
        expect(JSON.stringify(joinSecrets(JSON.parse(wire.section.lastingSecrets), JSON.parse(wire.section.changingSecrets)))).toBe(JSON.stringify(lean.private));
        // The section a seat's clients receive, made without the public table, is that view's own part.
        const section = windowedSectionFor(scenario, state, viewer);
        const { viewer: v, offers, commitments, messages, private: secrets, recordOnly, offerPlaces } = lean;
        expect(section).toEqual({ viewer: v, offers, commitments, messages, private: secrets, ...(recordOnly ? { recordOnly } : {}), ...(offerPlaces ? { offerPlaces } : {}) });
        expect(toWireSection(section)).toEqual(wire.section);
        expect(wire).toEqual(toWire(windowView(fresh)));
      }
      if (previous) for (const p of PARTY_IDS) if (viewFor(scenario, previous, p).private[p] === viewFor(scenario, state, p).private[p]) reused++;
      previous = state;
    };
    playBusyTable(scenario, { seed: 5, rounds: 6, chatter: true, bots: "table", onAction: check });
    // The game met both: windows that cut, and private views unchanged by an action and given again.
    expect(cut).toBeGreaterThan(0);
    expect(reused).toBeGreaterThan(0);
  });

  it("keeps a table's public JSON while the public table is unchanged, and writes it anew as soon as it changes", () => {
    const memo = new BaseMemo();
    let last = "";
    let kept = 0;
    let renewed = 0;
    playBusyTable(scenario, {
      seed: 13,
      rounds: 6,
      chatter: true,
      bots: "table",
      onAction: (state) => {
        const view = windowedViewFor(scenario, state, "spectator");
        const { news, history, viewer, offers, commitments, messages, private: secrets, recordOnly, offerPlaces, ready, decided, ...base } = view;
        const wire = toWire(view, memo);
        const base0 = wire.base;
        // Exactly the JSON of this state's public table, whether kept or made (who is ready and who
        // has decided travel apart, as bits).
        expect(base0).toBe(JSON.stringify(base));
        expect([partiesOf(wire.ready), partiesOf(wire.decided)]).toEqual([ready, decided]);
        if (base0 === last) kept++;
        else renewed++;
        last = base0;
      },
    });
    // Talk and offers leave the public table as it was; weeks change it.
    expect(kept).toBeGreaterThan(renewed);
    expect(renewed).toBeGreaterThan(6);
  });

  it("leaves every earlier state's offers and commitments as they were, though copies share the closed ones", () => {
    let before: { state: GameState; json: string } | null = null;
    let shared = 0;
    let states = 0;
    const record = (state: GameState) => JSON.stringify([state.offers, state.commitments]);
    playBusyTable(scenario, {
      seed: 9,
      rounds: 6,
      chatter: false,
      bots: "table",
      onAction: (state) => {
        states++;
        if (before) {
          expect(record(before.state)).toBe(before.json);
          shared += state.offers.filter((o) => before!.state.offers.includes(o)).length;
        }
        before = { state, json: record(state) };
      },
    });
    expect(states).toBeGreaterThan(100);
    expect(shared).toBeGreaterThan(0);
  });
});
