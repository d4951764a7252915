// A classroom session's event deck (shared/session-deck.ts) and rolling back several weeks at once
// (shared/rollback.ts): the deck is the same for the same session whatever the tables do, an
// injected card never moves a later week's card, and a rollback lands where the teacher asked.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PARTY_IDS } from "../../shared/ids.ts";
import { createGame } from "../../shared/setup.ts";
import { dealSessionDeck } from "../../shared/session-deck.ts";
import { rollbackPoint } from "../../shared/rollback.ts";
import { LINE_INCIDENT_CARD } from "../../shared/line-incident.ts";
import { scenario, Table } from "../helpers/game.ts";

const readyAll = PARTY_IDS.map((p) => ({ type: "ready", by: p }));
const decideAll = PARTY_IDS.map((p) => ({ type: "decide", by: p, decision: {} }));
const calmMoves = { israel: { moves: ["israel_restraint"] }, hamas: { moves: ["hamas_comply"] } };
const strikes = { israel: { moves: ["israel_heavy_strikes"] }, hamas: { moves: ["hamas_spoilers"] } };
const decideWith = (moves: Record<string, unknown>) => PARTY_IDS.map((p) => ({ type: "decide", by: p, decision: moves[p] ?? {} }));

const deal = (seed: number, weeks: number) => {
  const d = dealSessionDeck(scenario, seed, weeks);
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
};
/** The cards each resolved week brought, in order; an incident at the line is the table's own roll (line-incident.ts), not the deck's. */
const cardsByWeek = (t: Table) => t.state.history.map((r) => r.eventIds.filter((id) => id !== LINE_INCIDENT_CARD));

describe("dealing a session's deck", () => {
  it("deals one card per week, never the same card twice, each one allowed in its week", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 6, max: 12 }), (seed, weeks) => {
        const deck = deal(seed, weeks);
        expect(deck).toHaveLength(weeks);
        const cards = deck.filter((id) => id !== "");
        expect(new Set(cards).size).toBe(cards.length);
        for (const [i, id] of deck.entries()) {
          const card = scenario.events.find((e) => e.id === id);
          if (card?.minRound !== undefined) expect(card.minRound).toBeLessThanOrEqual(i + 1);
        }
        expect(deal(seed, weeks)).toEqual(deck);
      }),
      { numRuns: 60 },
    );
  });

  it("differs between sessions (seeds)", () => {
    const decks = new Set([1, 2, 3, 4, 5, 6].map((seed) => deal(seed, 8).join(",")));
    expect(decks.size).toBeGreaterThan(1);
  });

  it("refuses a deck with an unknown card or too few weeks, naming the field", () => {
    const unknown = createGame(scenario, { seed: 1, rounds: 6, deck: ["ev_nothing", "", "", "", "", ""] });
    expect(!unknown.ok && unknown.error.field).toBe("deck.0");
    const short = createGame(scenario, { seed: 1, rounds: 8, deck: deal(1, 6) });
    expect(!short.ok && short.error.field).toBe("deck");
  });
});

describe("a table playing the session's deck", () => {
  it("meets the deck's card every week however differently it plays, and an injection shifts nothing", () => {
    const deck = deal(42, 6);
    const calm = Table.begin({ seed: 42, rounds: 6, deck });
    const rough = Table.begin({ seed: 42, rounds: 6, deck });
    const injected = scenario.events.find((e) => !deck.includes(e.id))!.id;
    for (let week = 1; week <= 6; week++) {
      // Calm: the first exchange in week 1, then restraint on both sides (a table that does
      // nothing at all no longer gets the exchange-day card for free, and may collapse).
      if (week === 1) calm.play({ type: "propose", by: "israel", to: ["hamas"], obligations: [{ party: "israel", term: { kind: "release_detainees", amount: 1950 } }, { party: "hamas", term: { kind: "release_hostages", amount: 20 } }], note: "" }, { type: "accept", by: "hamas", offerId: calm.state.nextId });
      calm.play(...readyAll, ...decideWith(calmMoves));
      if (week === 2) rough.play({ type: "inject", by: "facilitator", eventId: injected });
      if (rough.state.stage !== "ended") rough.play(...readyAll, ...decideWith(strikes));
    }
    const expected = deck.map((id) => (id === "" ? [] : [id]));
    expect(cardsByWeek(calm)).toEqual(expected);
    const roughWeeks = cardsByWeek(rough);
    // A table that collapsed early played fewer weeks; each week it did play had the deck's card.
    for (const [i, cards] of roughWeeks.entries()) expect(cards).toEqual(i === 1 ? [...expected[i]!, injected] : expected[i]);
  });

  it("a table without a deck draws from its own state, as before", () => {
    const t = Table.begin({ seed: 42, rounds: 6 });
    expect(t.state.config.deck).toBeUndefined();
    expect(t.state.roundEvents.length).toBeLessThanOrEqual(1);
  });
});

describe("rolling back several weeks at once", () => {
  const played = (weeks: number, extra = true) => {
    const t = Table.begin({ seed: 9, rounds: 8 });
    const starts = [t.log.length];
    // Quiet weeks (restraint on both sides), so that the table is still playing in the week asked for.
    for (let w = 1; w < weeks; w++) {
      t.play(...readyAll, ...decideWith(calmMoves));
      starts.push(t.log.length);
    }
    if (extra) t.play({ type: "statement", by: "qatar", text: "hello" });
    return { t, starts, log: { scenarioId: scenario.id, options: { seed: 9, rounds: 8 }, actions: t.log } };
  };

  it("N weeks back from the middle of week W is the start of week W − N + 1", () => {
    const { starts, log } = played(4);
    for (const [weeks, week] of [[1, 4], [2, 3], [3, 2], [4, 1]] as const) {
      const r = rollbackPoint(scenario, log, { weeks });
      expect(r.ok && [r.value.round, r.value.length]).toEqual([week, starts[week - 1]]);
    }
  });

  it("counts from the week before when the table stands at a week's start", () => {
    const { starts, log } = played(4, false);
    const r = rollbackPoint(scenario, log, { weeks: 2 });
    expect(r.ok && [r.value.round, r.value.length]).toEqual([2, starts[1]]);
  });

  it("goes to the start of week K, with the state that week had", () => {
    const { t, starts, log } = played(5);
    const atWeek2 = new Table({ seed: 9, rounds: 8 });
    for (const a of t.log.slice(0, starts[1])) atWeek2.play(a as never);
    const r = rollbackPoint(scenario, log, { toWeek: 2 });
    expect(r.ok && r.value.state).toEqual(atWeek2.state);
  });

  it("refuses going back past week one, to a week not reached, or when nothing would change", () => {
    const { log } = played(3);
    for (const target of [{ weeks: 4 }, { weeks: 0 }, { toWeek: 4 }, { toWeek: 0 }]) {
      const r = rollbackPoint(scenario, log, target);
      expect(r.ok, JSON.stringify(target)).toBe(false);
    }
    const atStart = played(3, false);
    expect(rollbackPoint(scenario, atStart.log, { toWeek: 3 }).ok).toBe(false);
  });
});
