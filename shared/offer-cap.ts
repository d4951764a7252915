// How many offers one party may have open at once. A negotiator can put a package to each of the
// other five parties at the same time; beyond that, a flood of offers only buries the table (and
// probing the same partner with dozens of variants is not negotiating). The cap counts offers the
// party proposed that still await an answer; a counter-offer answers someone else's package, so it
// is always allowed, but it counts toward the cap while it stays open.
import type { PartyId } from "./ids.ts";
import type { GameState } from "./state.ts";
import type { RuleError } from "./result.ts";

export const MAX_OPEN_OFFERS = 5;

/** Offers `party` proposed (or countered with) that are still open. */
export function openOffersBy(state: GameState, party: PartyId): number {
  return state.offers.filter((o) => o.status === "open" && o.proposer === party).length;
}

/** Why `party` cannot put a new offer on the table now, or null. */
export function offerCapBlocker(state: GameState, party: PartyId): RuleError | null {
  const open = openOffersBy(state, party);
  if (open < MAX_OPEN_OFFERS) return null;
  return {
    code: "too_many_offers",
    message: `you already have ${open} open offers (at most ${MAX_OPEN_OFFERS} at a time); wait for answers or withdraw one first`,
  };
}
