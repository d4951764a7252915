// Escalation at the line. The analysis expects the army's continued presence at the withdrawal line
// to bring sporadic exchanges of fire, each answered with heavier bombardment, until in the worst
// case the violations give the government a pretext to call the deal off and renew its offensive
// (escalation); a short return to strikes after the slow return of bodies had already killed at
// least 100 people and put the deal at risk (strikes_resumed). So a flare-up is more than a dent in
// stability: it can escalate into days of strikes. That is likelier the more fire has been exchanged
// in the weeks before, the closer the ceasefire already is to breaking and the less the two sides trust each
// other, and only while the army still holds the line; a deployed force deters it as it deters the
// flare-up itself. Collapse (stability at zero) is then what a strained ceasefire comes to when
// escalations pile up, never a roll of its own.
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { addCause, addNews, addPressure, addTrack, addTrust } from "./draft-ops.ts";
import { trustIsraelHamas } from "./metrics.ts";
import { mandateDeterrence } from "./isf-mandate.ts";
import { isfEffectiveness } from "./thesis-levers.ts";
import { Random } from "./rng.ts";

/** Whether each side held back this week: Israel by restraint or halted strikes, Hamas by complying or restraining the factions. */
export interface Restraint {
  israel: boolean;
  hamas: boolean;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** 0–1: how far a deployed force damps escalation — its zones out of the strip's five, by its mandate and the backing behind it. */
export function forceDamping(scenario: Scenario, s: GameState): number {
  const e = scenario.thesis.escalation;
  return e.forceDamping * clamp01((s.isfZones.length / e.zones) * mandateDeterrence(scenario, s) * isfEffectiveness(scenario, s));
}

/**
 * The chance that the flare-up just recorded escalates into days of heavier strikes. Read after the
 * flare-up has shaken stability and trust, so a ceasefire already near breaking is the one most
 * likely to break.
 */
export function escalationChance(scenario: Scenario, s: GameState, restraint: Restraint = { israel: false, hamas: false }): number {
  const e = scenario.thesis.escalation;
  // Fire answered with heavier fire: flare-ups of the last few weeks pile up; a quiet spell lets them fade.
  const recent = s.history.slice(-e.recentWeeks).filter((h) => h.flareUp).length;
  const strain = clamp01((e.calmStability - s.tracks.stability) / e.calmStability);
  const distrust = clamp01((e.calmTrust - trustIsraelHamas(s)) / e.calmTrust);
  // Only an army that still faces the other side at the line answers fire with bombardment.
  const atLine = clamp01(s.tracks.israeliControl / scenario.tracks.israeliControl.start);
  const raw = e.perRecentFlare * recent + e.strain * strain + e.distrust * distrust;
  // A side that chose restraint this week answers through the coordination centre or reins its
  // fighters in rather than hitting back harder.
  const held = (restraint.israel ? e.restraint : 1) * (restraint.hamas ? e.restraint : 1);
  return Math.min(e.max, raw) * atLine * held * (1 - forceDamping(scenario, s));
}

/**
 * Fighting in a strip where the force stands shows what peacekeepers can and cannot do: they can
 * document it, not stop it (peacekeeping_limits). The Board that sent them answers for it at home.
 */
export function forceLooksPowerless(scenario: Scenario, s: GameState): void {
  if (s.isfZones.length === 0) return;
  addPressure(s, "board_of_peace", scenario.weights.flareForceCredibility);
  addCause(s, "force_powerless", -1, "Fire was exchanged where the ISF stands: it could document the fighting but not stop it, and the Board's credibility suffered.", ["board_of_peace"]);
}

/** After a flare-up: roll whether it escalates, and if so apply the heavier strikes and their cost. */
export function escalationCheck(scenario: Scenario, s: GameState, restraint: Restraint): boolean {
  const e = scenario.thesis.escalation;
  const chance = escalationChance(scenario, s, restraint);
  const random = new Random(s.rng);
  const roll = random.next();
  s.rng = random.state;
  if (roll >= chance) return false;
  addTrack(scenario, s, "stability", -e.stability);
  addTrust(s, "israel", "hamas", -e.trust);
  addTrust(s, "hamas", "israel", -e.trust);
  addTrack(scenario, s, "multilateralBacking", -e.backing);
  forceLooksPowerless(scenario, s);
  addNews(s, "flare_up", "The exchange of fire escalated: days of heavier strikes followed at a heavy cost in lives, and the whole deal came close to breaking down.", ["israel", "hamas"]);
  addCause(s, "escalation", -1, `A flare-up escalated into days of heavier strikes (chance ${Math.round(chance * 100)}%): the more fire had been exchanged and the weaker the ceasefire and trust, the likelier.`, ["israel", "hamas"]);
  return true;
}
