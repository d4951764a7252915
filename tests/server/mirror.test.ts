// No drift between the engine state and the synced mirror: at every step of a game, what clients
// decode equals shared's viewFor of the server's engine state — public, per seat, facilitator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readView, toWire } from "../../shared/wire-view.ts";
import { PARTY_IDS } from "../../shared/ids.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import type { Viewer } from "../../shared/ids.ts";
import { expectOk, Player, receivedOpen, startHarness, synced, until, type Harness } from "./harness.ts";
import { plainSection } from "../helpers/plain-section.ts";

const scenario = defaultScenario();
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.shutdown();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("the synced state mirrors the engine", () => {
  it("public, seat and facilitator views equal viewFor at every step", async () => {
    const host = await Player.create(h, { name: "Fac", seat: "facilitator", rounds: 6 });
    await host.ready();
    const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
    const spectator = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
    const all = [host, israel, spectator];
    const people = [israel];
    const room = h.table(host.code);
    let checks = 0;
    const check = async () => {
      await synced(h, all);
      const state = room.session.pipeline.state;
      // What is synced is each view's window of "now" (shared/view-window.ts).
      const expected = (viewer: Viewer) => plain(windowView(viewFor(scenario, state, viewer)));
      // What each client puts back together from the synced state equals the engine's view for it…
      expect(readView(spectator.state, "spectator")).toEqual(expected("spectator"));
      // The spectators' section reaches a seated client only once the game has ended (before, its
      // own section carries the same public statements and offers); a spectator has it throughout.
      const ended = state.stage === "ended";
      expect(receivedOpen(spectator.state)).toBe(true);
      for (const seated of [israel, host]) expect(receivedOpen(seated.state)).toBe(ended);
      if (ended) expect(readView(israel.state, "spectator")).toEqual(expected("spectator"));
      expect(readView(israel.state, "israel")).toEqual(expected("israel"));
      expect(readView(host.state, "facilitator")).toEqual(expected("facilitator"));
      expect(israel.myView).toEqual(expected("israel"));
      // …and the synced parts are exactly the wire form of that view (shared/wire-view.ts).
      const seat = toWire(windowView(viewFor(scenario, state, "israel")));
      expect(israel.state.public).toBe(seat.base);
      expect(israel.state.readyBits).toBe(seat.ready);
      expect(israel.state.decidedBits).toBe(seat.decided);
      expect([...israel.state.news]).toEqual(seat.news);
      expect([...israel.state.history]).toEqual(seat.history);
      if (!ended) expect(plainSection(israel.state.seats.get("israel").view)).toEqual(seat.section);
      // Once ended, everything is everyone's: it travels once, in the spectators' section.
      else {
        expect(plainSection(israel.state.open)).toEqual({ ...seat.section, viewer: "spectator" });
        // …and the seat's own section no longer carries a second copy.
        expect(plainSection(israel.state.seats.get("israel").view)).toEqual({ viewer: "israel", offers: [], commitments: [], messages: [], lastingSecrets: "{}", changingSecrets: "{}", inRecord: "" });
      }
      checks++;
    };

    await check(); // briefing
    expectOk(await host.command({ type: "begin" }));
    await check();
    for (let step = 0; step < 300 && israel.publicView.stage !== "ended"; step++) {
      const view = israel.publicView;
      for (const p of people) {
        if (view.stage === "negotiation" && !view.ready.includes(p.party)) expectOk(await p.intent({ type: "ready" }));
        if (view.stage === "decisions" && p.state.seats.get(p.party).submittedBy === "") expectOk(await p.intent({ type: "decide", decision: {} }));
      }
      h.scheduler.advance(150);
      await check();
      if (step === 3) {
        // Someone takes over a bot's seat mid-game: their very first state holds a fresh view.
        const newcomer = await Player.join(h, host.code, { name: "New", seat: "qatar" });
        expect(JSON.parse(newcomer.snapshots[0]!).seats.qatar.view).toEqual(toWire(windowView(viewFor(scenario, room.session.pipeline.state, "qatar"))).section);
        all.push(newcomer);
        people.push(newcomer);
      }
    }
    await until(null, "the end", () => israel.publicView.stage === "ended");
    await check();
    expect(checks).toBeGreaterThan(10);
    // At the end every view reveals everything, for the debrief.
    for (const party of PARTY_IDS) expect(Object.keys(israel.myView!.private)).toContain(party);
  });
});
