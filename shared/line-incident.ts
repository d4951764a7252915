// An incident at the withdrawal line between the talks and the secret decisions. In the first
// weeks the deal was tested not only by what the parties chose but by what happened at the line
// after they had agreed: about ten days in, soldiers were attacked in Rafah and Israel answered
// with airstrikes for a while (rafah_attack); the same pull, with remains coming back slowly, led to
// a short return to strikes (strikes_resumed). So a party that promised at the table to hold its
// fire learns, before it decides in secret, whether keeping that promise now has a price.
//
// The chance depends only on the state: troops still at the line (none at the line, no incident),
// low trust between Israel and Hamas, a strained armed wing, fire exchanged last week; a deployed
// force deters it as it deters flare-ups (mandate, backing and institutions behind it), and a
// promise by Hamas to restrain the armed groups this week makes it less likely. The roll comes from
// the table's seeded generator state, so a replay draws the same incident.
import type { Scenario } from "./scenario-schema.ts";
import type { Commitment, GameState } from "./state.ts";
import { nextRandom, seedToRng } from "./rng.ts";
import { playEvent } from "./events.ts";
import { trustIsraelHamas } from "./metrics.ts";
import { mandateDeterrence } from "./isf-mandate.ts";
import { isfEffectiveness } from "./thesis-levers.ts";
import { flareLastWeek } from "./tension.ts";

/** The event card that announces the incident (in the scenario's deck with weight 0: never drawn as the week's card). */
export const LINE_INCIDENT_CARD = "ev_line_incident";

/** Mixed into the generator state for the incident's own draw. */
const INCIDENT_STREAM = 0x1ac1de47;

/** The terms whose keeping an incident at the line tests: holding fire, and holding armed groups back. */
const RESTRAINT_TERMS = new Set<Commitment["term"]["kind"]>(["halt_strikes", "restrain_factions"]);

/** Chance of an incident at the line this week, from the table as it stands when the talks close. */
export function lineIncidentChance(scenario: Scenario, s: GameState): number {
  const control = s.tracks.israeliControl;
  if (control <= 0) return 0;
  const w = scenario.weights;
  // Friction grows with the troops left at the line, as the flare-up check's does.
  let chance = 0.3 * (control / 50);
  if (trustIsraelHamas(s) < 20) chance += 0.1;
  if (s.parties.hamas.pressure >= 70) chance += 0.1;
  if (flareLastWeek(s)) chance += 0.1;
  // A force in the zones it holds deters incidents in proportion to what stands behind it.
  chance -= w.flareIsfPerZone * s.isfZones.length * mandateDeterrence(scenario, s) * isfEffectiveness(scenario, s);
  // Armed groups held back by a promise the table has just agreed.
  const restrained = s.commitments.some((c) => c.round === s.round && c.status === "pending" && c.term.kind === "restrain_factions");
  if (restrained) chance *= 0.5;
  return Math.min(0.8, Math.max(0, chance));
}

/** Rolls for an incident as the talks close; when one happens it is played as a card, in everyone's news. */
export function lineIncidentCheck(scenario: Scenario, s: GameState): boolean {
  if (!scenario.events.some((e) => e.id === LINE_INCIDENT_CARD)) return false;
  const chance = lineIncidentChance(scenario, s);
  if (chance <= 0) return false;
  // Drawn from the table's generator without advancing it, so the week's other rolls (the flare-up
  // check, next week's card) fall as they would have without the incident check.
  const [roll] = nextRandom(seedToRng(s.rng ^ INCIDENT_STREAM));
  if (roll >= chance) return false;
  return playEvent(scenario, s, LINE_INCIDENT_CARD);
}

/** Whether an incident at the line came this week (read from the week's cards, which every view carries). */
export function incidentThisWeek(s: Pick<GameState, "roundEvents">): boolean {
  return s.roundEvents.includes(LINE_INCIDENT_CARD);
}

/**
 * How much trust a broken promise costs with each counterparty. A restraint broken in the week of an
 * incident at the line is read as an answer to it, not as bad faith: partners hold it against the
 * promiser half as much — and so answer it in measure (reciprocity.ts), not by tearing up the deal.
 */
export function breachTrustLoss(scenario: Scenario, s: Pick<GameState, "roundEvents">, c: Pick<Commitment, "term">): number {
  const loss = scenario.weights.brokenTrust;
  return RESTRAINT_TERMS.has(c.term.kind) && incidentThisWeek(s) ? loss / 2 : loss;
}
