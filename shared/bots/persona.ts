// Personas and difficulty levels of the negotiating bots.
//
// Concession follows the classic time-dependent family: the share of its best deal a bot still
// insists on at time t (0–1) is 1 − (1 − reservation)·t^(1/e). A small e (Boulware) holds firm
// until late; e = 1 concedes linearly; a large e (Conceder) gives ground early.
import type { UtilityWeights } from "../policies/utility.ts";

export const PERSONAS = ["hardliner", "pragmatist", "dealmaker"] as const;
export type Persona = (typeof PERSONAS)[number];

export const DIFFICULTIES = ["easy", "normal", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface PersonaProfile {
  /** Concession exponent e. */
  concession: number;
  /** The least share of its best deal it will ever take. */
  reservation: number;
  weights: UtilityWeights;
  /** Trust below which it retaliates for a broken commitment. */
  retaliateBelow: number;
  /** Extra demand, in share of its best deal, per 10 points of distrust toward a partner. */
  distrustPremium: number;
  /** Utility per point of a partner's trust for each week left: what being believed is worth to it. */
  reputation: number;
  /** The least net gain, in utility, for which it will break its word at all. */
  honourBias: number;
}

export const PERSONA_PROFILES: Record<Persona, PersonaProfile> = {
  hardliner: {
    concession: 0.25,
    reservation: 0.45,
    weights: { objectives: 1.1, standing: 1.4, outcome: 0.6, trust: 0.4 },
    retaliateBelow: 45,
    distrustPremium: 0.04,
    reputation: 0.005,
    honourBias: 0,
  },
  pragmatist: {
    concession: 1,
    reservation: 0.25,
    weights: { objectives: 1, standing: 1, outcome: 1, trust: 1 },
    retaliateBelow: 30,
    distrustPremium: 0.025,
    reputation: 0.02,
    honourBias: 0.2,
  },
  dealmaker: {
    concession: 2.5,
    reservation: 0.1,
    weights: { objectives: 0.9, standing: 0.8, outcome: 1.3, trust: 1.4 },
    retaliateBelow: 15,
    distrustPremium: 0.01,
    reputation: 0.06,
    honourBias: 1.5,
  },
};

export interface DifficultyProfile {
  /** Chance of a plainly worse choice (easy bots make mistakes). */
  noise: number;
  /** Whether it proposes "yes, but…" counters. */
  counters: boolean;
  /** Whether it learns other parties' preferences from their answers. */
  learns: boolean;
  /** Monte Carlo rollouts per candidate decision (0: one-step judgement). */
  rollouts: number;
}

export const DIFFICULTY_PROFILES: Record<Difficulty, DifficultyProfile> = {
  easy: { noise: 0.3, counters: false, learns: false, rollouts: 0 },
  normal: { noise: 0, counters: true, learns: false, rollouts: 0 },
  hard: { noise: 0, counters: true, learns: true, rollouts: 12 },
};

/** The share of its best deal a bot insists on at time t. */
export function aspiration(profile: Pick<PersonaProfile, "concession" | "reservation">, t: number): number {
  const clamped = Math.min(1, Math.max(0, t));
  return 1 - (1 - profile.reservation) * clamped ** (1 / profile.concession);
}
