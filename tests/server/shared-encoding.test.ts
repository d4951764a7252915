// Every table of a process encodes its patches and joiners' states in the same buffers
// (server/lean-serializer.ts). Two busy tables side by side: each client — seated all along, or
// arriving after the other table's patches — decodes its own table exactly, and a private message
// at one table never reaches the other.
import { describe, expect, it } from "vitest";
import { readView } from "../../shared/wire-view.ts";
import { PARTY_IDS } from "../../shared/ids.ts";
import { expectOk, Player, publicPart, synced, until, useHarness } from "./harness.ts";

const h = useHarness();

async function seatTable(tag: string): Promise<Player[]> {
  const host = await Player.create(h, { name: `${tag}-host`, seat: "facilitator", botsFillEmptySeats: false, timers: false });
  await host.ready();
  const players = [host];
  for (const party of PARTY_IDS) players.push(await Player.join(h, host.code, { name: `${tag}-${party}`, seat: party }));
  expectOk(await host.command({ type: "begin" }));
  return players;
}

describe("tables sharing the process's encoding buffers", () => {
  it("each client decodes its own table, whatever the other table encoded in between", async () => {
    const a = await seatTable("A");
    const b = await seatTable("B");
    // Alternate the tables' actions, public and private, long and short, so every patch of one is
    // encoded right after a patch of the other.
    for (let i = 0; i < 12; i++) {
      for (const [tag, players] of [["A", a], ["B", b]] as const) {
        const speaker = players[1 + (i % PARTY_IDS.length)]!;
        const text = `${tag} says ${i} `.padEnd(i % 3 === 0 ? 400 : 20, tag.toLowerCase());
        expectOk(await speaker.intent(i % 2 === 0 ? { type: "statement", text } : { type: "message", to: PARTY_IDS[(i + 1) % PARTY_IDS.length], text }));
      }
    }
    await synced(h, a);
    await synced(h, b);
    // People arriving now receive their table's whole state from the same buffer the other table used last.
    const lateA = await Player.join(h, a[0]!.code, { name: "A-late", seat: "spectator" });
    const lateB = await Player.join(h, b[0]!.code, { name: "B-late", seat: PARTY_IDS[2] });
    // A second spectator changes nothing at the table: its state is encoded again all the same,
    // never taken from what the buffer held for the other table.
    const lateA2 = await Player.join(h, a[0]!.code, { name: "A-late-2", seat: "spectator" });
    await synced(h, [...a, lateA, lateA2]);
    await synced(h, [...b, lateB]);
    for (const [tag, players] of [["A", [...a, lateA, lateA2]], ["B", [...b, lateB]]] as const) {
      const room = h.table(players[0]!.code);
      for (const p of players) {
        expect(publicPart(p.state)).toBe(publicPart(room.state));
        // Each reads its own view: a seat's section carries the public statements too.
        const texts = readView(p.state, p.seat)!.messages.map((m) => m.text);
        expect(texts.length).toBeGreaterThan(0);
        expect(texts.every((t) => t.startsWith(`${tag} says`))).toBe(true);
      }
    }
    // Seated clients hold their own seat's private messages, and only their table's.
    await until(null, "the late team member's section", () => lateB.myView !== null);
    expect(JSON.stringify(lateB.myView)).toBe(JSON.stringify(b[3]!.myView));
    for (const p of [...a.slice(1), ...b.slice(1)]) {
      const own = p.name.startsWith("A") ? "A" : "B";
      expect(p.myView!.messages.every((m) => m.text.startsWith(`${own} says`))).toBe(true);
    }
    expect(a.slice(1).some((p) => p.myView!.messages.some((m) => m.to !== "all"))).toBe(true);
  });
});
