// Levers of the causal model, read off a finished game, and how strongly each one went with a
// durable outcome (managed ceasefire or pathway to peace) across many games. The comparison is
// associational — games where a lever was pulled against games where it was not.
import type { OutcomeId, PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState } from "../state.ts";
import type { Action } from "../actions.ts";
import { metric } from "../metrics.ts";
import { backingThreshold } from "../thesis-levers.ts";
import type { Persona } from "./persona.ts";

export const LEVERS = {
  recovery_mechanism: "A body-recovery mechanism was set up",
  systematised_aid: "Aid agencies ran a systematised distribution",
  aid_target_met: "Aid reached 600 trucks a day",
  isf_deployed: "The ISF deployed into at least one zone",
  roadmap_four: "At least four roadmap elements were in place",
  political_horizon: "A political-horizon dialogue opened",
  enforce_mandate: "The ISF was given an enforce mandate",
  committee_formed: "The technocratic committee was formed",
  broad_backing: "Multilateral backing reached the broad-coalition threshold",
  housing_projects: "Housing projects went up behind the line",
  commitment_broken: "At least one commitment was broken",
  heavy_strikes: "Heavy strikes were chosen at least once",
  spoilers: "Hamas let spoilers act at least once",
  retrench: "Hamas retrenched at least once",
  aid_restricted_slow_remains: "Israel restricted aid while remains came back slowly",
  limited_strike: "A limited strike was chosen at least once",
  mission_creep: "US troops were sent into Gaza",
} as const;
export type LeverId = keyof typeof LEVERS;

export interface GameRecord {
  outcome: OutcomeId;
  winners: PartyId[];
  levers: Record<LeverId, boolean>;
  /** Commitments kept (fully or partly) and broken, by the persona of the party that made them. */
  promises?: Partial<Record<Persona, { kept: number; broken: number }>>;
}

export function gameRecord(scenario: Scenario, s: GameState, actions: readonly Action[], personas?: Record<PartyId, Persona>): GameRecord {
  let promises: GameRecord["promises"];
  if (personas) {
    promises = {};
    for (const c of s.commitments) {
      if (c.status === "pending") continue;
      const tally = (promises[personas[c.party]] ??= { kept: 0, broken: 0 });
      if (c.status === "broken") tally.broken++;
      else tally.kept++;
    }
  }
  const moved = (move: string) => actions.some((a) => a.type === "decide" && a.decision.moves.includes(move as never));
  const peak = (key: "aidTrucks" | "multilateralBacking" | "isfMandate") => Math.max(s.tracks[key], ...s.history.map((h) => h.tracks[key]));
  return {
    outcome: s.outcome ?? "frozen_line",
    winners: [...s.winners],
    levers: {
      recovery_mechanism: s.tracks.recoveryMechanism >= 1,
      systematised_aid: s.tracks.aidSystem >= 2,
      aid_target_met: peak("aidTrucks") >= scenario.weights.aidTarget,
      isf_deployed: s.isfZones.length >= 1,
      roadmap_four: metric(scenario, s, "roadmapCount") >= 4,
      political_horizon: s.tracks.ddrPoliticalHorizon >= 1,
      enforce_mandate: peak("isfMandate") >= 3,
      committee_formed: s.tracks.committeeFormed >= 1,
      broad_backing: peak("multilateralBacking") >= backingThreshold(scenario),
      housing_projects: s.tracks.housingProjects >= 1 || moved("israel_entrench"),
      commitment_broken: s.commitments.some((c) => c.status === "broken"),
      heavy_strikes: moved("israel_heavy_strikes"),
      spoilers: moved("hamas_spoilers"),
      retrench: moved("hamas_retrench"),
      aid_restricted_slow_remains: s.causes.some((c) => c.factor === "aid_restricted_slow_remains"),
      limited_strike: moved("israel_limited_strike"),
      mission_creep: moved("mediators_mission_creep"),
    },
    ...(promises ? { promises } : {}),
  };
}

export interface LeverEffect {
  lever: LeverId;
  label: string;
  pulled: number;
  durableWhenPulled: number;
  durableOtherwise: number;
  /** Difference in the rate of durable outcomes, pulled minus not pulled. */
  effect: number;
}

const durable = (o: OutcomeId) => o === "managed_ceasefire" || o === "pathway_to_peace";

export function leverEffects(records: readonly GameRecord[]): LeverEffect[] {
  const out: LeverEffect[] = [];
  for (const lever of Object.keys(LEVERS) as LeverId[]) {
    const yes = records.filter((r) => r.levers[lever]);
    const no = records.filter((r) => !r.levers[lever]);
    const rate = (rs: readonly GameRecord[]) => (rs.length === 0 ? 0 : rs.filter((r) => durable(r.outcome)).length / rs.length);
    out.push({
      lever,
      label: LEVERS[lever],
      pulled: yes.length,
      durableWhenPulled: rate(yes),
      durableOtherwise: rate(no),
      effect: yes.length === 0 || no.length === 0 ? 0 : rate(yes) - rate(no),
    });
  }
  return out.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
}
