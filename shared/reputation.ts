// Standing at the table: what the other parties think of a party at the end, against what they
// thought at the start. Scored with domestic standing, so a party cannot climb the ranking by
// promising and then breaking its word: each broken commitment costs the trust of those it was
// made to (brokenTrust), each one kept earns it (honouredTrust), and the score reads the result.
import { PARTY_IDS, type PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";

/** The trust `from` holds in `to` when the game begins. */
export function startingTrust(scenario: Scenario, from: PartyId, to: PartyId): number {
  if (from === to) return 100;
  return scenario.trustOverrides.find((o) => o.from === from && o.to === to)?.value ?? scenario.trustStart;
}

/** Mean change, over the other parties, of their trust in `party` since the start. */
export function trustGained(scenario: Scenario, s: GameState, party: PartyId): number {
  const others = PARTY_IDS.filter((q) => q !== party);
  return others.reduce((n, q) => n + s.trust[q][party] - startingTrust(scenario, q, party), 0) / others.length;
}

/** The score's reputation term: the trust gained (or lost) at the table, times the scenario's weight. */
export function reputationScore(scenario: Scenario, s: GameState, party: PartyId): number {
  return scenario.scoring.reputationWeight * trustGained(scenario, s, party);
}
