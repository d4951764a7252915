// What it costs a bot to promise something it can see it could keep only in part this week: troops
// pledged while contributors still hold back (they send only part of a pledge until there is a
// roadmap and broad backing), ground beyond what the stabilisation force can take over, remains not
// yet located. The rules record such a promise as kept in part: each counterparty trusts the bot
// less (partialTrustLoss) instead of more (honouredTrust), and a partner whose trust falls low enough
// may answer in kind next week (reciprocity.ts). The bot weighs that cost exactly as it weighs
// breaking a promise (commitments.ts) — what being believed is worth to it over the weeks left, plus
// the chance that a partner drops what it gives — and takes the package only if what it gains still
// outweighs it. A flat refusal would leave a contributor's main lever, its troops, out of every
// package for most of the game, while anyone else at the table could still trade it.
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation } from "../state.ts";
import { partialTrustLoss } from "../reputation.ts";
import { retaliationChance } from "./commitments.ts";
import { shortPromise } from "./deliverable.ts";

export interface PartialPromise {
  /** The first of the bot's promises it could keep only in part, and how much of it it could deliver. */
  short: { ob: Obligation; delivered: number };
  /** Expected cost, in the bot's utility: trust lost over the weeks left and the risk of an answer in kind. */
  cost: number;
}

/**
 * The cost of the promises of `me` in `obligations` that it could keep only in part this week, to
 * the `counterparties` of the package; null when it could keep them all. `reputation` is the bot's
 * utility per point of a partner's trust for each week left (its persona); `value` its valuation of
 * one obligation, for what a partner that answers in kind would take away.
 */
export function partialPromise(
  scenario: Scenario,
  belief: GameState,
  me: PartyId,
  obligations: readonly Obligation[],
  counterparties: readonly PartyId[],
  reputation: number,
  value: (ob: Obligation) => number,
): PartialPromise | null {
  const mine = obligations.filter((o) => o.party === me);
  const shorts = mine.map((ob) => shortPromise(scenario, belief, me, [ob])).filter((s) => s !== null);
  if (shorts.length === 0) return null;
  const w = scenario.weights;
  const loss = partialTrustLoss(scenario);
  const weeksLeft = Math.max(0, belief.config.rounds - belief.round);
  let cost = 0;
  for (const q of counterparties) {
    if (q === me) continue;
    // Each promise kept in part costs the trust an honoured one would have earned, and more.
    cost += shorts.length * reputation * weeksLeft * (loss + w.honouredTrust);
    if (weeksLeft === 0) continue;
    const chance = retaliationChance(belief.trust[q][me] - loss * shorts.length);
    if (chance <= 0) continue;
    const stake = obligations.filter((o) => o.party === q).reduce((n, o) => n + Math.max(0, value(o)), 0);
    cost += chance * stake;
  }
  return { short: shorts[0]!, cost };
}
