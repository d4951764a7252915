// Baseline time-dependent negotiators (Boulware e=0.2, Linear e=1, Conceder e=2), the standard
// yardsticks of automated negotiation. They use the same catalogue and utility as the bots but no
// persona, no reciprocity, no red-line awareness and no counters. Their secret decisions — moves,
// pledges, mandate, zones, roadmap, which promises to keep — are the normal bot's for the seat
// (NegotiatorBot.decide with the persona it is compared with), so a comparison between a bot and a
// baseline measures negotiation alone, not a seat that abstains from every decision.
import type { PartyIntentInput } from "../actions.ts";
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Obligation } from "../state.ts";
import type { Policy } from "../policies/policy.ts";
import { acceptBlocker, offersAwaiting } from "../legal.ts";
import { viewFor } from "../views.ts";
import { beliefState } from "./belief.ts";
import { aspiration } from "./persona.ts";
import { bilateralSpace, valueTable } from "./package-search.ts";
import { termDelta } from "../policies/what-if.ts";
import { NegotiatorBot, type BotConfig } from "./bot.ts";
import { utility } from "../policies/utility.ts";

export const BASELINES = { boulware: 0.2, linear: 1, conceder: 2 } as const;
export type BaselineName = keyof typeof BASELINES;

/** `decisions`: the normal bot whose secret decisions the baseline takes. */
export function baselinePolicy(name: BaselineName, decisions: BotConfig): Policy {
  const decider = new NegotiatorBot(decisions);
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
    decide({ scenario, state, party }) {
      return decider.decide(scenario, viewFor(scenario, state, party)).decision;
    },
  };
}
