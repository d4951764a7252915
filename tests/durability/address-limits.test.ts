// Per-address limits (server/address-guard.ts, rate-limit.ts): past its budget an address may not
// create or join more tables, and its clients' messages are refused with `rate_limited` — the
// client stays connected and nothing changes. In-process server with tiny budgets, on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@colyseus/sdk";
import { startServer } from "../../server/app.ts";
import { LiveClient } from "./live-server.ts";

let running: Awaited<ReturnType<typeof startServer>>;
let url: string;

beforeAll(async () => {
  running = await startServer(
    0,
    {
      clientDist: null,
      store: null,
      rateLimit: { perSecond: 1000, burst: 1000 },
      addressLimits: { joins: { perSecond: 0.01, burst: 4 }, connections: { perSecond: 0.01, burst: 100 }, messages: { perSecond: 0.01, burst: 7 } },
    },
    "127.0.0.1",
  );
  url = `ws://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.close();
});

describe("per-address limits", () => {
  it("refuses joins and messages over an address's budget, and changes nothing", async () => {
    const host = await LiveClient.create(url, { name: "Host", seat: "mediators", botsFillEmptySeats: false, negotiationSeconds: 3600 });
    const israel = await LiveClient.join(url, host.code, { name: "Isr", seat: "israel" });
    const watcher = await LiveClient.join(url, host.code, { name: "W", seat: "spectator" });
    const hamas = await LiveClient.join(url, host.code, { name: "Ham", seat: "hamas" });
    // The fifth matchmaking request from this address is refused.
    await expect(new Client(url).joinById(host.code, { name: "Fifth", seat: "qatar" })).rejects.toThrow(/too many/);
    // Messages: the address's bucket of 7 is shared by all its clients (the host's begin is one).
    expect((await host.command({ type: "begin" }, host.welcome!.hostKey!)).ok).toBe(true);
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await (i % 2 ? israel : hamas).intent({ type: "statement", text: `s${i}` }));
    expect(replies.filter((r) => r.ok)).toHaveLength(6);
    expect(replies.slice(6).every((r) => !r.ok && r.error.code === "rate_limited")).toBe(true);
    expect(israel.left).toBeNull();
    expect(watcher.left).toBeNull();
  });
});
