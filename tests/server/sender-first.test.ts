// An accepted message's patch leaves for its sender before the other viewers' sections are made
// (server/sender-first-serializer.ts). What people rely on, checked for every kind of sender (a
// seat, a second member of a team, the facilitator) and every kind of change (public, private,
// an offer and its answer, a command): the sender's own view already shows the action when its
// reply arrives; every client whose view the change touched receives exactly one patch for it, a
// client whose view it did not touch (a private message between two others) receives none, and
// every client's view is the engine's view for it, the recipient of a private message included.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { ClientState, Protocol, type Client } from "@colyseus/core";
import { PARTY_IDS, type PartyId, type Viewer } from "../../shared/ids.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { stateFromView } from "../../shared/view-state.ts";
import { candidateTerms } from "../../shared/policies/index.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { readView } from "../../shared/wire-view.ts";
import type { Reply } from "../../shared/protocol.ts";
import type { TableRoom } from "../../server/table-room.ts";
import { expectOk, Player, publicPart, synced, until, useHarness } from "./harness.ts";

const h = useHarness();
const scenario = defaultScenario();
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** What `p` should hold now: its seat's view as the engine makes it, and the shared part of the synced state. */
function owed(room: TableRoom, p: Player): unknown {
  return { view: plain(windowView(viewFor(scenario, room.session.pipeline.state, p.seat))), shared: publicPart(room.state) };
}
/** What `p` holds now, in the same terms. */
function held(p: Player): unknown {
  return { view: plain(readView(p.state, p.seat)), shared: publicPart(p.state) };
}
/** Waits until every client holds what it should (private sections included, which synced() does not look at). */
async function caughtUp(room: TableRoom, players: Player[]): Promise<void> {
  await until(null, "every client holds its view", () => players.every((p) => isDeepStrictEqual(held(p), owed(room, p))));
}

describe("the sender's patch first", () => {
  it("reaches the sender with its reply, and once each other client whose view changed, with the views they should see", async () => {
    const host = await Player.create(h, { name: "Fac", seat: "facilitator", botsFillEmptySeats: false, timers: false });
    await host.ready();
    const seated = {} as Record<PartyId, Player>;
    for (const party of PARTY_IDS) seated[party] = await Player.join(h, host.code, { name: `P-${party}`, seat: party });
    const teammate = await Player.join(h, host.code, { name: "Isa-2", seat: "israel" });
    const wall = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
    const all = [host, ...PARTY_IDS.map((p) => seated[p]), teammate, wall];
    const viewerOf = (p: Player): Viewer => p.seat;
    expectOk(await host.command({ type: "begin" }));
    await synced(h, all);

    // What each sender's client held at the moment its reply arrived.
    const atReply = new Map<string, unknown>();
    for (const p of all)
      p.room.onMessage("reply", (reply: Reply) => {
        atReply.set(reply.requestId, plain(readView(p.state, viewerOf(p))));
        // A handler for the type takes the place of the harness's catch-all: keep its record.
        p.messages.push(["reply", reply]);
        p.replies.set(reply.requestId, reply);
      });

    const room = h.table(host.code);
    const expected = (viewer: Viewer) => plain(windowView(viewFor(scenario, room.session.pipeline.state, viewer)));
    const state = stateFromView(seated.israel.myView!);
    const give = candidateTerms(scenario, state, "israel")[0]!;
    const want = candidateTerms(scenario, state, "hamas")[0]!;
    const steps: Array<[Player, () => Promise<Reply>]> = [
      [seated.qatar, () => seated.qatar.intent({ type: "statement", text: "Qatar will host the next round of talks." })],
      [seated.hamas, () => seated.hamas.intent({ type: "message", to: "israel", text: "A private word for Israel." })],
      [teammate, () => teammate.intent({ type: "message", to: "hamas", text: "The second member of Israel's team answers." })],
      [seated.israel, () => seated.israel.intent({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: give }, { party: "hamas", term: want }], note: "an exchange" })],
      [seated.hamas, () => seated.hamas.intent({ type: "reject", offerId: room.session.pipeline.state.offers.at(-1)!.id })],
      [host, () => host.command({ type: "announce", text: "Ten minutes left in this week." })],
      [seated.board_of_peace, () => seated.board_of_peace.intent({ type: "statement", text: "The board asks for contributors to the stabilisation force." })],
    ];
    // Then enough talk that every section's window of messages moves on, one message at a time.
    for (let i = 0; i < 66; i++) {
      const speaker = seated[PARTY_IDS[i % PARTY_IDS.length]!];
      const to = PARTY_IDS[(i + 1) % PARTY_IDS.length]!;
      steps.push([speaker, () => (i % 3 === 0 ? speaker.intent({ type: "message", to, text: `a word for ${to}, ${i}` }) : speaker.intent({ type: "statement", text: `statement ${i}` }))]);
    }
    let untouched = 0;
    for (const [sender, act] of steps) {
      const before = all.map((p) => p.snapshots.length);
      const was = all.map((p) => owed(room, p));
      const reply = await act();
      expectOk(reply);
      await caughtUp(room, all);
      // The sender's view held the change when the reply came, exactly as it holds it now.
      expect(atReply.get(reply.requestId)).toEqual(expected(viewerOf(sender)));
      for (const [i, p] of all.entries()) {
        // One patch for a client whose view changed (the sections made after the sender's patch
        // travel in the same patch as the rest), none for a client whose view did not.
        const changed = !isDeepStrictEqual(owed(room, p), was[i]);
        if (!changed) untouched++;
        expect(p.snapshots.length - before[i]!, `${p.name}'s patches for one change (its view ${changed ? "changed" : "did not change"})`).toBe(changed ? 1 : 0);
        expect(readView(p.state, viewerOf(p)), `${p.name}'s view`).toEqual(expected(viewerOf(p)));
      }
    }
    // Private messages between others left views untouched: those clients were sent nothing.
    expect(untouched).toBeGreaterThan(0);
    // The windows did move on: the first statement is left to the record in every seat's section.
    expect(seated.mediators.myView!.recordOnly?.messages).toBeGreaterThan(0);
    expect(seated.mediators.myView!.messages.map((m) => m.text)).not.toContain("Qatar will host the next round of talks.");
    // The private message reached its recipient, and the teammate's reached Hamas.
    const everSeen = (p: Player) => p.snapshots.join("\n");
    expect(everSeen(seated.israel)).toContain("A private word for Israel.");
    expect(everSeen(seated.hamas)).toContain("The second member of Israel's team answers.");
    expect(everSeen(seated.qatar)).not.toContain("A private word for Israel.");
  });
  it("keeps each table's patches whole when tables answer their senders in between (they share one encoding buffer)", async () => {
    const tables: Player[][] = [];
    for (const tag of ["A", "B", "C"]) {
      const host = await Player.create(h, { name: `${tag}-fac`, seat: "facilitator", botsFillEmptySeats: false, timers: false });
      await host.ready();
      const players = [host];
      for (const party of PARTY_IDS) players.push(await Player.join(h, host.code, { name: `${tag}-${party}`, seat: party }));
      expectOk(await host.command({ type: "begin" }));
      tables.push(players);
    }
    for (const players of tables) await synced(h, players);
    const before = tables.map((players) => players.map((p) => p.snapshots.length));
    // Patches each client should have had: one for each round that changed its view.
    const owedPatches = tables.map((players) => players.map(() => 0));
    const rooms = tables.map((players) => h.table(players[0]!.code));
    const rounds = 12;
    for (let i = 0; i < rounds; i++) {
      const was = tables.map((players, t) => players.map((p) => owed(rooms[t]!, p)));
      // Every table's sender at once: their messages reach the server together, and each table's
      // other clients are sent their patches after the other tables' senders have been answered.
      const replies = await Promise.all(
        tables.map((players, t) => {
          const speaker = players[1 + ((i + t) % PARTY_IDS.length)]!;
          const text = `${"ABC"[t]} says ${i} `.padEnd(i % 2 ? 300 : 30, "abc"[t]!);
          return speaker.intent(i % 3 === 0 ? { type: "message", to: PARTY_IDS[(i + t + 2) % PARTY_IDS.length]!, text } : { type: "statement", text });
        }),
      );
      replies.forEach(expectOk);
      for (const [t, players] of tables.entries()) {
        await caughtUp(rooms[t]!, players);
        for (const [k, p] of players.entries()) if (!isDeepStrictEqual(owed(rooms[t]!, p), was[t]![k])) owedPatches[t]![k]!++;
      }
    }
    for (const [t, players] of tables.entries()) {
      await synced(h, players);
      const room = rooms[t]!;
      const expected = (viewer: Viewer) => plain(windowView(viewFor(scenario, room.session.pipeline.state, viewer)));
      for (const [i, p] of players.entries()) {
        expect(p.snapshots.length - before[t]![i]!, `${p.name}'s patches`).toBe(owedPatches[t]![i]);
        expect(readView(p.state, p.seat), `${p.name}'s view`).toEqual(expected(p.seat));
        // Nothing of another table ever reached this one.
        expect(p.snapshots.join("\n")).not.toMatch(new RegExp(`[${"ABC".replace("ABC"[t]!, "")}] says`));
      }
    }
    // The private messages' rounds passed some clients by.
    expect(owedPatches.flat().some((n) => n < rounds)).toBe(true);
  });
  it("sends nothing to a client whose view a change left as it was when nobody is being answered (a bot's or a timer's change)", async () => {
    const host = await Player.create(h, { name: "N-fac", seat: "facilitator", botsFillEmptySeats: false, timers: false });
    await host.ready();
    const seated = {} as Record<PartyId, Player>;
    for (const party of PARTY_IDS) seated[party] = await Player.join(h, host.code, { name: `N-${party}`, seat: party });
    const wall = await Player.join(h, host.code, { name: "N-wall", seat: "spectator" });
    const all = [host, ...PARTY_IDS.map((p) => seated[p]), wall];
    expectOk(await host.command({ type: "begin" }));
    const room = h.table(host.code);
    await caughtUp(room, all);
    // Changes made the way a bot's move or a timer's is: through the table's session, with no
    // message being answered, so the whole patch goes out at once (not cut around a sender).
    const moves: Array<[PartyId, Record<string, unknown>]> = [
      ["hamas", { type: "message", to: "israel", text: "A private word for Israel, unanswered." }],
      ["qatar", { type: "statement", text: "Qatar speaks to the whole table." }],
      ["turkiye", { type: "message", to: "board_of_peace", text: "A private word for the board." }],
    ];
    let untouched = 0;
    for (const [i, [party, intent]] of moves.entries()) {
      const before = all.map((p) => p.snapshots.length);
      const was = all.map((p) => owed(room, p));
      const client = room.clients.find((c) => c.sessionId === seated[party].room.sessionId)!;
      expectOk(room.session.message(client, "intent", { requestId: `unanswered-${i}`, intent }) as Reply);
      await caughtUp(room, all);
      for (const [k, p] of all.entries()) {
        const changed = !isDeepStrictEqual(owed(room, p), was[k]);
        if (!changed) untouched++;
        expect(p.snapshots.length - before[k]!, `${p.name}'s patches (its view ${changed ? "changed" : "did not change"})`).toBe(changed ? 1 : 0);
      }
    }
    // The private words passed the others by; the statement reached everyone.
    expect(untouched).toBeGreaterThan(0);
    expect(seated.mediators.snapshots.join("\n")).not.toContain("A private word for Israel, unanswered.");
    expect(readView(seated.israel.state, "israel")!.messages.map((m) => m.text)).toContain("A private word for Israel, unanswered.");
    expect(readView(wall.state, "spectator")!.messages.map((m) => m.text)).toContain("Qatar speaks to the whole table.");
  });
  it("answers an accepted action that changes nothing anyone sees with its reply alone, and no patch", async () => {
    const host = await Player.create(h, { name: "R-fac", seat: "facilitator", botsFillEmptySeats: false, timers: false });
    await host.ready();
    const qatar = await Player.join(h, host.code, { name: "R-qatar", seat: "qatar" });
    expectOk(await host.command({ type: "begin" }));
    expectOk(await host.command({ type: "announce", text: "Talks resume at ten." }));
    const room = h.table(host.code);
    await caughtUp(room, [host, qatar]);
    const before = [host.snapshots.length, qatar.snapshots.length];
    // The same announcement again: accepted, and the table is as it was.
    expectOk(await host.command({ type: "announce", text: "Talks resume at ten." }));
    // A change after it, so anything the first one sent would have arrived by the time this one has.
    expectOk(await qatar.intent({ type: "statement", text: "Qatar is ready." }));
    await caughtUp(room, [host, qatar]);
    expect([host.snapshots.length - before[0]!, qatar.snapshots.length - before[1]!]).toEqual([1, 1]);
  });
  it("sends a client who joins while the others' patches wait its whole state first, never a patch of a change its state already holds", async () => {
    const host = await Player.create(h, { name: "J-fac", seat: "facilitator", botsFillEmptySeats: false, timers: false });
    await host.ready();
    const room = h.table(host.code);
    // The joiner's acknowledgement is held until Qatar's statement has been answered, then handled
    // in the same turn of the event loop: after Qatar's own patch, before everyone else's. (Each
    // socket's handler is bound when it joins: Qatar joins after this is in place.)
    const sentToJoiner: number[] = [];
    let armed = false;
    let ack: [Client, Uint8Array] | null = null;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const server = room as any as { _onMessage(client: Client, buffer: Uint8Array): void };
    const handle = server._onMessage.bind(room);
    server._onMessage = (client, buffer) => {
      if (armed && client.state === ClientState.JOINING && buffer[0] === Protocol.JOIN_ROOM && !ack) {
        const raw = client.raw.bind(client);
        client.raw = (data: Uint8Array, ...rest: unknown[]) => {
          sentToJoiner.push(data[0]!);
          return (raw as (...args: unknown[]) => void)(data, ...rest);
        };
        ack = [client, buffer];
        return;
      }
      handle(client, buffer);
      if (ack) {
        const [joiner, held] = ack;
        ack = null;
        handle(joiner, held);
      }
    };
    const qatar = await Player.join(h, host.code, { name: "J-qatar", seat: "qatar" });
    expectOk(await host.command({ type: "begin" }));
    await synced(h, [host, qatar]);
    armed = true;
    const joining = Player.join(h, host.code, { name: "J-israel", seat: "israel" });
    await until(null, "the joiner's acknowledgement held", () => ack !== null);
    expectOk(await qatar.intent({ type: "statement", text: "Qatar welcomes the delegations." }));
    const israel = await joining;
    await synced(h, [host, qatar, israel]);
    const patches = sentToJoiner.filter((b) => b === Protocol.ROOM_STATE_PATCH).length;
    expect(sentToJoiner.indexOf(Protocol.ROOM_STATE), "the joiner's whole state").toBeGreaterThanOrEqual(0);
    // Before its state, nothing it would have to patch.
    expect(sentToJoiner.slice(0, sentToJoiner.indexOf(Protocol.ROOM_STATE))).not.toContain(Protocol.ROOM_STATE_PATCH);
    expect(patches, "patches of a change the state already held").toBe(0);
    const expected = (viewer: Viewer) => plain(windowView(viewFor(scenario, room.session.pipeline.state, viewer)));
    for (const p of [host, qatar, israel]) expect(readView(p.state, p.seat), `${p.name}'s view`).toEqual(expected(p.seat));
    expect(israel.myView!.messages.map((m) => m.text)).toContain("Qatar welcomes the delegations.");
  });
});
