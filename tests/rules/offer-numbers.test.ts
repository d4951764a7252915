// Offers are numbered per viewer: what a seat sees is numbered 1, 2, 3… with no gaps, whatever
// other parties proposed in between, so the numbers never reveal offers the seat cannot see.
import { describe, expect, it } from "vitest";
import { offerNumbers } from "../../shared/offer-numbers.ts";
import { PARTY_IDS, viewFor } from "../../shared/index.ts";
import { give, scenario, Table } from "../helpers/game.ts";

describe("offer numbers per viewer", () => {
  it("numbers each seat's offers 1..n in the order made, whatever it cannot see", () => {
    const t = Table.begin();
    const a = t.propose("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    t.propose("qatar", ["turkiye"], [give("qatar", "host_talks"), give("turkiye", "recovery_mechanism")]);
    t.propose("mediators", ["qatar"], [give("mediators", "security_guarantee"), give("qatar", "host_talks")]);
    const c = t.propose("hamas", ["israel"], [give("hamas", "restrain_factions"), give("israel", "open_crossings", 500)]);
    for (const seat of PARTY_IDS) {
      const view = viewFor(scenario, t.state, seat);
      const numbers = offerNumbers(view.offers);
      expect([...numbers.values()].sort((x, y) => x - y)).toEqual(view.offers.map((_, i) => i + 1));
    }
    const israel = offerNumbers(viewFor(scenario, t.state, "israel").offers);
    expect(israel.get(a)).toBe(1);
    expect(israel.get(c)).toBe(2);
    // The facilitator sees every offer: the same order, all of them.
    expect(offerNumbers(viewFor(scenario, t.state, "facilitator").offers).size).toBe(4);
  });
});
