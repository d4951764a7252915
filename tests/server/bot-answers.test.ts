// Every offer to a bot gets an answer — accept, counter or reject with a reason — at the server's
// bot pace, however many a person may send; a bot whose chosen answer the rules refuse turns the
// offer down instead of going silent. The driver is run on a manual clock against the real rules.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, apply, createGame, defaultScenario, type Action, type GameState, type PartyId, type PartyIntentInput, type Policy } from "../../shared/index.ts";
import { FALLBACK_REASON } from "../../shared/bots/reasons.ts";
import { MAX_OPEN_OFFERS } from "../../shared/offer-cap.ts";
import { NEW_OFFERS_PER_WEEK, newOffersLeft } from "../../shared/offer-allowance.ts";
import { defaultDecision } from "../../shared/decisions.ts";
import { BotDriver, policiesFor } from "../../server/bot-driver.ts";
import type { Scheduler } from "../../server/table-clock.ts";

const scenario = defaultScenario();
const BOT_DELAY_MS = 700;
/** Weeks of offers the first test plays through. */
const WEEKS = 4;

/** A clock that only moves when told to, running due timers in order. */
class ManualClock implements Scheduler {
  time = 0;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now() {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number) {
    const timer = { at: this.time + ms, fn, live: true };
    this.timers.push(timer);
    return { cancel: () => void (timer.live = false) };
  }
  /** Runs timers until none is due before `until`. */
  runUntil(until: number) {
    for (;;) {
      const next = this.timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.live = false;
      this.time = next.at;
      next.fn();
    }
    this.time = until;
  }
}

/** A table where Hamas is a person and everyone else a bot. */
function table(policies?: Record<PartyId, Policy>) {
  const created = createGame(scenario, { seed: 4 });
  if (!created.ok) throw new Error("setup failed");
  let state: GameState = created.value;
  const play = (action: Action) => {
    const next = apply(scenario, state, action);
    if (next.ok) state = next.value;
    return next;
  };
  play({ type: "begin", by: "system" });
  const clock = new ManualClock();
  const driver: BotDriver = new BotDriver(
    {
      scenario,
      state: () => state,
      isBot: (p) => p !== "hamas",
      paused: () => false,
      anyoneHere: () => true,
      hasSubmitted: (p) => state.parties[p].decision !== null,
      submit: (party, intent) => {
        const ok = play({ ...intent, by: party } as Action).ok;
        if (ok) driver.schedule();
        return ok;
      },
    },
    { scheduler: clock, delayMs: BOT_DELAY_MS, difficulty: "normal", seed: 4, ...(policies ? { policies } : {}) },
  );
  return { clock, driver, play, state: () => state };
}

// Packages a person might put to Israel, over and over: hostages for detainees, for crossings, or
// for a withdrawal (which Israel's red line turns down while hostages are held).
const packages = Array.from({ length: 40 }, (_, i) => {
  const n = 1 + (i % 2);
  const hamas = { party: "hamas" as const, term: { kind: "release_hostages" as const, amount: n } };
  if (i % 6 === 0) return [hamas, { party: "israel" as const, term: { kind: "release_detainees" as const, amount: 50 * n } }];
  if (i % 6 === 3) return [hamas, { party: "israel" as const, term: { kind: "open_crossings" as const, amount: 300 + 50 * (i % 6) } }];
  return [hamas, { party: "israel" as const, term: { kind: "withdraw" as const, amount: 10 + 5 * (i % 4) } }];
});

describe("bots answer every offer", () => {
  it("answers each of many offers within a few seconds, while negotiation is still open", () => {
    const t = table();
    t.driver.schedule();
    let sent = 0;
    const answeredAfter: number[] = [];
    const sentAt = new Map<number, number>();
    const queue = [...packages];
    // Several weeks: a person puts forward as many new packages a week as the rules allow, and the
    // bots must answer every one before the person says it is done.
    for (let week = 1; week <= WEEKS; week++) {
      expect(t.state().stage).toBe("negotiation");
      const mine = () => t.state().offers.filter((o) => sentAt.has(o.id) && o.round === t.state().round);
      while (queue.length > 0 && newOffersLeft(t.state(), "hamas") > 0) {
        // The person keeps the book full: a new package whenever a slot is free.
        while (t.state().offers.filter((o) => o.proposer === "hamas" && o.status === "open").length >= MAX_OPEN_OFFERS) {
          const before = t.clock.time;
          t.clock.runUntil(before + 250);
          for (const o of t.state().offers) if (sentAt.has(o.id) && o.status !== "open" && !answeredAfter[o.id]) answeredAfter[o.id] = t.clock.time - sentAt.get(o.id)!;
        }
        const id = t.state().nextId;
        const r = t.play({ type: "propose", by: "hamas", to: ["israel"], obligations: queue.shift()!, note: "" });
        if (!r.ok) continue; // a package that is no longer legal (say, amounts already promised) is simply not sent
        sent++;
        sentAt.set(id, t.clock.time);
        t.driver.schedule();
      }
      for (let waited = 0; waited < 60_000 && mine().some((o) => o.status === "open"); waited += 250) {
        t.clock.runUntil(t.clock.time + 250);
        for (const o of t.state().offers) if (sentAt.has(o.id) && o.status !== "open" && !answeredAfter[o.id]) answeredAfter[o.id] = t.clock.time - sentAt.get(o.id)!;
      }
      // The person has not said it is done: the week is still open, yet nothing awaits Israel.
      expect(t.state().stage).toBe("negotiation");
      for (const o of mine()) {
        expect(o.status, `offer ${o.id}`).not.toBe("open");
        expect(["accepted", "rejected", "countered", "expired"]).toContain(o.status);
        // A rejection always carries a reason in words.
        if (o.status === "rejected") expect(o.reason.length).toBeGreaterThan(20);
      }
      // On to the next week: the person says it is done and decides; the bots follow.
      expect(t.play({ type: "ready", by: "hamas" }).ok).toBe(true);
      t.driver.schedule();
      t.clock.runUntil(t.clock.time + 60_000);
      expect(t.play({ type: "decide", by: "hamas", decision: defaultDecision() }).ok).toBe(true);
      t.driver.schedule();
      t.clock.runUntil(t.clock.time + 60_000);
    }
    expect(sent).toBeGreaterThanOrEqual(WEEKS * NEW_OFFERS_PER_WEEK - 2);
    // Offers are answered one at a time at the bot's pace: with five waiting, the last waits about
    // five bot turns, never the whole week.
    const waits = [...sentAt.keys()].map((id) => answeredAfter[id] ?? 0);
    expect(Math.max(...waits)).toBeLessThanOrEqual((MAX_OPEN_OFFERS + 2) * BOT_DELAY_MS * 1.25);
  });

  it("a bot whose answer the rules refuse turns the offer down with a reason, once", () => {
    // Israel's policy insists on a counter the rules refuse (a term for the very same term).
    const normal = policiesFor("normal", 4);
    let asked = 0;
    let id = -1;
    const stubborn: Policy = {
      ...normal.israel,
      name: "stubborn",
      negotiate(ctx) {
        const offer = ctx.state.offers.find((o) => o.status === "open" && o.recipients.includes("israel"));
        if (!offer) return { type: "ready" };
        if (offer.id === id) asked++;
        const intent: PartyIntentInput = { type: "counter", offerId: offer.id, keep: [0], add: [{ party: "israel", term: { kind: "release_hostages", amount: 2 } }], note: "" };
        return intent;
      },
    };
    const t = table({ ...normal, israel: stubborn });
    id = t.state().nextId;
    expect(t.play({ type: "propose", by: "hamas", to: ["israel"], obligations: packages[0]!, note: "" }).ok).toBe(true);
    t.driver.schedule();
    t.clock.runUntil(10_000);
    const offer = t.state().offers.find((o) => o.id === id)!;
    expect(offer.status).toBe("rejected");
    expect(offer.closedBy).toBe("israel");
    expect(offer.reason).toBe(FALLBACK_REASON);
    expect(asked).toBe(1);
    for (const p of PARTY_IDS) if (p !== "hamas") expect(t.state().parties[p].ready).toBe(true);
  });
});
