// Warnings at review: a decision that crosses the party's own red line, a promise the rules cannot
// deliver in full, a promise broken, and what the week would cost the party at home.
import { describe, expect, it } from "vitest";
import { emptyDecision, stateFromView, viewFor, type Decision } from "../../shared/index.ts";
import { decisionWarnings, forecastPressure } from "../../shared/decision-warnings.ts";
import { give, phaseTwo, scenario, Table } from "../helpers/game.ts";

const decision = (d: Partial<Decision>): Decision => ({ ...emptyDecision(), ...d });

/** Week 1 in decisions: Israel promised to withdraw (its red line while hostages are held) for two hostages. */
function israelPromisedWithdrawal() {
  const t = Table.begin({ seed: 5 });
  const id = t.deal("israel", ["hamas"], [give("israel", "withdraw", 10), give("hamas", "release_hostages", 2)]);
  t.readyAll();
  const promise = t.commitmentsOf(id).find((c) => c.party === "israel")!;
  return { t, promise };
}

describe("warnings at review", () => {
  it("say nothing outside the decisions stage", () => {
    const t = Table.begin({ seed: 5 });
    expect(decisionWarnings(scenario, t.state, "israel", emptyDecision())).toEqual([]);
  });

  it("flag a promise whose honouring crosses the party's own red line, quoting it", () => {
    const { t } = israelPromisedWithdrawal();
    const warnings = decisionWarnings(scenario, t.state, "israel", emptyDecision());
    const red = warnings.filter((w) => w.kind === "red_line");
    expect(red).toHaveLength(1);
    const line = scenario.parties.israel.redLines.find((l) => l.term === "withdraw")!.text;
    expect(red[0]!.text).toContain(line);
    expect(red[0]!.text).toContain("withdraw from 10% of the strip");
    // Hamas, who made no such promise, is warned of nothing of the kind.
    expect(decisionWarnings(scenario, t.state, "hamas", emptyDecision()).filter((w) => w.kind === "red_line")).toEqual([]);
  });

  it("flag a broken promise with whom it is broken, instead of its red line", () => {
    const { t, promise } = israelPromisedWithdrawal();
    const warnings = decisionWarnings(scenario, t.state, "israel", decision({ breaks: [promise.id] }));
    expect(warnings.map((w) => w.kind)).not.toContain("red_line");
    const broken = warnings.find((w) => w.kind === "broken_promise")!;
    expect(broken.text).toBe("Breaking your promise to withdraw from 10% of the strip costs you the trust of Hamas and shakes the ceasefire.");
  });

  it("flag a promise the rules will deliver only in part, and not one they deliver in full", () => {
    // Contributors hold back troops without a roadmap and broad backing: a pledge arrives in part.
    const t = phaseTwo({ seed: 8 });
    t.deal("turkiye", ["board_of_peace"], [give("turkiye", "pledge_troops", 1000), give("board_of_peace", "fund_reconstruction", 2)]);
    t.readyAll();
    const shortfall = decisionWarnings(scenario, t.state, "turkiye", emptyDecision()).filter((w) => w.kind === "shortfall");
    expect(shortfall).toHaveLength(1);
    expect(shortfall[0]!.text).toMatch(/^Your promise to pledge 1,000 troops to the ISF can deliver only \d[\d,]* troops this week; the Board will count it as partly kept/);

    // Remains promised within those located are handed over in full: nothing to flag.
    const fits = Table.begin({ seed: 8 });
    const located = fits.tracks.remainsLocated;
    expect(located).toBeGreaterThan(0);
    fits.deal("qatar", ["hamas"], [give("qatar", "host_talks"), give("hamas", "return_remains", located)]);
    fits.readyAll();
    expect(decisionWarnings(scenario, fits.state, "hamas", emptyDecision()).filter((w) => w.kind === "shortfall")).toEqual([]);
  });

  it("forecast a cost at home when the decision's own step crosses a red line", () => {
    const t = phaseTwo({ seed: 2 });
    t.readyAll();
    expect(t.state.tracks.multilateralBacking).toBeLessThan(60);
    const pledge = decision({ pledge: 1000 });
    const f = forecastPressure(scenario, t.state, "mediators", pledge);
    expect(f.withDecision).toBeGreaterThan(f.withDefault);
    const kinds = decisionWarnings(scenario, t.state, "mediators", pledge).map((w) => w.kind);
    expect(kinds).toContain("red_line");
    expect(kinds).toContain("domestic_cost");
    // The default decision costs nothing extra against itself.
    expect(decisionWarnings(scenario, t.state, "mediators", emptyDecision()).map((w) => w.kind)).not.toContain("domestic_cost");
  });

  it("give a seat the same warnings from its own view as from the full state, and leave the state untouched", () => {
    const { t, promise } = israelPromisedWithdrawal();
    const before = JSON.stringify(t.state);
    for (const d of [emptyDecision(), decision({ breaks: [promise.id] }), decision({ moves: ["israel_heavy_strikes"] })]) {
      const fromView = decisionWarnings(scenario, stateFromView(viewFor(scenario, t.state, "israel")), "israel", d);
      const fromState = decisionWarnings(scenario, t.state, "israel", d);
      const kinds = (ws: typeof fromView) => ws.filter((w) => w.kind !== "domestic_cost");
      expect(kinds(fromView)).toEqual(kinds(fromState));
    }
    expect(JSON.stringify(t.state)).toBe(before);
  });
});
