// How multilateral backing and institutional grounding act on what the parties can do. The
// analysis's thesis is that the transactional first phase works on its own while the later phases
// — a stabilisation force, disarmament, a handover of territory — hold only with broad backing and
// working institutions. Here that thesis is a set of mechanisms, not a gate on the final label:
// contributors pledge and stay (source: arab_wariness, isf_role), the force deters in proportion to
// the coalition and institutions behind it (peacekeeping_limits), Hamas decommissions at the pace
// trust and an international umbrella allow (ddr_precedents), territory is handed over only as the
// force takes it (no_annexation: plan points 15–16), and aid flows as far as the system allows
// (aid_system). Every threshold is read from the scenario's `thesis` section, one source of truth
// for the rules, the bots, the balance report and the thesis experiment.
import type { PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { holds, roadmapCount, trustIsraelHamas } from "./metrics.ts";
import { mandateDisarmFactor } from "./isf-mandate.ts";

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Backing at which the coalition counts as broad. */
export function backingThreshold(scenario: Scenario): number {
  return scenario.thesis.broadBacking;
}

/** Institutional grounding at which the institutions count as solid. */
export function groundingThreshold(scenario: Scenario): number {
  return scenario.thesis.solidGrounding;
}

/** 0–1: how far backing has come from nothing toward broad. */
export function backingShare(scenario: Scenario, s: GameState): number {
  return clamp01(s.tracks.multilateralBacking / scenario.thesis.broadBacking);
}

/**
 * 0–1: how strongly the coalition carries the later phases. It rises with the square of backing's
 * share of broad, so a narrow coalition carries little: what the analysis means by the later
 * phases stalling without multilateral backing.
 */
export function coalitionStrength(scenario: Scenario, s: GameState): number {
  return backingShare(scenario, s) ** 2;
}

/** 0–1: how far grounding has come toward solid. */
export function groundingShare(scenario: Scenario, s: GameState): number {
  return clamp01(s.tracks.institutionalGrounding / scenario.thesis.solidGrounding);
}

/** Whether contributors see a political roadmap: a political horizon or security guarantees. */
export function politicalRoadmap(s: GameState): boolean {
  return s.tracks.ddrPoliticalHorizon >= 1 || s.tracks.ddrGuarantees >= 1;
}

/**
 * The share of a pledge that arrives. The US sends what it pledges; Arab and Muslim contributors are
 * wary of a force that would fight Hamas, so they come in proportion to how broad the coalition is,
 * fully only with a roadmap as well, and not at all to a force told to enforce without one.
 */
export function contributorWillingness(scenario: Scenario, s: GameState, party: PartyId): number {
  if (party === "mediators") return 1;
  const t = scenario.thesis;
  const roadmap = politicalRoadmap(s);
  if (s.tracks.isfMandate === 3 && !roadmap) return 0;
  const share = coalitionStrength(scenario, s) * (roadmap ? 1 : t.contributorNoRoadmap);
  return t.contributorFloor + (1 - t.contributorFloor) * share;
}

/**
 * The share of contributors' troops that leave this week: none while the coalition is broad, more
 * the narrower it is; with an enforce mandate and no roadmap, the scenario's larger share.
 */
export function contributorAttrition(scenario: Scenario, s: GameState): number {
  if (s.tracks.isfMandate === 3 && !politicalRoadmap(s)) return scenario.weights.enforceWithoutRoadmapWithdrawal;
  return scenario.thesis.contributorAttrition * (1 - coalitionStrength(scenario, s));
}

/** 0–1: how much each deployed zone deters fire at the line, by the backing and institutions behind the force. */
export function isfEffectiveness(scenario: Scenario, s: GameState): number {
  const floor = scenario.thesis.isfEffectivenessFloor;
  return floor + (1 - floor) * (0.6 * coalitionStrength(scenario, s) + 0.4 * groundingShare(scenario, s));
}

/**
 * 0–1: the pace at which Hamas's armed wing actually hands weapons over. It does so only as far as
 * it trusts the other side not to exploit it, and more readily under an international umbrella
 * (broad backing) than in a bilateral arrangement.
 */
export function decommissionPace(scenario: Scenario, s: GameState): number {
  const t = scenario.thesis;
  const trust = t.disarmTrustFloor + (1 - t.disarmTrustFloor) * clamp01(trustIsraelHamas(s) / t.disarmTrustFull);
  const umbrella = s.tracks.multilateralBacking >= t.broadBacking ? 1 : t.disarmOutsideCoalition;
  // Each element of a demobilisation and reintegration roadmap makes handing weapons over easier to
  // carry at home (ddr_precedents); a force mandated to enforce, on a roadmap both sides accepted,
  // collects and verifies faster.
  const roadmap = 1 + t.disarmPerRoadmap * roadmapCount(s);
  return trust * umbrella * roadmap * mandateDisarmFactor(scenario, s);
}

/**
 * The least Israeli control the army will pull back to now: territory is handed over as the ISF
 * takes it, one zone's worth at a time, down to the security perimeter — and only as far as the
 * army trusts the force to hold what it takes, which is its effectiveness.
 */
export function handoverFloor(scenario: Scenario, s: GameState): number {
  const t = scenario.thesis;
  const handed = t.handoverPerZone * (s.isfZones.length + 1) * isfEffectiveness(scenario, s);
  return Math.max(t.perimeter, Math.round(scenario.tracks.israeliControl.start - handed));
}

/** Aid trucks a day the distribution system can carry: a systematised network only as far as its institutions stand. */
export function aidCapacity(scenario: Scenario, s: GameState): number {
  const caps = scenario.weights.aidCapacity;
  const system = s.tracks.aidSystem;
  if (system < 2) return caps[system] ?? 0;
  return Math.round(caps[1] + (caps[2] - caps[1]) * (scenario.thesis.systemFloor + (1 - scenario.thesis.systemFloor) * groundingShare(scenario, s)));
}

/** Whether a bloc of supporters will actually join the coalition now, or only voice support. */
export function blocWillJoin(scenario: Scenario, s: GameState, bloc: "arab_states" | "europe" | "un"): boolean {
  const condition = scenario.thesis.blocJoins[bloc];
  return condition === undefined || holds(scenario, s, condition);
}
