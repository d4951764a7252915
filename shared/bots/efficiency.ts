// How good an accepted bilateral deal was, measured over the whole catalogue: the distance from
// the deal to the Pareto frontier and to the Nash bargaining point, in utility normalised to 0–1
// for each side (0 its worst one-for-one package, 1 its best), using each side's true utility.
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Offer } from "../state.ts";
import { termDelta } from "../policies/what-if.ts";
import { utility } from "../policies/utility.ts";
import { bilateralSpace, valueTable } from "./package-search.ts";

export interface DealEfficiency {
  pareto: number;
  nash: number;
}

export function dealEfficiency(scenario: Scenario, s: GameState, offer: Offer): DealEfficiency | null {
  if (offer.recipients.length !== 1) return null;
  const a: PartyId = offer.proposer;
  const b: PartyId = offer.recipients[0]!;
  const va = valueTable(scenario, s, a, true, undefined, [a, b]);
  const vb = valueTable(scenario, s, b, true, undefined, [a, b]);
  const space = bilateralSpace(a, b, va, vb);
  if (space.length === 0) return null;
  const baseA = utility(scenario, s, a, true);
  const baseB = utility(scenario, s, b, true);
  const deal = {
    a: offer.obligations.reduce((n, o) => n + termDelta(scenario, s, a, o.party, o.term, true, baseA), 0),
    b: offer.obligations.reduce((n, o) => n + termDelta(scenario, s, b, o.party, o.term, true, baseB), 0),
  };
  // The deal itself belongs to the space of what was possible, as does no deal at all.
  const points = [...space.map((p) => ({ a: p.a, b: p.b })), deal, { a: 0, b: 0 }];
  const minA = Math.min(...points.map((p) => p.a));
  const maxA = Math.max(...points.map((p) => p.a));
  const minB = Math.min(...points.map((p) => p.b));
  const maxB = Math.max(...points.map((p) => p.b));
  const norm = (p: { a: number; b: number }) => ({
    x: maxA > minA ? (p.a - minA) / (maxA - minA) : 1,
    y: maxB > minB ? (p.b - minB) / (maxB - minB) : 1,
  });
  const normalised = points.map(norm);
  const d = norm(deal);
  const frontier = normalised.filter((p) => !normalised.some((q) => q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)));
  const dist = (p: { x: number; y: number }) => Math.hypot(p.x - d.x, p.y - d.y);
  const pareto = Math.min(...frontier.map(dist));
  const none = norm({ a: 0, b: 0 });
  let nashPoint = d;
  let best = -Infinity;
  for (const p of normalised) {
    if (p.x < none.x || p.y < none.y) continue;
    const product = (p.x - none.x) * (p.y - none.y);
    if (product > best) {
      best = product;
      nashPoint = p;
    }
  }
  return { pareto, nash: dist(nashPoint) };
}
