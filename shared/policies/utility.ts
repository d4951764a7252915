// A party's estimate of how good a state is for it, used by built-in policies: progress toward
// its objectives, its domestic standing, how much others trust it, and the forecast outcome.
// Only the party's own secrets are read; other parties are valued from public information.
import type { PartyId } from "../ids.ts";
import type { Condition, Scenario } from "../scenario-schema.ts";
import type { GameState } from "../state.ts";
import { holds, interestValue, metric } from "../metrics.ts";
import { PARTY_IDS } from "../ids.ts";
import { reputationScore } from "../reputation.ts";

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

function rangeProgress(value: number, min: number | undefined, max: number | undefined, span: number): number {
  let p = 1;
  if (min !== undefined && value < min) p = Math.min(p, min <= 0 ? 0 : clamp01(value / min));
  if (max !== undefined && value > max) p = Math.min(p, clamp01(1 - (value - max) / Math.max(1, span)));
  return p;
}

/** How close a condition is to holding, 0–1 (1 when it holds). */
export function progress(scenario: Scenario, s: GameState, c: Condition): number {
  if ("all" in c) return c.all.reduce((n, x) => n + progress(scenario, s, x), 0) / c.all.length;
  if ("any" in c) return Math.max(...c.any.map((x) => progress(scenario, s, x)));
  if ("not" in c) return 1 - progress(scenario, s, c.not);
  if ("outcome" in c) return c.outcome.reduce((n, o) => n + outcomeLikelihood(scenario, s)[o], 0);
  if ("pressure" in c) return rangeProgress(s.parties[c.pressure].pressure, c.min, c.max, 100);
  if ("trust" in c) return rangeProgress(s.trust[c.trust.from][c.trust.to], c.min, c.max, 100);
  const spec = c.metric in scenario.tracks ? scenario.tracks[c.metric as keyof Scenario["tracks"]] : null;
  const span = spec ? spec.max - spec.min : 100;
  return rangeProgress(metric(scenario, s, c.metric), c.min, c.max, span);
}

/** Whether a condition holds now, 1 or 0; a clause on the final outcome, not known yet, counts by its forecast. */
export function settled(scenario: Scenario, s: GameState, c: Condition): number {
  if ("all" in c) return c.all.reduce((n, x) => n * settled(scenario, s, x), 1);
  if ("any" in c) return Math.max(...c.any.map((x) => settled(scenario, s, x)));
  if ("not" in c) return 1 - settled(scenario, s, c.not);
  if ("outcome" in c) return progress(scenario, s, c);
  return holds(scenario, s, c) ? 1 : 0;
}

/** A rough forecast of the outcome from where the table stands now. */
export function outcomeLikelihood(scenario: Scenario, s: GameState) {
  const collapse = clamp01(1 - s.tracks.stability / 35);
  const pathway = progress(scenario, s, scenario.outcomeRules.pathway_to_peace) ** 3;
  const managed = progress(scenario, s, scenario.outcomeRules.managed_ceasefire) ** 2;
  const alive = 1 - collapse;
  const p = alive * pathway;
  const m = alive * (1 - pathway) * managed;
  return { collapse, pathway_to_peace: p, managed_ceasefire: m, frozen_line: Math.max(0, alive - p - m) };
}

/** How a player leans: personas weigh home politics, the shared outcome and trust differently. */
export interface UtilityWeights {
  objectives: number;
  standing: number;
  outcome: number;
  trust: number;
  /**
   * 0–1: how far an objective is valued by whether it holds outright rather than by how close it
   * is. Objectives are scored all or nothing at the end, so a player nearing the end cares whether
   * a threshold is crossed; early on, progress is the better guide. Absent: 0.
   */
  certainty?: number;
}
export const NEUTRAL_WEIGHTS: UtilityWeights = { objectives: 1, standing: 1, outcome: 1, trust: 1 };

export function utility(scenario: Scenario, s: GameState, party: PartyId, withSecrets = true, weights: UtilityWeights = NEUTRAL_WEIGHTS): number {
  let value = 0;
  if (withSecrets)
    for (const id of s.parties[party].objectives) {
      const o = scenario.objectives.find((x) => x.id === id);
      if (o) {
        const c = weights.certainty ?? 0;
        const reached = c > 0 ? (1 - c) * progress(scenario, s, o.condition) + c * settled(scenario, s, o.condition) : progress(scenario, s, o.condition);
        value += weights.objectives * o.points * reached;
      }
    }
  // Pressure now, and the relief (or strain) that what has been delivered will bring at home.
  value += weights.standing * scenario.scoring.standingWeight * (100 - s.parties[party].pressure + interestValue(scenario, s, party));
  // Standing at the table is scored too: the trust its broken commitments cost (reputation.ts).
  value += weights.trust * reputationScore(scenario, s, party);
  const likely = outcomeLikelihood(scenario, s);
  for (const [o, p] of Object.entries(likely))
    value += weights.outcome * p * scenario.outcomes[o as keyof typeof likely].value[party] * scenario.scoring.outcomeWeight;
  // Being trusted is worth something: it is what makes the next deal possible.
  let trusted = 0;
  for (const q of PARTY_IDS) if (q !== party) trusted += s.trust[q][party];
  return value + weights.trust * trusted * 0.02;
}
