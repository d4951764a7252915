// How good an accepted bilateral deal was: its distance to the Pareto frontier and to the Nash
// bargaining point of every package the rules would have let the proposer put to the same partner at
// that moment, up to a bounded number of terms on each side — not just one-for-one trades, which
// would call a deal efficient while a two-for-two bundle of the same terms beats it for both.
//
// The space is enumerated exhaustively: the proposer gives 1..K terms (0..K for the Mediators, who
// may broker without giving), the partner gives 0..K, each term at the catalogue's typical amount
// (offer-candidates.ts), no package trading a term for the same term (the rules refuse it). A
// package is valued as the sum of its terms' values (termDelta), as the bots value packages, with
// each side's true utility. Utilities are normalised to 0–1 per side over the space (0 its worst
// package, 1 its best), with the deal itself and "no deal" included.
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation, Offer } from "../state.ts";
import type { Random } from "../rng.ts";
import { candidateTerms } from "../policies/offer-candidates.ts";
import { termDelta } from "../policies/what-if.ts";
import { utility } from "../policies/utility.ts";

/** The bundle size the tournament measures against: up to this many terms on each side. */
export const EFFICIENCY_TERMS_EACH_WAY = 2;

export interface DealEfficiency {
  /** Distance from the deal to the nearest package on the Pareto frontier (0: on it). */
  pareto: number;
  /** Distance from the deal to the package with the largest Nash product over no deal. */
  nash: number;
  /** The same Pareto distance for one package drawn at random among those both sides gain from, or null if none (or no random source). */
  nullPareto: number | null;
  /** How many packages the space held. */
  packages: number;
}

/** One package of the space: the obligations and their value to the proposer (a) and to the partner (b). */
export interface EfficiencyPackage {
  obligations: Obligation[];
  a: number;
  b: number;
}

interface Side {
  obligations: Obligation[];
  a: number;
  b: number;
  /** "kind:option" of each term, to refuse trading a term for the same term. */
  same: string[];
}

const sameKey = (o: Obligation) => `${o.term.kind}:${o.term.option ?? ""}`;

/** Every subset of `items` with `min`..`max` members, as sides with summed values. */
function sides(items: Array<{ ob: Obligation; a: number; b: number }>, min: number, max: number): Side[] {
  const out: Side[] = [];
  const walk = (start: number, chosen: Array<{ ob: Obligation; a: number; b: number }>) => {
    if (chosen.length >= min)
      out.push({
        obligations: chosen.map((c) => c.ob),
        a: chosen.reduce((n, c) => n + c.a, 0),
        b: chosen.reduce((n, c) => n + c.b, 0),
        same: chosen.map((c) => sameKey(c.ob)),
      });
    if (chosen.length === max) return;
    for (let i = start; i < items.length; i++) walk(i + 1, [...chosen, items[i]!]);
  };
  walk(0, []);
  return out;
}

/**
 * Every package `a` could put to `b` now with up to `termsEachWay` terms on each side, valued for
 * both with their true utility. `s` should be the state without the package being judged, so its
 * own terms count as available.
 */
export function efficiencySpace(scenario: Scenario, s: GameState, a: PartyId, b: PartyId, termsEachWay = EFFICIENCY_TERMS_EACH_WAY): EfficiencyPackage[] {
  const baseA = utility(scenario, s, a, true);
  const baseB = utility(scenario, s, b, true);
  const valued = (party: PartyId) =>
    candidateTerms(scenario, s, party, a).map((term) => ({
      ob: { party, term },
      a: termDelta(scenario, s, a, party, term, true, baseA),
      b: termDelta(scenario, s, b, party, term, true, baseB),
    }));
  const mine = sides(valued(a), a === "mediators" ? 0 : 1, termsEachWay);
  const theirs = sides(valued(b), 0, termsEachWay);
  const out: EfficiencyPackage[] = [];
  for (const x of mine)
    for (const y of theirs) {
      if (x.obligations.length + y.obligations.length === 0) continue;
      if (x.same.some((k) => y.same.includes(k))) continue;
      // A brokered package of one term asked twice over is refused too (term-limits.ts).
      if (x.obligations.length === 0 && y.same.length > 1 && y.same.every((k) => k === y.same[0])) continue;
      out.push({ obligations: [...x.obligations, ...y.obligations], a: x.a + y.a, b: x.b + y.b });
    }
  return out;
}

/** Indices of the points not dominated by any other (ties: one of each kept). */
function frontierOf(xs: Float64Array, ys: Float64Array): number[] {
  const order = Array.from(xs.keys()).sort((i, j) => xs[j]! - xs[i]! || ys[j]! - ys[i]!);
  const out: number[] = [];
  let bestY = -Infinity;
  for (const i of order)
    if (ys[i]! > bestY) {
      out.push(i);
      bestY = ys[i]!;
    }
  return out;
}

export function dealEfficiency(scenario: Scenario, s: GameState, offer: Offer, termsEachWay = EFFICIENCY_TERMS_EACH_WAY, random?: Random): DealEfficiency | null {
  if (offer.recipients.length !== 1) return null;
  const a: PartyId = offer.proposer;
  const b: PartyId = offer.recipients[0]!;
  // What else could have been proposed instead of this package: the table without it.
  const without: GameState = { ...s, offers: s.offers.filter((o) => o.id !== offer.id) };
  const space = efficiencySpace(scenario, without, a, b, termsEachWay);
  if (space.length === 0) return null;
  const baseA = utility(scenario, without, a, true);
  const baseB = utility(scenario, without, b, true);
  const deal = {
    a: offer.obligations.reduce((n, o) => n + termDelta(scenario, without, a, o.party, o.term, true, baseA), 0),
    b: offer.obligations.reduce((n, o) => n + termDelta(scenario, without, b, o.party, o.term, true, baseB), 0),
  };
  // The deal itself belongs to the space of what was possible, as does no deal at all.
  const n = space.length + 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  space.forEach((p, i) => {
    xs[i] = p.a;
    ys[i] = p.b;
  });
  const DEAL = space.length;
  const NONE = space.length + 1;
  xs[DEAL] = deal.a;
  ys[DEAL] = deal.b;
  let minA = Infinity, maxA = -Infinity, minB = Infinity, maxB = -Infinity;
  for (let i = 0; i < n; i++) {
    minA = Math.min(minA, xs[i]!);
    maxA = Math.max(maxA, xs[i]!);
    minB = Math.min(minB, ys[i]!);
    maxB = Math.max(maxB, ys[i]!);
  }
  for (let i = 0; i < n; i++) {
    xs[i] = maxA > minA ? (xs[i]! - minA) / (maxA - minA) : 1;
    ys[i] = maxB > minB ? (ys[i]! - minB) / (maxB - minB) : 1;
  }
  const frontier = frontierOf(xs, ys);
  const distance = (i: number) => Math.min(...frontier.map((f) => Math.hypot(xs[f]! - xs[i]!, ys[f]! - ys[i]!)));

  let nashPoint = DEAL;
  let best = -Infinity;
  for (let i = 0; i < n; i++) {
    const gx = xs[i]! - xs[NONE]!;
    const gy = ys[i]! - ys[NONE]!;
    if (gx < 0 || gy < 0) continue;
    if (gx * gy > best) {
      best = gx * gy;
      nashPoint = i;
    }
  }

  // The null baseline: a package drawn uniformly among those both sides strictly gain from.
  let nullPareto: number | null = null;
  if (random) {
    const mutual: number[] = [];
    for (let i = 0; i < space.length; i++) if (space[i]!.a > 0 && space[i]!.b > 0) mutual.push(i);
    if (mutual.length > 0) nullPareto = distance(random.pick(mutual));
  }
  return {
    pareto: distance(DEAL),
    nash: Math.hypot(xs[nashPoint]! - xs[DEAL]!, ys[nashPoint]! - ys[DEAL]!),
    nullPareto,
    packages: space.length,
  };
}
