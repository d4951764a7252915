// "What would you accept for X?": the concrete package a bot names, and its word kept when that
// package arrives. The quote is a pure function of what the bot sees of the table — its valuation
// (valueTable), the partner's estimated valuation, its red lines and the rules' term limits — and of
// nothing that changes from one message to the next (no clock within the week, no randomness). So
// the bot can check an offer against the quote by working it out again: the same table gives the
// same package, and a table that has changed materially (a new deal, a promise now taken) may not.
import type { PartyId, TermKind } from "../ids.ts";
import type { PartyIntentInput } from "../actions.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation, Offer } from "../state.ts";
import type { TableView } from "../views.ts";
import { acceptBlocker, offersAwaiting } from "../legal.ts";
import { holds } from "../metrics.ts";
import { likeForLike } from "../term-limits.ts";
import { checkTerm } from "../terms.ts";
import { beliefState } from "./belief.ts";
import { key, valueTable, type ObligationValue } from "./package-search.ts";
import { aspiration, PERSONA_PROFILES, type Persona } from "./persona.ts";
import { recogniseTalk } from "./talk-intents.ts";
import { NAMED_PACKAGE_NOTE } from "./named-promises.ts";
import { listing, partyName, termName } from "../wording.ts";
import { utility, type UtilityWeights } from "../policies/utility.ts";
import { termDelta } from "../policies/what-if.ts";

export interface Quote {
  /** The party who asked, and who would propose the package. */
  asker: PartyId;
  term: TermKind;
  /** What the asker would promise, and what the bot would promise in return. */
  askerGives: Obligation[];
  botGives: Obligation[];
}

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; why: string };

/** The bot's valuation weights, as NegotiatorBot uses them this week. */
function weightsFor(persona: Persona, view: Pick<TableView, "round" | "rounds">): UtilityWeights {
  return { ...PERSONA_PROFILES[persona].weights, certainty: Math.min(1, view.round / Math.max(1, view.rounds)) };
}

/** A red line as the party says it itself: briefings address the player ("your soil"), the bot speaks as "we". */
export function ownVoice(text: string): string {
  return text.replace(/\bYour\b/g, "Our").replace(/\byour\b/g, "our").replace(/\bYou\b/g, "We").replace(/\byou\b/g, "we");
}

/** The red line of `me` that a promise of `ob` would cross now, if any. */
export function redLineCrossed(scenario: Scenario, s: GameState, me: PartyId, ob: Obligation): string | null {
  if (ob.party !== me) return null;
  for (const line of scenario.parties[me].redLines)
    if (line.term === ob.term.kind && (line.option === undefined || line.option === ob.term.option) && !holds(scenario, s, line.unless)) return line.text;
  return null;
}

/**
 * The share of its best deal with the asker the bot insists on in a quote: its persona's aspiration
 * at the start of this week (the strictest point of its week, so a quote never undercuts what it
 * would have asked anyway), raised by distrust of the asker as in its offers.
 */
function required(persona: Persona, s: GameState, view: Pick<TableView, "round" | "rounds">, me: PartyId, asker: PartyId): number {
  const profile = PERSONA_PROFILES[persona];
  const game = view.rounds > 1 ? (view.round - 1) / (view.rounds - 1) : 1;
  const distrust = Math.max(0, 50 - s.trust[me][asker]) / 10;
  return Math.min(1, aspiration(profile, 0.5 * game) + distrust * profile.distrustPremium);
}

interface Package {
  askerGives: ObligationValue[];
  botGives: ObligationValue[];
  /** Value to the bot and (estimated) to the asker. */
  mine: number;
  theirs: number;
}

/** What `me` would accept from `asker` for a term, or why it names nothing. */
export function quoteFor(scenario: Scenario, view: TableView, me: PartyId, persona: Persona, asker: PartyId, term: TermKind, amount?: number): QuoteResult {
  const spec = scenario.terms[term];
  const label = termName(scenario, term);
  if (view.stage !== "negotiation") return { ok: false, why: `Offers are closed for this week; ask us again about ${label} when negotiation opens.` };
  // Our own open offers are ours to withdraw, so they do not limit a quote (see quotedOffer).
  const s = beliefState(withoutOwnOpenOffers(view, me), me);
  const botGives = spec.givers.includes(me);
  const askerGives = spec.givers.includes(asker);
  if (!botGives && !askerGives) {
    const who = listing(spec.givers.map((p) => partyName(scenario, p)));
    return { ok: false, why: `"${spec.label}" is not ours or yours to give: only ${who} can promise it. Ask ${spec.givers.length === 1 ? partyName(scenario, spec.givers[0]!) : "them"}.` };
  }
  if (s.phase < spec.minPhase) return { ok: false, why: `"${spec.label}" is not on the table yet: it opens in phase ${spec.minPhase}.` };

  const mine = valueTable(scenario, s, me, true, weightsFor(persona, view), [me, asker]);
  // The asker's valuation of the same candidates, as the bot estimates it (public information only).
  // Valued term by term rather than through the asker's own candidate list, which its open offers
  // would shrink: the quote must not change because the asker has just made the offer.
  const theirBase = utility(scenario, s, asker, false);
  const theirCache = new Map<string, number>();
  const theirValue = (v: ObligationValue) => {
    const k = key(v.ob);
    let value = theirCache.get(k);
    if (value === undefined) theirCache.set(k, (value = termDelta(scenario, s, asker, v.ob.party, v.ob.term, false, theirBase)));
    return value;
  };
  // Never a promise across one of our own red lines: the bot would refuse it in an offer too.
  const myTerms = (mine.get(me) ?? []).filter((v) => redLineCrossed(scenario, s, me, v.ob) === null);
  const askerTerms = mine.get(asker) ?? [];
  const side = botGives ? myTerms : askerTerms;
  let anchors = side.filter((v) => v.ob.term.kind === term);
  if (amount !== undefined && spec.param.type === "amount") {
    // The amount the asker named, when the rules allow it: valued like any candidate.
    const giver = botGives ? me : asker;
    const exact = { party: giver, term: { kind: term, amount } };
    const bad = checkTerm(scenario, s, giver, exact.term, "term", giver === me ? me : null);
    if (bad) return { ok: false, why: `We cannot name a package with that amount: ${bad.message}.` };
    const base = utility(scenario, s, me, true, weightsFor(persona, view));
    anchors = redLineCrossed(scenario, s, me, exact) ? [] : [{ ob: exact, value: termDelta(scenario, s, me, giver, exact.term, true, base, weightsFor(persona, view)) }];
  }
  if (anchors.length === 0) {
    const line = botGives ? (mine.get(me) ?? []).map((v) => (v.ob.term.kind === term ? redLineCrossed(scenario, s, me, v.ob) : null)).find((x) => x) : null;
    if (line) return { ok: false, why: `We cannot offer "${spec.label}": ${lowerFirst(ownVoice(line))}` };
    return { ok: false, why: `"${spec.label}" cannot be promised ${botGives ? "by us" : "by you"} again this week: it is already done or already promised.` };
  }

  const packages: Package[] = [];
  const add = (askerSide: ObligationValue[], botSide: ObligationValue[]) => {
    const obligations = [...askerSide, ...botSide].map((v) => v.ob);
    if (new Set(obligations.map(key)).size !== obligations.length) return;
    if (likeForLike(asker, obligations) !== null) return;
    const both = [...askerSide, ...botSide];
    packages.push({ askerGives: askerSide, botGives: botSide, mine: both.reduce((n, v) => n + v.value, 0), theirs: both.reduce((n, v) => n + theirValue(v), 0) });
  };
  // One for one, then two of the asker's terms for one of ours where one alone is not enough.
  for (const anchor of anchors)
    if (botGives) for (const w of askerTerms) add([w], [anchor]);
    else for (const g of myTerms) add([anchor], [g]);
  const best = (list: Package[], floor: number) =>
    list
      .filter((p) => p.mine > 0 && p.mine >= floor && !blocked(scenario, s, me, asker, p))
      .sort((a, b) => b.theirs - a.theirs || b.mine - a.mine || sig(a).localeCompare(sig(b)))[0];
  // Measured, as in the bot's offers, against the best deal this partner could plausibly accept.
  const top = Math.max(0, ...packages.filter((p) => p.theirs > 0).map((p) => p.mine));
  const floor = required(persona, s, view, me, asker) * top;
  let chosen = best(packages, floor);
  if (!chosen) {
    const singles = [...packages];
    for (const anchor of anchors)
      if (botGives)
        for (let i = 0; i < askerTerms.length; i++)
          for (let j = i + 1; j < askerTerms.length; j++) {
            if (askerTerms[i]!.ob.term.kind === askerTerms[j]!.ob.term.kind) continue;
            add([askerTerms[i]!, askerTerms[j]!], [anchor]);
          }
      else
        for (const w of askerTerms) if (w.ob.term.kind !== term) for (const g of myTerms) add([anchor, w], [g]);
    chosen = best(packages.slice(singles.length), floor);
  }
  if (!chosen)
    return {
      ok: false,
      why: botGives
        ? `Nothing you could offer us this week would be worth "${spec.label}" to us. Ask us what we want instead.`
        : `Your promise to ${label} is not worth enough to us this week for anything we could give in return.`,
    };
  return { ok: true, quote: { asker, term, askerGives: chosen.askerGives.map((v) => v.ob), botGives: chosen.botGives.map((v) => v.ob) } };
}

function withoutOwnOpenOffers(view: TableView, me: PartyId): TableView {
  return { ...view, offers: view.offers.filter((o) => !(o.proposer === me && o.status === "open")) };
}

const sig = (p: Package) => [...p.askerGives, ...p.botGives].map((v) => key(v.ob)).join("|");
const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

/** Whether the package could not be offered by the asker or accepted by the bot as the table stands. */
function blocked(scenario: Scenario, s: GameState, me: PartyId, asker: PartyId, p: Package): boolean {
  const obligations = [...p.askerGives, ...p.botGives].map((v) => v.ob);
  if (obligations.some((o, i) => checkTerm(scenario, s, o.party, o.term, `obligations.${i}.term`, o.party === me ? me : null) !== null)) return true;
  return acceptBlocker(scenario, s, me, hypothetical(asker, me, obligations)) !== null;
}

function hypothetical(asker: PartyId, me: PartyId, obligations: Obligation[]): Offer {
  return { id: -1, round: 0, proposer: asker, recipients: [me], obligations, acceptedBy: [], status: "open", counterOf: null, note: "", notes: [], closedBy: null, reason: "" };
}

export const quoteObligations = (q: Quote): Obligation[] => [...q.askerGives, ...q.botGives];

/** The same package, whatever the order of its obligations. */
export function samePackage(a: readonly Obligation[], b: readonly Obligation[]): boolean {
  if (a.length !== b.length) return false;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.every((k, i) => k === kb[i]);
}

/**
 * An offer awaiting the bot that is exactly a package it named this week to the proposer, and that
 * it would still name now (so the table has not changed materially since): the bot accepts it.
 * Only packages it actually quoted count: a question from the proposer this week about one of the
 * offer's terms, answered by the bot after it was asked.
 */
export function quotedOffer(scenario: Scenario, view: TableView, me: PartyId, persona: Persona): { offer: Offer; quote: Quote; withdrawFirst: number | null } | null {
  if (view.stage !== "negotiation") return null;
  const asked = view.messages.filter((m) => m.round === view.round && m.to === me);
  if (asked.length === 0) return null;
  const s = beliefState(view, me);
  // Only the offer the bot answers now (the oldest awaiting it): offers are answered in turn, and
  // answering an earlier one first may change the table, which the quote's condition allows for.
  for (const offer of offersAwaiting(s, me).slice(0, 1)) {
    if (offer.recipients.length !== 1) continue;
    const asker = offer.proposer;
    const kinds = new Set(offer.obligations.map((o) => o.term.kind));
    const questions = asked.filter((m) => m.from === asker).flatMap((m) => {
      const intent = recogniseTalk(scenario, m.text);
      const answered = view.messages.some((r) => r.from === me && r.to === asker && r.id > m.id);
      return intent.kind === "ask_price" && kinds.has(intent.term) && answered ? [intent] : [];
    });
    for (const question of questions) {
      const q = quoteFor(scenario, view, me, persona, asker, question.term, question.amount);
      if (!q.ok || !samePackage(quoteObligations(q.quote), offer.obligations)) continue;
      if (acceptBlocker(scenario, s, me, offer) === null) return { offer, quote: q.quote, withdrawFirst: null };
      // Only our own open offer holding one of the same one-off promises can stand in the way:
      // withdraw it first, then accept.
      const mineNow = new Set(q.quote.botGives.map((o) => `${o.term.kind}:${o.term.option ?? ""}`));
      const conflicting = s.offers.find((o) => o.status === "open" && o.proposer === me && o.obligations.some((ob) => ob.party === me && mineNow.has(`${ob.term.kind}:${ob.term.option ?? ""}`)));
      if (conflicting) return { offer, quote: q.quote, withdrawFirst: conflicting.id };
    }
  }
  return null;
}

/**
 * The bot's word kept: when an offer awaiting it is a package it named (quotedOffer), the move that
 * honours it — accept, or first withdraw our own open offer that holds the same one-off promise.
 * Null when no quoted package is waiting, and the bot answers as it otherwise would.
 */
export function keepQuotedWord(scenario: Scenario, view: TableView, me: PartyId, persona: Persona): { intent: PartyIntentInput; reason: string } | null {
  const found = quotedOffer(scenario, view, me, persona);
  if (!found) return null;
  const asked = `"${scenario.terms[found.quote.term].label}"`;
  if (found.withdrawFirst !== null)
    return { intent: { type: "withdraw", offerId: found.withdrawFirst }, reason: `We withdraw this offer so that we can accept the package we named for ${asked}.` };
  return { intent: { type: "accept", offerId: found.offer.id, note: "" }, reason: `${NAMED_PACKAGE_NOTE} when asked what we would accept for ${asked}; we keep our side of it.` };
}
