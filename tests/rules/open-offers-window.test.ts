// A busy week must not push a seat's open offers out of its window: a seat that sees more offers
// in a week than the window holds still finds, in front of it, every open offer it must answer or
// may withdraw (with its answer and withdraw buttons), numbered as it knows them; the rest of the
// window is the newest offers, and the record still counts what it left out.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { WINDOW_LIMITS, windowedViewFor, windowView } from "../../shared/view-window.ts";
import { offerNumbers, windowOfferNumbers } from "../../shared/offer-numbers.ts";
import { toWire, WireReader } from "../../shared/wire-view.ts";
import { legalActions } from "../../shared/legal.ts";
import type { PartyId } from "../../shared/ids.ts";
import { give, Table } from "../helpers/game.ts";

const scenario = defaultScenario();
const exchange = [give("israel", "release_detainees", 500), give("hamas", "release_hostages", 5)];

/**
 * Week 1: Israel's offer to Hamas stays open; then Qatar puts a package to Hamas and Israel, and
 * Hamas and Qatar counter each other `closed` times (a counter is always allowed, whatever the
 * week's allowance of new offers): every counter is a new offer both Hamas and Israel see.
 */
function busyWeek(closed: number): { t: Table; open: number } {
  const t = Table.begin();
  const open = t.propose("israel", ["hamas"], exchange, "the first exchange, as discussed");
  let last = t.propose("qatar", ["hamas", "israel"], [give("qatar", "host_talks"), give("hamas", "release_hostages", 1)], "the hosting package");
  for (let i = 0; i < closed; i++) {
    const next = t.state.nextId;
    t.play({ type: "counter", by: i % 2 === 0 ? "hamas" : "qatar", offerId: last, keep: [0], add: [give("hamas", "release_hostages", 1 + ((i + 1) % 5))], note: `counter ${i + 1} on the hosting package` });
    last = next;
  }
  return { t, open };
}

/** The view a seat's client reads back from the synced section (through the wire, as a client does). */
function throughWire(view: ReturnType<typeof windowView>) {
  const wire = toWire(view);
  return new WireReader().read(wire, wire.news, wire.history, wire.section)!;
}

describe("open offers in a busy week", () => {
  it("keeps every open offer a seat must answer or may withdraw in its window, numbered as the seat knows it", () => {
    const { t, open } = busyWeek(WINDOW_LIMITS.offers.items + 10);
    expect(t.state.round).toBe(1);
    for (const seat of ["hamas", "israel"] as PartyId[]) {
      const whole = viewFor(scenario, t.state, seat);
      expect(whole.offers.length).toBeGreaterThan(WINDOW_LIMITS.offers.items);
      const cut = windowView(whole);
      // The table's own way of making it (without the whole view) gives the same window.
      expect(windowedViewFor(scenario, t.state, seat)).toEqual(cut);
      const synced = throughWire(cut);
      // The open offer is there, first and open: Hamas can answer it, Israel can withdraw it.
      expect(synced.offers[0]).toMatchObject({ id: open, status: "open" });
      const acts = legalActions(t.state, seat).filter((a) => "offerId" in a && a.offerId === open).map((a) => a.type);
      expect(acts, seat).toEqual(seat === "hamas" ? ["accept", "reject"] : ["withdraw"]);
      // The rest of the window is the newest offers, within the limits; the record has the others.
      const rest = synced.offers.slice(1).map((o) => o.id);
      expect(rest).toEqual(whole.offers.slice(whole.offers.length - rest.length).map((o) => o.id));
      expect(synced.offers.length).toBeLessThanOrEqual(WINDOW_LIMITS.offers.items);
      expect(synced.recordOnly!.offers).toBe(whole.offers.length - synced.offers.length);
      // Every windowed offer keeps the number it has in the seat's whole list (the open one is #1).
      const truth = offerNumbers(whole.offers);
      const numbers = windowOfferNumbers(synced);
      expect(numbers.get(open)).toBe(1);
      for (const o of synced.offers) expect(numbers.get(o.id), `offer ${o.id}`).toBe(truth.get(o.id));
    }
  });

  it("keeps the plain newest window (and no places) when no open offer is older than it", () => {
    const { t, open } = busyWeek(WINDOW_LIMITS.offers.items + 10);
    t.play({ type: "reject", by: "hamas", offerId: open, reason: "" });
    const whole = viewFor(scenario, t.state, "hamas");
    expect(windowedViewFor(scenario, t.state, "hamas")).toEqual(windowView(whole));
    const synced = throughWire(windowView(whole));
    expect(synced.offers.map((o) => o.id)).toEqual(whole.offers.slice(whole.offers.length - synced.offers.length).map((o) => o.id));
    expect(synced.offerPlaces).toBeUndefined();
    const truth = offerNumbers(whole.offers);
    for (const [id, n] of windowOfferNumbers(synced)) expect(n).toBe(truth.get(id));
  });

  it("shows a seat that is not party to an open offer only the newest ones", () => {
    const { t, open } = busyWeek(WINDOW_LIMITS.offers.items + 10);
    // The facilitator sees every offer, acts on none: its window is the newest.
    const whole = viewFor(scenario, t.state, "facilitator");
    expect(windowedViewFor(scenario, t.state, "facilitator")).toEqual(windowView(whole));
    const synced = throughWire(windowView(whole));
    expect(synced.offers.map((o) => o.id)).not.toContain(open);
    expect(synced.offers.map((o) => o.id)).toEqual(whole.offers.slice(whole.offers.length - synced.offers.length).map((o) => o.id));
  });
});
