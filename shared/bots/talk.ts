// What a bot says, decided purely from the view its seat sees: short replies to private messages and
// a few public statements at the moments that matter. Everything said is an ordinary "message" or
// "statement" intent, sent through the same path as a person's, so it is logged and replayed like
// any other action. Replies are grounded in the bot's real state: the package it names is the one
// it accepts (talk-quote.ts); what it says it wants is what its valuation ranks highest; the red
// lines it states are the ones that make it refuse. It never promises a move in words: the one
// thing it says it will do — accept a package it named — is kept by quotedOffer().
import { PARTY_IDS, type PartyId } from "../ids.ts";
import { MAX_MESSAGES_PER_WEEK, MAX_TEXT, type PartyIntentInput } from "../actions.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Message, Obligation } from "../state.ts";
import type { TableView } from "../views.ts";
import { holds } from "../metrics.ts";
import { beliefState } from "./belief.ts";
import { valueTable } from "./package-search.ts";
import { PERSONA_PROFILES, type Persona } from "./persona.ts";
import { recogniseTalk, type TalkIntent } from "./talk-intents.ts";
import { ANSWERED_BEFORE } from "./talk-words.ts";
import { ownVoice, quoteFor, redLineCrossed, type Quote } from "./talk-quote.ts";
import { capitalise, listing, partyName, partyPossessive, partySubject, possessive, termPhrase } from "../wording.ts";

/** Replies a bot gives one partner in a week: enough for a conversation, a bound against a flood. */
export const MAX_REPLIES_PER_PARTNER = 8;
/** Public statements a bot makes in a week, so the public feed is news, not noise. */
export const MAX_STATEMENTS_PER_WEEK = 2;

/** The parts of a view talk reads; a GameState has them too, for the server's cheap check. */
type TalkTable = Pick<TableView, "round" | "stage" | "messages" | "offers" | "commitments" | "roundEvents">;

/**
 * This week's messages that match `pred`, in order. Messages are kept in the order they were sent,
 * so this week's are the last ones: found walking back from the newest, not over the whole record
 * (the server asks after every change at a table with bots, before the reply leaves).
 */
function thisWeek(t: TalkTable, pred: (m: Message) => boolean): Message[] {
  const found: Message[] = [];
  for (let i = t.messages.length - 1; i >= 0; i--) {
    const m = t.messages[i]!;
    if (m.round < t.round) break;
    if (m.round === t.round && pred(m)) found.push(m);
  }
  return found.reverse();
}

function roomToTalk(t: TalkTable, me: PartyId): boolean {
  return (t.stage === "negotiation" || t.stage === "decisions") && thisWeek(t, (m) => m.from === me).length < MAX_MESSAGES_PER_WEEK;
}

/**
 * Whether `bot` will answer a private message from `from` now: the client shows "will answer" or,
 * when not, says so. False once the week's replies to that partner are used up.
 */
export function willAnswer(t: TalkTable, bot: PartyId, from: PartyId): boolean {
  return bot !== from && roomToTalk(t, bot) && thisWeek(t, (m) => m.from === bot && m.to === from).length < MAX_REPLIES_PER_PARTNER;
}

/** The oldest private message to `me` this week still waiting for a reply, if the bot will answer it. */
export function awaitingReply(t: TalkTable, me: PartyId): Message | null {
  for (const m of thisWeek(t, (x) => x.to === me)) {
    if (!willAnswer(t, me, m.from)) continue;
    const answered = t.messages.some((r) => r.from === me && r.to === m.from && r.id > m.id);
    // The latest message from that partner is the one answered: earlier ones are covered by it.
    const later = t.messages.some((x) => x.from === m.from && x.to === me && x.id > m.id);
    if (!answered && !later) return m;
  }
  return null;
}

// ── Replies ───────────────────────────────────────────────────────────────────────────────────

const trustWord = (n: number) => (n < 25 ? "low" : n < 50 ? "strained" : n < 70 ? "fair" : "good");
const pledge = (scenario: Scenario, obs: Obligation[]) => listing(obs.map((o) => termPhrase(scenario, o.term)));

/** The words of a quote, with the condition under which the bot accepts it. */
export function quoteText(scenario: Scenario, q: Quote): string {
  return `If you ${pledge(scenario, q.askerGives)}, we would ${pledge(scenario, q.botGives)}. Offer us exactly that package this week and we accept it, as long as no other deal changes what is on the table first.`;
}

/**
 * The bot's reply to `message`. `said` holds what it already wrote to the asker this week: a question
 * asked again gets the same answer in other words ("as we said…"), as a person would give it, never
 * the same sentence twice while other words remain.
 */
export function replyText(scenario: Scenario, view: TableView, me: PartyId, persona: Persona, message: Message, said: ReadonlySet<string> = new Set()): string {
  const intent: TalkIntent = recogniseTalk(scenario, message.text);
  const first = firstReply(scenario, view, me, persona, message, intent);
  const options = [first, ...(SMALL_TALK_AGAIN[intent.kind] ?? ANSWERED_BEFORE.map((again) => again + first))].map((t) => capitalise(t).slice(0, MAX_TEXT));
  return options.find((t) => !said.has(t)) ?? options.at(-1)!;
}

/** Other words for a reply without content of its own (a greeting, thanks…), for when it is asked again. */
const SMALL_TALK_AGAIN: Partial<Record<TalkIntent["kind"], string[]>> = {
  greeting: [
    "Hello again. You can ask us what we want from you, what our red lines are, or what we would accept for a term.",
    "We are still here and listening. Ask us what we would accept for a term, and we name a package.",
  ],
  thanks: ["Thank you again. Each promise kept makes the next agreement easier.", "We appreciate it. Keeping to what is agreed is what moves this table."],
  threat: ["Your warning is noted. Our answers still follow what a package gives each side, not pressure.", "Pressure does not change our answer. A package that works for both of us does."],
  other: [
    "We have no answer to that beyond what is on the table. You can ask us what we want, what our red lines are, or what we would accept for a term.",
    "Our position is in our offers and our answers to yours. Ask us what we would accept for a term to hear a concrete package.",
  ],
};

function firstReply(scenario: Scenario, view: TableView, me: PartyId, persona: Persona, message: Message, intent: TalkIntent): string {
  const asker = message.from;
  const s = beliefState(view, me);
  switch (intent.kind) {
    case "ask_price": {
      const q = quoteFor(scenario, view, me, persona, asker, intent.term, intent.amount);
      return q.ok ? quoteText(scenario, q.quote) : q.why;
    }
    case "ask_wants": {
      const weights = { ...PERSONA_PROFILES[persona].weights, certainty: Math.min(1, view.round / Math.max(1, view.rounds)) };
      const wants = (valueTable(scenario, s, me, true, weights, [asker]).get(asker) ?? [])
        .filter((v) => v.value > 0)
        .sort((a, b) => b.value - a.value);
      // One term of each kind: "release 20 hostages" and "release 5 hostages" are one wish.
      const kinds = new Set<string>();
      const top = wants.filter((v) => !kinds.has(v.ob.term.kind) && kinds.add(v.ob.term.kind)).slice(0, 2);
      if (top.length === 0) return "There is little you could promise us this week that we need. Ask us what we would accept for a term you want from us.";
      return `What we want most from you now: that you ${pledge(scenario, top.map((v) => v.ob))}. Ask us what we would accept for a term to hear a concrete package.`;
    }
    case "ask_red_lines": {
      const binding = scenario.parties[me].redLines.filter((l) => !holds(scenario, s, l.unless)).map((l) => ownVoice(l.text));
      if (binding.length === 0) return "None of our red lines stands in the way of a deal at the moment. Ask us what we would accept for a term.";
      return `Our red lines as the table stands: ${binding.join(" ")}`;
    }
    case "ask_about_offer":
      return aboutOffer(view, me, asker);
    case "complaint": {
      const theirs = s.commitments.filter((c) => c.party === asker && c.status === "broken" && c.counterparties.includes(me)).at(-1);
      const ours = s.commitments.filter((c) => c.party === me && c.status === "broken" && c.counterparties.includes(asker)).at(-1);
      if (theirs)
        return `We have not forgotten that you did not keep your promise to ${termPhrase(scenario, theirs.term)} in week ${theirs.round}. Our trust in you is ${trustWord(s.trust[me][asker])}, and the less we trust a partner, the more we ask before we agree.`;
      if (ours)
        return `It is true that we did not keep our promise to ${termPhrase(scenario, ours.term)} in week ${ours.round}. We weigh each promise by what keeping it costs us against the trust it earns.`;
      return "There is no broken promise between us on record. If something on the table worries you, put it in an offer.";
    }
    case "threat":
      return "We have noted your message. Threats do not change what we can accept; a package that works for both of us does.";
    case "thanks":
      return "Thank you. Promises kept on both sides are what let us agree to more.";
    case "greeting":
      return "Hello. We read every message. Ask us what we want, or what we would accept for a term.";
    case "other":
      return "We read every message, but we answer offers, not arguments. Make us an offer, or ask us what we would accept for a term.";
  }
}

/**
 * What the bot makes of the asker's latest offer to it: the reason it gave when it answered (the very
 * words on the offer card), or that the offer is still before it. Never a new judgement: the answer
 * at the table is the one that counts.
 */
function aboutOffer(view: TableView, me: PartyId, asker: PartyId): string {
  for (let i = view.offers.length - 1; i >= 0; i--) {
    const o = view.offers[i]!;
    if (o.proposer !== asker || !o.recipients.includes(me)) continue;
    const said = o.notes.find((n) => n.party === me)?.text;
    if (said) return `About your offer #${o.id}, our answer was: ${said}`;
    if (o.status === "open" && !o.acceptedBy.includes(me)) return `Your offer #${o.id} is before us. Our answer, with its reasons, comes with our next move at the table.`;
  }
  return "We have no offer of yours to answer. Make us an offer, or ask us what we would accept for a term.";
}

// ── Public statements ─────────────────────────────────────────────────────────────────────────

/**
 * The statements this moment calls for, most important first: a promise broken against us last
 * week, an offer this week asking us across a red line, a deal struck this week, and the week's
 * event card where it weighs on us. Each only once, and never more than the week's bound.
 */
export function statementsDue(scenario: Scenario, t: TalkTable, me: PartyId, s: GameState): string[] {
  if (t.stage !== "negotiation" || !roomToTalk(t, me)) return [];
  const made = thisWeek(t, (m) => m.from === me && m.to === "all");
  if (made.length >= MAX_STATEMENTS_PER_WEEK) return [];
  const said = new Set(made.map((m) => m.text));
  const out: string[] = [];

  const broken = t.commitments.find((c) => c.status === "broken" && c.round === t.round - 1 && c.counterparties.includes(me) && c.party !== me);
  if (broken) {
    const who = partyName(scenario, broken.party);
    out.push(`${partySubject(scenario, broken.party)} did not keep ${possessive(broken.party)} promise to ${termPhrase(scenario, broken.term)}. That costs ${who} our trust, and what we ask of ${who} before we agree again rises with it.`);
  }
  for (const o of t.offers) {
    if (o.round !== t.round) continue;
    for (const ob of o.obligations) {
      const line = redLineCrossed(scenario, s, me, ob);
      if (line) out.push(`Our position is unchanged: ${lowerFirst(ownVoice(line))}`);
    }
  }
  const deal = t.offers.find((o) => o.round === t.round && o.status === "accepted" && o.recipients[0] === me);
  if (deal) {
    // Grouped by who promised, ours first: "our promises to A and to B, and Hamas's promise to C".
    const givers = [me, ...PARTY_IDS.filter((p) => p !== me)].filter((p) => deal.obligations.some((ob) => ob.party === p));
    const parts = givers.map((p) => {
      const terms = deal.obligations.filter((ob) => ob.party === p).map((ob) => termPhrase(scenario, ob.term));
      return `${p === me ? "our" : partyPossessive(scenario, p)} ${terms.length > 1 ? "promises" : "promise"} to ${terms.join(" and to ")}`;
    });
    const brokered = !deal.obligations.some((ob) => ob.party === deal.proposer);
    const others = (brokered ? deal.recipients : [deal.proposer, ...deal.recipients]).filter((p) => p !== me);
    const through = brokered && deal.proposer !== me ? `Through ${partyName(scenario, deal.proposer)}, we` : "We";
    out.push(`${through} have reached an agreement with ${listing(others.map((p) => partyName(scenario, p)))}: ${parts.join(parts.length > 2 ? "; " : ", and ")}. Now each side has to deliver.`);
  }
  for (const id of t.roundEvents) {
    const card = scenario.events.find((e) => e.id === id);
    const effect = card?.effects.find((e) => "pressure" in e && e.pressure === me) as { delta: number } | undefined;
    if (!card || !effect || effect.delta === 0) continue;
    out.push(
      effect.delta > 0
        ? `${card.title}. This adds to the strain on us; we ask every party for restraint.`
        : `${card.title}. We welcome it and want to build on it.`,
    );
  }
  return [...new Set(out)].filter((text) => !said.has(text)).slice(0, MAX_STATEMENTS_PER_WEEK - made.length);
}

const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

// ── What to say next ──────────────────────────────────────────────────────────────────────────

/**
 * Cheap: whether the bot has anything to say now (the server asks this after every change). Reads
 * only what the seat may see of the state: messages to and from it, offers and commitments it is
 * party to, the public tracks and this week's event cards.
 */
export function talkDue(scenario: Scenario, state: GameState, me: PartyId): boolean {
  return awaitingReply(state, me) !== null || statementsDue(scenario, state, me, state).length > 0;
}

export interface TalkMove {
  intent: Extract<PartyIntentInput, { type: "message" } | { type: "statement" }>;
  /** The message this answers, for a reply. */
  replyTo: number | null;
}

/** The one thing the bot says next — a reply first, a person is waiting for it — or null. */
export function nextTalk(scenario: Scenario, view: TableView, me: PartyId, persona: Persona): TalkMove | null {
  const waiting = awaitingReply(view, me);
  if (waiting && PARTY_IDS.includes(waiting.from as PartyId)) {
    const said = new Set(thisWeek(view, (m) => m.from === me && m.to === waiting.from).map((m) => m.text));
    const text = replyText(scenario, view, me, persona, waiting, said);
    return { intent: { type: "message", to: waiting.from as PartyId, text }, replyTo: waiting.id };
  }
  const statement = statementsDue(scenario, view, me, beliefState(view, me))[0];
  return statement ? { intent: { type: "statement", text: statement.slice(0, 500) }, replyTo: null } : null;
}
