// The stage clock in the synced state (docs/PROTOCOL.md, "Synced state"): the time left is written
// when the clock changes or someone arrives, not with every action. At a timed table (every
// classroom table) an offer or a private message between two parties then reaches those two only,
// as at an untimed one; before, the time left changed with every action and every client was sent a
// patch for it. A joiner still counts down from the time left when it joined.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { stateFromView } from "../../shared/view-state.ts";
import { candidateTerms } from "../../shared/policies/index.ts";
import { expectOk, Player, synced, until, useHarness } from "./harness.ts";

const h = useHarness();
const scenario = defaultScenario();

/** A timed table of a facilitator and three seats, begun: negotiation has 60 s. */
async function timedTable() {
  const host = await Player.create(h, { name: "Fac", seat: "facilitator", negotiationSeconds: 60, decisionSeconds: 30, botsFillEmptySeats: false, rounds: 6 });
  await host.ready();
  const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  const hamas = await Player.join(h, host.code, { name: "Ham", seat: "hamas" });
  const qatar = await Player.join(h, host.code, { name: "Qat", seat: "qatar" });
  const all = [host, israel, hamas, qatar];
  expectOk(await host.command({ type: "begin" }));
  await synced(h, all);
  return { host, israel, hamas, qatar, all };
}

describe("the stage clock in patches", () => {
  it("sends an offer and a private message between two parties to those two only, while the clock runs", async () => {
    const { host, israel, hamas, qatar, all } = await timedTable();
    const endsAt = qatar.state.timer.endsAt as number;
    expect(qatar.state.timer.remainingMs).toBe(60_000);
    const before = all.map((p) => p.snapshots.length);

    h.scheduler.advance(5_000);
    const state = stateFromView(israel.myView!);
    const give = candidateTerms(scenario, state, "israel")[0]!;
    const want = candidateTerms(scenario, state, "hamas")[0]!;
    expectOk(await israel.intent({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: give }, { party: "hamas", term: want }], note: "an exchange" }));
    h.scheduler.advance(5_000);
    expectOk(await hamas.intent({ type: "message", to: "israel", text: "A private word for Israel." }));
    // Then a change every client sees, so anything the first two sent would have arrived by now.
    expectOk(await qatar.intent({ type: "statement", text: "Qatar will host the next round." }));
    await until(null, "the statement reached every client", () => all.every((p) => p.snapshots.at(-1)!.includes("Qatar will host the next round.")));

    const patches = all.map((p, i) => p.snapshots.length - before[i]!);
    // The facilitator sees everything (3 changes); Israel and Hamas the offer, the message and the
    // statement; Qatar only its own statement.
    expect(patches).toEqual([3, 3, 3, 1]);
    expect(host.snapshots.at(-1)).toContain("A private word for Israel.");
    // The clock still says when the stage ends; the time left is the figure it was last written with.
    expect(qatar.state.timer.endsAt).toBe(endsAt);
    expect(qatar.state.timer.remainingMs).toBe(60_000);
  });

  it("gives a joiner, and everyone else with it, the time left at the moment it joins", async () => {
    const { host, all } = await timedTable();
    h.scheduler.advance(20_000);
    const turkiye = await Player.join(h, host.code, { name: "Tur", seat: "turkiye" });
    await synced(h, [...all, turkiye]);
    expect(turkiye.state.timer.remainingMs).toBe(40_000);
    for (const p of all) expect(p.state.timer.remainingMs, p.name).toBe(40_000);
    // A pause writes the time left, frozen; a resume and an extension write it again.
    h.scheduler.advance(10_000);
    expectOk(await host.command({ type: "pause" }));
    await synced(h, [...all, turkiye]);
    expect(turkiye.state.timer.remainingMs).toBe(30_000);
    // An extension while paused adds to the frozen figure.
    expectOk(await host.command({ type: "extend", seconds: 5 }));
    await synced(h, [...all, turkiye]);
    expect(turkiye.state.timer.remainingMs).toBe(35_000);
    expectOk(await host.command({ type: "resume" }));
    h.scheduler.advance(1_000);
    expectOk(await host.command({ type: "extend", seconds: 15 }));
    await synced(h, [...all, turkiye]);
    expect(turkiye.state.timer.remainingMs).toBe(49_000);
    expect(turkiye.state.timer.endsAt).toBe(h.scheduler.now() + 49_000);
  });
});
