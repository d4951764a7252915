// The spectators' section `open` (docs/PROTOCOL.md, "Synced state") goes to spectators throughout
// and to everyone else only once the game has ended: before the end a seat's own section carries the
// public statements and offers, and a seated client sent `open` too received each of them twice.
// Checked as clients decode it: who holds `open` when, what each reads, a public statement's bytes
// in a seat's patch, a seat coming back and people joining after the end, and a teacher's rollback
// that takes an ended game back before its end. Before the end the server writes `open` only while a
// spectator is connected: a spectator arriving, coming back or following another is sent it current,
// in their whole state, after public changes nobody watched (a rollback among them).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Protocol, type Client } from "@colyseus/core";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { rollbackPoint } from "../../shared/rollback.ts";
import { readView, toWire } from "../../shared/wire-view.ts";
import { emptyTableState } from "../../server/state-mirror.ts";
import { plainSection } from "../helpers/plain-section.ts";
import type { Viewer } from "../../shared/ids.ts";
import { expectOk, Player, receivedOpen, startHarness, synced, until, type Harness } from "./harness.ts";

const scenario = defaultScenario();
const ROUNDS = 6;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ graceSeconds: 600 });
});
afterEach(async () => {
  await h.colyseus.cleanup();
});
afterAll(async () => {
  await h.shutdown();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** What `viewer` should read now: the engine's view, cut to its window as it is synced. */
function expected(code: string, viewer: Viewer) {
  return plain(windowView(viewFor(scenario, h.table(code).session.pipeline.state, viewer)));
}

/** The spectators' section as the server holds it, and as the wire form of a fresh spectator's view makes it. */
function openOnServer(code: string) {
  return plainSection(h.table(code).state.open);
}
function freshOpen(code: string) {
  return toWire(windowView(viewFor(scenario, h.table(code).session.pipeline.state, "spectator"))).section;
}

/** The spectators' section in the whole state `p` was sent on (re)joining, as its client decoded it. */
function openInWholeState(p: Player): unknown {
  return JSON.parse(p.snapshots[0]!).open;
}

/** Every state patch `room` receives from now on, as the bytes of its frame. */
function patchesOf(room: SDKRoom): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const events = (room.connection as unknown as { events: { onmessage: (e: { data: ArrayBuffer }) => void } }).events;
  const deliver = events.onmessage;
  events.onmessage = (e) => {
    const bytes = new Uint8Array(e.data);
    if (bytes[0] === Protocol.ROOM_STATE_PATCH) frames.push(bytes);
    deliver(e);
  };
  return frames;
}

/** How many times `text` occurs in `frames`' bytes. */
function occurrences(frames: readonly Uint8Array[], text: string): number {
  let n = 0;
  for (const frame of frames) n += Buffer.from(frame).toString("utf8").split(text).length - 1;
  return n;
}

/** Bytes of the whole state `p`'s client would be sent if it joined now. */
function wholeStateBytes(p: Player): number {
  const room = h.table(p.code) as unknown as { clients: Client[]; _serializer: { getFullState(c?: Client): Uint8Array } };
  return room._serializer.getFullState(room.clients.find((c) => c.sessionId === p.room.sessionId)).byteLength;
}

/** Loses the connection without saying goodbye, with no automatic retry. */
function drop(p: Player): void {
  p.room.reconnection.enabled = false;
  p.room.connection.close(4010, "network lost");
}

/** The facilitator and two seats, and a spectator (`wall`) if `watched`, at a table whose first week has begun. */
async function seated(watched: boolean) {
  const host = await Player.create(h, { name: "Fac", seat: "facilitator", rounds: ROUNDS });
  await host.ready();
  const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  const hamas = await Player.join(h, host.code, { name: "Ham", seat: "hamas" });
  const wall = watched ? await Player.join(h, host.code, { name: "Wall", seat: "spectator" }) : null;
  expectOk(await host.command({ type: "begin" }));
  await synced(h, wall ? [host, israel, hamas, wall] : [host, israel, hamas]);
  return { host, israel, hamas, wall };
}

async function table() {
  const { wall, ...rest } = await seated(true);
  return { ...rest, wall: wall! };
}

/** The same table with nobody watching it. */
async function unwatchedTable() {
  const { host, israel, hamas } = await seated(false);
  return { host, israel, hamas };
}

/**
 * Plays on until the game ends: the people say they are done and hand in empty decisions, the bots
 * play the other seats. `beforeLastDecision` runs once, in the last week's decisions, after the
 * first person's decision and before the others' (the game cannot have ended yet); says whether it ran.
 */
async function playToEnd(people: Player[], watching: Player[], beforeLastDecision?: () => void): Promise<boolean> {
  const someone = watching[0]!;
  let ran = false;
  for (let step = 0; step < 400 && someone.publicView.stage !== "ended"; step++) {
    const view = someone.publicView;
    for (const p of people) {
      if (view.stage === "negotiation" && !view.ready.includes(p.party)) expectOk(await p.intent({ type: "ready" }));
      if (view.stage === "decisions" && p.state.seats.get(p.party).submittedBy === "") {
        expectOk(await p.intent({ type: "decide", decision: {} }));
        if (!ran && beforeLastDecision && view.round === ROUNDS) {
          ran = true;
          beforeLastDecision();
          break;
        }
      }
    }
    h.scheduler.advance(150);
    await synced(h, watching);
  }
  await until(null, "the end", () => watching.every((p) => p.publicView.stage === "ended"));
  await synced(h, watching);
  return ran;
}

describe("the spectators' section", () => {
  it("reaches a spectator throughout, and a seated client only once the game has ended, when it alone carries the table", async () => {
    const { host, israel, hamas, wall } = await table();
    expectOk(await israel.intent({ type: "statement", text: "we keep the line" }));
    await synced(h, [host, israel, hamas, wall]);
    // Before the end: the seats and the facilitator read their own sections, which carry the statement…
    for (const seated of [host, israel, hamas]) expect(receivedOpen(seated.state)).toBe(false);
    expect(israel.myView).toEqual(expected(host.code, "israel"));
    expect(hamas.myView!.messages.map((m) => m.text)).toContain("we keep the line");
    expect(readView(host.state, "facilitator")).toEqual(expected(host.code, "facilitator"));
    // …and the spectator reads it in the spectators' section.
    expect(receivedOpen(wall.state)).toBe(true);
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));
    expect(wall.publicView.messages.map((m) => m.text)).toContain("we keep the line");

    // Hamas's connection is lost in the last week, after its decision, and comes back after the end.
    const token = hamas.room.reconnectionToken;
    const seatPatches = patchesOf(israel.room);
    expect(await playToEnd([hamas, israel], [host, israel, wall], () => drop(hamas))).toBe(true);
    // The patch that ends the game (the largest) gives Israel the final table once: no larger than
    // the whole state a spectator joining now receives, but for emptying Israel's own section.
    expect(Math.max(...seatPatches.map((f) => f.length))).toBeLessThanOrEqual(wholeStateBytes(wall) + 1024);
    expect(wall.state.seats.get("hamas").connected).toBe(0);
    for (const p of [host, israel, wall]) expect(receivedOpen(p.state)).toBe(true);
    // Everyone reads the final table, everything revealed, from the spectators' section.
    expect(israel.myView).toEqual(expected(host.code, "israel"));
    expect(readView(host.state, "facilitator")).toEqual(expected(host.code, "facilitator"));
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));
    expect(Object.keys(israel.myView!.private)).toEqual(expect.arrayContaining(["hamas", "qatar"]));

    const back = new Player(await h.colyseus.sdk.reconnect(token), "Ham");
    await until(null, "welcomed back", () => back.welcome !== null && back.snapshots.length > 0);
    // People joining after the end: a new spectator, a person in a bot's seat.
    const late = await Player.join(h, host.code, { name: "Late", seat: "spectator" });
    const qatar = await Player.join(h, host.code, { name: "Noor", seat: "qatar" });
    await synced(h, [host, israel, wall, back, late, qatar]);
    for (const p of [back, late, qatar]) expect(receivedOpen(p.state)).toBe(true);
    expect(back.myView).toEqual(expected(host.code, "hamas"));
    expect(qatar.myView).toEqual(expected(host.code, "qatar"));
    expect(late.publicView).toEqual(expected(host.code, "spectator"));
  });

  it("is written only while a spectator watches: one who arrives, comes back or follows another is sent it current, whole, once", async () => {
    const { host, israel, hamas } = await unwatchedTable();
    const unwritten = plainSection(emptyTableState("NOBODY").open);
    const say = async (p: Player, text: string) => {
      expectOk(await p.intent({ type: "statement", text }));
      await synced(h, [host, israel, hamas]);
    };
    // Nobody watches: the public statements change the public table and the seats' sections only.
    await say(israel, "Aid convoys cross at first light");
    await say(hamas, "The list of names is ready");
    expect(openOnServer(host.code)).toEqual(unwritten);

    // A spectator arrives: the whole state it is sent holds the section as a fresh view makes it…
    const wall = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
    expect(openOnServer(host.code)).toEqual(freshOpen(host.code));
    expect(openInWholeState(wall)).toEqual(h.table(host.code).state.open.toJSON());
    await synced(h, [host, israel, wall]);
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));
    // …and its patches carry only what is new, not the statements it already holds.
    const wallPatches = patchesOf(wall.room);
    await say(israel, "The crossings stay open through the week");
    await synced(h, [wall]);
    expect(occurrences(wallPatches, "The crossings stay open through the week")).toBe(1);
    expect(occurrences(wallPatches, "Aid convoys cross at first light")).toBe(0);
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));

    // Its connection is lost: while it is away nobody reads the section, and it is left as it was.
    const token = wall.room.reconnectionToken;
    const before = openOnServer(host.code);
    drop(wall);
    await until(null, "the spectator's drop seen", () => !h.table(host.code).session.seats.watched().has("spectator"));
    await say(hamas, "We ask for the medical corridor by name");
    expect(openOnServer(host.code)).toEqual(before);
    // It comes back: its whole state holds the section as it is now.
    const back = new Player(await h.colyseus.sdk.reconnect(token), "Wall");
    await until(null, "welcomed back", () => back.welcome !== null && back.snapshots.length > 0);
    expect(openOnServer(host.code)).toEqual(freshOpen(host.code));
    expect(openInWholeState(back)).toEqual(h.table(host.code).state.open.toJSON());
    await synced(h, [host, back]);
    expect(back.publicView).toEqual(expected(host.code, "spectator"));
    expect(back.publicView.messages.map((m) => m.text)).toContain("We ask for the medical corridor by name");

    // It leaves for good, the table goes on, and another spectator arrives: current again.
    await back.room.leave();
    await until(null, "the spectator gone", () => !h.table(host.code).session.seats.watched().has("spectator"));
    const after = openOnServer(host.code);
    await say(israel, "We will answer by the evening");
    expect(openOnServer(host.code)).toEqual(after);
    const next = await Player.join(h, host.code, { name: "Next", seat: "spectator" });
    expect(openInWholeState(next)).toEqual(h.table(host.code).state.open.toJSON());
    expect(openOnServer(host.code)).toEqual(freshOpen(host.code));
    await synced(h, [host, israel, next]);
    expect(next.publicView).toEqual(expected(host.code, "spectator"));
    expect(next.publicView.messages.map((m) => m.text)).toContain("We will answer by the evening");
  });

  it("a rollback at a table nobody watches: a spectator who arrives afterwards reads the table as it is now", async () => {
    const { host, israel, hamas } = await unwatchedTable();
    await playToEnd([israel, hamas], [host, israel]);
    const session = h.table(host.code).session;
    const start = rollbackPoint(scenario, session.pipeline.log, { weeks: 1 });
    if (!start.ok) throw new Error(start.error.message);
    session.rewind(start.value.length, start.value.state);
    expectOk(await israel.intent({ type: "statement", text: "We take the week again from its start" }));
    await synced(h, [host, israel]);
    // The section still holds the final table, and nobody is sent it.
    for (const seated of [host, israel]) expect(receivedOpen(seated.state)).toBe(false);
    expect(openOnServer(host.code)).not.toEqual(freshOpen(host.code));
    const wall = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
    expect(openOnServer(host.code)).toEqual(freshOpen(host.code));
    expect(openInWholeState(wall)).toEqual(h.table(host.code).state.open.toJSON());
    await synced(h, [host, israel, wall]);
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));
    expect(wall.publicView.stage).not.toBe("ended");
    expect(wall.publicView.messages.map((m) => m.text)).toContain("We take the week again from its start");
  });

  it("a public statement reaches each client once: its patch carries the statement's text once", async () => {
    const { host, israel, hamas, wall } = await table();
    const frames = new Map([host, israel, hamas, wall].map((p) => [p, patchesOf(p.room)] as const));
    const text = "The crossings stay open through the week";
    expectOk(await israel.intent({ type: "statement", text }));
    await synced(h, [host, israel, hamas, wall]);
    expect(hamas.myView!.messages.map((m) => m.text)).toContain(text);
    // The sender, another seat, the facilitator and a spectator: one copy each.
    for (const [p, patches] of frames) expect({ who: p.name, copies: occurrences(patches, text) }).toEqual({ who: p.name, copies: 1 });
  });

  it("a rollback that takes an ended game back before its end takes it back from the seated clients, who read their own sections again", async () => {
    const { host, israel, hamas, wall } = await table();
    await playToEnd([israel, hamas], [host, israel, wall]);
    expect(receivedOpen(israel.state)).toBe(true);
    // A classroom host's rollback (server/table-answers.ts): the table goes back to the start of its last week.
    const session = h.table(host.code).session;
    const start = rollbackPoint(scenario, session.pipeline.log, { weeks: 1 });
    if (!start.ok) throw new Error(start.error.message);
    session.rewind(start.value.length, start.value.state);
    await synced(h, [host, israel, wall]);
    expect(israel.publicView.stage).not.toBe("ended");
    for (const seated of [host, israel]) expect(receivedOpen(seated.state)).toBe(false);
    expect(israel.myView).toEqual(expected(host.code, "israel"));
    expect(readView(host.state, "facilitator")).toEqual(expected(host.code, "facilitator"));
    expect(receivedOpen(wall.state)).toBe(true);
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));
    // The game goes on, and ends again: the seated clients are given the section once more.
    expectOk(await israel.intent({ type: "statement", text: "once more" }));
    await playToEnd([israel, hamas], [host, israel, wall]);
    for (const p of [host, israel, wall]) expect(receivedOpen(p.state)).toBe(true);
    expect(israel.myView).toEqual(expected(host.code, "israel"));
    expect(wall.publicView).toEqual(expected(host.code, "spectator"));
  });
});
