// A party may put forward only a few new packages a week, person or bot alike: one more is refused
// with a plain message and changes nothing; answering, countering and withdrawing stay open; the
// allowance comes back the next week; and a log replays to the same table.
import { describe, expect, it } from "vitest";
import { NEW_OFFERS_PER_WEEK, newOffersLeft } from "../../shared/offer-allowance.ts";
import { replay } from "../../shared/apply.ts";
import { give, json, scenario, Table } from "../helpers/game.ts";

// Distinct packages Hamas can put to Israel, one per new offer of a week and one more.
const packages = [5, 6, 7, 8, 9].map((n) => [give("hamas", "release_hostages", n), give("israel", "release_detainees", 50 * n)]);
const oneTooMany = (t: Table) => t.refuse({ type: "propose", by: "hamas", to: ["israel"], obligations: packages[NEW_OFFERS_PER_WEEK]!, note: "" }, "no_offers_left");

/** Hamas uses its whole allowance on offers to Israel; returns their ids. */
function useAllowance(t: Table): number[] {
  return packages.slice(0, NEW_OFFERS_PER_WEEK).map((p) => t.propose("hamas", ["israel"], p));
}

describe("the weekly allowance of new offers", () => {
  it("refuses a new offer beyond the allowance with a message that says what is still possible, and changes nothing", () => {
    const t = Table.begin();
    expect(newOffersLeft(t.state, "hamas")).toBe(NEW_OFFERS_PER_WEEK);
    useAllowance(t);
    expect(newOffersLeft(t.state, "hamas")).toBe(0);
    const error = oneTooMany(t);
    expect(error.message).toContain(`${NEW_OFFERS_PER_WEEK} new offers this week`);
    expect(error.message).toMatch(/answer, counter and withdraw/);
    expect(error.message).toMatch(/next week/);
    // Another party's allowance is its own.
    expect(newOffersLeft(t.state, "israel")).toBe(NEW_OFFERS_PER_WEEK);
    t.propose("israel", ["hamas"], [give("israel", "open_crossings", 600), give("hamas", "release_hostages", 4)]);
  });

  it("counts offers put forward, not offers still open: withdrawing or being turned down gives none back", () => {
    const t = Table.begin();
    const [first, second] = useAllowance(t);
    t.play({ type: "withdraw", by: "hamas", offerId: first! }, { type: "reject", by: "israel", offerId: second!, reason: "" });
    expect(newOffersLeft(t.state, "hamas")).toBe(0);
    oneTooMany(t);
  });

  it("still lets a party that has used its allowance answer, counter and withdraw", () => {
    const t = Table.begin();
    const mine = useAllowance(t);
    const theirs = t.propose("israel", ["hamas"], [give("israel", "release_detainees", 300), give("hamas", "release_hostages", 3)]);
    const counterId = t.state.nextId;
    t.play({ type: "counter", by: "hamas", offerId: theirs, keep: [0, 1], add: [give("israel", "open_crossings", 600)] });
    expect(t.offer(counterId)).toMatchObject({ proposer: "hamas", status: "open", counterOf: theirs });
    t.play({ type: "withdraw", by: "hamas", offerId: mine[2]! });
    const again = t.propose("israel", ["hamas"], [give("israel", "release_detainees", 400), give("hamas", "release_hostages", 4)]);
    t.play({ type: "accept", by: "hamas", offerId: again });
    expect(t.offer(again).status).toBe("accepted");
  });

  it("comes back in full the next week", () => {
    const t = Table.begin();
    useAllowance(t);
    oneTooMany(t);
    t.week();
    expect(t.state.stage).toBe("negotiation");
    expect(newOffersLeft(t.state, "hamas")).toBe(NEW_OFFERS_PER_WEEK);
    t.propose("hamas", ["israel"], packages[NEW_OFFERS_PER_WEEK]!);
    expect(newOffersLeft(t.state, "hamas")).toBe(NEW_OFFERS_PER_WEEK - 1);
  });

  it("replays from the log to the same table, refusals and all", () => {
    const t = Table.begin();
    useAllowance(t);
    oneTooMany(t);
    t.week();
    useAllowance(t);
    const rebuilt = replay(scenario, { scenarioId: scenario.id, options: t.options, actions: t.log });
    expect(rebuilt.ok).toBe(true);
    if (rebuilt.ok) expect(json(rebuilt.value)).toBe(json(t.state));
  });
});
