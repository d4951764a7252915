// The composer's amount range and suggestion come from the rules: every amount term, for every
// party that can give it, offers a range whose ends the reducer accepts (and nothing beyond), and
// suggests an amount inside it — also after earlier promises have used part of what is left.
import { describe, expect, it } from "vitest";
import { amountBounds } from "../../shared/amount-bounds.ts";
import { checkTerm, PARTY_IDS, TERM_KINDS, type GameState, type PartyId, type TermKind } from "../../shared/index.ts";
import { give, scenario, Table } from "../helpers/game.ts";

const amountTerms = TERM_KINDS.filter((k) => scenario.terms[k].param.type === "amount");
const giversOf = (k: TermKind) => PARTY_IDS.filter((p) => scenario.terms[k].givers.includes(p));

/** A table in phase one, and the same table after Israel and Hamas promised a large exchange. */
function tables(): Array<{ name: string; state: GameState }> {
  const fresh = Table.begin();
  const promised = Table.begin();
  promised.deal("israel", ["hamas"], [give("israel", "release_detainees", 1900), give("israel", "withdraw", 25), give("hamas", "release_hostages", 18), give("hamas", "return_remains", 3)]);
  return [
    { name: "a fresh table", state: fresh.state },
    { name: "after large promises", state: promised.state },
  ];
}

describe("amount bounds for the composer", () => {
  for (const { name, state } of tables())
    for (const kind of amountTerms)
      for (const party of giversOf(kind)) {
        if (state.phase < scenario.terms[kind].minPhase) continue;
        it(`${kind} given by ${party}, asked by the giver, on ${name}`, () => {
          const b = amountBounds(scenario, state, party, kind, party);
          const param = scenario.terms[kind].param;
          if (param.type !== "amount") throw new Error("not an amount term");
          if (!b) {
            // Nothing left: even the smallest amount is refused.
            expect(checkTerm(scenario, state, party, { kind, amount: param.min }, "t", party)).not.toBeNull();
            return;
          }
          expect(checkTerm(scenario, state, party, { kind, amount: b.min }, "t", party)).toBeNull();
          expect(checkTerm(scenario, state, party, { kind, amount: b.max }, "t", party)).toBeNull();
          expect(checkTerm(scenario, state, party, { kind, amount: b.suggested }, "t", party)).toBeNull();
          expect(b.suggested).toBeGreaterThanOrEqual(b.min);
          expect(b.suggested).toBeLessThanOrEqual(b.max);
          if (b.max + b.step <= param.max) expect(checkTerm(scenario, state, party, { kind, amount: b.max + b.step }, "t", party)).not.toBeNull();
        });
      }

  it("counts the giver's own earlier promises against it, but not when another party asks", () => {
    const t = Table.begin();
    t.deal("hamas", ["israel"], [give("hamas", "release_hostages", 17), give("israel", "open_crossings", 500)]);
    const own = amountBounds(scenario, t.state, "hamas", "release_hostages", "hamas")!;
    // Qatar is no party to that deal and cannot see it.
    const asked = amountBounds(scenario, t.state, "hamas", "release_hostages", "qatar")!;
    expect(own.max).toBe(3);
    expect(asked.max).toBe(20);
  });

  it("offers no more remains than are located: only those can be handed over", () => {
    const t = Table.begin();
    const b = amountBounds(scenario, t.state, "hamas", "return_remains", "hamas")!;
    expect(b.suggested).toBeLessThanOrEqual(t.state.tracks.remainsLocated);
    expect(b.max).toBe(t.state.tracks.remainsLocated);
  });

  it("returns null for a term that takes no amount, and when nothing is left", () => {
    const t = Table.begin();
    expect(amountBounds(scenario, t.state, "israel", "halt_strikes")).toBeNull();
    t.deal("hamas", ["israel"], [give("hamas", "release_hostages", 20), give("israel", "open_crossings", 500)]);
    expect(amountBounds(scenario, t.state, "hamas" as PartyId, "release_hostages", "hamas")).toBeNull();
  });
});
