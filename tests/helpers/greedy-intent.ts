// What the greedy policy would send next for one seat, as the rules' tests step a table along.
import { greedyPolicy, type GameState, type PartyId, type PartyIntentInput, type Random, type Scenario } from "../../shared/index.ts";

/** The seat's next intent: an offer or `ready` while negotiating, its decision once asked; null when it has nothing to send. */
export function greedyIntent(scenario: Scenario, s: GameState, p: PartyId, random: Random): PartyIntentInput | null {
  if (s.stage === "negotiation") return s.parties[p].ready ? null : greedyPolicy.negotiate({ scenario, state: s, party: p, random });
  return s.parties[p].decision === null ? { type: "decide", decision: greedyPolicy.decide({ scenario, state: s, party: p, random }) } : null;
}
