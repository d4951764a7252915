// A dropped client gets its seat back within the grace period with nothing lost; after the grace a
// bot plays the seat; the person who comes back (seat token or name + seat) takes it back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Player, startHarness, synced, until, expectOk, type Harness } from "./harness.ts";
import { readView } from "../../shared/wire-view.ts";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ graceSeconds: 120 });
});
afterEach(async () => {
  await h.colyseus.cleanup();
});
afterAll(async () => {
  await h.shutdown();
});

/** Loses the connection without saying goodbye (as a closed laptop would), with no automatic retry. */
function drop(p: Player): void {
  p.room.reconnection.enabled = false;
  p.room.connection.close(4010, "network lost");
}

async function table() {
  const host = await Player.create(h, { name: "Fac", seat: "facilitator", rounds: 6 });
  await host.ready();
  const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  const wall = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
  expectOk(await host.command({ type: "begin" }));
  await synced(h, [host, israel, wall]);
  return { host, israel, wall };
}

describe("reconnection", () => {
  it("within the grace the seat is kept, with its view, and the person is back", async () => {
    const { israel, wall } = await table();
    expectOk(await israel.intent({ type: "statement", text: "before the drop" }));
    await synced(h, [israel, wall]);
    const viewBefore = israel.myView!;
    const token = israel.room.reconnectionToken;

    drop(israel);
    await until(null, "the seat shows the drop", () => wall.state.seats.get("israel").connected === 0);
    expect(wall.state.seats.get("israel").bot).toBe(false);
    expect([...wall.state.seats.get("israel").names]).toEqual(["Isa"]);

    h.scheduler.advance(119_000);
    const back = new Player(await h.colyseus.sdk.reconnect(token), "Isa");
    await until(null, "welcomed back", () => back.welcome !== null);
    expect(back.welcome!.seat).toBe("israel");
    await synced(h, [back, wall]);
    expect(wall.state.seats.get("israel").connected).toBe(1);
    expect(wall.state.seats.get("israel").bot).toBe(false);
    // The seat's view came back with the seat (it has moved on: the bots kept playing meanwhile).
    // Every message from before is still there (bots may have made statements since).
    expect(back.myView!.messages.slice(0, viewBefore.messages.length)).toEqual(viewBefore.messages);
    expect(back.myView).toEqual(readView(h.table(israel.code).state, "israel"));
    // Nothing lost: the same seat acts as before, and the grace timer no longer fires.
    h.scheduler.advance(10_000);
    expectOk(await back.intent({ type: "statement", text: "after the drop" }));
    await synced(h, [back, wall]);
    expect(back.myView!.messages.map((m) => m.text)).toEqual(expect.arrayContaining(["before the drop", "after the drop"]));
    expect(wall.state.seats.get("israel").bot).toBe(false);
  });

  it("after the grace a bot plays the seat, and the person takes it back with the seat token", async () => {
    const { israel, wall } = await table();
    const seatToken = israel.welcome!.seatToken;
    const reconnectionToken = israel.room.reconnectionToken;
    drop(israel);
    await until(null, "dropped", () => wall.state.seats.get("israel").connected === 0);

    h.scheduler.advance(120_000);
    await until(null, "a bot in the seat", () => wall.state.seats.get("israel").bot === true);
    expect([...wall.state.seats.get("israel").names]).toEqual([]);
    // The bot plays Israel like any other bot: it finishes its negotiation turns.
    await until(h, "the bot says Israel is done negotiating", () => wall.publicView.ready.includes("israel") || wall.publicView.stage !== "negotiation", 200);
    // The old connection cannot come back any more…
    await expect(h.colyseus.sdk.reconnect(reconnectionToken)).rejects.toThrow();
    // …but the person can, with the token from their welcome.
    const back = await Player.join(h, israel.code, { name: "Isa", seatToken });
    expect(back.welcome!.seat).toBe("israel");
    expect(back.welcome!.seatToken).toBe(seatToken);
    await synced(h, [back, wall]);
    expect(wall.state.seats.get("israel").bot).toBe(false);
    expect(back.myView!.private.israel).toBeDefined();
    const stage = back.publicView.stage;
    if (stage === "negotiation" || stage === "decisions") expectOk(await back.intent({ type: "statement", text: "I am back" }));
  });

  it("a person can also come back by name and seat, and can take over any bot seat", async () => {
    const { israel, wall } = await table();
    drop(israel);
    await until(null, "dropped", () => wall.state.seats.get("israel").connected === 0);
    h.scheduler.advance(120_000);
    await until(null, "a bot in the seat", () => wall.state.seats.get("israel").bot === true);
    const back = await Player.join(h, israel.code, { name: "Isa", seat: "israel" });
    const newcomer = await Player.join(h, israel.code, { name: "New", seat: "qatar" });
    await synced(h, [back, newcomer, wall]);
    expect(wall.state.seats.get("israel").bot).toBe(false);
    expect(wall.state.seats.get("qatar").bot).toBe(false);
    expect([...wall.state.seats.get("qatar").names]).toEqual(["New"]);
  });

  it("a consented leave frees the seat at once", async () => {
    const { israel, wall } = await table();
    await israel.room.leave(true);
    await until(null, "a bot in the seat", () => wall.state.seats.get("israel").bot === true);
  });
});
