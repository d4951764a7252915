// What a party should know before it confirms its secret decision: which choices cross its own red
// lines, which promises it honours will fall short of what it promised, which it breaks and with
// whom, and what the week would cost it at home. Every answer comes from the rules themselves
// (red-line checks, term effects and the round's resolution on a copy), never from a second model.
import { PARTY_IDS, type PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Decision, GameState } from "./state.ts";
import { cloneState } from "./apply.ts";
import { ownParty } from "./draft-ops.ts";
import { crossesRedLine, decisionTerms, resolveRound } from "./resolve-round.ts";
import { applyTerm } from "./term-effects.ts";
import { deploymentsCrossing } from "./deployment-red-line.ts";
import { noWeek } from "./policies/what-if.ts";
import { dueCommitments, emptyDecision } from "./decisions.ts";
import { seedToRng } from "./rng.ts";
import { amountWords, approx, forPeople, partyList, termPhrase } from "./wording.ts";

export type WarningKind = "red_line" | "shortfall" | "broken_promise" | "domestic_cost";

export interface DecisionWarning {
  kind: WarningKind;
  text: string;
}

export interface DomesticForecast {
  /** Pressure now, and expected at the end of the week with this decision and with the default one. */
  now: number;
  withDecision: number;
  withDefault: number;
}

/** Flare-ups are a roll of the dice: the forecast averages the week over these many rolls. */
const ROLLS = 8;

/**
 * The party's expected domestic pressure after the week with `decision`, everyone else as they
 * stand (their secret choices are unknown, so they are taken as the default). Paired rolls make
 * the comparison with the default decision fair: both face the same dice.
 */
export function forecastPressure(scenario: Scenario, state: GameState, party: PartyId, decision: Decision): DomesticForecast {
  const run = (d: Decision, roll: number) => {
    const s = cloneState(state);
    s.rng = seedToRng(roll);
    for (const p of PARTY_IDS) if (p !== party && s.parties[p].decision === null) ownParty(s, p).decision = emptyDecision();
    ownParty(s, party).decision = d;
    // The week's own closing pressure, before the next week's event moves it.
    resolveRound(scenario, s);
    return s.parties[party].pressureByWeek[s.parties[party].pressureByWeek.length - 1] ?? s.parties[party].pressure;
  };
  let withDecision = 0;
  let withDefault = 0;
  for (let roll = 1; roll <= ROLLS; roll++) {
    withDecision += run(decision, roll);
    withDefault += run(emptyDecision(), roll);
  }
  return { now: state.parties[party].pressure, withDecision: withDecision / ROLLS, withDefault: withDefault / ROLLS };
}

/** Warnings for `party` about `decision`, most serious first; empty when there is nothing to flag. */
export function decisionWarnings(scenario: Scenario, state: GameState, party: PartyId, decision: Decision): DecisionWarning[] {
  if (state.stage !== "decisions") return [];
  const warnings: DecisionWarning[] = [];
  const due = dueCommitments(state, party);
  const redLinePressure = forPeople(scenario.weights.redLinePressure);

  // Red lines: promises honoured, and the decision's own steps (pledges, zones, decommissioning…).
  const honoured = due.filter((c) => !decision.breaks.includes(c.id));
  for (const c of honoured) {
    const line = crossesRedLine(scenario, state, party, c.term);
    if (line) warnings.push({ kind: "red_line", text: `Honouring your promise to ${termPhrase(scenario, c.term)} crosses one of your red lines (“${line}”): pressure at home rises by ${redLinePressure}.` });
  }
  for (const term of decisionTerms(decision)) {
    if (term.kind === "deploy_zone") continue;
    const line = crossesRedLine(scenario, state, party, term);
    if (line) warnings.push({ kind: "red_line", text: `To ${termPhrase(scenario, term)} crosses one of your red lines (“${line}”): pressure at home rises by ${redLinePressure}.` });
  }
  // Deployments as resolution judges them: after this decision's own pledge and mandate.
  for (const { zone, line } of deploymentsCrossing(scenario, state, party, decision)) {
    const term = { kind: "deploy_zone" as const, option: zone };
    warnings.push({ kind: "red_line", text: `To ${termPhrase(scenario, term)} crosses one of your red lines (“${line}”): pressure at home rises by ${redLinePressure}.` });
  }

  // Promises the rules cannot deliver in full (remains not yet located, troops held back…), in the
  // order resolution honours them, so earlier promises use up what is there first.
  const s = cloneState(state);
  const week = noWeek();
  for (const c of state.commitments) {
    if (c.status !== "pending" || c.round !== state.round || c.term.amount === undefined) continue;
    if (c.party === party && decision.breaks.includes(c.id)) continue;
    const delivered = applyTerm(scenario, s, c.party, c.term, week);
    if (c.party !== party || delivered >= c.term.amount) continue;
    const got = delivered <= 0 ? "nothing" : `only ${amountWords(c.term.kind, delivered)}`;
    warnings.push({
      kind: "shortfall",
      text: `Your promise to ${termPhrase(scenario, c.term)} can deliver ${got} this week; ${partyList(scenario, c.counterparties)} will count it as partly kept and trust you a little less.`,
    });
  }

  for (const c of due.filter((x) => decision.breaks.includes(x.id)))
    warnings.push({
      kind: "broken_promise",
      text: `Breaking your promise to ${termPhrase(scenario, c.term)} costs you the trust of ${partyList(scenario, c.counterparties)} and shakes the ceasefire.`,
    });

  const f = forecastPressure(scenario, state, party, decision);
  const extra = f.withDecision - f.withDefault;
  if (extra >= 1) {
    warnings.push({
      kind: "domestic_cost",
      text: `Your domestic pressure would end the week at about ${forPeople(f.withDecision)} (now ${forPeople(f.now)}): about ${approx(extra)} more than if you honoured every promise and made no move.`,
    });
  }
  return warnings;
}
