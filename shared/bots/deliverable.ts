// What a bot can deliver this week. Some promises the rules carry out only in part — territory is
// handed over only as the stabilisation force takes it, remains only once they are located, troops
// only as far as contributors are willing — and a promise kept in part counts against the promiser
// as partly kept: the partner trusts it less and may answer in kind. A bot sees, after what it has
// already promised, which of its promises it could keep only in part this week, and weighs that at
// its cost (partial-promise.ts); a person gets the same forecast as a warning before deciding
// (decision-warnings.ts).
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation, Term } from "../state.ts";
import { applyTerm } from "../term-effects.ts";
import { noWeek, whatIf } from "../policies/what-if.ts";
import { termKey } from "../terms.ts";

/** Per seen state: the table after this week's pending promises, and each term's deliverable amount. */
const memo = new WeakMap<GameState, { after: GameState; amounts: Map<string, number> }>();

function deliverable(scenario: Scenario, belief: GameState, party: PartyId, term: Term): number {
  let m = memo.get(belief);
  if (!m) {
    // Promises already due this week are honoured first, in the order resolution takes them.
    const after = whatIf(belief);
    const week = noWeek();
    for (const c of belief.commitments) if (c.status === "pending" && c.round === belief.round) applyTerm(scenario, after, c.party, c.term, week);
    m = { after, amounts: new Map() };
    memo.set(belief, m);
  }
  const k = termKey(party, term);
  let amount = m.amounts.get(k);
  if (amount === undefined) {
    amount = applyTerm(scenario, whatIf(m.after), party, term, noWeek());
    m.amounts.set(k, amount);
  }
  return amount;
}

/** The first of `me`'s own promises in `obligations` that it could deliver only in part this week, and how much it could. */
export function shortPromise(scenario: Scenario, belief: GameState, me: PartyId, obligations: readonly Obligation[]): { ob: Obligation; delivered: number } | null {
  for (const ob of obligations) {
    if (ob.party !== me || ob.term.amount === undefined) continue;
    const delivered = deliverable(scenario, belief, me, ob.term);
    if (delivered < ob.term.amount) return { ob, delivered };
  }
  return null;
}
