// The synced state brought up to date after every action of a busy game, as a room does, keeps
// only what each action changed from the last (the same windows, the same secrets' and counts'
// JSON: server/state-mirror.ts, shared/view-window.ts, shared/wire-view.ts). Whatever it kept,
// every section must be exactly the wire form of its viewer's whole view cut to its window, made
// afresh — for every viewer, through the talk, the weeks and the end.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { PARTY_IDS, type PartyId, type Viewer } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { toWire } from "../../shared/wire-view.ts";
import type { GameState } from "../../shared/state.ts";
import { StateMirror, type MirrorInput } from "../../server/state-mirror.ts";
import { playBusyTable } from "../helpers/busy-table.ts";
import { plainSection } from "../helpers/plain-section.ts";

const scenario = defaultScenario();
const VIEWERS: Viewer[] = ["facilitator", ...PARTY_IDS];


describe("the synced state after every action", () => {
  it("holds each viewer's window exactly as a fresh one makes it", () => {
    const mirror = new StateMirror("EACH01");
    // A spectator too: the spectators' section is written only while someone reads it.
    const watched = new Set<Viewer>([...VIEWERS, "spectator"]);
    const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as Record<PartyId, MirrorInput["seats"][PartyId]>;
    let actions = 0;
    let checked = 0;
    const check = (game: GameState) => {
      const open = toWire(windowView(viewFor(scenario, game, "spectator")));
      expect(mirror.state.public).toBe(open.base);
      expect([mirror.state.readyBits, mirror.state.decidedBits]).toEqual([open.ready, open.decided]);
      expect([...mirror.state.news]).toEqual(open.news);
      expect(plainSection(mirror.state.open)).toEqual(open.section);
      if (game.stage === "ended") return;
      for (const viewer of VIEWERS) {
        const section = viewer === "facilitator" ? mirror.state.facilitator.view : mirror.state.seats.get(viewer)!.view;
        expect(plainSection(section), `${viewer} after action ${actions}`).toEqual(toWire(windowView(viewFor(scenario, game, viewer))).section);
      }
      checked++;
    };
    const final = playBusyTable(scenario, {
      seed: 17,
      rounds: 6,
      chatter: true,
      bots: "table",
      onAction: (game) => {
        mirror.update({ scenario, game, seats, timer: { stage: game.stage, endsAt: 0, remainingMs: 0, paused: false }, announcement: "", watched });
        // Every action is mirrored; every few are compared whole (a whole view of a busy game is slow to make).
        if (++actions % 11 === 0 || game.stage !== "negotiation") check(game);
      },
    });
    check(final);
    expect(final.stage).toBe("ended");
    expect(checked).toBeGreaterThan(100);
  });

  it("keeps no earlier state's lists alive once the table has moved on", async () => {
    // What it keeps from one action to the next (windows, what they were cut from) must not chain
    // every earlier state's offers and commitments together: a table plays thousands of actions.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const mirror = new StateMirror("EACH02");
    // A spectator too: the spectators' section is written only while someone reads it.
    const watched = new Set<Viewer>([...VIEWERS, "spectator"]);
    const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as Record<PartyId, MirrorInput["seats"][PartyId]>;
    const earlier: Array<WeakRef<object>> = [];
    // Each list once (states share a list until a rule changes it).
    const seen = new WeakSet<object>();
    let table: GameState | null = null;
    playBusyTable(scenario, {
      seed: 23,
      rounds: 6,
      chatter: false,
      bots: "table",
      onAction: (game) => {
        mirror.update({ scenario, game, seats, timer: { stage: game.stage, endsAt: 0, remainingMs: 0, paused: false }, announcement: "", watched });
        if (game.stage !== "ended") {
          for (const list of [game.offers, game.commitments]) {
            if (seen.has(list)) continue;
            seen.add(list);
            earlier.push(new WeakRef(list));
          }
        }
        table = game;
      },
    });
    // (A weak reference holds its target until the current turn of the event loop ends.)
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    // States share a list until a rule changes it: the lists the final state still holds are its own, not kept by the mirror.
    const own = new Set<object>([(table as GameState | null)?.offers ?? [], (table as GameState | null)?.commitments ?? []]);
    const alive = earlier.filter((r) => { const list = r.deref(); return list !== undefined && !own.has(list); }).length;
    expect(table).not.toBeNull();
    expect(earlier.length).toBeGreaterThan(100);
    // A few of the last ones may still be remembered (a viewer's last window); not the game's.
    expect(alive).toBeLessThan(10);
  });
});
