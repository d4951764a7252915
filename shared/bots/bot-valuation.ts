// How a negotiating bot values packages, in one place: what each term is worth to it, the least it
// insists on from a partner this week, whether it would accept a package, and what would change its
// mind. The bot's answers, its proposals, its reasons and what it says when asked "what would you
// accept for X?" all come from here, so the bot never says one thing and does another.
//
// Everything here is a pure function of the bot's configuration and its seat's view (plus, at
// `hard`, what it learned from others' answers): being asked more often, or in a different order,
// never changes an answer.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation, Offer } from "../state.ts";
import type { TableView } from "../views.ts";
import type { RuleError } from "../result.ts";
import { apply } from "../apply.ts";
import { acceptBlocker } from "../legal.ts";
import { holds } from "../metrics.ts";
import { addTrack } from "../draft-ops.ts";
import { applyTerm } from "../term-effects.ts";
import { termKey } from "../terms.ts";
import { Random, seedToRng } from "../rng.ts";
import { noWeek, termDelta, whatIf } from "../policies/what-if.ts";
import { outcomeLikelihood, utility, type UtilityWeights } from "../policies/utility.ts";
import { beliefState } from "./belief.ts";
import { aspiration, DIFFICULTY_PROFILES, PERSONA_PROFILES, type DifficultyProfile, type PersonaProfile } from "./persona.ts";
import { BUNDLE_LIMITS, bilateralSpace, bundleSpace, key, valueTable, type BundlePoint, type ObligationValue } from "./package-search.ts";
import type { OpponentModel } from "./opponent-model.ts";
import type { BotConfig } from "./bot.ts";
import { NEW_OFFERS_PER_WEEK } from "../offer-allowance.ts";
import { partialPromise, type PartialPromise } from "./partial-promise.ts";

/**
 * Fresh packages a bot proposes per week (counters, which answer others, do not count): the whole
 * allowance the rules give every party, used only for packages that meet its bar and that the
 * partner should gain from (proposals()), so a bot is not out-proposed by a person who fills theirs.
 */
export const MAX_PROPOSALS_PER_WEEK = NEW_OFFERS_PER_WEEK;
/**
 * Packages a bot agrees with any one partner in a week. Each package is a
 * set of promises to be delivered this week, and a party sees only so many through with one partner
 * at once; bots at a table rarely agree more than two, so this binds only a partner who floods it
 * with offers, probing for every package that clears its bar.
 */
export const MAX_DEALS_PER_PARTNER_PER_WEEK = 2;
/** How much lower than its proposing aspiration a bot's bar for accepting sits: a bird in the hand. */
const ANSWER_SLACK = 0.15;

/** Everything a bot's valuation needs this week, built once per move. */
export interface Valuation {
  scenario: Scenario;
  view: TableView;
  belief: GameState;
  me: PartyId;
  config: BotConfig;
  persona: PersonaProfile;
  level: DifficultyProfile;
  weights: UtilityWeights;
  /** Every term each party could promise now, valued for the bot (its own secrets included). */
  mine: Map<PartyId, ObligationValue[]>;
  /**
   * The bot's estimate of a partner's values, from public information (memoised): the terms the
   * partner and `with` (the bot itself unless named) could promise, as the partner would value them.
   */
  theirs(partner: PartyId, withParty?: PartyId): Map<PartyId, ObligationValue[]>;
  /** The bot's value of one obligation. */
  value(ob: Obligation): number;
  /** Memo of yardstick() per partner. */
  yardsticks: Map<PartyId, number>;
}

export function valuation(config: BotConfig, scenario: Scenario, view: TableView, model: OpponentModel | null = null): Valuation {
  const me = config.party;
  const persona = PERSONA_PROFILES[config.persona];
  const level = DIFFICULTY_PROFILES[config.difficulty];
  const belief = beliefState(view, me);
  // The nearer the end, the more an objective counts by whether it will hold outright, as it is scored.
  const weights: UtilityWeights = { ...persona.weights, certainty: Math.min(1, view.round / Math.max(1, view.rounds)) };
  const mine = valueTable(scenario, belief, me, true, weights);
  const index = new Map([...mine.values()].flat().map((v) => [key(v.ob), v.value]));
  let base: number | null = null;
  const theirsMemo = new Map<string, Map<PartyId, ObligationValue[]>>();
  return {
    scenario,
    view,
    belief,
    me,
    config,
    persona,
    level,
    weights,
    mine,
    theirs(partner, withParty = me) {
      const memo = `${partner}|${withParty}`;
      let table = theirsMemo.get(memo);
      if (!table) {
        table = valueTable(scenario, belief, partner, false, undefined, partner === withParty ? [partner] : [withParty, partner]);
        if (model && level.learns) for (const rows of table.values()) for (const r of rows) r.value += model.adjustment(partner, r.ob.term.kind);
        theirsMemo.set(memo, table);
      }
      return table;
    },
    yardsticks: new Map(),
    value(ob) {
      const known = index.get(key(ob));
      if (known !== undefined) return known;
      base ??= utility(scenario, belief, me, true, weights);
      return termDelta(scenario, belief, me, ob.party, ob.term, true, base, weights);
    },
  };
}

/**
 * Progress of the negotiation, 0–1: half the game's clock, half the bot's own week — how many fresh
 * packages it has put forward. Nothing another party does moves it, so asking more often earns nothing.
 */
function progress(v: Valuation): number {
  const view = v.view;
  const game = view.rounds > 1 ? (view.round - 1) / (view.rounds - 1) : 1;
  const made = proposalsThisWeek(v.belief, v.me);
  return 0.5 * game + 0.5 * Math.min(1, (made + 1) / (MAX_PROPOSALS_PER_WEEK + 1));
}

/** Fresh packages (not counters) `me` proposed this week. */
export function proposalsThisWeek(belief: GameState, me: PartyId): number {
  return belief.offers.filter((o) => o.round === belief.round && o.proposer === me && o.counterOf === null).length;
}

/** The share of its best deal with this partner the bot insists on now; distrust raises it. */
function required(v: Valuation, partner: PartyId): number {
  const distrust = Math.max(0, 50 - v.belief.trust[v.me][partner]) / 10;
  return Math.min(1, aspiration(v.persona, progress(v)) + distrust * v.persona.distrustPremium);
}

/** The best single exchange this partner could plausibly accept, as the yardstick of the bot's demands. */
function yardstick(v: Valuation, partner: PartyId): number {
  let top = v.yardsticks.get(partner);
  if (top === undefined) {
    const space = bilateralSpace(v.me, partner, v.mine, v.theirs(partner));
    top = Math.max(0, ...space.filter((p) => p.b > 0).map((p) => p.a));
    v.yardsticks.set(partner, top);
  }
  return top;
}

/** The least net value the bot accepts from a package `partner` puts to it. Never shown to anyone. */
export function acceptFloor(v: Valuation, partner: PartyId): number {
  return Math.max(0, (required(v, partner) - ANSWER_SLACK) * yardstick(v, partner));
}

/** The least net value the bot wants from a package it proposes to `partner`; null when none is worth it. */
export function proposeFloor(v: Valuation, partner: PartyId): number | null {
  const top = yardstick(v, partner);
  return top > 0 ? required(v, partner) * top : null;
}

/**
 * An easy bot is sometimes careless with a partner: for a whole week it takes near-break-even
 * packages from it. Drawn once per week and partner from the seed, never per offer, so that a
 * partner cannot roll the dice again by asking again.
 */
function careless(v: Valuation, partner: PartyId): boolean {
  if (v.level.noise <= 0) return false;
  const draw = new Random(seedToRng(v.config.seed * 131 + v.belief.round * 17 + PARTY_IDS.indexOf(partner) * 7919 + PARTY_IDS.indexOf(v.me)));
  return draw.next() < v.level.noise;
}

/** Packages `me` and `partner` both took part in that were agreed this week. */
export function dealsThisWeek(belief: GameState, me: PartyId, partner: PartyId): number {
  return belief.offers.filter((o) => {
    if (o.round !== belief.round || o.status !== "accepted") return false;
    const involved = [o.proposer, ...o.recipients];
    return involved.includes(me) && involved.includes(partner);
  }).length;
}

/** Whether the bot has agreed as many packages with `partner` this week as it takes on. */
export function enoughAgreed(v: Valuation, partner: PartyId): boolean {
  return dealsThisWeek(v.belief, v.me, partner) >= MAX_DEALS_PER_PARTNER_PER_WEEK;
}

export interface Verdict {
  valued: Array<{ ob: Obligation; value: number }>;
  total: number;
  /** What the bot receives (positive to it) and gives up (negative), largest first. */
  gains: Obligation[];
  costs: Obligation[];
  /** A red line of the bot's the package crosses, in the scenario's words. */
  redLine: string | null;
  /** Why the rules would not let the bot accept it, from what it can see. */
  blocker: RuleError | null;
  acceptable: boolean;
  /** Accepted only because the bot is careless with this partner this week (easy bots). */
  closeCall: boolean;
  /** Turned down because the bot has agreed enough with this partner this week. */
  enough: boolean;
  /** A promise of the bot's it could keep only in part this week, and what that costs it (partial-promise.ts). */
  partial: PartialPromise | null;
  /** Turned down only because of that cost: without it the package would have cleared the bot's bar. */
  partialDecides: boolean;
}

/** Whether the bot would accept `obligations` put to it by `proposer`, and why. */
export function judge(v: Valuation, proposer: PartyId, obligations: readonly Obligation[], recipients: readonly PartyId[] = [v.me]): Verdict {
  const valued = obligations.map((ob) => ({ ob, value: v.value(ob) }));
  const total = valued.reduce((n, x) => n + x.value, 0);
  const gains = valued.filter((x) => x.value > 0).sort((x, y) => y.value - x.value).map((x) => x.ob);
  const costs = valued.filter((x) => x.value < 0).sort((x, y) => x.value - y.value).map((x) => x.ob);
  const redLine = crossedRedLine(v, obligations);
  const offer: Offer = { id: -1, round: v.belief.round, proposer, recipients: [...recipients], obligations: [...obligations], acceptedBy: [], status: "open", counterOf: null, note: "", notes: [], closedBy: null, reason: "" };
  const blocker = acceptBlocker(v.scenario, v.belief, v.me, offer);
  const enough = enoughAgreed(v, proposer);
  const partial = partialPromise(v.scenario, v.belief, v.me, obligations, [proposer, ...recipients], v.persona.reputation, v.value);
  const floor = acceptFloor(v, proposer);
  const clears = (net: number) => net > 0 && net >= floor;
  const sound = !enough && !blocker && !redLine && clears(total - (partial?.cost ?? 0));
  const partialDecides = !sound && !enough && !blocker && !redLine && partial !== null && clears(total);
  const closeCall = !sound && !enough && !blocker && total > -2 && careless(v, proposer);
  return { valued, total, gains, costs, redLine, blocker, acceptable: sound || closeCall, closeCall, enough, partial, partialDecides };
}

function crossedRedLine(v: Valuation, obligations: readonly Obligation[]): string | null {
  for (const o of obligations) {
    if (o.party !== v.me) continue;
    for (const line of v.scenario.parties[v.me].redLines)
      if (line.term === o.term.kind && (line.option === undefined || line.option === o.term.option) && !holds(v.scenario, v.belief, line.unless)) return line.text;
  }
  return null;
}

/** One change to a package that would make the bot accept it. */
export type Remedy =
  /** The proposer also gives `add` (in place of `replaces`, its own smaller promise of the same term). */
  | { kind: "add"; add: Obligation; replaces: Obligation | null }
  /** The package without this promise of the bot's. */
  | { kind: "drop"; drop: Obligation };

/** The package with the change made (terms matched by content, so a copy of the package works too). */
export function applyRemedy(obligations: readonly Obligation[], remedy: Remedy): Obligation[] {
  const gone = remedy.kind === "drop" ? remedy.drop : remedy.replaces;
  const kept = gone ? obligations.filter((o) => key(o) !== key(gone)) : [...obligations];
  return remedy.kind === "drop" ? kept : [...kept, remedy.add];
}

/** Whether `by` could propose this package now, as far as the bot can see. */
function proposable(v: Valuation, by: PartyId, to: readonly PartyId[], obligations: readonly Obligation[]): boolean {
  const result = apply(v.scenario, v.belief, { type: "propose", by, to: [...to], obligations: [...obligations], note: "" });
  // Neither the cap on open offers nor a spent weekly allowance is a bar here: the question is what
  // the bot would take for the package, which a counter or next week can still bring.
  return result.ok || result.error.code === "too_many_offers" || result.error.code === "no_offers_left";
}

/**
 * The smallest change that would make the bot accept the package, checked with the same judge and
 * the rules: first one more term from the proposer (the one it can most easily spare, by the bot's
 * estimate), then leaving out one of the bot's own promises. Null when no single change does it.
 */
export function remedy(v: Valuation, proposer: PartyId, obligations: readonly Obligation[]): Remedy | null {
  if (enoughAgreed(v, proposer)) return null;
  const recipients = [v.me];
  const theirs = new Map([...(v.theirs(proposer).get(proposer) ?? [])].map((x) => [key(x.ob), x.value]));
  const present = new Set(obligations.map(key));
  const adds = [...(v.mine.get(proposer) ?? [])]
    .filter((x) => x.value > 0 && !present.has(key(x.ob)))
    .sort((x, y) => (theirs.get(key(y.ob)) ?? 0) - (theirs.get(key(x.ob)) ?? 0) || y.value - x.value);
  for (const x of adds) {
    const replaces = obligations.find((o) => termKey(o.party, o.term) === termKey(x.ob.party, x.ob.term)) ?? null;
    const fix: Remedy = { kind: "add", add: x.ob, replaces };
    const changed = applyRemedy(obligations, fix);
    if (judge(v, proposer, changed, recipients).acceptable && proposable(v, proposer, recipients, changed)) return fix;
  }
  const mineIn = obligations.filter((o) => o.party === v.me).sort((x, y) => v.value(x) - v.value(y));
  for (const drop of mineIn) {
    const fix: Remedy = { kind: "drop", drop };
    const changed = applyRemedy(obligations, fix);
    if (judge(v, proposer, changed, recipients).acceptable && proposable(v, proposer, recipients, changed)) return fix;
  }
  return null;
}

/** Packages the bot could put to `partner` that meet its own bar for proposing, best for the partner first. */
export function proposals(v: Valuation, partner: PartyId, floor: number): BundlePoint[] {
  return bundleSpace(v.me, partner, v.mine, v.theirs(partner), BUNDLE_LIMITS)
    // A promise the bot could keep only in part counts at its cost (partial-promise.ts), as when it answers.
    .map((p) => ({ ...p, a: p.a - (partialPromise(v.scenario, v.belief, v.me, p.give, [partner], v.persona.reputation, v.value)?.cost ?? 0) }))
    .filter((p) => p.a > 0 && p.a >= floor && p.b > 0)
    .sort((x, y) => y.b - x.b || y.a - x.a || x.give.length + x.want.length - (y.give.length + y.want.length));
}

/**
 * What the bot would want in return, from `partner`, for a package that starts with `offered`
 * (terms either side may give: "what would you accept for 600 trucks a day?" or "what would you give
 * for 10 hostages?"). It completes the package with one or two terms from the side that gives
 * nothing yet — or, when both sides already give, one or two more from the partner — picking the
 * completion best for the partner (by the bot's public estimate) among those the bot accepts.
 *
 * Guarantee: if `partner` proposes exactly `[...offered, ...completion]` to the bot in the same
 * week, with nothing else changed, the bot accepts it — it is judged by the same `judge`. Null when
 * no such completion exists (the bot then has no honest answer but "not for that").
 */
export function completionFor(v: Valuation, partner: PartyId, offered: readonly Obligation[]): Obligation[] | null {
  if (offered.some((o) => o.party !== partner && o.party !== v.me)) return null;
  if (judge(v, partner, offered).acceptable && offered.some((o) => o.party === partner) && proposable(v, partner, [v.me], offered)) return [];
  const partnerGives = offered.some((o) => o.party === partner);
  const meGive = offered.some((o) => o.party === v.me);
  const side: PartyId = partnerGives && !meGive ? v.me : partner;
  const present = new Set(offered.map((o) => termKey(o.party, o.term)));
  const theirs = new Map([...(v.theirs(partner).get(v.me) ?? []), ...(v.theirs(partner).get(partner) ?? [])].map((x) => [key(x.ob), x.value]));
  // The bot's own terms it would give: those the partner values; the partner's: those the bot values.
  const pool = [...(v.mine.get(side) ?? [])]
    .filter((x) => !present.has(termKey(x.ob.party, x.ob.term)) && (side === v.me ? (theirs.get(key(x.ob)) ?? 0) > 0 : x.value > 0))
    .sort((x, y) => (theirs.get(key(y.ob)) ?? 0) + y.value - ((theirs.get(key(x.ob)) ?? 0) + x.value))
    .slice(0, BUNDLE_LIMITS.shortlist * 2);
  let best: { add: Obligation[]; b: number; a: number } | null = null;
  const consider = (add: Obligation[]) => {
    const obligations = [...offered, ...add];
    const verdict = judge(v, partner, obligations);
    if (!verdict.acceptable || verdict.closeCall) return;
    const b = obligations.reduce((n, o) => n + (theirs.get(key(o)) ?? 0), 0);
    if (best && (b < best.b || (b === best.b && verdict.total <= best.a))) return;
    if (!proposable(v, partner, [v.me], obligations)) return;
    best = { add, b, a: verdict.total };
  };
  for (const x of pool) consider([x.ob]);
  if (!best) for (let i = 0; i < pool.length; i++) for (let j = i + 1; j < pool.length; j++) consider([pool[i]!.ob, pool[j]!.ob]);
  return (best as { add: Obligation[] } | null)?.add ?? null;
}

/**
 * What a bot with `config`, in the seat's current `view`, would want in return for `offered` from
 * `partner` (see completionFor). For a bot that learns (hard), pass its opponent model, or use
 * NegotiatorBot.wantInReturn, which does.
 */
export function wantInReturn(config: BotConfig, scenario: Scenario, view: TableView, partner: PartyId, offered: readonly Obligation[], model: OpponentModel | null = null): Obligation[] | null {
  if (partner === config.party) return null;
  return completionFor(valuation(config, scenario, view, model), partner, offered);
}

/**
 * Whether a package between others would steady the ceasefire by the bot's own model: stability,
 * or the forecast of a lasting outcome (a managed ceasefire or a pathway to peace), rises.
 */
export function ceasefireGains(scenario: Scenario, belief: GameState, obligations: readonly Obligation[]): boolean {
  const t = whatIf(belief);
  const week = noWeek();
  for (const o of obligations) applyTerm(scenario, t, o.party, o.term, week);
  if (week.strikesHalted) addTrack(scenario, t, "stability", 1);
  if (week.factionsRestrained) addTrack(scenario, t, "stability", 1.5);
  const lasting = (s: GameState) => {
    const f = outcomeLikelihood(scenario, s);
    return f.managed_ceasefire + f.pathway_to_peace;
  };
  return t.tracks.stability > belief.tracks.stability || lasting(t) > lasting(belief) + 1e-9;
}
