// A party may have only a few offers open at once: a flood of offers is refused with a clear error
// and changes nothing, while answering others (counters) stays possible. A party puts forward only
// a few new packages a week (offer-allowance.ts), so its open offers beyond those are counters.
import { describe, expect, it } from "vitest";
import { MAX_OPEN_OFFERS } from "../../shared/offer-cap.ts";
import { NEW_OFFERS_PER_WEEK } from "../../shared/offer-allowance.ts";
import { give, Table, type Input } from "../helpers/game.ts";

// Distinct packages Hamas can put to Israel, one per open slot and one more.
const packages = [5, 6, 7, 8, 9, 10, 11].map((n) => [give("hamas", "release_hostages", n), give("israel", "release_detainees", 50 * n)]);

/**
 * Hamas ends with MAX_OPEN_OFFERS open: its new offers of the week, then counters to offers Israel
 * puts to it. Returns the ids of Hamas's open offers and one new offer it has not used yet, if any.
 */
function fillHamasSlots(t: Table, newOffers = NEW_OFFERS_PER_WEEK - 1): number[] {
  const ids = packages.slice(0, newOffers).map((p) => t.propose("hamas", ["israel"], p));
  for (let i = 0; ids.length < MAX_OPEN_OFFERS; i++) {
    const theirs = t.propose("israel", ["hamas"], [give("israel", "release_detainees", 100 * (i + 1)), give("hamas", "release_hostages", i + 1)]);
    ids.push(t.state.nextId);
    t.play({ type: "counter", by: "hamas", offerId: theirs, keep: [0, 1], add: [give("israel", "open_crossings", 400 + 100 * i)] } as Input);
  }
  return ids;
}

describe("the cap on open offers", () => {
  it("refuses a proposal beyond the cap, with a message that says what to do, and leaves the table as it was", () => {
    const t = Table.begin();
    fillHamasSlots(t);
    const error = t.refuse({ type: "propose", by: "hamas", to: ["israel"], obligations: packages[MAX_OPEN_OFFERS]!, note: "" }, "too_many_offers");
    expect(error.message).toMatch(/withdraw one/);
    // Another party is not held back by Hamas's offers.
    t.propose("board_of_peace", ["israel"], [give("board_of_peace", "fund_reconstruction", 5), give("israel", "open_crossings", 600)]);
  });

  it("frees a slot when an offer is answered or withdrawn", () => {
    // One new offer kept back, to use when an answer frees a slot.
    const t = Table.begin();
    const ids = fillHamasSlots(t);
    t.play({ type: "reject", by: "israel", offerId: ids[0]!, reason: "" });
    t.propose("hamas", ["israel"], packages[MAX_OPEN_OFFERS]!);
    const next = { type: "propose", by: "hamas", to: ["israel"], obligations: packages[MAX_OPEN_OFFERS + 1]!, note: "" };
    t.refuse(next, "too_many_offers");
    // A withdrawal frees a slot too: what stands in the way now is only the week's spent allowance.
    t.play({ type: "withdraw", by: "hamas", offerId: ids[ids.length - 1]! });
    t.refuse(next, "no_offers_left");
  });

  it("still lets a party at the cap answer an offer with a counter", () => {
    const t = Table.begin();
    fillHamasSlots(t, NEW_OFFERS_PER_WEEK);
    const id = t.propose("israel", ["hamas"], [give("israel", "release_detainees", 900), give("hamas", "release_hostages", 9)]);
    const counterId = t.state.nextId;
    t.play({ type: "counter", by: "hamas", offerId: id, keep: [0], add: [give("hamas", "release_hostages", 6)] });
    expect(t.offer(counterId)).toMatchObject({ proposer: "hamas", status: "open", counterOf: id });
  });
});
