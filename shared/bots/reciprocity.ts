// Answering a broken promise in kind, and in measure. A bot whose partner broke a promise to it last
// week, or kept one only in part, and whom it no longer trusts enough to overlook it, drops its own
// promises to that partner this week — but only as much as it was let down: the promises it drops
// are worth to the partner no more than what the partner's failure cost the bot. A withdrawal that
// stopped a few points short is not answered by tearing up a whole exchange; that is how a shortfall
// at the line became a spiral of broken promises that left both sides worse off, which neither
// side's own account of its interests supports (half_strip, first_weeks).
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Commitment, GameState, Term } from "../state.ts";
import { termDelta } from "../policies/what-if.ts";
import { utility, type UtilityWeights } from "../policies/utility.ts";
import { failedLastWeek } from "./commitments.ts";

export interface Answer {
  commitment: Commitment;
  culprit: PartyId;
  how: "broken" | "partial";
}

/** The part of a promise that did not arrive: all of a broken one, the rest of one kept in part. */
function shortfall(c: Commitment): Term | null {
  if (c.status === "broken") return c.term;
  if (c.status === "partial" && c.term.amount !== undefined) return { ...c.term, amount: c.term.amount - c.delivered };
  return null;
}

/**
 * Which of `due` (this week's promises of `me`) the bot drops in answer to partners that failed it
 * last week and that it trusts less than `retaliateBelow`. For each such partner: what its failures
 * cost the bot (its own valuation of the missing delivery, now), then the bot's promises to it,
 * least valuable to the partner first (the partner's value from public information), as long as
 * their total stays within that cost. Promises the partner does not value are never dropped: that
 * would cost the bot trust and answer nothing.
 */
export function answersInKind(
  scenario: Scenario,
  belief: GameState,
  me: PartyId,
  due: readonly Commitment[],
  weights: UtilityWeights,
  retaliateBelow: number,
): Answer[] {
  const failed = failedLastWeek(belief, me);
  const answers: Answer[] = [];
  const taken = new Set<number>();
  const base = utility(scenario, belief, me, true, weights);
  for (const [culprit, how] of failed) {
    if (belief.trust[me][culprit] >= retaliateBelow) continue;
    let lost = 0;
    for (const c of belief.commitments) {
      if (c.round !== belief.round - 1 || c.party !== culprit || !c.counterparties.includes(me)) continue;
      const missing = shortfall(c);
      if (missing) lost += Math.max(0, termDelta(scenario, belief, me, culprit, missing, true, base, weights));
    }
    if (lost <= 0) continue;
    const theirBase = utility(scenario, belief, culprit, false);
    const mine = due
      .filter((c) => c.counterparties.includes(culprit) && !taken.has(c.id))
      .map((c) => ({ c, worth: termDelta(scenario, belief, culprit, me, c.term, false, theirBase) }))
      .filter((x) => x.worth > 0)
      .sort((x, y) => x.worth - y.worth || x.c.id - y.c.id);
    let answered = 0;
    for (const { c, worth } of mine) {
      if (answered + worth > lost) break;
      answered += worth;
      taken.add(c.id);
      answers.push({ commitment: c, culprit, how });
    }
  }
  return answers;
}
