// Headless play of many complete games with one built-in policy at every seat, and the summary
// figures the simulator prints. Deterministic: the same arguments give the same results.
import { OUTCOME_IDS, PARTY_IDS, type OutcomeId, type PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import { playGame, type Policy } from "./policies/policy.ts";
import { randomPolicy } from "./policies/random-policy.ts";
import { greedyPolicy } from "./policies/greedy-policy.ts";
import { absentPolicy } from "./policies/passive-policy.ts";

export const POLICIES: Record<string, Policy> = { random: randomPolicy, greedy: greedyPolicy, absent: absentPolicy };

export interface SimulationSummary {
  games: number;
  seed: number;
  policy: string;
  meanRounds: number;
  outcomes: Record<OutcomeId, number>;
  parties: Record<PartyId, { meanScore: number; winRate: number }>;
  refusedActions: number;
}

/** `seats` replaces the policy at some seats (e.g. passive decisions). */
export function simulate(scenario: Scenario, games: number, seed: number, policy: Policy, rounds?: number, seats: Partial<Record<PartyId, Policy>> = {}): SimulationSummary {
  const outcomes = Object.fromEntries(OUTCOME_IDS.map((o) => [o, 0])) as Record<OutcomeId, number>;
  const totals = Object.fromEntries(PARTY_IDS.map((p) => [p, { score: 0, wins: 0 }])) as Record<PartyId, { score: number; wins: number }>;
  let roundsPlayed = 0;
  let refused = 0;
  const table = Object.fromEntries(PARTY_IDS.map((p) => [p, seats[p] ?? policy])) as Record<PartyId, Policy>;
  for (let i = 0; i < games; i++) {
    const played = playGame(scenario, rounds === undefined ? { seed: seed + i } : { seed: seed + i, rounds }, table);
    if (!played.ok) throw new Error(played.error.message);
    const s = played.value.state;
    refused += played.value.refused;
    if (s.outcome) outcomes[s.outcome]++;
    roundsPlayed += s.round;
    for (const p of PARTY_IDS) {
      totals[p].score += s.scores?.[p].total ?? 0;
      // A tie shares the win.
      if (s.winners.includes(p)) totals[p].wins += 1 / s.winners.length;
    }
  }
  const round3 = (v: number) => Math.round(v * 1000) / 1000;
  return {
    games,
    seed,
    policy: policy.name,
    meanRounds: round3(roundsPlayed / Math.max(1, games)),
    outcomes,
    parties: Object.fromEntries(
      PARTY_IDS.map((p) => [p, { meanScore: round3(totals[p].score / Math.max(1, games)), winRate: round3(totals[p].wins / Math.max(1, games)) }]),
    ) as SimulationSummary["parties"],
    refusedActions: refused,
  };
}
