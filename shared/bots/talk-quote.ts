// "What would you accept for X?": the concrete package a bot names, and its word kept when that
// package arrives. The package is the term asked about completed by the bot's own valuation
// (bot-valuation.ts completionFor: judged by the same judge that answers offers), within its red
// lines and the rules' term limits, and depends on nothing that changes from one message to the next
// (no randomness, no other party's pace). So the bot can check an offer against its quote by working
// it out again on the table as it was when asked: the same table gives the same package, and a table
// that has changed materially (a new deal, a promise now taken) may not — the condition the reply states.
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
import { PERSONA_PROFILES, type Persona } from "./persona.ts";
import { recogniseTalk } from "./talk-intents.ts";
import { completionFor, judge, valuation } from "./bot-valuation.ts";
import { NAMED_PACKAGE_NOTE } from "./named-promises.ts";
import { listing, partyName, termName, termPhrase } from "../wording.ts";
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

/** What `me` would accept from `asker` for a term, or why it names nothing. */
export function quoteFor(scenario: Scenario, view: TableView, me: PartyId, persona: Persona, asker: PartyId, term: TermKind, amount?: number): QuoteResult {
  const spec = scenario.terms[term];
  const label = termName(scenario, term);
  if (view.stage !== "negotiation") return { ok: false, why: `Offers are closed for this week; ask us again about ${label} when negotiation opens.` };
  // Our own open offers are ours to withdraw, so they do not limit a quote (see quotedOffer).
  const stripped = withoutOwnOpenOffers(view, me);
  const s = beliefState(stripped, me);
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

  // The rest of the package comes from the bot's own valuation (bot-valuation.ts completionFor):
  // judged by the same judge that answers offers, so the package named is one it accepts.
  const v = valuation({ party: me, persona, difficulty: "normal", seed: 0 }, scenario, stripped);
  let chosen: { obligations: Obligation[]; theirs: number } | null = null;
  for (const anchor of anchors) {
    let completion = completionFor(v, asker, [anchor.ob]);
    // The asker's term alone would do: then name what the bot gives in return, the one the asker
    // values most among those the bot's judge still accepts, so the reply is an exchange.
    if (completion && completion.length === 0)
      completion = [...myTerms]
        .filter((g) => g.ob.term.kind !== term && theirValue(g) > 0)
        .sort((x, y) => theirValue(y) - theirValue(x))
        .map((g) => [g.ob])
        .find((add) => judge(v, asker, [anchor.ob, ...add]).acceptable && !judge(v, asker, [anchor.ob, ...add]).closeCall) ?? null;
    if (!completion || completion.length === 0) continue;
    const obligations = [anchor.ob, ...completion];
    if (!obligations.some((o) => o.party === me) || !obligations.some((o) => o.party === asker)) continue;
    if (blocked(scenario, s, me, obligations)) continue;
    const theirs = obligations.reduce((n, ob) => n + theirValue({ ob, value: 0 }), 0);
    if (!chosen || theirs > chosen.theirs) chosen = { obligations, theirs };
  }
  if (!chosen)
    return {
      ok: false,
      why: botGives
        ? `Nothing you could offer us this week would be worth "${spec.label}" to us. Ask us what we want instead.`
        : `Your promise to ${anchors.length === 1 ? termPhrase(scenario, anchors[0]!.ob.term) : label} is not worth enough to us this week for anything we could give in return.`,
    };
  return {
    ok: true,
    quote: { asker, term, askerGives: chosen.obligations.filter((o) => o.party === asker), botGives: chosen.obligations.filter((o) => o.party === me) },
  };
}

function withoutOwnOpenOffers(view: TableView, me: PartyId): TableView {
  return { ...view, offers: view.offers.filter((o) => !(o.proposer === me && o.status === "open")) };
}

const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

/** Whether the package could not be offered by the asker or accepted by the bot as the table stands. */
function blocked(scenario: Scenario, s: GameState, me: PartyId, obligations: Obligation[]): boolean {
  const asker = obligations.find((o) => o.party !== me)?.party;
  if (!asker || likeForLike(asker, obligations) !== null) return true;
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
  // Any offer awaiting the bot: the server lets a bot answer the one it singles out (bot-driver.ts).
  for (const offer of offersAwaiting(s, me)) {
    if (offer.recipients.length !== 1) continue;
    const asker = offer.proposer;
    const kinds = new Set(offer.obligations.map((o) => o.term.kind));
    const questions = asked.filter((m) => m.from === asker).flatMap((m) => {
      const intent = recogniseTalk(scenario, m.text);
      const answered = view.messages.some((r) => r.from === me && r.to === asker && r.id > m.id);
      return intent.kind === "ask_price" && kinds.has(intent.term) && answered ? [intent] : [];
    });
    // Worked out again on the table as it was when asked: without this offer itself on it.
    const asWhenAsked = { ...view, offers: view.offers.filter((o) => o.id !== offer.id) };
    for (const question of questions) {
      const q = quoteFor(scenario, asWhenAsked, me, persona, asker, question.term, question.amount);
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
