// The space of packages a party can put to others, valued for the proposer and (estimated) for the
// recipients. Shared by the bots, the baseline agents and the tournament's Pareto and Nash measures.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation } from "../state.ts";
import { candidateTerms } from "../policies/offer-candidates.ts";
import { termDelta } from "../policies/what-if.ts";
import { utility, type UtilityWeights } from "../policies/utility.ts";
import { likeForLike } from "../term-limits.ts";

export interface ObligationValue {
  ob: Obligation;
  /** Change in the valuing party's utility if the obligation is delivered. */
  value: number;
}

/** Values every term each party could promise now, as seen by `viewer`. */
export function valueTable(
  scenario: Scenario,
  s: GameState,
  viewer: PartyId,
  withSecrets: boolean,
  weights?: UtilityWeights,
  parties: readonly PartyId[] = PARTY_IDS,
): Map<PartyId, ObligationValue[]> {
  const base = utility(scenario, s, viewer, withSecrets, weights);
  const table = new Map<PartyId, ObligationValue[]>();
  for (const q of parties)
    table.set(
      q,
      // What the valuing party can see of promises already made limits what anyone can still offer.
      candidateTerms(scenario, s, q, viewer).map((term) => ({ ob: { party: q, term }, value: termDelta(scenario, s, viewer, q, term, withSecrets, base, weights) })),
    );
  return table;
}

export interface BilateralPoint {
  give: Obligation;
  want: Obligation;
  /** Value to the proposer and to the recipient. */
  a: number;
  b: number;
}

/** Every one-for-one package between a and b: a gives one term, b gives one term. */
export function bilateralSpace(
  a: PartyId,
  b: PartyId,
  valuesA: Map<PartyId, ObligationValue[]>,
  valuesB: Map<PartyId, ObligationValue[]>,
): BilateralPoint[] {
  const aGives = valuesA.get(a) ?? [];
  const bGives = valuesA.get(b) ?? [];
  const bSeesA = new Map((valuesB.get(a) ?? []).map((v) => [key(v.ob), v.value]));
  const bSeesB = new Map((valuesB.get(b) ?? []).map((v) => [key(v.ob), v.value]));
  const out: BilateralPoint[] = [];
  for (const give of aGives)
    for (const want of bGives) {
      // A term for the same term exchanges nothing; the rules refuse it.
      if (likeForLike(a, [give.ob, want.ob]) !== null) continue;
      out.push({
        give: give.ob,
        want: want.ob,
        a: give.value + want.value,
        b: (bSeesA.get(key(give.ob)) ?? 0) + (bSeesB.get(key(want.ob)) ?? 0),
      });
    }
  return out;
}

export const key = (o: Obligation) => `${o.party}:${o.term.kind}:${o.term.option ?? ""}:${o.term.amount ?? ""}`;
