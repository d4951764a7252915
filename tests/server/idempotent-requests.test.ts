// A message sent again with the same requestId (a retry after a lost reply, a queue replayed after a
// reconnection) gets the first reply again and changes nothing; and once a game has ended, the
// facilitator's clock and announcement commands answer `game_over`.
import { describe, expect, it } from "vitest";
import { readView } from "../../shared/wire-view.ts";
import { expectOk, Player, synced, until, useHarness } from "./harness.ts";
import type { Reply } from "../../shared/protocol.ts";

const h = useHarness();

const repliesTo = (p: Player, requestId: string) => p.messages.filter(([t, r]) => t === "reply" && (r as Reply).requestId === requestId).map(([, r]) => r);

async function table() {
  const host = await Player.create(h, { name: "Teacher", seat: "facilitator", botsFillEmptySeats: false, negotiationSeconds: 3600, decisionSeconds: 3600, rounds: 6 });
  await host.ready();
  const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  expectOk(await host.command({ type: "begin" }));
  return { host, israel };
}

describe("idempotent requests", () => {
  it("the same requestId sent three times: one action in the log, three identical replies", async () => {
    const { host, israel } = await table();
    const room = h.table(host.code);
    const before = room.session.pipeline.log.actions.length;
    const frame = { requestId: "say-once", intent: { type: "statement", text: "we honour the exchange" } };
    for (let i = 0; i < 3; i++) israel.room.send("intent", frame);
    await until(null, "three replies", () => repliesTo(israel, "say-once").length === 3);
    const replies = repliesTo(israel, "say-once");
    expect(replies[0]).toEqual({ requestId: "say-once", ok: true });
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toEqual(replies[0]);
    expect(room.session.pipeline.log.actions.length).toBe(before + 1);
    await synced(h, [host, israel]);
    expect(readView(host.state, host.seat)!.messages.filter((m) => m.text === "we honour the exchange")).toHaveLength(1);
    // `room.request()` gets the remembered reply too, and a refusal is remembered as it was.
    expect(await israel.room.request("intent", frame)).toEqual({ requestId: "say-once", ok: true });
    const bad = { requestId: "bad-once", intent: { type: "accept", offerId: 999 } };
    const first = await israel.room.request("intent", bad);
    expect(first.ok).toBe(false);
    expect(await israel.room.request("intent", bad)).toEqual(first);
    expect(room.session.pipeline.log.actions.length).toBe(before + 1);
  });

  it("another member of the team who picks the same requestId still acts", async () => {
    const { host, israel } = await table();
    const mate = await Player.join(h, host.code, { name: "Mate", seat: "israel" });
    const room = h.table(host.code);
    const before = room.session.pipeline.log.actions.length;
    expectOk(await israel.sendRaw("intent", { requestId: "1", intent: { type: "statement", text: "first voice" } }, "1"));
    expectOk(await mate.sendRaw("intent", { requestId: "1", intent: { type: "statement", text: "second voice" } }, "1"));
    expect(room.session.pipeline.log.actions.length).toBe(before + 2);
  });

  it("a resend after a reconnection does not act again", async () => {
    const { host, israel } = await table();
    const room = h.table(host.code);
    expectOk(await israel.sendRaw("intent", { requestId: "before-drop", intent: { type: "statement", text: "said once" } }, "before-drop"));
    const count = room.session.pipeline.log.actions.length;
    const token = israel.room.reconnectionToken;
    israel.room.reconnection.enabled = false;
    israel.room.connection.close(4010, "network lost");
    await until(null, "the drop is seen", () => host.state.seats.get("israel").connected === 0);
    const back = new Player(await h.colyseus.sdk.reconnect(token), "Isa");
    await until(null, "welcomed back", () => back.welcome !== null);
    expect(await back.sendRaw("intent", { requestId: "before-drop", intent: { type: "statement", text: "said once" } }, "before-drop")).toEqual({ requestId: "before-drop", ok: true });
    expect(room.session.pipeline.log.actions.length).toBe(count);
    // Rejoining with the seat token is the same person too.
    await back.room.leave(false);
    const rejoined = await Player.join(h, host.code, { name: "Isa", seatToken: back.welcome!.seatToken });
    expect(await rejoined.sendRaw("intent", { requestId: "before-drop", intent: { type: "statement", text: "said once" } }, "before-drop")).toEqual({ requestId: "before-drop", ok: true });
    expect(room.session.pipeline.log.actions.length).toBe(count);
  });

  it("after the end, pause, resume, extend and announce answer game_over and change nothing", async () => {
    const { host } = await table();
    for (let step = 0; step < 40 && host.publicView.stage !== "ended"; step++) {
      expectOk(await host.command({ type: "advance" }));
      await synced(h, [host]);
    }
    expect(host.publicView.stage).toBe("ended");
    const room = h.table(host.code);
    const announcement = room.state.announcement;
    const timer = JSON.stringify(room.state.timer.toJSON());
    for (const command of [{ type: "pause" }, { type: "resume" }, { type: "extend", seconds: 60 }, { type: "announce", text: "one more week" }]) {
      const reply = await host.command(command);
      expect(reply.ok ? "" : reply.error.code).toBe("game_over");
    }
    expect(room.state.announcement).toBe(announcement);
    expect(JSON.stringify(room.state.timer.toJSON())).toBe(timer);
  });
});
