// Each client's message rate is limited (a token bucket): a flood is refused with `rate_limited`
// replies, the client stays connected, and other clients are not slowed down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenBucket } from "../../server/rate-limit.ts";
import type { Reply } from "../../shared/protocol.ts";
import { expectOk, Player, startHarness, until, type Harness } from "./harness.ts";

describe("token bucket", () => {
  it("allows a burst, then the steady rate", () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 20, burst: 40 }, () => now);
    let taken = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) taken++;
    expect(taken).toBe(40);
    now += 500; // half a second: ten more
    taken = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) taken++;
    expect(taken).toBe(10);
    now += 60_000; // never more than the burst
    taken = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) taken++;
    expect(taken).toBe(40);
  });
});

describe("rate limit at a table", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimit: { perSecond: 20, burst: 40 } });
  });
  afterAll(async () => {
    await h.shutdown();
  });

  it("a flood gets rate_limited replies and no disconnect; others are unaffected", async () => {
    const host = await Player.create(h, { name: "Host", seat: "israel", rounds: 6 });
    await host.ready();
    const calm = await Player.join(h, host.code, { name: "Calm", seat: "hamas" });
    expectOk(await host.command({ type: "begin" }));
    const flood = 120;
    for (let i = 0; i < flood; i++) host.room.send("intent", { requestId: `f${i}`, intent: { type: "accept", offerId: 999_999 } });
    await until(null, "every flood message answered", () => [...host.replies.keys()].filter((k) => k.startsWith("f")).length === flood);
    const replies = [...host.replies.entries()].filter(([k]) => k.startsWith("f")).map(([, r]) => r as Reply);
    const limited = replies.filter((r) => !r.ok && r.error.code === "rate_limited");
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBeLessThan(flood);
    expect(replies.every((r) => !r.ok && (r.error.code === "rate_limited" || r.error.code === "unknown_offer"))).toBe(true);
    expect(host.left).toBeNull();
    // The calm client is served at once.
    expectOk(await calm.intent({ type: "statement", text: "hello" }));
    // And the flooder is served again once its bucket refills.
    let reply: Reply | null = null;
    for (let i = 0; i < 200; i++) {
      reply = await host.intent({ type: "statement", text: "calm again" });
      if (reply.ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(reply!.ok).toBe(true);
  });
});
