// A party may have only a few offers open at once: a flood of offers is refused with a clear error
// and changes nothing, while answering others (counters) stays possible.
import { describe, expect, it } from "vitest";
import { MAX_OPEN_OFFERS } from "../../shared/offer-cap.ts";
import { give, Table } from "../helpers/game.ts";

// Distinct packages Hamas can put to Israel, one per open slot and one more.
const packages = [5, 6, 7, 8, 9, 10, 11].map((n) => [give("hamas", "release_hostages", n), give("israel", "release_detainees", 50 * n)]);

describe("the cap on open offers", () => {
  it("refuses a proposal beyond the cap, with a message that says what to do, and leaves the table as it was", () => {
    const t = Table.begin();
    for (let i = 0; i < MAX_OPEN_OFFERS; i++) t.propose("hamas", ["israel"], packages[i]!);
    const error = t.refuse({ type: "propose", by: "hamas", to: ["israel"], obligations: packages[MAX_OPEN_OFFERS]!, note: "" }, "too_many_offers");
    expect(error.message).toMatch(/withdraw one/);
    // Another party is not held back by Hamas's offers.
    t.propose("israel", ["hamas"], [give("israel", "open_crossings", 600), give("hamas", "release_hostages", 4)]);
  });

  it("frees a slot when an offer is answered or withdrawn", () => {
    const t = Table.begin();
    const ids = packages.slice(0, MAX_OPEN_OFFERS).map((p) => t.propose("hamas", ["israel"], p));
    t.play({ type: "reject", by: "israel", offerId: ids[0]!, reason: "" });
    t.propose("hamas", ["israel"], packages[MAX_OPEN_OFFERS]!);
    t.refuse({ type: "propose", by: "hamas", to: ["israel"], obligations: packages[MAX_OPEN_OFFERS + 1]!, note: "" }, "too_many_offers");
    t.play({ type: "withdraw", by: "hamas", offerId: ids[1]! });
    t.propose("hamas", ["israel"], packages[MAX_OPEN_OFFERS + 1]!);
  });

  it("still lets a party at the cap answer an offer with a counter", () => {
    const t = Table.begin();
    for (let i = 0; i < MAX_OPEN_OFFERS; i++) t.propose("israel", ["hamas"], [give("israel", "release_detainees", 100 * (i + 1)), give("hamas", "release_hostages", i + 1)]);
    const id = t.propose("hamas", ["israel"], packages[0]!);
    const counterId = t.state.nextId;
    t.play({ type: "counter", by: "israel", offerId: id, keep: [0], add: [give("israel", "open_crossings", 600)] });
    expect(t.offer(counterId)).toMatchObject({ proposer: "israel", status: "open", counterOf: id });
  });
});
