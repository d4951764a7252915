// Saying one is done, and deciding, change only who is ready or has decided: those travel apart from
// the public table's JSON (shared/wire-view.ts PartyBits, server/table-schema.ts), so every client's
// patch for them is a few bytes, not the whole public table again; and a client reading its view
// from what it decoded sees exactly who is ready and who has decided, in the rules' order.
import { describe, expect, it } from "vitest";
import { Encoder } from "@colyseus/schema";
import { PARTY_IDS, type PartyId, type Viewer } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { readView, WireReader } from "../../shared/wire-view.ts";
import { StateMirror, type MirrorInput } from "../../server/state-mirror.ts";
import { Table } from "../helpers/game.ts";
import { DecodingClient } from "../helpers/decoding-client.ts";

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("who is ready and who has decided", () => {
  it("reach every client in a patch of a few bytes, and read back as the rules list them", () => {
    const table = Table.begin({ seed: 5 });
    const mirror = new StateMirror("READY1");
    const encoder = new Encoder(mirror.state);
    const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as MirrorInput["seats"];
    const watched = new Set<Viewer>(["facilitator", ...PARTY_IDS]);
    const mirrorNow = () => mirror.update({ scenario: table.scenario, game: table.state, seats, timer: { stage: table.state.stage, endsAt: 0, remainingMs: 0, paused: false }, announcement: "", watched });
    mirrorNow();
    encoder.discardChanges();
    const clients = [new DecodingClient(mirror, "israel"), new DecodingClient(mirror, "hamas")];
    for (const c of clients) c.join(encoder);

    /** Plays `type` for each party in turn; every step but the last leaves the stage as it is. */
    const everyone = (type: "ready" | "decide", stage: string) => {
      // An order other than the rules' own, so the order read back is the rules', not the arrival's.
      const order: PartyId[] = ["qatar", "israel", "board_of_peace", "mediators", "turkiye", "hamas"];
      for (const party of order) {
        table.play(type === "ready" ? { type, by: party } : { type, by: party, decision: {} });
        const baseBefore = mirror.state.public;
        mirrorNow();
        const it = { offset: 0 };
        const shared = encoder.encode(it);
        for (const c of clients) c.receive(encoder, it, shared.length);
        encoder.discardChanges();
        if (table.state.stage === stage) {
          // The public table's JSON did not travel again: only the bits did.
          expect(mirror.state.public).toBe(baseBefore);
          expect(shared.length, `the shared patch after ${party}'s ${type}`).toBeLessThan(16);
        }
        for (const c of clients) {
          const want = plain(windowView(viewFor(table.scenario, table.state, c.viewer)));
          const got = c.view()!;
          expect(got.ready).toEqual(want.ready);
          expect(got.decided).toEqual(want.decided);
          expect(got).toEqual(want);
        }
      }
    };
    everyone("ready", "negotiation");
    expect(table.state.stage).toBe("decisions");
    everyone("decide", "decisions");
    expect(table.state.round).toBe(2);
  });

  it("reads back a view whose other public parts are the ones already read when only who is ready changed", () => {
    const table = Table.begin({ seed: 6 });
    const mirror = new StateMirror("READY2");
    const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as MirrorInput["seats"];
    const update = () => mirror.update({ scenario: table.scenario, game: table.state, seats, timer: { stage: table.state.stage, endsAt: 0, remainingMs: 0, paused: false }, announcement: "", watched: new Set(["israel"]) });
    update();
    const reader = new WireReader();
    const before = readView(mirror.state, "israel", reader)!;
    table.play({ type: "ready", by: "hamas" });
    update();
    const after = readView(mirror.state, "israel", reader)!;
    expect(before.ready).toEqual([]);
    expect(after.ready).toEqual(["hamas"]);
    // A page redrawing what changed sees the tracks, trust and decided as they were.
    expect(after.tracks).toBe(before.tracks);
    expect(after.trust).toBe(before.trust);
    expect(after.decided).toBe(before.decided);
  });
});
