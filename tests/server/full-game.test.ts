// Whole games through the server, from the first round to the outcome: six people, two people and
// four bots, and a solo game. At the end the server's state must be the replay of its own log, and
// every client must see the outcome.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import { replay } from "../../shared/apply.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { stateFromView } from "../../shared/view-state.ts";
import { candidateTerms } from "../../shared/policies/index.ts";
import { expectOk, Player, synced, until, useHarness } from "./harness.ts";

const scenario = defaultScenario();
const h = useHarness();

/** A person's simple play: one give-for-want offer a week to a neighbour, accept what comes, keep every promise. */
async function playWeek(players: Player[], proposerIndex: number): Promise<void> {
  const proposer = players[proposerIndex % players.length]!;
  const view = proposer.myView!;
  if (view.stage === "negotiation") {
    const to = PARTY_IDS[(PARTY_IDS.indexOf(proposer.party) + 1) % PARTY_IDS.length]!;
    const state = stateFromView(view);
    const give = candidateTerms(scenario, state, proposer.party)[0];
    const want = candidateTerms(scenario, state, to)[0];
    if (give && want && players.some((p) => p.party === to)) {
      const reply = await proposer.intent({ type: "propose", to: [to], obligations: [{ party: proposer.party, term: give }, { party: to, term: want }], note: "a fair trade" });
      if (reply.ok) {
        const recipient = players.find((p) => p.party === to)!;
        const offer = recipient.myView!.offers.find((o) => o.status === "open" && o.recipients.includes(to));
        if (offer) expectOk(await recipient.intent({ type: "accept", offerId: offer.id }));
      }
    }
    for (const p of players) if (!p.publicView.ready.includes(p.party) && p.publicView.stage === "negotiation") expectOk(await p.intent({ type: "ready" }));
  } else if (view.stage === "decisions") {
    for (const p of players) if (p.state.seats.get(p.party).submittedBy === "" && p.publicView.stage === "decisions") expectOk(await p.intent({ type: "decide", decision: {} }));
  }
}

function checkEngineAgainstLog(code: string): void {
  const session = h.table(code).session;
  const replayed = replay(scenario, session.pipeline.log);
  expect(replayed.ok).toBe(true);
  if (replayed.ok) expect(replayed.value).toEqual(session.pipeline.state);
}

describe("whole games", () => {
  it("six people play from the first round to the outcome", async () => {
    const host = await Player.create(h, { name: "Host", seat: "mediators", rounds: 6 });
    await host.ready();
    const others: Player[] = [];
    for (const party of PARTY_IDS.slice(1)) others.push(await Player.join(h, host.code, { name: `P-${party}`, seat: party }));
    const players = [host, ...others];
    expect(players.map((p) => p.party)).toEqual([...PARTY_IDS]);
    for (const party of PARTY_IDS) expect(host.state.seats.get(party).bot).toBe(false);

    expectOk(await host.command({ type: "begin" }));
    await until(h, "negotiation", () => players.every((p) => p.publicView.stage === "negotiation"));
    for (let week = 0; week < 40 && host.publicView.stage !== "ended"; week++) {
      await playWeek(players, week);
      await synced(h, players);
    }
    await until(null, "the end", () => players.every((p) => p.publicView.stage === "ended"));
    expect(host.publicView.outcome).not.toBeNull();
    expect(host.publicView.history.length).toBeGreaterThan(0);
    checkEngineAgainstLog(host.code);
    const session = h.table(host.code).session;
    // The synced state holds the window of now (shared/view-window.ts); a longer game leaves its earlier news to the record.
    expect(host.publicView).toEqual(JSON.parse(JSON.stringify(windowView(viewFor(scenario, session.pipeline.state, "spectator")))));
  });

  it("two people and four bots play to the outcome", async () => {
    const host = await Player.create(h, { name: "Ana", seat: "israel", rounds: 6 });
    await host.ready();
    const guest = await Player.join(h, host.code, { name: "Ben", seat: "any" });
    expect(guest.seat).toBe("mediators");
    const bots: PartyId[] = PARTY_IDS.filter((p) => p !== "israel" && p !== "mediators");
    await until(null, "bots shown", () => bots.every((p) => host.state.seats.get(p).bot === true));

    expectOk(await host.command({ type: "begin" }));
    const people = [host, guest];
    for (let step = 0; step < 400 && host.publicView.stage !== "ended"; step++) {
      const view = host.publicView;
      for (const p of people) {
        if (view.stage === "negotiation" && !view.ready.includes(p.party)) await p.intent({ type: "ready" });
        if (view.stage === "decisions" && p.state.seats.get(p.party).submittedBy === "") await p.intent({ type: "decide", decision: {} });
      }
      // Let the bots take their turns (never the 4-minute timer: small steps, and people act first).
      h.scheduler.advance(150);
      await synced(h, people);
    }
    expect(host.publicView.stage).toBe("ended");
    expect(host.publicView.outcome).not.toBeNull();
    // Bots acted through the log like anyone: proposals or answers from bot seats are in it.
    const log = h.table(host.code).session.pipeline.log.actions;
    expect(log.some((a) => bots.includes(a.by as PartyId) && a.type === "decide")).toBe(true);
    checkEngineAgainstLog(host.code);
  });

  it("a solo game begins at once, runs untimed, and ends when the person plays it out", async () => {
    const me = await Player.create(h, { name: "Solo", seat: "hamas", solo: true, difficulty: "easy", rounds: 6 });
    await me.ready();
    await until(null, "the game has begun", () => me.publicView.stage === "negotiation");
    expect(me.state.timer.endsAt).toBe(0);
    for (const p of PARTY_IDS) expect(me.state.seats.get(p).bot).toBe(p !== "hamas");

    // The bots answer what the person offers them.
    const terms = candidateTerms(scenario, stateFromView(me.myView!), "hamas");
    const wants = candidateTerms(scenario, stateFromView(me.myView!), "qatar");
    expectOk(await me.intent({ type: "propose", to: ["qatar"], obligations: [{ party: "hamas", term: terms[0]! }, { party: "qatar", term: wants[0]! }] }));
    await until(h, "Qatar's bot answers", () => me.myView!.offers.some((o) => o.proposer === "hamas" && (o.acceptedBy.includes("qatar") || o.status !== "open")), 200);

    for (let step = 0; step < 400 && me.publicView.stage !== "ended"; step++) {
      const view = me.publicView;
      // Untimed: however long the clock runs, negotiation waits for the person to say they are done.
      if (view.stage === "negotiation") {
        h.scheduler.advance(10 * 60_000);
        await until(null, "bots settle", () => me.publicView.ready.length >= 5 || me.publicView.stage !== "negotiation");
        if (me.publicView.stage === "negotiation") {
          expect(me.publicView.ready).not.toContain("hamas");
          const mine = me.myView!.offers.find((o) => o.status === "open" && o.recipients.includes("hamas") && !o.acceptedBy.includes("hamas"));
          if (mine) await me.intent({ type: "accept", offerId: mine.id });
          expectOk(await me.intent({ type: "ready" }));
        }
      } else if (view.stage === "decisions") {
        if (me.state.seats.get("hamas").submittedBy === "") expectOk(await me.intent({ type: "decide", decision: {} }));
        h.scheduler.advance(1000);
      }
      await synced(h, [me]);
      await until(h, "the week moves on", () => me.publicView.stage !== view.stage || me.publicView.round !== view.round || me.publicView.stage === "ended", 200);
    }
    expect(me.publicView.stage).toBe("ended");
    expect(me.publicView.outcome).not.toBeNull();
    checkEngineAgainstLog(me.code);
  });
});
