// A negotiating bot for one seat. It sees exactly the view a person in its seat sees, rebuilt into
// a belief (belief.ts); it proposes packages that raise its own utility and that the other side can
// plausibly accept, concedes over time by persona, reciprocates trust and retaliates for broken
// commitments, and every move carries a reason that states what its valuation actually was.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { PartyIntentInput } from "../actions.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Commitment, Decision, GameState, Obligation, Offer } from "../state.ts";
import type { TableView } from "../views.ts";
import { Random, seedToRng } from "../rng.ts";
import { acceptBlocker, offersAwaiting } from "../legal.ts";
import { holds } from "../metrics.ts";
import { greedyDecision } from "../policies/greedy-policy.ts";
import { utility, type UtilityWeights } from "../policies/utility.ts";
import { termDelta } from "../policies/what-if.ts";
import { beliefState } from "./belief.ts";
import { aspiration, DIFFICULTY_PROFILES, PERSONA_PROFILES, type Difficulty, type Persona } from "./persona.ts";
import { bilateralSpace, key, valueTable, type BilateralPoint, type ObligationValue } from "./package-search.ts";
import { OpponentModel } from "./opponent-model.ts";
import { approx, listing, moveName, outOf, partyName, partyPossessive, partySubject, plural, termPhrase, verb } from "../wording.ts";
import { rolloutDecision } from "./rollout.ts";
import { failedLastWeek, judgeCommitments, type CommitmentJudgement } from "./commitments.ts";
import { likeForLike } from "../term-limits.ts";

export interface BotConfig {
  party: PartyId;
  persona: Persona;
  difficulty: Difficulty;
  seed: number;
}

export interface BotMove {
  intent: PartyIntentInput;
  reason: string;
}

export interface BotDecision {
  decision: Decision;
  reason: string;
}

/** Negotiation turns a bot expects per week; its patience within a week runs over these. */
export const TURNS_PER_WEEK = 3;
const MAX_PROPOSALS_PER_WEEK = 2;

export class NegotiatorBot {
  readonly config: BotConfig;
  private readonly random: Random;
  private readonly model = new OpponentModel();
  private round = -1;
  private turn = 0;

  constructor(config: BotConfig) {
    this.config = config;
    this.random = new Random(seedToRng(config.seed ^ PARTY_IDS.indexOf(config.party)));
  }

  private get persona() {
    return PERSONA_PROFILES[this.config.persona];
  }
  private get level() {
    return DIFFICULTY_PROFILES[this.config.difficulty];
  }

  /**
   * Its valuation this week: the persona's weights, and the nearer the end, the more an objective
   * counts by whether it will hold outright, as it is scored, rather than by how close it gets.
   */
  private weights(view: TableView): UtilityWeights {
    return { ...this.persona.weights, certainty: Math.min(1, view.round / Math.max(1, view.rounds)) };
  }

  /** Progress of the negotiation, 0–1: half the game's clock, half this week's. */
  private time(view: TableView): number {
    const game = view.rounds > 1 ? (view.round - 1) / (view.rounds - 1) : 1;
    return 0.5 * game + 0.5 * Math.min(1, this.turn / TURNS_PER_WEEK);
  }

  /** The share of its best deal it insists on with this partner now. */
  private required(view: TableView, belief: GameState, partner: PartyId): number {
    const distrust = Math.max(0, 50 - belief.trust[this.config.party][partner]) / 10;
    return Math.min(1, aspiration(this.persona, this.time(view)) + distrust * this.persona.distrustPremium);
  }

  negotiate(scenario: Scenario, view: TableView): BotMove {
    const me = this.config.party;
    if (view.round !== this.round) {
      this.round = view.round;
      this.turn = 0;
    }
    this.turn++;
    if (this.level.learns) this.model.observe(view, me);
    const belief = beliefState(view, me);
    const mine = valueTable(scenario, belief, me, true, this.weights(view));

    const awaiting = offersAwaiting(belief, me)[0];
    if (awaiting) return this.answer(scenario, view, belief, mine, awaiting);

    const made = belief.offers.filter((o) => o.round === belief.round && o.proposer === me).length;
    if (made < MAX_PROPOSALS_PER_WEEK) {
      // The Mediators' first move of a week is to broker between others, as the plan's mediators did.
      const brokered = me === "mediators" && made === 0 ? this.broker(scenario, belief, mine) : null;
      if (brokered) return brokered;
      const proposal = this.propose(scenario, view, belief, mine);
      if (proposal) return proposal;
    }
    return { intent: { type: "ready" }, reason: "Nothing more this week would be worth what it costs us." };
  }

  private theirValues(scenario: Scenario, belief: GameState, partner: PartyId) {
    const table = valueTable(scenario, belief, partner, false);
    if (this.level.learns)
      for (const rows of table.values()) for (const r of rows) r.value += this.model.adjustment(partner, r.ob.term.kind);
    return table;
  }

  private propose(scenario: Scenario, view: TableView, belief: GameState, mine: Map<PartyId, ObligationValue[]>): BotMove | null {
    const me = this.config.party;
    const tried = new Set(belief.offers.filter((o) => o.round === belief.round).map((o) => o.obligations.map(key).sort().join("|")));
    let best: { point: BilateralPoint; partner: PartyId } | null = null;
    const options: Array<{ point: BilateralPoint; partner: PartyId }> = [];
    for (const partner of PARTY_IDS) {
      if (partner === me) continue;
      const space = bilateralSpace(me, partner, mine, this.theirValues(scenario, belief, partner));
      // Aspiration is measured against the best deal this partner could plausibly accept.
      const top = Math.max(0, ...space.filter((p) => p.b > 0).map((p) => p.a));
      if (top <= 0) continue;
      const floor = this.required(view, belief, partner) * top;
      for (const point of space) {
        if (point.a <= 0 || point.a < floor || point.b <= 0) continue;
        if (tried.has([key(point.give), key(point.want)].sort().join("|"))) continue;
        options.push({ point, partner });
        // The trade-off move: of the packages still good enough for us, the one they like best.
        if (!best || point.b > best.point.b || (point.b === best.point.b && point.a > best.point.a)) best = { point, partner };
      }
    }
    if (options.length > 0 && this.random.next() < this.level.noise) best = this.random.pick(options);
    if (!best) return this.broker(scenario, belief, mine);
    const { point, partner } = best;
    return {
      intent: { type: "propose", to: [partner], obligations: [point.give, point.want], note: "" },
      reason: `We would ${termPhrase(scenario, point.give.term)} if ${partyName(scenario, partner)} ${verb(partner, "agrees", "agree")} to ${termPhrase(scenario, point.want.term)}: for us that is a net gain of ${approx(point.a)}.`,
    };
  }

  /** The Mediators put together packages between two other parties that both should welcome. */
  private broker(scenario: Scenario, belief: GameState, mine: Map<PartyId, ObligationValue[]>): BotMove | null {
    if (this.config.party !== "mediators") return null;
    let best: { a: PartyId; b: PartyId; x: Obligation; y: Obligation; gain: number } | null = null;
    const pairs: Array<[PartyId, PartyId]> = [["israel", "hamas"], ["hamas", "qatar"], ["israel", "board_of_peace"], ["hamas", "board_of_peace"], ["turkiye", "board_of_peace"]];
    for (const [a, b] of pairs) {
      const va = this.theirValues(scenario, belief, a);
      const vb = this.theirValues(scenario, belief, b);
      const aIndex = new Map([...(va.get(a) ?? []), ...(va.get(b) ?? [])].map((v) => [key(v.ob), v.value]));
      const bIndex = new Map([...(vb.get(a) ?? []), ...(vb.get(b) ?? [])].map((v) => [key(v.ob), v.value]));
      const forMe = (o: ObligationValue) => o.value;
      const xs = [...(mine.get(a) ?? [])].sort((p, q) => forMe(q) - forMe(p)).slice(0, 4);
      const ys = [...(mine.get(b) ?? [])].sort((p, q) => forMe(q) - forMe(p)).slice(0, 4);
      for (const x of xs)
        for (const y of ys) {
          const gain = x.value + y.value;
          const forA = (aIndex.get(key(x.ob)) ?? 0) + (aIndex.get(key(y.ob)) ?? 0);
          const forB = (bIndex.get(key(x.ob)) ?? 0) + (bIndex.get(key(y.ob)) ?? 0);
          if (gain <= 0.5 || forA <= 0 || forB <= 0) continue;
          if (likeForLike(this.config.party, [x.ob, y.ob]) !== null) continue;
          if (belief.offers.some((o) => o.round === belief.round && o.obligations.map(key).join("|") === [key(x.ob), key(y.ob)].join("|"))) continue;
          if (!best || gain > best.gain) best = { a, b, x: x.ob, y: y.ob, gain };
        }
    }
    if (!best) return null;
    const sa = partySubject(scenario, best.a);
    const sb = partyName(scenario, best.b);
    return {
      intent: { type: "propose", to: [best.a, best.b], obligations: [best.x, best.y], note: "" },
      reason: `A package we can broker: ${sa} would ${termPhrase(scenario, best.x.term)} and ${sb} would ${termPhrase(scenario, best.y.term)}; both should gain, and so does the ceasefire.`,
    };
  }

  private answer(scenario: Scenario, view: TableView, belief: GameState, mine: Map<PartyId, ObligationValue[]>, offer: Offer): BotMove {
    const me = this.config.party;
    const weights = this.weights(view);
    const base = utility(scenario, belief, me, true, weights);
    const index = new Map([...mine.values()].flat().map((v) => [key(v.ob), v.value]));
    const valued = offer.obligations.map((ob) => ({ ob, value: index.get(key(ob)) ?? valueOf(scenario, belief, me, ob, base, weights) }));
    const total = valued.reduce((n, v) => n + v.value, 0);
    const space = bilateralSpace(me, offer.proposer, mine, this.theirValues(scenario, belief, offer.proposer));
    const top = Math.max(total, ...space.filter((p) => p.b > 0).map((p) => p.a));
    const floor = Math.max(0, (this.required(view, belief, offer.proposer) - 0.15) * top);
    const line = this.crossedRedLine(scenario, belief, offer);
    const blocked = acceptBlocker(scenario, belief, me, offer);
    if (blocked) return { intent: { type: "reject", offerId: offer.id, reason: "" }, reason: `Rejected: we cannot promise this: ${blocked.message}.` };

    const gains = valued.filter((v) => v.value > 0).sort((a, b) => b.value - a.value);
    const costs = valued.filter((v) => v.value < 0).sort((a, b) => a.value - b.value);
    const label = (o: Obligation) => obligationPhrase(scenario, me, o);

    let acceptable = !line && total > 0 && total >= floor;
    if (this.random.next() < this.level.noise) acceptable = total > -2;
    if (acceptable) {
      const best = gains[0];
      const worst = costs[0];
      return {
        intent: { type: "accept", offerId: offer.id, note: "" },
        reason: best
          ? `Accepted: ${label(best.ob)} is worth more to us${worst ? ` than ${label(worst.ob)} costs us` : ""} (net gain ${approx(total)}).`
          : `Accepted: the package is a small net gain for us (${approx(total)}).`,
      };
    }
    const why = line
      ? line.replace(/[.\s]+$/, "")
      : total <= 0
        ? costs[0]
          ? `${label(costs[0].ob)} costs us more than this package gives back (net ${approx(total)})`
          : `the package does nothing for us (net ${approx(total)})`
        : `a net gain of ${approx(total)} is not enough yet for ${costs[0] ? label(costs[0].ob) : "what we give"}; we can expect at least ${approx(floor)}`;

    if (this.level.counters && !line && offer.recipients.length === 1) {
      const counter = this.counter(scenario, view, belief, mine, offer, valued);
      if (counter) return { intent: counter.intent, reason: `Yes, but: ${why}; ${counter.reason}` };
    }
    return { intent: { type: "reject", offerId: offer.id, reason: "" }, reason: `Rejected: ${why}.` };
  }

  /** "Yes, but…": keep what works for us, ask the proposer for one thing more. */
  private counter(
    scenario: Scenario,
    view: TableView,
    belief: GameState,
    mine: Map<PartyId, ObligationValue[]>,
    offer: Offer,
    valued: Array<{ ob: Obligation; value: number }>,
  ): { intent: PartyIntentInput; reason: string } | null {
    const keep = valued.map((v, i) => ({ ...v, i })).filter((v) => v.ob.party !== this.config.party || v.value > -3);
    const kept = keep.reduce((n, v) => n + v.value, 0);
    const present = new Set(offer.obligations.map(key));
    const keptObligations = keep.map((v) => v.ob);
    const extra = [...(mine.get(offer.proposer) ?? [])]
      .filter((v) => !present.has(key(v.ob)) && v.value > 0 && likeForLike(this.config.party, [...keptObligations, v.ob]) === null)
      .sort((a, b) => b.value - a.value)[0];
    if (!extra) return null;
    const total = kept + extra.value;
    if (total <= 0 || total < (this.required(view, belief, offer.proposer) - 0.15) * Math.max(total, 1)) return null;
    if (!keep.some((v) => v.ob.party === this.config.party)) return null;
    return {
      intent: { type: "counter", offerId: offer.id, keep: keep.map((v) => v.i), add: [extra.ob], note: "" },
      reason: `we would go ahead if ${partyName(scenario, offer.proposer)} also ${verb(offer.proposer, "agrees", "agree")} to ${termPhrase(scenario, extra.ob.term)} (net gain ${approx(total)}).`,
    };
  }

  private crossedRedLine(scenario: Scenario, belief: GameState, offer: Offer): string | null {
    const me = this.config.party;
    for (const o of offer.obligations) {
      if (o.party !== me) continue;
      for (const line of scenario.parties[me].redLines)
        if (line.term === o.term.kind && (line.option === undefined || line.option === o.term.option) && !holds(scenario, belief, line.unless)) return line.text;
    }
    return null;
  }

  decide(scenario: Scenario, view: TableView): BotDecision {
    const me = this.config.party;
    const belief = beliefState(view, me);
    const weights = this.weights(view);
    const notes: string[] = [];
    const breakNotes = new Map<number, string>();
    const judged = new Map<number, CommitmentJudgement>();
    const breaks: number[] = [];
    const label = (c: Commitment) => termPhrase(scenario, c.term);

    // Reciprocity: a commitment broken against us last week — or one that delivered only part of what
    // was promised, as remains handed back short of the promise (aid_limits) — is answered in kind,
    // below a trust threshold.
    const due = belief.commitments.filter((c) => c.party === me && c.status === "pending" && c.round === belief.round);
    const failedUs = failedLastWeek(belief, me);
    for (const c of due) {
      const culprit = c.counterparties.find((q) => failedUs.has(q) && belief.trust[me][q] < this.persona.retaliateBelow);
      if (culprit) {
        breaks.push(c.id);
        breakNotes.set(c.id, `we answer ${failedUs.get(culprit) === "broken" ? "the broken promise" : "the promise only partly kept"} of ${partyName(scenario, culprit)} by dropping ours`);
      }
    }
    // The rest by expected value: what keeping costs us now against the trust and retaliation we risk.
    for (const j of judgeCommitments(scenario, belief, me, due.filter((c) => !breaks.includes(c.id)), { ...this.persona, weights })) {
      if (!j.breakIt) continue;
      breaks.push(j.commitment.id);
      judged.set(j.commitment.id, j);
    }
    let decision = greedyDecision(scenario, belief, me, weights, breaks);
    if (this.level.rollouts > 0) {
      const better = rolloutDecision(scenario, belief, me, decision, this.level.rollouts, this.random, weights);
      if (better.changed) notes.push(better.note);
      decision = better.decision;
    }
    if (this.random.next() < this.level.noise && decision.moves.length > 0) {
      decision = { ...decision, moves: decision.moves.slice(1) };
      notes.push("we hold back one planned move");
    }
    for (const id of decision.breaks) {
      const j = judged.get(id);
      if (!j) {
        const note = breakNotes.get(id);
        if (note) notes.push(note);
        continue;
      }
      const risk = j.retaliation ? `, counting a ${Math.round(j.retaliation.chance * 100)}% chance that ${partyName(scenario, j.retaliation.party)} ${verb(j.retaliation.party, "answers", "answer")} in kind` : "";
      const frees = j.unlocked && decision.moves.includes(j.unlocked.move) ? ` (it leaves us free to ${moveName(scenario, j.unlocked.move)})` : "";
      notes.push(
        `we break our promise to ${label(j.commitment)}: breaking it gains us ${approx(j.gain)} this week${frees}, more than the trust we lose over the weeks left is worth (${approx(j.future)}${risk})`,
      );
    }
    const kept = due.length - decision.breaks.length;
    const parts = [due.length === 0 ? "No commitments of ours fall due this week" : `We keep ${outOf(kept, due.length)} ${plural("commitment", due.length)} due this week`];
    if (decision.moves.length > 0) parts.push(`our moves: ${listing(decision.moves.map((m) => moveName(scenario, m)))}`);
    parts.push(...notes);
    return { decision, reason: parts.join("; ") + "." };
  }
}


function valueOf(scenario: Scenario, s: GameState, me: PartyId, ob: Obligation, base: number, weights: UtilityWeights): number {
  return termDelta(scenario, s, me, ob.party, ob.term, true, base, weights);
}

/** What an obligation in a package does, for a reason: "our promise to halt strikes", "Hamas's promise to release 2 living hostages". */
function obligationPhrase(scenario: Scenario, me: PartyId, o: Obligation): string {
  const whose = o.party === me ? "our" : partyPossessive(scenario, o.party);
  return `${whose} promise to ${termPhrase(scenario, o.term)}`;
}
