// Patches larger than the encoder's buffer. With a buffer far smaller than a section (a tenth of
// it), every way a section reaches a client — a patch of what changed in it, the whole section a
// late joiner or a new team member is let into, the shared part growing past the buffer — still
// gives every client the engine's view. The table asks for room for a whole section only when a
// client's view has just been let into one (server/full-state-serializer.ts, anyViewChanged): the
// rest of a patch grows the buffer itself, and this file is where that is relied on.
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Encoder } from "@colyseus/schema";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { readView } from "../../shared/wire-view.ts";
import type { TableRoom } from "../../server/table-room.ts";
import { expectOk, Player, publicPart, until, useHarness } from "./harness.ts";

const h = useHarness();
const scenario = defaultScenario();
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

// The buffer every table's patches are encoded in starts at twice this (server/lean-serializer.ts)
// and is raised only when a patch needs more.
let usual = 0;
beforeAll(() => {
  usual = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = 256;
});
afterAll(() => {
  Encoder.BUFFER_SIZE = usual;
});

async function caughtUp(room: TableRoom, players: Player[]): Promise<void> {
  const owed = (p: Player) => ({ view: plain(windowView(viewFor(scenario, room.session.pipeline.state, p.seat))), shared: publicPart(room.state) });
  const held = (p: Player) => ({ view: plain(readView(p.state, p.seat)), shared: publicPart(p.state) });
  await until(null, "every client holds its view", () => players.every((p) => isDeepStrictEqual(held(p), owed(p))));
  for (const p of players) expect(held(p), `${p.name}'s view`).toEqual(owed(p));
}

const long = (what: string, i: number) => `${what} ${i}: `.padEnd(480, "the exchange schedule holds and each side keeps its word; ");

describe("patches larger than the encoder's buffer", () => {
  it("reach every client whole: changes, a seat first watched, a team member and a spectator let in late", async () => {
    const host = await Player.create(h, { name: "O-fac", seat: "facilitator", botsFillEmptySeats: false, timers: false });
    await host.ready();
    const seated = {} as Record<PartyId, Player>;
    // Israel's seat stays empty for now: its section is made whole when its first person arrives.
    for (const party of PARTY_IDS.filter((p) => p !== "israel")) seated[party] = await Player.join(h, host.code, { name: `O-${party}`, seat: party });
    expectOk(await host.command({ type: "begin" }));
    const room = h.table(host.code);
    const all = [host, ...Object.values(seated)];
    // Long words, public and private (several to Israel), each patch larger than the buffer's start.
    for (let i = 0; i < 12; i++) {
      const from = seated[PARTY_IDS.filter((p) => p !== "israel")[i % 5]!];
      expectOk(await from.intent(i % 2 ? { type: "message", to: "israel", text: long("for Israel", i) } : { type: "statement", text: long("to all", i) }));
    }
    await caughtUp(room, all);
    seated.israel = await Player.join(h, host.code, { name: "O-israel", seat: "israel" });
    all.push(seated.israel);
    await caughtUp(room, all);
    expect(seated.israel.myView!.messages.filter((m) => m.text.startsWith("for Israel")).length).toBe(6);
    // A second member of Hamas's team and a spectator, each let into its sections at once.
    const teammate = await Player.join(h, host.code, { name: "O-hamas-2", seat: "hamas" });
    const wall = await Player.join(h, host.code, { name: "O-wall", seat: "spectator" });
    all.push(teammate, wall);
    await caughtUp(room, all);
    // And on: the newcomers' patches after that.
    expectOk(await seated.israel.intent({ type: "message", to: "hamas", text: long("for Hamas", 9) }));
    expectOk(await teammate.intent({ type: "statement", text: long("Hamas's second voice", 10) }));
    await caughtUp(room, all);
    expect(teammate.myView!.messages.map((m) => m.text)).toContain(long("for Hamas", 9));
  });
});
