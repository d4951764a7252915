// The pure parts of classroom sessions: rolling a log back to the start of a week (shared/rollback.ts)
// and seating students (server/classroom/assign.ts).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import { replay } from "../../shared/apply.ts";
import { lastRoundStart } from "../../shared/rollback.ts";
import { chooseSeat, emptyCounts } from "../../server/classroom/assign.ts";
import { scenario, Table } from "../helpers/game.ts";

const readyAll = PARTY_IDS.map((p) => ({ type: "ready", by: p }));
const decideAll = PARTY_IDS.map((p) => ({ type: "decide", by: p, decision: {} }));

describe("lastRoundStart", () => {
  it("is refused before the game has begun, and at the very start of week one", () => {
    expect(lastRoundStart(scenario, { scenarioId: scenario.id, options: { seed: 3 }, actions: [] }).ok).toBe(false);
    const t = Table.begin({ seed: 3 });
    const r = lastRoundStart(scenario, { scenarioId: scenario.id, options: { seed: 3 }, actions: t.log });
    expect(r.ok).toBe(false);
  });

  it("goes back to the start of the current week, or of the week before when nothing has happened yet", () => {
    const t = Table.begin({ seed: 5 }).play(...readyAll, ...decideAll);
    const startOfWeek2 = t.log.length;
    const atStart = t.state;
    t.play({ type: "statement", by: "qatar", text: "hello" }, { type: "ready", by: "israel" });
    const log = { scenarioId: scenario.id, options: { seed: 5 }, actions: t.log };
    const back = lastRoundStart(scenario, log);
    expect(back.ok && [back.value.round, back.value.length]).toEqual([2, startOfWeek2]);
    if (back.ok) expect(back.value.state).toEqual(atStart);
    const again = lastRoundStart(scenario, { ...log, actions: t.log.slice(0, startOfWeek2) });
    expect(again.ok && [again.value.round, again.value.length]).toEqual([1, 1]);
  });

  it("always lands on a prefix whose replay is a week's first moment", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 8 }), (seed, weeks, extra) => {
        const t = Table.begin({ seed });
        for (let w = 0; w < weeks && t.state.stage !== "ended"; w++) t.play(...readyAll, ...decideAll);
        for (let i = 0; i < extra && t.state.stage === "negotiation"; i++) t.play({ type: "statement", by: PARTY_IDS[i % 6]!, text: `s${i}` });
        const log = { scenarioId: scenario.id, options: { seed }, actions: t.log };
        const back = lastRoundStart(scenario, log);
        if (!back.ok) return;
        const replayed = replay(scenario, { ...log, actions: t.log.slice(0, back.value.length) });
        expect(replayed.ok && replayed.value).toEqual(back.value.state);
        expect(back.value.state.stage).toBe("negotiation");
        expect(back.value.state.messages.filter((m) => m.round === back.value.round)).toEqual([]);
        expect(back.value.length).toBeLessThan(t.log.length);
      }),
      { numRuns: 40 },
    );
  });
});

describe("chooseSeat", () => {
  it("keeps tables and teams balanced as students arrive, whatever they prefer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.option(fc.constantFrom(...PARTY_IDS), { nil: null }), { maxLength: 80 }), fc.boolean(), (tables, teamSize, prefs, against) => {
        const counts = emptyCounts(tables);
        let seated = 0;
        for (const p of prefs) {
          const seat = chooseSeat(counts, teamSize, p as PartyId | null, against);
          if (seated >= tables * 6 * teamSize) {
            expect(seat).toBeNull();
            continue;
          }
          expect(seat).not.toBeNull();
          counts[seat!.table]![seat!.party]++;
          seated++;
          const totals = counts.map((row) => PARTY_IDS.reduce((n, q) => n + row[q], 0));
          expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
          for (const row of counts) expect(Math.max(...PARTY_IDS.map((q) => row[q])) - Math.min(...PARTY_IDS.map((q) => row[q]))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
