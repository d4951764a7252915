// A negotiating bot for one seat. It sees exactly the view a person in its seat sees, rebuilt into
// a belief (belief.ts); it proposes packages that raise its own utility and that the other side can
// plausibly accept, concedes over time by persona, reciprocates trust and retaliates for broken
// commitments. What it values and accepts is decided in bot-valuation.ts; every negotiation move
// carries the facts the valuation found, worded by reasons.ts.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Action, PartyIntentInput } from "../actions.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Commitment, Decision, Obligation, Offer } from "../state.ts";
import type { TableView } from "../views.ts";
import { Random, seedToRng } from "../rng.ts";
import { apply } from "../apply.ts";
import { offersAwaiting } from "../legal.ts";
import { greedyDecision } from "../policies/greedy-policy.ts";
import type { UtilityWeights } from "../policies/utility.ts";
import { beliefState } from "./belief.ts";
import { DIFFICULTY_PROFILES, PERSONA_PROFILES, type Difficulty, type Persona } from "./persona.ts";
import { key, type BundlePoint } from "./package-search.ts";
import { OpponentModel } from "./opponent-model.ts";
import { listing, moveName, outOf, partyName, plural, termPhrase, verb } from "../wording.ts";
import { rolloutDecision } from "./rollout.ts";
import { judgeCommitments, type CommitmentJudgement } from "./commitments.ts";
import { answersInKind } from "./reciprocity.ts";
import { likeForLike } from "../term-limits.ts";
import {
  MAX_PROPOSALS_PER_WEEK,
  applyRemedy,
  ceasefireGains,
  completionFor,
  enoughAgreed,
  judge,
  proposalsThisWeek,
  proposals,
  proposeFloor,
  remedy,
  valuation,
  type Valuation,
} from "./bot-valuation.ts";
import { reasonFor, type MoveFacts, type Objection } from "./reasons.ts";
import { partialPromise } from "./partial-promise.ts";

export interface BotConfig {
  party: PartyId;
  persona: Persona;
  difficulty: Difficulty;
  seed: number;
}

export interface BotMove {
  intent: PartyIntentInput;
  reason: string;
  /** What the valuation found, from which the reason was worded (reasons.ts). */
  facts: MoveFacts;
}

export interface BotDecision {
  decision: Decision;
  reason: string;
}

/** Packages a bot checks against the rules before it settles for saying it is done. */
const PROPOSAL_TRIES = 6;

export class NegotiatorBot {
  readonly config: BotConfig;
  private readonly random: Random;
  private readonly model = new OpponentModel();

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

  private valuation(scenario: Scenario, view: TableView): Valuation {
    if (this.level.learns) this.model.observe(view, this.config.party);
    return valuation(this.config, scenario, view, this.model);
  }

  /**
   * The next negotiation move: the oldest offer awaiting an answer is answered first (every offer
   * gets one), then the bot proposes while it has fresh packages worth making, then it is done.
   */
  negotiate(scenario: Scenario, view: TableView): BotMove {
    const v = this.valuation(scenario, view);
    const awaiting = offersAwaiting(v.belief, v.me)[0];
    if (awaiting) return this.answer(v, awaiting);
    if (proposalsThisWeek(v.belief, v.me) >= MAX_PROPOSALS_PER_WEEK) return this.move(v, { type: "ready" }, { kind: "done", because: "offers_made" });
    // The Mediators' first move of a week is to broker between others, as the plan's mediators did.
    const first = proposalsThisWeek(v.belief, v.me) === 0;
    const brokered = v.me === "mediators" && first ? this.broker(v) : null;
    if (brokered) return brokered;
    const proposal = this.propose(v);
    if (typeof proposal !== "string") return proposal;
    // Said only when it is true: no untried package to any partner meets the bot's own bar.
    return this.broker(v) ?? this.move(v, { type: "ready" }, { kind: "done", because: proposal });
  }

  /**
   * What this bot would want from `partner` in return for a package starting with `offered`, or
   * null. If the partner then proposes exactly that package this week, the bot accepts it.
   */
  wantInReturn(scenario: Scenario, view: TableView, partner: PartyId, offered: readonly Obligation[]): Obligation[] | null {
    if (partner === this.config.party) return null;
    return completionFor(this.valuation(scenario, view), partner, offered);
  }

  /** The answer the bot gives when the one it chose is refused by the rules. */
  fallback(scenario: Scenario, offerId: number): BotMove {
    const facts: MoveFacts = { kind: "fallback" };
    return { intent: { type: "reject", offerId, reason: "" }, reason: reasonFor(scenario, this.config.party, facts), facts };
  }

  private move(v: Valuation, intent: PartyIntentInput, facts: MoveFacts): BotMove {
    return { intent, reason: reasonFor(v.scenario, v.me, facts), facts };
  }

  /** A proposal, or why there is none: nothing meets the bot's bar, or nothing that does is legal now. */
  private propose(v: Valuation): BotMove | "nothing_worth_it" | "no_more_packages" {
    const me = v.me;
    const belief = v.belief;
    const tried = new Set(belief.offers.filter((o) => o.round === belief.round).map((o) => packageKey(o.obligations)));
    const options: Array<{ point: BundlePoint; partner: PartyId }> = [];
    for (const partner of PARTY_IDS) {
      if (partner === me || enoughAgreed(v, partner)) continue;
      const floor = proposeFloor(v, partner);
      if (floor === null) continue;
      for (const point of proposals(v, partner, floor))
        if (!tried.has(packageKey([...point.give, ...point.want]))) options.push({ point, partner });
    }
    // Of the packages still good enough for us, the one that most raises the product of both sides'
    // gains (the Nash bargaining point): the partner should welcome it, and it still brings us what we
    // came for. Ranking by the partner's gain alone let the bot trade away its scarce one-off promises
    // for whatever the partner liked most, however little that brought it.
    options.sort((x, y) => y.point.a * y.point.b - x.point.a * x.point.b || y.point.b - x.point.b || size(x.point) - size(y.point));
    if (options.length > 1 && this.random.next() < this.level.noise) {
      const i = this.random.int(options.length);
      [options[0], options[i]] = [options[i]!, options[0]!];
    }
    for (const { point, partner } of options.slice(0, PROPOSAL_TRIES)) {
      const intent: PartyIntentInput = { type: "propose", to: [partner], obligations: [...point.give, ...point.want], note: "" };
      if (!legal(v, intent)) continue;
      const partly = partialPromise(v.scenario, v.belief, me, point.give, [partner], v.persona.reputation, v.value)?.short ?? null;
      return this.move(v, intent, { kind: "propose", partner, give: point.give, want: point.want, partly });
    }
    return options.length === 0 ? "nothing_worth_it" : "no_more_packages";
  }

  /** The Mediators put together packages between two other parties that both should welcome. */
  private broker(v: Valuation): BotMove | null {
    if (v.me !== "mediators") return null;
    const { scenario, belief, mine } = v;
    let best: { a: PartyId; b: PartyId; x: Obligation; y: Obligation; gain: number } | null = null;
    const pairs: Array<[PartyId, PartyId]> = [["israel", "hamas"], ["hamas", "qatar"], ["israel", "board_of_peace"], ["hamas", "board_of_peace"], ["turkiye", "board_of_peace"]];
    const tried = new Set(belief.offers.filter((o) => o.round === belief.round).map((o) => packageKey(o.obligations)));
    for (const [a, b] of pairs) {
      const va = v.theirs(a, b);
      const vb = v.theirs(b, a);
      const aIndex = new Map([...(va.get(a) ?? []), ...(va.get(b) ?? [])].map((x) => [key(x.ob), x.value]));
      const bIndex = new Map([...(vb.get(a) ?? []), ...(vb.get(b) ?? [])].map((x) => [key(x.ob), x.value]));
      const xs = [...(mine.get(a) ?? [])].sort((p, q) => q.value - p.value).slice(0, 4);
      const ys = [...(mine.get(b) ?? [])].sort((p, q) => q.value - p.value).slice(0, 4);
      for (const x of xs)
        for (const y of ys) {
          const gain = x.value + y.value;
          const forA = (aIndex.get(key(x.ob)) ?? 0) + (aIndex.get(key(y.ob)) ?? 0);
          const forB = (bIndex.get(key(x.ob)) ?? 0) + (bIndex.get(key(y.ob)) ?? 0);
          if (gain <= 0.5 || forA <= 0 || forB <= 0) continue;
          if (likeForLike(v.me, [x.ob, y.ob]) !== null) continue;
          if (tried.has(packageKey([x.ob, y.ob]))) continue;
          if (!best || gain > best.gain) best = { a, b, x: x.ob, y: y.ob, gain };
        }
    }
    if (!best) return null;
    const intent: PartyIntentInput = { type: "propose", to: [best.a, best.b], obligations: [best.x, best.y], note: "" };
    if (!legal(v, intent)) return null;
    return this.move(v, intent, { kind: "broker", parties: [best.a, best.b], obligations: [best.x, best.y], ceasefireGains: ceasefireGains(scenario, belief, [best.x, best.y]) });
  }

  /** Accept, counter ("yes, but…") or reject with the change that would make it work. */
  private answer(v: Valuation, offer: Offer): BotMove {
    const verdict = judge(v, offer.proposer, offer.obligations, offer.recipients);
    const reject = (facts: MoveFacts) => this.move(v, { type: "reject", offerId: offer.id, reason: "" }, facts);
    if (verdict.blocker) return reject({ kind: "blocked", message: verdict.blocker.message });
    if (verdict.enough) return reject({ kind: "enough", proposer: offer.proposer });
    if (verdict.acceptable)
      return this.move(v, { type: "accept", offerId: offer.id, note: "" }, { kind: "accept", proposer: offer.proposer, gains: verdict.gains, costs: verdict.costs, closeCall: verdict.closeCall, partly: verdict.partial?.short ?? null });
    const objection: Objection = verdict.redLine
      ? { kind: "red_line", text: verdict.redLine }
      : verdict.partialDecides && verdict.partial
        ? { kind: "partial", part: verdict.partial.short }
      : verdict.total <= 0
        ? { kind: "loss", gains: verdict.gains, costs: verdict.costs }
        : { kind: "short", gains: verdict.gains, costs: verdict.costs };
    // What would change its mind: only for a package between two, where one change is well defined.
    const fix = offer.recipients.length === 1 ? remedy(v, offer.proposer, offer.obligations) : null;
    // One counter per exchange: an answer to our own package is accepted or turned down with what
    // would change our mind, never countered again, so two bots cannot bounce a package for ever.
    const answersOurs = offer.counterOf !== null && v.belief.offers.some((o) => o.id === offer.counterOf && o.proposer === v.me);
    if (fix && this.level.counters && !answersOurs) {
      const changed = applyRemedy(offer.obligations, fix);
      const keep = offer.obligations.map((o, i) => (changed.includes(o) ? i : -1)).filter((i) => i >= 0);
      const add = fix.kind === "add" ? [fix.add] : [];
      const intent: PartyIntentInput = { type: "counter", offerId: offer.id, keep, add, note: "" };
      if (legal(v, intent)) return this.move(v, intent, { kind: "counter", proposer: offer.proposer, objection, remedy: fix });
    }
    return reject({ kind: "reject", proposer: offer.proposer, objection, remedy: fix });
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
    // was promised, as a withdrawal that stopped short — is answered in kind and in measure, below a
    // trust threshold (reciprocity.ts).
    const due = belief.commitments.filter((c) => c.party === me && c.status === "pending" && c.round === belief.round);
    for (const a of answersInKind(scenario, belief, me, due, weights, this.persona.retaliateBelow)) {
      breaks.push(a.commitment.id);
      breakNotes.set(a.commitment.id, `we answer ${a.how === "broken" ? "the broken promise" : "the promise only partly kept"} of ${partyName(scenario, a.culprit)} by dropping ours`);
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
        // In words, not in utility: a person can weigh "this week's gain against the trust lost"; a figure
        // from the bot's valuation would only show its internal scale.
        `we break our promise to ${label(j.commitment)}: keeping it would cost us more this week${frees} than the trust we lose with ${listing(j.commitment.counterparties.map((q) => partyName(scenario, q)))} over the weeks left is worth to us${risk}`,
      );
    }
    const kept = due.length - decision.breaks.length;
    const parts = [due.length === 0 ? "No commitments of ours fall due this week" : `We keep ${outOf(kept, due.length)} ${plural("commitment", due.length)} due this week`];
    if (decision.moves.length > 0) parts.push(`our moves: ${listing(decision.moves.map((m) => moveName(scenario, m)))}`);
    parts.push(...notes);
    return { decision, reason: parts.join("; ") + "." };
  }
}


/** Whether the rules, as far as the bot can see, would take this move. */
function legal(v: Valuation, intent: PartyIntentInput): boolean {
  return apply(v.scenario, v.belief, { ...intent, by: v.me } as Action).ok;
}

const packageKey = (obligations: readonly Obligation[]) => obligations.map(key).sort().join("|");
const size = (p: BundlePoint) => p.give.length + p.want.length;
