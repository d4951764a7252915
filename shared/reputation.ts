// Standing at the table: a party's broken word is scored. Each commitment it breaks costs the trust
// of every party it was made to (brokenTrust), and the score deducts that lost trust, averaged over
// the other parties, times the scenario's reputation weight. Only broken commitments count, so a
// party that starts distrusted is not scored for where it starts, and one that never makes a
// promise gains nothing over one that keeps its promises; what cannot pay is promising and breaking.
import { PARTY_IDS, type PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Commitment, GameState } from "./state.ts";

/**
 * The trust each counterparty withdraws from a party that keeps a commitment only in part: a third
 * of what a broken one costs (the rest was delivered). The rules apply it and bots weigh it.
 */
export function partialTrustLoss(scenario: Scenario): number {
  return scenario.weights.brokenTrust / 3;
}

/** What breaking one commitment costs in score: the trust lost by its counterparties, averaged over the other parties. */
export function brokenWordCost(scenario: Scenario, c: Pick<Commitment, "counterparties">): number {
  return (scenario.scoring.reputationWeight * scenario.weights.brokenTrust * c.counterparties.length) / (PARTY_IDS.length - 1);
}

/** The score's reputation term: minus the cost of every commitment `party` broke (0 for a party that kept its word). */
export function reputationScore(scenario: Scenario, s: GameState, party: PartyId): number {
  let cost = 0;
  for (const c of s.commitments) if (c.party === party && c.status === "broken") cost += brokenWordCost(scenario, c);
  return -cost;
}
