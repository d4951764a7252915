// Honour or break a commitment by expected value. Decisions are simultaneous and secret, so the
// other side's part of a package arrives (or not) whatever this party does; what breaking changes
// is only this party's own delivery, the trust and stability it costs now, and the future: the
// counterparties trust it less for the weeks left, and a partner whose trust falls low enough
// answers in kind next week (see NegotiatorBot.decide), taking away what it gives in this package.
import type { MoveId, PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Commitment, GameState, Obligation } from "../state.ts";
import { addPressure, addTrack, addTrust } from "../draft-ops.ts";
import { applyTerm } from "../term-effects.ts";
import { evalDecision, noWeek, redLineCost, whatIf } from "../policies/what-if.ts";
import { applyMove } from "../move-effects.ts";
import { checkDecision, decisionOptions, emptyDecision } from "../decisions.ts";
import { utility, type UtilityWeights } from "../policies/utility.ts";
import { brokenWordCost } from "../reputation.ts";
import { breachTrustLoss } from "../line-incident.ts";

export interface FaithProfile {
  /** Its valuation, with `certainty` set for the week (objectives are scored all or nothing at the end). */
  weights: UtilityWeights;
  /** Utility per point of a partner's trust, for each week still to play: the value of being believed. */
  reputation: number;
  /** The least net gain, in utility, for which it will break its word at all. */
  honourBias: number;
}

export interface CommitmentJudgement {
  commitment: Commitment;
  /** Utility this week from breaking rather than keeping (the counterparties' delivery assumed either way). */
  gain: number;
  /** Expected cost in the weeks left: lost reputation plus the expected retaliation. */
  future: number;
  /** A move that only breaking this commitment makes possible, and what it adds. */
  unlocked: { move: MoveId; value: number } | null;
  /** The partner most likely to retaliate, and the chance that it does. */
  retaliation: { party: PartyId; chance: number } | null;
  breakIt: boolean;
}

/** Trust below which a partner is expected to answer a broken commitment in kind (an average persona). */
export const EXPECTED_RETALIATION_BELOW = 30;

/** How likely a partner is to retaliate when its trust in us falls to `trust` (0 well above the line, 1 far below). */
export function retaliationChance(trust: number): number {
  return Math.min(1, Math.max(0, (EXPECTED_RETALIATION_BELOW + 15 - trust) / 30));
}

function deliver(scenario: Scenario, t: GameState, original: GameState, ob: Obligation): void {
  const week = noWeek();
  addPressure(t, ob.party, redLineCost(scenario, original, ob.party, ob.term));
  applyTerm(scenario, t, ob.party, ob.term, week);
  // Restraint lowers the chance of a flare-up; valued as expected stability, as offers are valued.
  if (week.strikesHalted) addTrack(scenario, t, "stability", 1);
  if (week.factionsRestrained) addTrack(scenario, t, "stability", 1.5);
}

export function judgeCommitments(scenario: Scenario, s: GameState, me: PartyId, due: readonly Commitment[], faith: FaithProfile): CommitmentJudgement[] {
  const w = scenario.weights;
  const weeksLeft = Math.max(0, s.config.rounds - s.round);
  return due.map((c) => {
    const theirs = s.commitments.filter((x) => x.offerId === c.offerId && x.round === c.round && x.party !== me && x.status === "pending");
    const keep = whatIf(s);
    const broken = whatIf(s);
    for (const x of theirs) {
      deliver(scenario, keep, s, x);
      deliver(scenario, broken, s, x);
    }
    deliver(scenario, keep, s, c);
    // After an incident at the line a broken restraint costs less trust (line-incident.ts).
    const loss = breachTrustLoss(scenario, s, c);
    for (const q of c.counterparties) {
      addTrust(keep, q, me, w.honouredTrust);
      addTrust(broken, q, me, -loss);
    }
    addTrack(scenario, broken, "stability", -w.brokenStability);
    // A promise can stand in the way of a move (no strikes while promising to halt them): breaking
    // it opens that move, worth what it adds over the best move still open in the same group.
    let unlocked: { move: MoveId; value: number } | null = null;
    const options = decisionOptions(scenario, s, me);
    for (const m of Object.keys(options.conflicts) as MoveId[]) {
      if (checkDecision(scenario, s, me, { ...emptyDecision(), breaks: [c.id], moves: [m] }) !== null) continue;
      const open = options.moves.filter((x) => x !== m && scenario.moves[x].group === scenario.moves[m].group && !options.conflicts[x]);
      const alternative = Math.max(evalDecision(scenario, broken, me, () => {}, faith.weights), ...open.map((x) => evalDecision(scenario, broken, me, (t, week) => applyMove(scenario, t, x, week), faith.weights)));
      const value = evalDecision(scenario, broken, me, (t, week) => applyMove(scenario, t, m, week), faith.weights) - alternative;
      // The same margin a planned move must clear (greedyDecision).
      if (value > 0.25 && (!unlocked || value > unlocked.value)) unlocked = { move: m, value };
    }
    // The score deducts a broken word (reputation.ts); the what-if copies do not mark the commitment, so count it here.
    const gain =
      utility(scenario, broken, me, true, faith.weights) - utility(scenario, keep, me, true, faith.weights) + (unlocked?.value ?? 0) -
      faith.weights.trust * brokenWordCost(scenario, c);

    // The future: each counterparty's trust is worth something every week left, and one whose trust
    // falls low may drop what it owes us next time, worth about what it gives us in this package.
    let future = 0;
    let retaliation: CommitmentJudgement["retaliation"] = null;
    if (weeksLeft > 0) {
      const base = utility(scenario, s, me, true, faith.weights);
      for (const q of c.counterparties) {
        future += faith.reputation * weeksLeft * (loss + w.honouredTrust);
        const chance = retaliationChance(s.trust[q][me] - loss);
        if (chance <= 0) continue;
        let stake = 0;
        for (const x of theirs.filter((x) => x.party === q)) {
          const t = whatIf(s);
          deliver(scenario, t, s, x);
          stake += utility(scenario, t, me, true, faith.weights) - base;
        }
        if (stake <= 0) continue;
        future += chance * stake;
        if (!retaliation || chance > retaliation.chance) retaliation = { party: q, chance };
      }
    }
    return { commitment: c, gain, future, unlocked, retaliation, breakIt: gain - future > faith.honourBias };
  });
}

/**
 * The parties that failed `me` last week, and how: a commitment to it broken, or one kept only in
 * part (less territory handed over than promised). Either is what a party answers in kind, as the
 * disputes over the withdrawal line brought both sides to the brink (half_strip, first_weeks).
 */
export function failedLastWeek(s: GameState, me: PartyId): Map<PartyId, "broken" | "partial"> {
  const failed = new Map<PartyId, "broken" | "partial">();
  for (const c of s.commitments) {
    if (c.round !== s.round - 1 || !c.counterparties.includes(me)) continue;
    if (c.status === "broken") failed.set(c.party, "broken");
    else if (c.status === "partial" && !failed.has(c.party)) failed.set(c.party, "partial");
  }
  return failed;
}
