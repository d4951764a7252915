// What a join and a leave cost the server in socket writes (each write is a system call), without
// changing what anyone is sent: a joiner's connection is written to twice — the handshake's answer
// with the room's JOIN_ROOM message (server/address-guard.ts), then its whole state with its
// welcome (server/table-room.ts) — a joiner's next patch is the others' (its section, already in
// its whole state, is not sent again: server/full-state-serializer.ts), and people sitting down at
// or leaving a table in one turn send each who is there one patch, which shows them all
// (server/table-session.ts).
import net from "node:net";
import type { Server as HttpServer } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Protocol, type Client } from "@colyseus/core";
import { guardAddresses } from "../../server/address-guard.ts";
import type { AddressLimiter } from "../../server/rate-limit.ts";
import { expectOk, Player, sleep, startHarness, until, type Harness } from "./harness.ts";

let h: Harness;
const lifted = { perSecond: 1e6, burst: 1e6 };

/** Writes (system calls) made on each server-side socket while counting. */
const writes = new WeakMap<object, number>();
const socketProto = net.Socket.prototype as unknown as { _writeGeneric: (...args: unknown[]) => unknown };
const writeGeneric = socketProto._writeGeneric;

beforeAll(async () => {
  h = await startHarness({ addressLimits: { joins: lifted, connections: lifted, messages: lifted, emptyTables: 1e6 } });
  // The address guard in front of the server, as startServer puts it there.
  const server = h.colyseus.server as unknown as { transport: { server: HttpServer }; addressLimiter: AddressLimiter };
  guardAddresses(server.transport.server, server.addressLimiter);
  socketProto._writeGeneric = function (this: net.Socket & { server?: unknown }, ...args: unknown[]) {
    if (this.server) writes.set(this, (writes.get(this) ?? 0) + 1);
    return writeGeneric.apply(this, args);
  };
});
afterEach(async () => {
  await h.colyseus.cleanup();
});
afterAll(async () => {
  socketProto._writeGeneric = writeGeneric;
  await h.shutdown();
});

const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;

/** The server side of a player's connection. */
function serverClient(p: Player): Client {
  const room = h.table(p.code) as unknown as { clients: Client[] };
  return room.clients.find((c) => c.sessionId === p.room.sessionId)!;
}

function socketOf(client: Client): object {
  return (client as unknown as { ref: { _socket: object } }).ref._socket;
}

describe("a join and a leave", () => {
  it("a joiner's connection is written twice: the handshake's answer with JOIN_ROOM, then its whole state with its welcome", async () => {
    const host = await (await Player.create(h, { name: "Ana", seat: "mediators", timers: false })).ready();
    const guest = await Player.join(h, host.code, { name: "Ben", seat: "israel" });
    // Nothing more is on its way to the guest: the host's patch about the guest is the host's.
    await until(null, "the host sees the guest", () => host.state.seats.get("israel").names.toArray().join() === "Ben");
    expect(writes.get(socketOf(serverClient(guest)))).toBe(2);
    // Everything a joiner is owed arrived: the welcome, its seat's private section, the seats strip.
    expect(guest.welcome?.seat).toBe("israel");
    expect(guest.myView?.viewer).toBe("israel");
    expect(guest.state.seats.get("mediators").names.toArray()).toEqual(["Ana"]);
    // The creator's connection too: its welcome (with the host key) came with its state.
    expect(host.welcome?.hostKey).toBeTruthy();
    const hostWrites = writes.get(socketOf(serverClient(host)))!;
    // Its own two, and one patch for the guest's arrival.
    expect(hostWrites).toBe(3);
  });

  it("a join refused at the table still gets its reason, with the socket held as above", async () => {
    const host = await (await Player.create(h, { name: "Ana", seat: "mediators", timers: false })).ready();
    await expect(h.colyseus.sdk.joinById(host.code, { name: "X", seat: "facilitator", hostKey: "wrong" })).rejects.toThrow(/hostKey/);
    await expect(h.colyseus.sdk.joinById(host.code, { name: "X", seatToken: "forged" })).rejects.toThrow(/seatToken/);
    expect(h.table(host.code).session.seats.present()).toBe(1);
  });

  it("a joiner's next patch carries what changed, not its section again: the bytes the others get", async () => {
    const host = await (await Player.create(h, { name: "Ana", seat: "mediators", timers: false })).ready();
    const guest = await Player.join(h, host.code, { name: "Ben", seat: "israel" });
    await until(null, "the host sees the guest", () => host.state.seats.get("israel").names.toArray().join() === "Ben");
    const frames = new Map<Player, Uint8Array[]>([[host, []], [guest, []]]);
    for (const [p, list] of frames)
      (p.room as unknown as { connection: { transport: { ws: WebSocket } } }).connection.transport.ws.addEventListener("message", (e: MessageEvent) => list.push(new Uint8Array(e.data as ArrayBuffer)));
    const cy = await Player.join(h, host.code, { name: "Cy", seat: "hamas" });
    await until(null, "both see Cy", () => [host, guest].every((p) => p.state.seats.get("hamas").names.toArray().join() === "Cy"));
    // One patch each, for Cy's arrival: the same shared change, and nothing new in either's section.
    expect(frames.get(host)!.length).toBe(1);
    expect(frames.get(guest)!.length).toBe(1);
    expect(Buffer.from(frames.get(guest)![0]!).equals(Buffer.from(frames.get(host)![0]!))).toBe(true);
    // The guest's section is whole, and goes on changing as the table does: a message to it arrives.
    expect(guest.myView?.viewer).toBe("israel");
    expectOk(await host.command({ type: "begin" }));
    expectOk(await cy.intent({ type: "message", to: "israel", text: "after you joined" }));
    await until(null, "the guest has Cy's message", () => (guest.myView?.messages ?? []).some((m) => JSON.stringify(m).includes("after you joined")));
  });

  it("people sitting down in one turn send who is there one patch, which shows them all", async () => {
    const host = await (await Player.create(h, { name: "Ana", seat: "mediators", timers: false })).ready();
    const session = h.table(host.code).session;
    const before = host.snapshots.length;
    // Three joins taken by the table in one turn of the event loop, as the room hands them over
    // (their clients stand in for sockets: they are sent nothing but their welcome).
    const welcomes: unknown[] = [];
    const seats = ["israel", "hamas", "qatar"] as const;
    for (const [i, seat] of seats.entries()) {
      const auth = session.authorise({ name: `P-${seat}`, seat });
      if (!auth.ok) throw new Error(auth.message);
      session.join({ sessionId: `together-${i}`, send: (_type: string, welcome: unknown) => welcomes.push(welcome) } as unknown as Client, auth.value);
    }
    expect(welcomes).toHaveLength(3);
    await until(null, "the host sees all three", () => seats.every((s) => host.state.seats.get(s).names.toArray().join() === `P-${s}`));
    // Anything else owed would have arrived by now.
    await sleep(50);
    expect(host.snapshots.length - before).toBe(1);
    // Someone joining next gets a whole state with all of them, and their own section.
    const next = await Player.join(h, host.code, { name: "Dee", seat: "turkiye" });
    for (const s of seats) expect(next.state.seats.get(s).names.toArray()).toEqual([`P-${s}`]);
    expect(next.myView?.viewer).toBe("turkiye");
  });

  it("people leaving in one turn send who stays one patch, which shows every one of them gone", async () => {
    const host = await (await Player.create(h, { name: "Ana", seat: "mediators", timers: false, botsFillEmptySeats: true })).ready();
    const others: Player[] = [];
    for (const seat of SEATS.slice(1)) others.push(await Player.join(h, host.code, { name: `P-${seat}`, seat }));
    await until(null, "the host sees all six", () => SEATS.every((s) => host.state.seats.get(s).connected === 1));
    const before = host.snapshots.length;
    // Five LEAVE_ROOM frames handled in one turn of the event loop, as they arrive from a finished
    // table whose people all leave at once (through the table's own reading of a frame).
    const room = h.table(host.code) as unknown as { _onMessage(client: Client, frame: Uint8Array): void };
    const leaving = others.map(serverClient);
    for (const client of leaving) room._onMessage(client, Uint8Array.of(Protocol.LEAVE_ROOM));
    await until(null, "the host sees the five gone", () => SEATS.slice(1).every((s) => host.state.seats.get(s).connected === 0));
    // Anything else owed would have arrived by now.
    await sleep(50);
    expect(host.snapshots.length - before).toBe(1);
    for (const s of SEATS.slice(1)) {
      expect(host.state.seats.get(s).names.toArray()).toEqual([]);
      expect(host.state.seats.get(s).bot).toBe(true);
    }
    expect(host.state.seats.get("mediators").names.toArray()).toEqual(["Ana"]);
    // The table knows they left: their seats are free to take again.
    expect(h.table(host.code).session.seats.present()).toBe(1);
    const again = await Player.join(h, host.code, { name: "Cleo", seat: "israel" });
    expect(again.welcome?.seat).toBe("israel");
    await until(null, "the host sees Cleo", () => host.state.seats.get("israel").names.toArray().join() === "Cleo");
  });
});
