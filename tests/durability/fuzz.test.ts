// Hardening, against a real server process: random JSON in every message type (wrong types, deep
// nesting, huge strings, NaN), raw WebSocket garbage (random bytes, truncated frames, junk before
// the handshake) — the server stays up, other tables are unaffected and nothing changes. And
// access: seat tokens and host keys of other tables are refused, a token is refused after its
// holder left, secrets carry at least 128 bits, names lose their control characters.
import { connect as tcpConnect } from "node:net";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Client } from "@colyseus/sdk";
import { expectOk, LiveClient, LiveServer, sleep, until, useLiveServer } from "./live-server.ts";

const server = useLiveServer();

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 14);
  switch (pick) {
    case 0:
      return NaN;
    case 1:
      return r() < 0.5 ? Infinity : -Infinity;
    case 2:
      return null;
    case 3:
      return Math.floor(r() * 2 ** 53) * (r() < 0.5 ? -1 : 1);
    case 4:
      return "x".repeat(Math.floor(r() * 20_000));
    case 5:
      return String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(r() * 0xffff)));
    case 6:
      return r() < 0.5;
    case 7: {
      // Deep nesting.
      let v: unknown = "deep";
      for (let i = 0; i < 200 + Math.floor(r() * 800); i++) v = r() < 0.5 ? [v] : { v };
      return v;
    }
    case 8:
      return depth > 3 ? 1 : Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
    default: {
      if (depth > 3) return "leaf";
      const keys = ["requestId", "intent", "command", "hostKey", "type", "offerId", "to", "text", "decision", "obligations", "__proto__", "constructor", "seconds", "eventId"];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(r() * 4); i++) o[keys[Math.floor(r() * keys.length)]!] = randomValue(r, depth + 1);
      return o;
    }
  }
}

const TYPES = ["intent", "command", "welcome", "reply", "", "__proto__", "x".repeat(300)];
const INTENT_TYPES = ["propose", "accept", "reject", "counter", "withdraw", "message", "statement", "ready", "draft", "decide", "begin", "advance"];

function randomMessage(r: () => number): [string | number, unknown] {
  const type = r() < 0.1 ? Math.floor(r() * 300) : TYPES[Math.floor(r() * TYPES.length)]!;
  const roll = r();
  if (roll < 0.4) return [type, randomValue(r)];
  // Nearly right: a real shape with one part wrong, the most likely way past a validator.
  const intent: Record<string, unknown> = { type: INTENT_TYPES[Math.floor(r() * INTENT_TYPES.length)], [["offerId", "to", "text", "decision", "keep"][Math.floor(r() * 5)]!]: randomValue(r) };
  if (roll < 0.7) return ["intent", { requestId: "f", intent }];
  return ["command", { requestId: "f", hostKey: randomValue(r), command: { type: ["begin", "advance", "pause", "extend", "announce", "inject"][Math.floor(r() * 6)], seconds: randomValue(r), text: randomValue(r) } }];
}

async function sixAt(label: string) {
  const host = await LiveClient.create(server.url, { name: `${label}-host`, seat: "mediators", negotiationSeconds: 3600, decisionSeconds: 3600, botsFillEmptySeats: false });
  const israel = await LiveClient.join(server.url, host.code, { name: `${label}-isr`, seat: "israel" });
  const watcher = await LiveClient.join(server.url, host.code, { name: `${label}-watch`, seat: "spectator" });
  expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
  expectOk(await israel.intent({ type: "statement", text: `${label} opens` }));
  await until("the watcher caught up", () => watcher.state.public === host.state.public);
  return { host, israel, watcher, code: host.code, hostKey: host.welcome!.hostKey! };
}

const tableOf = (c: LiveClient) => ({ public: c.publicTable, announcement: c.state.announcement as string, paused: c.state.timer.paused as boolean });

async function healthy(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${server.port}/health`);
  return res.ok && ((await res.json()) as { ok: boolean }).ok;
}

describe("a live server under garbage", () => {
  it("stays up; nothing changes at the fuzzed table or any other", async () => {
    const victim = await sixAt("V");
    const target = await sixAt("T");
    const before = { victim: tableOf(victim.watcher), target: tableOf(target.watcher), victimView: victim.israel.ownView };

    // 1. Random messages from seated clients of the target table (the host too, with its key).
    const r = rng(20251125);
    const fuzzers = [target.host, target.israel, await LiveClient.join(server.url, target.code, { name: "T-fuzz", seat: "qatar" })];
    const qatarBefore = tableOf(target.watcher);
    for (let i = 0; i < 600; i++) {
      const f = fuzzers[i % fuzzers.length]!;
      if (f.left !== null) continue;
      const [type, payload] = randomMessage(r);
      try {
        f.room.send(type as string, payload);
      } catch {
        // The SDK itself may refuse to encode some values: that is the client's problem, not the server's.
      }
      if (i % 50 === 0) await sleep(20);
    }
    await sleep(300);
    void qatarBefore;

    // 2. Raw bytes on the same authenticated WebSocket: random frames, then a truncated one.
    const rawClient = await LiveClient.join(server.url, target.code, { name: "T-raw", seat: "turkiye" });
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 400) }, () => Math.floor(r() * 256)));
      try {
        rawClient.room.connection.send(bytes);
      } catch {
        break;
      }
    }
    const ws = (rawClient.room.connection.transport as unknown as { ws: { _socket?: { write(b: Buffer): void; end(): void } } }).ws;
    // A masked binary frame header announcing 4096 bytes, then only 10, then the socket ends.
    ws._socket?.write(Buffer.concat([Buffer.from([0x82, 0xfe, 0x10, 0x00, 1, 2, 3, 4]), Buffer.alloc(10, 7)]));
    ws._socket?.end();

    // 3. Raw WebSocket connections that never joined: random paths, random bytes, huge frames.
    for (let i = 0; i < 10; i++) {
      const sock = new WebSocket(`${server.url}/${["", "x", "../../etc", "matchmake", target.code][i % 5]}?sessionId=${i}`);
      sock.on("error", () => {});
      await new Promise<void>((resolve) => {
        sock.on("open", () => {
          sock.send(Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))));
          if (i === 3) sock.send(Buffer.alloc(200_000, 1)); // over the frame limit
          setTimeout(() => (sock.terminate(), resolve()), 20);
        });
        sock.on("close", () => resolve());
        setTimeout(resolve, 500);
      });
    }
    // 4. Junk on a plain TCP connection, and a handshake cut short.
    for (const junk of [Buffer.from(Array.from({ length: 512 }, () => Math.floor(r() * 256))), Buffer.from("GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: abc\r\n")]) {
      await new Promise<void>((resolve) => {
        const s = tcpConnect(server.port, "127.0.0.1", () => {
          s.write(junk);
          setTimeout(() => (s.destroy(), resolve()), 50);
        });
        s.on("error", () => resolve());
      });
    }
    // 5. Odd matchmaking requests.
    for (const body of ["{", "[]", JSON.stringify({ name: "x".repeat(100_000) }), JSON.stringify({ seat: { $gt: "" } })]) {
      const res = await fetch(`http://127.0.0.1:${server.port}/matchmake/joinById/${target.code}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      // Refused, or a seat reservation whose join is then checked by the table: never a crash.
      expect(res.status).toBeLessThan(500);
    }

    await sleep(300);
    expect(server.alive).toBe(true);
    expect(await healthy()).toBe(true);
    // Nothing changed at either table (the fuzzed one included), and both still work.
    await until("the watchers still synced", () => victim.watcher.left === null && target.watcher.left === null);
    expect(tableOf(victim.watcher)).toEqual(before.victim);
    expect(victim.israel.ownView).toBe(before.victimView);
    expect(tableOf(target.watcher).public).toBe(before.target.public);
    expect(tableOf(target.watcher).paused).toBe(false);
    expectOk(await victim.israel.intent({ type: "statement", text: "still here" }));
    await until("the victim table moves on", () => victim.watcher.publicTable !== before.victim.public);
    const survivor = fuzzers.find((f) => f.left === null);
    if (survivor) {
      await sleep(2100); // let the fuzzer's rate-limit bucket refill
      expectOk(await survivor.intent({ type: "statement", text: "after the storm" }));
    }
  }, 120_000);

  it("refuses other tables' seat tokens and host keys, and a token after its holder left", async () => {
    const a = await sixAt("A");
    const b = await sixAt("B");
    const client = new Client(server.url);
    // Secrets carry at least 128 bits.
    expect(Buffer.from(a.hostKey, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(a.israel.welcome!.seatToken, "base64url").length).toBeGreaterThanOrEqual(16);
    // A's token and key do nothing at B.
    await expect(client.joinById(b.code, { name: "X", seatToken: a.israel.welcome!.seatToken })).rejects.toThrow(/seatToken/);
    await expect(client.joinById(b.code, { name: "X", seat: "facilitator", hostKey: a.hostKey })).rejects.toThrow(/hostKey/);
    const reply = await b.israel.command({ type: "pause" }, a.hostKey);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe("not_facilitator");
    expect(b.watcher.state.timer.paused).toBe(false);
    // A token is refused once its holder has left the table on purpose.
    const token = a.israel.welcome!.seatToken;
    await a.israel.room.leave(true);
    await until("the seat is free", () => a.watcher.state.seats.get("israel").names.length === 0);
    await expect(client.joinById(a.code, { name: "Again", seatToken: token })).rejects.toThrow(/seatToken/);
    // Names lose control and direction-override characters, and are length-limited.
    const named = await LiveClient.join(server.url, a.code, { name: "Ev\u0007il\u202e\u0000 Name", seat: "qatar" });
    expect(named.welcome!.name).toBe("Evil Name");
    // Free text too: control characters never reach anyone's view, and over-long text is refused.
    expectOk(await named.intent({ type: "statement", text: "Hi\u0007\u202eThere" }));
    await until("the statement is seen", () => a.watcher.publicTable.includes("There"));
    expect(a.watcher.state.public as string).not.toMatch(/\\u0007|\\u202e|\u0007|\u202e/);
    const long = await named.intent({ type: "statement", text: "x".repeat(501) });
    expect(!long.ok && long.error.code).toBe("bad_payload");
    await expect(client.joinById(a.code, { name: "n".repeat(41), seat: "turkiye" })).rejects.toThrow(/name/);
    // No secret ever reaches the server's log.
    await sleep(100);
    for (const secret of [a.hostKey, b.hostKey, token, b.israel.welcome!.seatToken]) expect(server.output).not.toContain(secret);
  }, 60_000);
});
