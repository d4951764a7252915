// A table where a lot has been said (long public statements over several weeks): the synced state
// holds only the window of "now" (shared/view-window.ts), so it stays small, and everyone who
// arrives later — a spectator, a team member, a co-teacher, a client reconnecting — decodes the
// whole table: all six seats, the timer and the same view a client connected all along holds.
import { describe, expect, it } from "vitest";
import { readView } from "../../shared/wire-view.ts";
import { PARTY_IDS } from "../../shared/ids.ts";
import type { Client } from "@colyseus/core";
import { expectOk, Player, publicPart, synced, until, useHarness } from "./harness.ts";

const h = useHarness();

// 470 characters, different for every statement so that nothing can be shared between them.
const statement = (party: string, week: number, i: number) => `${party} week ${week} #${i}: `.padEnd(470, "we keep to the agreed exchange schedule and ask the others to do the same; ");

/** Bytes of the whole state a client of `role` (one is at the table) would receive on joining now. */
function fullStateBytes(code: string, role: "facilitator" | "spectator"): number {
  const room = h.table(code) as unknown as { clients: Client[]; _serializer: { getFullState(c?: Client): Uint8Array } };
  const client = room.clients.find((c) => c.view && h.table(code).session.seats.get(c.sessionId)?.role === role);
  if (!client) throw new Error(`no ${role} at the table`);
  return room._serializer.getFullState(client).byteLength;
}

describe("a table with a large synced state", () => {
  it("a spectator, a team member, a co-teacher and a reconnecting client all get the whole table", async () => {
    const host = await Player.create(h, { name: "Teacher", seat: "facilitator", botsFillEmptySeats: false, negotiationSeconds: 3600, decisionSeconds: 3600 });
    await host.ready();
    const players: Player[] = [];
    for (const party of PARTY_IDS) players.push(await Player.join(h, host.code, { name: `P-${party}`, seat: party }));
    expectOk(await host.command({ type: "begin" }));
    // Two weeks (a table whose seats decide nothing may not last longer), every party one short of its weekly cap (the last word comes later).
    for (let week = 1; week <= 2; week++) {
      // Every party speaks at length; sent together, as a busy table would.
      await Promise.all(players.map(async (p) => { for (let i = 0; i < 39; i++) expectOk(await p.intent({ type: "statement", text: statement(p.party, week, i) })); }));
      if (week < 2) {
        expectOk(await host.command({ type: "advance" }));
        expectOk(await host.command({ type: "advance" }));
      }
    }
    await synced(h, [host, ...players]);
    // 468 statements of 470 characters: the record holds about 220 KB of them, the synced state a window.
    expect(fullStateBytes(host.code, "facilitator")).toBeLessThan(64 * 1024);

    const room = h.table(host.code);
    const expectWhole = (p: Player) => {
      expect([...p.state.seats.keys()].sort()).toEqual([...PARTY_IDS].sort());
      expect(p.state.timer.stage).toBe("negotiation");
      expect(p.state.timer.endsAt).toBeGreaterThan(0);
      expect(publicPart(p.state)).toBe(publicPart(room.state));
    };

    const wall = await Player.join(h, host.code, { name: "Projector", seat: "spectator" });
    await synced(h, [wall]);
    expectWhole(wall);
    expect(fullStateBytes(host.code, "spectator")).toBeLessThan(64 * 1024);
    // (A seated client is not sent the spectators' section before the end: the server's is the one to compare with.)
    expect(JSON.stringify(readView(wall.state, "spectator"))).toBe(JSON.stringify(readView(room.state, "spectator")));
    const seen = readView(wall.state, "spectator")!;
    expect(seen.messages.length + seen.recordOnly!.messages).toBe(468);
    expect(seen.messages.at(-1)!.text.includes("week 2")).toBe(true);

    const mate = await Player.join(h, host.code, { name: "Mate", seat: "qatar" });
    await synced(h, [mate]);
    expectWhole(mate);
    const qatar = players[PARTY_IDS.indexOf("qatar")]!;
    await until(null, "the team member's section", () => mate.myView !== null);
    expect(JSON.stringify(mate.myView)).toBe(JSON.stringify(qatar.myView));

    const coTeacher = await Player.join(h, host.code, { name: "Co-teacher", seat: "facilitator", hostKey: host.welcome!.hostKey });
    await synced(h, [coTeacher]);
    expectWhole(coTeacher);
    await until(null, "the co-teacher's section", () => coTeacher.myView !== null);
    expect(JSON.stringify(coTeacher.myView)).toBe(JSON.stringify(host.myView));

    // A connection lost and taken back with the SDK's reconnection token.
    const israel = players[PARTY_IDS.indexOf("israel")]!;
    const before = JSON.stringify(israel.myView);
    const token = israel.room.reconnectionToken;
    israel.room.reconnection.enabled = false;
    israel.room.connection.close(4010, "network lost");
    await until(null, "the drop is seen", () => host.state.seats.get("israel").connected === 0);
    const back = new Player(await h.colyseus.sdk.reconnect(token), "P-israel");
    await until(null, "welcomed back", () => back.welcome !== null && back.snapshots.length > 0);
    await synced(h, [back]);
    expectWhole(back);
    await until(null, "the returning section", () => back.myView !== null);
    expect(JSON.stringify(back.myView)).toBe(before);

    // And the table goes on for everyone: a new statement reaches the late joiners too.
    expectOk(await back.intent({ type: "statement", text: "still here" }));
    await until(null, "everyone sees it", () => [wall, mate, coTeacher, host].every((p) => readView(p.state, p.seat === "facilitator" ? "facilitator" : p.seat)!.messages.some((m) => m.text === "still here")));
  }, 120_000);
});
