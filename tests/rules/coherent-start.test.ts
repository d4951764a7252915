// One coherent start: the game begins as the ceasefire takes effect (10 October 2025), with the
// Israeli army at the first withdrawal line and the first exchange still to be made. Every briefing,
// the starting state, the event deck and the sources must tell that same story.
import { describe, expect, it } from "vitest";
import { apply, createGame, defaultScenario, eligibleEvents, PARTY_IDS, type GameState } from "../../shared/index.ts";

const scenario = defaultScenario();

function start(seed = 1): GameState {
  const created = createGame(scenario, { seed });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

const briefingText = (p: (typeof PARTY_IDS)[number]) => {
  const b = scenario.parties[p].briefing;
  return [b.situation, ...b.wants, ...b.leverage].join(" ");
};

/** Numbers as written in prose: "1,950" → 1950. */
const numbersIn = (text: string) => [...text.matchAll(/\d[\d,]*/g)].map((m) => Number(m[0].replaceAll(",", "")));

describe("the starting state is the day the ceasefire takes effect", () => {
  const s = start();
  const t = scenario.tracks;

  it("the first exchange is still to be made: no hostage, detainee or remains returned yet", () => {
    expect(s.tracks.hostagesReleased).toBe(0);
    expect(s.tracks.detaineesReleased).toBe(0);
    expect(s.tracks.remainsReturned).toBe(0);
    expect(s.tracks.palestinianRemainsReturned).toBe(0);
    expect(t.hostagesReleased.max).toBe(20);
    expect(t.detaineesReleased.max).toBe(1950);
    expect(t.remainsReturned.max).toBe(28);
    expect(scenario.weights.palestinianRemainsPerIsraeli).toBe(15);
  });

  it("the army stands at the first withdrawal line, about half the strip; aid is far below the target", () => {
    expect(s.tracks.israeliControl).toBe(50);
    expect(s.tracks.aidTrucks).toBeLessThan(scenario.weights.aidTarget / 2);
    expect(scenario.weights.aidTarget).toBe(600);
    expect(s.phase).toBe(1);
  });
});

describe("every briefing agrees with the starting state", () => {
  for (const p of PARTY_IDS) {
    const text = briefingText(p);

    it(`${p}: nothing in it says the exchange has already happened`, () => {
      expect(text).not.toMatch(/(living (hostages )?have (now )?(returned|come home|been (released|freed))|you have released|released the living hostages|hostages (are|were) (already )?home)/i);
    });

    it(`${p}: every figure it gives matches the scenario`, () => {
      // The figures a briefing may state, each tied to where the game holds it.
      const facts = new Set<number>([
        scenario.tracks.hostagesReleased.max, // 20 living hostages
        scenario.tracks.detaineesReleased.max, // 1,950 detainees
        scenario.tracks.remainsReturned.max, // 28 deceased hostages
        scenario.weights.palestinianRemainsPerIsraeli, // 15 Palestinian remains for each
        72, // hours after the pullback (source remains_72h)
        10, // 10 October, the day the ceasefire took effect (source ceasefire_start)
        scenario.tracks.usTroops.start, // around 200 US troops at the coordination centre
        scenario.weights.aidTarget, // 600 trucks a day
      ]);
      for (const n of numbersIn(text)) expect(facts.has(n), `${p} briefing mentions ${n}`).toBe(true);
    });
  }

  it("the parties to the exchange each describe it as the step still to come, with its numbers", () => {
    for (const p of ["mediators", "israel", "hamas"] as const) {
      const text = briefingText(p);
      for (const figure of ["20 living hostages", "1,950", "28", "72 hours", "10 October", "half of the strip"]) expect(text, `${p}: ${figure}`).toContain(figure);
    }
    expect(briefingText("israel")).toContain("15 Palestinians");
    expect(briefingText("hamas")).toContain("15 Palestinians");
  });
});

describe("the event deck presupposes nothing that has not happened", () => {
  it("in week 1 no card tells of an exchange, a handover or an aid cut that follows it", () => {
    for (const seed of [1, 2, 3]) {
      const begun = apply(scenario, start(seed), { type: "begin", by: "system" });
      if (!begun.ok) throw new Error(begun.error.message);
      const week1 = eligibleEvents(scenario, { ...begun.value, round: 1 });
      for (const e of week1) {
        expect(`${e.id}: ${e.text}`).not.toMatch(/(freed hostages|released detainees|handed to the Red Cross|window .* has passed|restricted over remains|linking the step to the slow return)/i);
      }
      expect(week1.map((e) => e.id)).not.toContain("ev_exchange_day");
      expect(week1.map((e) => e.id)).not.toContain("ev_remains_handover");
    }
  });

  it("the exchange-day card can come once hostages have been freed", () => {
    const s = start();
    const after = { ...s, round: 2, tracks: { ...s.tracks, hostagesReleased: 20, detaineesReleased: 1950 } };
    expect(eligibleEvents(scenario, after).map((e) => e.id)).toContain("ev_exchange_day");
  });

  it("every card and every track's start cites a source that exists", () => {
    const ids = new Set(scenario.sources.map((x) => x.id));
    for (const e of scenario.events) expect(ids.has(e.source), e.id).toBe(true);
    for (const [key, track] of Object.entries(scenario.tracks)) expect(ids.has(track.source ?? ""), key).toBe(true);
    expect(ids.has("ceasefire_start")).toBe(true);
  });
});
