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

/** A package of one or more terms each way between a proposer and one recipient. */
export interface BundlePoint {
  give: Obligation[];
  want: Obligation[];
  /** Value to the proposer and (as the proposer estimates it) to the recipient. */
  a: number;
  b: number;
}

export interface BundleLimits {
  /** Most terms on each side. */
  maxEach: number;
  /** Terms per side considered for bundles of two or more: the ones with the most joint value. */
  shortlist: number;
}

/** Small bundles: two terms each way at most, built from a shortlist of six per side. */
export const BUNDLE_LIMITS: BundleLimits = { maxEach: 2, shortlist: 6 };

/** Every subset of `items` with 1..max members (max is small: this is a bounded search). */
function subsets<T>(items: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  const grow = (start: number, chosen: T[]) => {
    if (chosen.length > 0) out.push(chosen);
    if (chosen.length === max) return;
    for (let i = start; i < items.length; i++) grow(i + 1, [...chosen, items[i]!]);
  };
  grow(0, []);
  return out;
}

/**
 * The packages `a` can put to `b`: every one-for-one exchange (as bilateralSpace) and, from a
 * shortlist per side, bundles of up to `maxEach` terms each way. Values add up term by term, the
 * same valuation a bot answers with. A bundle earns its place when it lets both sides gain more
 * than any single exchange: something cheap for one side and dear to the other, twice over.
 * The shortlist keeps only terms the other side values (what a's gives are worth to b, what b's
 * gives are worth to a), ranked by their joint value; no package trades a term for itself.
 */
export function bundleSpace(
  a: PartyId,
  b: PartyId,
  valuesA: Map<PartyId, ObligationValue[]>,
  valuesB: Map<PartyId, ObligationValue[]>,
  limits: BundleLimits = BUNDLE_LIMITS,
): BundlePoint[] {
  const bSees = new Map([...(valuesB.get(a) ?? []), ...(valuesB.get(b) ?? [])].map((v) => [key(v.ob), v.value]));
  const rated = (rows: ObligationValue[]) => rows.map((v) => ({ ob: v.ob, a: v.value, b: bSees.get(key(v.ob)) ?? 0 }));
  const gives = rated(valuesA.get(a) ?? []);
  const wants = rated(valuesA.get(b) ?? []);
  const out: BundlePoint[] = [];
  const push = (g: typeof gives, w: typeof wants) => {
    const obligations = [...g.map((x) => x.ob), ...w.map((x) => x.ob)];
    if (likeForLike(a, obligations) !== null) return;
    out.push({ give: g.map((x) => x.ob), want: w.map((x) => x.ob), a: sum(g, "a") + sum(w, "a"), b: sum(g, "b") + sum(w, "b") });
  };
  for (const g of gives) for (const w of wants) push([g], [w]);
  if (limits.maxEach < 2) return out;
  const short = (rows: typeof gives, useful: (x: (typeof gives)[number]) => boolean) =>
    rows.filter(useful).sort((x, y) => y.a + y.b - (x.a + x.b)).slice(0, limits.shortlist);
  const giveSets = subsets(short(gives, (x) => x.b > 0), limits.maxEach);
  const wantSets = subsets(short(wants, (x) => x.a > 0), limits.maxEach);
  for (const g of giveSets) for (const w of wantSets) if (g.length > 1 || w.length > 1) push(g, w);
  return out;
}

const sum = (rows: Array<{ a: number; b: number }>, side: "a" | "b") => rows.reduce((n, r) => n + r[side], 0);
