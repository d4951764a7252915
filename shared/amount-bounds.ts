// The range a composer offers for an amount term, and the amount it suggests: both from what is
// left to give, so a form never starts above what the rules would accept. The upper bound is the
// rules' own (`remainingCapacity`, counting the asker's own earlier promises when it is the giver);
// the suggestion also stays within what could be delivered now (remains must be located before
// they can be handed over), since a promise larger than that is only partly kept.
import type { PartyId, TermKind } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { checkTerm, remainingCapacity } from "./terms.ts";

export interface AmountBounds {
  min: number;
  /** The largest amount the rules accept now (a multiple of `step` above `min`). */
  max: number;
  step: number;
  unit: string;
  /** What the form starts at: a modest first step, never above `max` nor above what can be delivered now. */
  suggested: number;
  /** How much could be handed over this week, where that differs from what may be promised (else null). */
  deliverableNow: number | null;
}

/** The largest value on the term's grid (min + k·step) that does not exceed `cap`. */
function onGrid(min: number, step: number, cap: number): number {
  return min + Math.floor((cap - min) / step + 1e-9) * step;
}

/**
 * The amounts `party` can promise for `kind`, as asked by `actor` (its own pending promises count
 * against it when it is the giver); null when the term takes no amount or nothing is left to give.
 */
export function amountBounds(scenario: Scenario, state: GameState, party: PartyId, kind: TermKind, actor: PartyId | null = party): AmountBounds | null {
  const param = scenario.terms[kind].param;
  if (param.type !== "amount") return null;
  const left = remainingCapacity(scenario, state, kind, party, actor);
  const max = left === null ? param.max : Math.min(param.max, onGrid(param.min, param.step, left));
  // The smallest amount the rules take: crossings can only be opened wider than they already are.
  let min = param.min;
  while (min <= max && checkTerm(scenario, state, party, { kind, amount: min }, "t", actor) !== null) min += param.step;
  if (max < min) return null;
  const deliverableNow = kind === "return_remains" ? state.tracks.remainsLocated : null;
  // A quarter of the catalogue's range: an opening step, leaving room for the next week's.
  let suggested = Math.max(min, Math.min(max, param.min + param.step * Math.round((param.max - param.min) / 4 / param.step)));
  if (deliverableNow !== null && deliverableNow >= min) suggested = Math.min(suggested, onGrid(param.min, param.step, deliverableNow));
  return { min, max, step: param.step, unit: param.unit, suggested, deliverableNow };
}
