// How many new packages one party may put forward in a week. The cap on open offers (offer-cap.ts)
// stops a flood at any one moment, but not a stream: a party that proposes again the moment an
// answer frees a slot could put dozens of packages a week to the table and collect every deal a
// partner happens to take. A week's allowance keeps a proposal something weighed, as at a real
// table, and applies to every seat alike, person or bot. A counter-offer answers someone else's
// package, so it is always allowed and does not use the allowance.
import type { PartyId } from "./ids.ts";
import type { GameState } from "./state.ts";
import type { RuleError } from "./result.ts";

/**
 * Three, as many as the proposing turns the server's bots get in a week (server/bot-driver.ts): a
 * person at the table has the same number of fresh packages as a bot, however fast they type.
 */
export const NEW_OFFERS_PER_WEEK = 3;

/** The offers of the week, as the rules or a seat's own view hold them (a seat sees all of its own). */
type Week = Pick<GameState, "round" | "offers">;

/** New packages (not counters) `party` has put forward this week, whatever became of them since. */
export function newOffersThisWeek(state: Week, party: PartyId): number {
  return state.offers.filter((o) => o.round === state.round && o.proposer === party && o.counterOf === null).length;
}

/** How many more new packages `party` may put forward this week. */
export function newOffersLeft(state: Week, party: PartyId): number {
  return Math.max(0, NEW_OFFERS_PER_WEEK - newOffersThisWeek(state, party));
}

/** Why `party` cannot put a new package forward this week, or null. */
export function offerAllowanceBlocker(state: Week, party: PartyId): RuleError | null {
  if (newOffersLeft(state, party) > 0) return null;
  return {
    code: "no_offers_left",
    message: `you have put forward ${NEW_OFFERS_PER_WEEK} new offers this week, as many as a party may; you can still answer, counter and withdraw, and make new offers next week`,
  };
}
