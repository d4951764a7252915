// The thesis experiment: the same seeded tables of normal bots played under four interventions on
// the two variables the analysis says decide the later phases — multilateral backing and
// institutional grounding — so a class can see what changes when only those change. Each arm holds
// a track inside bounds through the scenario itself (its min or max), so every rule, bot and
// outcome reads the intervention the way it reads any other limit. Seeds are paired across arms.
import { OUTCOME_IDS, PARTY_IDS, type OutcomeId, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState } from "../state.ts";
import type { Action } from "../actions.ts";
import { patchScenario } from "../scenario.ts";
import { playGame, type Policy } from "../policies/policy.ts";
import { disarmament, holds } from "../metrics.ts";
import { botPolicy } from "../bots/bot-policy.ts";
import { tablePersonas } from "../bots/tournament.ts";
import { backingThreshold, groundingThreshold } from "../thesis-levers.ts";

export const ARMS = ["default", "lowBacking", "lowGrounding", "high"] as const;
export type Arm = (typeof ARMS)[number];

export const ARM_LABELS: Record<Arm, string> = {
  default: "default (nothing held)",
  lowBacking: "backing held low",
  lowGrounding: "institutions held low",
  high: "both held high",
};

/**
 * The bounds each arm imposes. "Low" holds the track halfway between its start and the threshold
 * at which it counts as broad (backing) or solid (grounding); "high" starts both ten points above
 * their thresholds and never lets them fall below.
 */
export function armPatch(scenario: Scenario, arm: Arm): Record<string, unknown> {
  const b = scenario.tracks.multilateralBacking;
  const g = scenario.tracks.institutionalGrounding;
  const bt = backingThreshold(scenario);
  const gt = groundingThreshold(scenario);
  const halfway = (start: number, threshold: number) => Math.floor((start + threshold) / 2);
  switch (arm) {
    case "default":
      return {};
    case "lowBacking":
      return { tracks: { multilateralBacking: { max: Math.max(b.start, halfway(b.start, bt)) } } };
    case "lowGrounding":
      return { tracks: { institutionalGrounding: { max: Math.max(g.start, halfway(g.start, gt)) } } };
    case "high":
      return {
        tracks: {
          multilateralBacking: { min: Math.min(b.max, bt + 10), start: Math.min(b.max, bt + 10) },
          institutionalGrounding: { min: Math.min(g.max, gt + 10), start: Math.min(g.max, gt + 10) },
        },
      };
  }
}

export function armScenario(scenario: Scenario, arm: Arm): Scenario {
  const patched = patchScenario(scenario, armPatch(scenario, arm));
  if (!patched.ok) throw new Error(`thesis arm ${arm}: ${patched.error.message}`);
  return patched.value;
}

/** What one game of one arm came to: the measures the experiment compares across arms. */
export interface ThesisGame {
  seed: number;
  outcome: OutcomeId;
  /** Whether backing stood at or above the scenario's threshold at the end. */
  broadBacking: boolean;
  isfZones: number;
  disarmament: number;
  israeliControlEnd: number;
  /** Lowest Israeli control reached: how much territory was ever handed over. */
  aidTrucksMean: number;
  contributorTroopsEnd: number;
  brokenCommitments: number;
  aidRestricted: boolean;
  /** The pathway rule's clauses that did not hold at the end, by their metric (or index). */
  pathwayMissing: string[];
}

/** Each top-level clause of the pathway rule that fails, named by its metric. */
export function pathwayMissing(scenario: Scenario, s: GameState): string[] {
  const rule = scenario.outcomeRules.pathway_to_peace;
  const clauses = "all" in rule ? rule.all : [rule];
  return clauses.flatMap((c, i) => (holds(scenario, s, c) ? [] : ["metric" in c ? c.metric : `clause ${i + 1}`]));
}

export function normalBotTable(seed: number): Record<PartyId, Policy> {
  const personas = tablePersonas(seed);
  return Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed })])) as Record<PartyId, Policy>;
}

export function measureGame(scenario: Scenario, seed: number, s: GameState, actions: readonly Action[]): ThesisGame {
  const weeks = s.history.length;
  return {
    seed,
    outcome: s.outcome ?? "frozen_line",
    broadBacking: s.tracks.multilateralBacking >= backingThreshold(scenario),
    isfZones: s.isfZones.length,
    disarmament: disarmament(s),
    israeliControlEnd: s.tracks.israeliControl,
    aidTrucksMean: weeks === 0 ? s.tracks.aidTrucks : s.history.reduce((n, h) => n + h.tracks.aidTrucks, 0) / weeks,
    contributorTroopsEnd: s.tracks.isfTurkiye + s.tracks.isfQatar + s.tracks.isfRegional,
    brokenCommitments: s.commitments.filter((c) => c.status === "broken").length,
    aidRestricted: actions.some((a) => a.type === "decide" && a.decision.moves.includes("israel_restrict_aid")),
    pathwayMissing: s.outcome === "pathway_to_peace" ? [] : pathwayMissing(scenario, s),
  };
}

/** Plays one seed in one arm with a table of normal bots of mixed personas. */
export function playArm(scenario: Scenario, arm: Arm, seed: number): ThesisGame {
  const armed = armScenario(scenario, arm);
  const played = playGame(armed, { seed }, normalBotTable(seed));
  if (!played.ok) throw new Error(played.error.message);
  return measureGame(armed, seed, played.value.state, played.value.log.actions);
}

export interface ArmSummary {
  outcomes: Record<OutcomeId, number>;
  isfZonesMean: number;
  disarmamentMean: number;
  israeliControlEndMean: number;
  brokenGameShare: number;
  /** Pathway share among the arm's games that ended with backing at or above the threshold, and below it. */
  pathwayWithBacking: number | null;
  pathwayWithoutBacking: number | null;
  gamesWithBacking: number;
  aidTrucksMean: number;
  contributorTroopsEndMean: number;
  aidRestrictedShare: number;
  /** For each clause of the pathway rule, the share of games it kept from a pathway. */
  pathwayMissing: Record<string, number>;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((n, x) => n + x, 0) / xs.length);

export function summariseArm(games: readonly ThesisGame[]): ArmSummary {
  const n = Math.max(1, games.length);
  const outcomes = Object.fromEntries(OUTCOME_IDS.map((o) => [o, round3(games.filter((g) => g.outcome === o).length / n)])) as Record<OutcomeId, number>;
  const pathwayShare = (gs: readonly ThesisGame[]) => (gs.length === 0 ? null : round3(gs.filter((g) => g.outcome === "pathway_to_peace").length / gs.length));
  const backed = games.filter((g) => g.broadBacking);
  return {
    outcomes,
    isfZonesMean: round3(mean(games.map((g) => g.isfZones))),
    disarmamentMean: round3(mean(games.map((g) => g.disarmament))),
    israeliControlEndMean: round3(mean(games.map((g) => g.israeliControlEnd))),
    brokenGameShare: round3(games.filter((g) => g.brokenCommitments > 0).length / n),
    pathwayWithBacking: pathwayShare(backed),
    pathwayWithoutBacking: pathwayShare(games.filter((g) => !g.broadBacking)),
    gamesWithBacking: backed.length,
    aidTrucksMean: round3(mean(games.map((g) => g.aidTrucksMean))),
    contributorTroopsEndMean: round3(mean(games.map((g) => g.contributorTroopsEnd))),
    aidRestrictedShare: round3(games.filter((g) => g.aidRestricted).length / n),
    pathwayMissing: Object.fromEntries(
      [...new Set(games.flatMap((g) => g.pathwayMissing))].sort().map((k) => [k, round3(games.filter((g) => g.pathwayMissing.includes(k)).length / n)]),
    ),
  };
}

export interface ThesisReport {
  games: number;
  seed: number;
  arms: Record<Arm, ArmSummary>;
}

/** Games seed … seed+games−1 in every arm; deterministic for its arguments. */
export function runThesis(scenario: Scenario, games: number, seed: number, arms: readonly Arm[] = ARMS): ThesisReport {
  const out = {} as Record<Arm, ArmSummary>;
  for (const arm of arms) {
    const played: ThesisGame[] = [];
    for (let g = 0; g < games; g++) played.push(playArm(scenario, arm, seed + g));
    out[arm] = summariseArm(played);
  }
  return { games, seed, arms: out };
}
