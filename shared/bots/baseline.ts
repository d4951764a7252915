// Baseline time-dependent negotiators (Boulware e=0.2, Linear e=1, Conceder e=2), the standard
// yardsticks of automated negotiation. They use the same catalogue and utility as the bots but no
// persona, no reciprocity, no red-line awareness and no counters, and they simply keep every
// commitment with no unilateral move.
import type { PartyIntentInput } from "../actions.ts";
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Obligation } from "../state.ts";
import type { Policy } from "../policies/policy.ts";
import { defaultDecision } from "../decisions.ts";
import { acceptBlocker, offersAwaiting } from "../legal.ts";
import { viewFor } from "../views.ts";
import { beliefState } from "./belief.ts";
import { aspiration } from "./persona.ts";
import { bilateralSpace, valueTable } from "./package-search.ts";
import { termDelta } from "../policies/what-if.ts";
import { utility } from "../policies/utility.ts";

export const BASELINES = { boulware: 0.2, linear: 1, conceder: 2 } as const;
export type BaselineName = keyof typeof BASELINES;

export function baselinePolicy(name: BaselineName): Policy {
  const profile = { concession: BASELINES[name], reservation: 0.2 };
  let round = -1;
  let turn = 0;
  return {
    name: `baseline-${name}`,
    negotiate({ scenario, state, party }): PartyIntentInput {
      const view = viewFor(scenario, state, party);
      if (view.round !== round) {
        round = view.round;
        turn = 0;
      }
      turn++;
      const t = 0.5 * (view.rounds > 1 ? (view.round - 1) / (view.rounds - 1) : 1) + 0.5 * Math.min(1, turn / 3);
      const want = aspiration(profile, t);
      const belief = beliefState(view, party);
      const mine = valueTable(scenario, belief, party, true);
      const offer = offersAwaiting(belief, party)[0];
      if (offer && acceptBlocker(scenario, belief, party, offer)) return { type: "reject", offerId: offer.id };
      if (offer) {
        const base = utility(scenario, belief, party, true);
        const total = offer.obligations.reduce((n, o) => n + termDelta(scenario, belief, party, o.party, o.term, true, base), 0);
        const theirs = valueTable(scenario, belief, offer.proposer, false);
        const top = Math.max(total, ...bilateralSpace(party, offer.proposer, mine, theirs).filter((p) => p.b > 0).map((p) => p.a));
        return total > 0 && total >= want * top ? { type: "accept", offerId: offer.id } : { type: "reject", offerId: offer.id };
      }
      if (belief.offers.some((o) => o.round === belief.round && o.proposer === party)) return { type: "ready" };
      let best: { to: PartyId; b: number; give: Obligation; want: Obligation } | null = null;
      for (const partner of PARTY_IDS) {
        if (partner === party) continue;
        const space = bilateralSpace(party, partner, mine, valueTable(scenario, belief, partner, false));
        const top = Math.max(0, ...space.filter((p) => p.b > 0).map((p) => p.a));
        for (const p of space)
          if (p.a > 0 && p.b > 0 && p.a >= want * top && (!best || p.b > best.b)) best = { to: partner, b: p.b, give: p.give, want: p.want };
      }
      if (!best) return { type: "ready" };
      return { type: "propose", to: [best.to], obligations: [best.give, best.want] };
    },
    decide() {
      return defaultDecision();
    },
  };
}
