// Bad messages: every message type with wrong types, missing fields, out of phase, from the wrong
// seat, oversized. Each gets a typed error reply and changes nothing; the sender stays connected,
// the room stays alive, and other clients receive nothing because of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, Player, startHarness, synced, type Harness } from "./harness.ts";
import type { ErrorCode, Reply } from "../../shared/protocol.ts";

let h: Harness;
let host: Player;
let israel: Player;
let hamas: Player;
let spectator: Player;
let facilitator: Player;

beforeAll(async () => {
  h = await startHarness();
  host = await Player.create(h, { name: "Host", seat: "mediators", rounds: 6 });
  await host.ready();
  israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  hamas = await Player.join(h, host.code, { name: "Ham", seat: "hamas" });
  spectator = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
  facilitator = await Player.join(h, host.code, { name: "Fac", seat: "facilitator", hostKey: host.welcome!.hostKey });
  expectOk(await host.command({ type: "begin" }));
  await synced(h, [host, israel, hamas, spectator, facilitator]);
});

afterAll(async () => {
  await h.shutdown();
});

/** Sends `payload` as `type` from `from`; expects `code`; checks that nothing changed anywhere. */
async function refused(from: Player, type: string, payload: unknown, code: ErrorCode, requestId?: string): Promise<Reply> {
  const room = h.table(host.code);
  const before = {
    state: room.session.pipeline.state,
    log: room.session.pipeline.log.actions.length,
    journal: room.session.pipeline.journal.length,
    mirror: JSON.stringify(room.state.toJSON()),
    otherSnapshots: hamas.snapshots.length,
    otherMessages: hamas.messages.length,
    senderSnapshots: from.snapshots.length,
  };
  const reply = await from.sendRaw(type, payload, requestId);
  expect(reply.ok, JSON.stringify(reply)).toBe(false);
  if (!reply.ok) {
    expect(reply.error.code, reply.error.message).toBe(code);
    expect(reply.error.message.length).toBeGreaterThan(0);
  }
  // Nothing changed: the same engine state object, log, journal and mirror.
  expect(room.session.pipeline.state).toBe(before.state);
  expect(room.session.pipeline.log.actions.length).toBe(before.log);
  expect(room.session.pipeline.journal.length).toBe(before.journal);
  expect(JSON.stringify(room.state.toJSON())).toBe(before.mirror);
  // A round trip from the other client: anything the bad message caused would have reached it by now.
  const probe = await hamas.sendRaw("intent", { requestId: "probe", intent: { type: "nonsense" } }, "probe");
  hamas.replies.delete("probe");
  expect(probe.ok).toBe(false);
  expect(hamas.snapshots.length).toBe(before.otherSnapshots);
  expect(hamas.messages.length).toBe(before.otherMessages + 1);
  expect(from.snapshots.length).toBe(before.senderSnapshots);
  expect(from.left).toBeNull();
  return reply;
}

let n = 0;
const intent = (body: unknown) => ({ requestId: `bad-${++n}`, intent: body });
const rid = () => `bad-${n}`;

describe("bad intents", () => {
  const cases: Array<[string, unknown, ErrorCode]> = [
    ["a string instead of an object", "hello", "bad_payload"],
    ["null", null, "bad_payload"],
    ["an array", [1, 2, 3], "bad_payload"],
    ["a missing requestId", { intent: { type: "ready" } }, "bad_payload"],
    ["a numeric requestId", { requestId: 7, intent: { type: "ready" } }, "bad_payload"],
    ["a missing intent", { requestId: "x1" }, "bad_payload"],
    ["an unknown intent type", { requestId: "x2", intent: { type: "fly" } }, "bad_payload"],
    ["propose: `to` not a list", intent({ type: "propose", to: "hamas", obligations: [{ party: "israel", term: { kind: "halt_strikes" } }] }), "bad_payload"],
    ["propose: no obligations", intent({ type: "propose", to: ["hamas"] }), "bad_payload"],
    ["propose: unknown term", intent({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: { kind: "teleport" } }] }), "bad_payload"],
    ["propose: amount as text", intent({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: { kind: "withdraw", amount: "ten" } }] }), "bad_payload"],
    ["accept: offerId as text", intent({ type: "accept", offerId: "1" }), "bad_payload"],
    ["accept: no offerId", intent({ type: "accept" }), "bad_payload"],
    ["reject: negative offerId", intent({ type: "reject", offerId: -1 }), "bad_payload"],
    ["counter: keep with text", intent({ type: "counter", offerId: 1, keep: ["a"] }), "bad_payload"],
    ["withdraw: fractional offerId", intent({ type: "withdraw", offerId: 1.5 }), "bad_payload"],
    ["message: unknown recipient", intent({ type: "message", to: "nobody", text: "hi" }), "bad_payload"],
    ["message: text too long", intent({ type: "message", to: "hamas", text: "x".repeat(501) }), "bad_payload"],
    ["statement: text a number", intent({ type: "statement", text: 42 }), "bad_payload"],
    ["ready: an extra field", intent({ type: "ready", now: true }), "bad_payload"],
    ["draft: unknown move", intent({ type: "draft", decision: { moves: ["fly"] } }), "bad_payload"],
    ["decide: decision null", intent({ type: "decide", decision: null }), "bad_payload"],
    ["oversized", intent({ type: "statement", text: "x".repeat(20_000) }), "payload_too_large"],
    ["decide during negotiation (out of phase)", intent({ type: "decide", decision: {} }), "wrong_stage"],
    ["draft during negotiation (out of phase)", intent({ type: "draft", decision: {} }), "wrong_stage"],
    ["accept an offer that does not exist", intent({ type: "accept", offerId: 999_999 }), "unknown_offer"],
    ["withdraw an offer that does not exist", intent({ type: "withdraw", offerId: 999_999 }), "unknown_offer"],
    ["a message to oneself", intent({ type: "message", to: "israel", text: "hello me" }), "offer_to_self"],
    ["statement: only zero-width spaces and a word joiner", intent({ type: "statement", text: "\u200b\u200b\u2060" }), "bad_payload"],
    ["message: only a soft hyphen and blank filler letters", intent({ type: "message", to: "hamas", text: " \u00ad\u3164 " }), "bad_payload"],
    ["reject: a reason of a lone combining mark", intent({ type: "reject", offerId: 1, reason: "\u0301" }), "bad_payload"],
  ];
  for (const [what, payload, code] of cases)
    it(`${what} → ${code}`, async () => {
      const id = typeof payload === "object" && payload !== null && typeof (payload as { requestId?: unknown }).requestId === "string" ? (payload as { requestId: string }).requestId : undefined;
      const reply = await refused(israel, "intent", payload, code, id);
      if (id === undefined) expect(reply.requestId).toBe("");
    });

  it("the bad field is named", async () => {
    const reply = await refused(israel, "intent", intent({ type: "accept", offerId: "1" }), "bad_payload", rid());
    expect(!reply.ok && reply.error.field).toBe("intent.offerId");
  });

  it("invisible text is named as such", async () => {
    const reply = await refused(israel, "intent", intent({ type: "statement", text: "\u200b" }), "bad_payload", rid());
    expect(!reply.ok && reply.error.field).toBe("intent.text");
    expect(!reply.ok && reply.error.message).toMatch(/invisible/);
  });

  it("text that shows, with a zero-width non-joiner inside a word, is accepted as written", async () => {
    const text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 talks";
    expectOk(await israel.intent({ type: "message", to: "hamas", text }));
    await synced(h, [host, israel, hamas, spectator, facilitator]);
    expect(h.table(host.code).session.pipeline.state.messages.at(-1)?.text).toBe(text);
  });

  it("a spectator cannot act for a seat → not_seated", async () => {
    await refused(spectator, "intent", intent({ type: "ready" }), "not_seated", rid());
  });

  it("the facilitator cannot act for a seat → not_seated", async () => {
    await refused(facilitator, "intent", intent({ type: "statement", text: "I am Israel" }), "not_seated", rid());
  });

  it("saying ready twice → already_answered (the first one counts)", async () => {
    expectOk(await israel.intent({ type: "ready" }));
    await synced(h, [host, israel, hamas, spectator, facilitator]);
    await refused(israel, "intent", intent({ type: "ready" }), "already_answered", rid());
  });
});

describe("bad commands", () => {
  const command = (body: unknown, hostKey: string | undefined = host.welcome!.hostKey) => ({ requestId: `cmd-${++n}`, hostKey, command: body });
  const cid = () => `cmd-${n}`;

  it("no host key → bad_payload", async () => {
    await refused(host, "command", { requestId: `cmd-${++n}`, command: { type: "pause" } }, "bad_payload", cid());
  });
  it("a wrong host key → not_facilitator", async () => {
    await refused(israel, "command", command({ type: "pause" }, "guess"), "not_facilitator", cid());
  });
  it("an unknown command → bad_payload", async () => {
    await refused(host, "command", command({ type: "end_war" }), "bad_payload", cid());
  });
  it("extend by zero seconds → bad_payload", async () => {
    await refused(host, "command", command({ type: "extend", seconds: 0 }), "bad_payload", cid());
  });
  it("an announcement too long → bad_payload", async () => {
    await refused(host, "command", command({ type: "announce", text: "x".repeat(281) }), "bad_payload", cid());
  });
  it("inject an unknown event → unknown_event", async () => {
    await refused(facilitator, "command", command({ type: "inject", eventId: "alien_landing" }), "unknown_event", cid());
  });
  it("begin a game already begun → wrong_stage", async () => {
    await refused(host, "command", command({ type: "begin" }), "wrong_stage", cid());
  });
  it("a command as a string → bad_payload", async () => {
    await refused(host, "command", "begin", "bad_payload");
  });
});

describe("other messages", () => {
  it("an unknown message type gets an error reply, not a disconnect", async () => {
    await refused(israel, "hack", { requestId: "h1" }, "bad_payload", "h1");
  });
  it("a numeric message type too", async () => {
    await refused(israel, 42 as unknown as string, { requestId: "h2" }, "bad_payload", "h2");
  });
  it("after all that, everyone is still at the table and the game goes on", async () => {
    for (const p of [host, israel, hamas, spectator, facilitator]) expect(p.left).toBeNull();
    expectOk(await hamas.intent({ type: "statement", text: "still here" }));
    await synced(h, [host, israel, hamas, spectator, facilitator]);
    expect(JSON.stringify(spectator.state.open.toJSON())).toContain("still here");
  });
});
