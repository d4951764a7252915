// A client reads its view back after every patch (shared/wire-view.ts, WireReader). What it relies
// on: the view read is always the one the server wrote (the same view again when nothing changed);
// a list no patch touched is given again as it was (the same array, so a page redrawing on change
// skips it), and a list that changed is new;
// in a changed list, an item still there (moved up when a full window moves on, or moved among the
// offers) is the value already read, not parsed again.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { windowedViewFor } from "../../shared/view-window.ts";
import { partiesOf, partyBits, toWire, WireReader } from "../../shared/wire-view.ts";
import { PARTY_IDS } from "../../shared/ids.ts";
import type { TableView } from "../../shared/views.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();
const LISTS = ["news", "history", "offers", "commitments", "messages"] as const;

describe("reading a view back after every patch", () => {
  it("gives the server's view each time, unchanged lists as they were and changed ones anew", () => {
    const reader = new WireReader();
    let last: { view: TableView; wire: ReturnType<typeof toWire> } | null = null;
    let kept = 0;
    let renewed = 0;
    let moved = 0;
    playBusyTable(scenario, {
      seed: 11,
      rounds: 6,
      chatter: true,
      onAction: (state) => {
        const wire = toWire(windowedViewFor(scenario, state, "israel"));
        const view = reader.read(wire, wire.news, wire.history, wire.section)!;
        expect(view).toEqual(JSON.parse(JSON.stringify(windowedViewFor(scenario, state, "israel"))));
        // Read again before anything changed (as after the action's reply): the same view.
        expect(reader.read(wire, wire.news, wire.history, wire.section)).toBe(view);
        if (last) {
          for (const list of LISTS) {
            const raws = list === "news" || list === "history" ? wire[list] : wire.section[list];
            const before = list === "news" || list === "history" ? last.wire[list] : last.wire.section[list];
            const same = raws.length === before.length && raws.every((r, i) => r === before[i]);
            if (same) {
              expect(view[list]).toBe(last.view[list]);
              kept++;
            } else {
              expect(view[list]).not.toBe(last.view[list]);
              renewed++;
              // Every item whose text was read last time is that same value, wherever it now is.
              const earlier = last.view[list] as unknown[];
              raws.forEach((raw, i) => {
                const at = before.indexOf(raw);
                if (at < 0) return;
                expect(view[list][i]).toBe(earlier[at]);
                if (at !== i) moved++;
              });
            }
          }
        }
        last = { view, wire };
      },
    });
    expect(kept).toBeGreaterThan(0);
    expect(renewed).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);
  });

  it("reads who is ready and who has decided back as the rules list them, for every set of parties", () => {
    for (let set = 0; set < 1 << PARTY_IDS.length; set++) {
      const parties = PARTY_IDS.filter((_, i) => set & (1 << i));
      expect(partiesOf(partyBits(parties))).toEqual(parties);
    }
    // Bits beyond the six parties (a damaged or newer state) name nobody.
    expect(partiesOf(0xff)).toEqual([...PARTY_IDS]);
  });
});
