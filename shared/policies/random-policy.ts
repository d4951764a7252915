// Plays legal-looking moves at random: a baseline, and a generator of varied games for tests.
import { PARTY_IDS, WEAPON_CATEGORIES } from "../ids.ts";
import type { Decision } from "../state.ts";
import { decisionOptions, emptyDecision, PLEDGE_STEP } from "../decisions.ts";
import { offersAwaiting } from "../legal.ts";
import type { Policy, PolicyContext } from "./policy.ts";
import { obligation, randomTerm } from "./offer-candidates.ts";
import type { PartyIntentInput } from "../actions.ts";

export const randomPolicy: Policy = {
  name: "random",
  negotiate({ scenario, state, party, random }: PolicyContext): PartyIntentInput {
    const awaiting = offersAwaiting(state, party);
    const roll = random.next();
    if (awaiting.length > 0 && roll < 0.5) {
      const offer = random.pick(awaiting);
      return random.next() < 0.55 ? { type: "accept", offerId: offer.id } : { type: "reject", offerId: offer.id };
    }
    if (roll < 0.8) {
      const others = PARTY_IDS.filter((p) => p !== party);
      const to = random.pick(others);
      const give = randomTerm(scenario, state, party, random);
      const want = randomTerm(scenario, state, to, random, party);
      const obligations = [];
      if (give) obligations.push(obligation(party, give));
      if (want) obligations.push(obligation(to, want));
      if (obligations.length > 0) return { type: "propose", to: [to], obligations };
    }
    return { type: "ready" };
  },
  decide({ scenario, state, party, random }: PolicyContext): Decision {
    const options = decisionOptions(scenario, state, party);
    const d = emptyDecision();
    d.breaks = options.commitments.filter(() => random.next() < 0.15).map((c) => c.id);
    const groups = new Map<string, typeof options.moves>();
    for (const m of options.moves) groups.set(scenario.moves[m].group, [...(groups.get(scenario.moves[m].group) ?? []), m]);
    for (const moves of groups.values()) {
      if (random.next() < 0.5) continue;
      const m = random.pick(moves);
      if (!options.conflicts[m]) d.moves.push(m);
    }
    if (options.canPledge && random.next() < 0.3) d.pledge = (1 + random.int(8)) * PLEDGE_STEP;
    if (options.canSetMandate && random.next() < 0.2) d.mandate = random.pick(["monitor", "stabilise", "enforce"] as const);
    if (options.zones.length > 0 && random.next() < 0.3) d.zones = [random.pick(options.zones)];
    if (options.canDecommission)
      for (const w of WEAPON_CATEGORIES) if (random.next() < 0.3) d.decommission[w] = random.int(options.maxDecommission + 1);
    d.ddr = options.ddr.filter(() => random.next() < 0.3);
    return d;
  },
};
