// The example external agent (examples/external-bot.ts) plays a whole solo game over the network
// through the open protocol, with nothing but the SDK and shared/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAgent, type AgentResult } from "../../examples/external-bot.ts";
import { startHarness, sleep, TEST_PORT, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.shutdown();
});

describe("external agent", () => {
  it("joins a seat and plays a solo game to the outcome", async () => {
    const lines: string[] = [];
    let result: AgentResult | null = null;
    let failure: unknown = null;
    runAgent({ url: `ws://127.0.0.1:${TEST_PORT}`, name: "Agent", seat: "qatar", rounds: 6, timeoutMs: 60_000, log: (l) => lines.push(l) }).then(
      (r) => (result = r),
      (e: unknown) => (failure = e),
    );
    // The server's bots move only when the test clock does.
    for (let i = 0; i < 5000 && !result && !failure; i++) {
      h.scheduler.advance(250);
      await sleep(2);
    }
    expect(failure).toBeNull();
    expect(result).not.toBeNull();
    const r = result!;
    expect(r.seat).toBe("qatar");
    expect(r.outcome).not.toBeNull();
    expect(r.intents).toBeGreaterThan(6);
    expect(lines.some((l) => l.startsWith("joined table"))).toBe(true);
    // It read the earlier weeks through the paged record: each week's look back, and at the end the
    // whole game — exactly the items its window holds plus those the window said were left out.
    expect(r.pages).toBeGreaterThanOrEqual(3);
    for (const kind of ["news", "offers", "messages"] as const) expect(r.record[kind].read, kind).toBe(r.record[kind].window + r.record[kind].leftOut);
    expect(r.record.news.leftOut + r.record.offers.leftOut).toBeGreaterThan(0);
  });
});
