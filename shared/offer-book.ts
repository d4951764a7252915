// Quid-pro-quo offers: propose, accept, reject, counter ("yes, but…"), withdraw. A package binds
// only when every recipient has accepted; it then becomes one commitment per obligation, which each
// obligor honours or breaks in its secret decisions. Handlers work on the draft made by apply().
import type { PartyId } from "./ids.ts";
import type { RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Commitment, GameState, Obligation, Offer } from "./state.ts";
import { checkTerm, termKey } from "./terms.ts";
import { acceptBlocker } from "./legal.ts";
import { likeForLike, likeForLikeError } from "./term-limits.ts";
import { offerCapBlocker } from "./offer-cap.ts";
import { offerAllowanceBlocker } from "./offer-allowance.ts";
import { addTo, ownOffer } from "./draft-ops.ts";

const fail = (code: RuleError["code"], message: string, field?: string): RuleError =>
  field === undefined ? { code, message } : { code, message, field };

function checkPackage(
  scenario: Scenario,
  s: GameState,
  proposer: PartyId,
  recipients: PartyId[],
  obligations: Obligation[],
  field: string,
): RuleError | null {
  if (recipients.includes(proposer)) return fail("offer_to_self", "an offer cannot be addressed to its own proposer", "to");
  if (new Set(recipients).size !== recipients.length) return fail("malformed_action", "a party is named twice among the recipients", "to");
  if (obligations.length === 0) return fail("empty_offer", "an offer needs at least one term");
  const involved = new Set<PartyId>([proposer, ...recipients]);
  const seen = new Set<string>();
  for (const [i, o] of obligations.entries()) {
    if (!involved.has(o.party))
      return fail("not_a_recipient", `${scenario.parties[o.party].name} has a term but is not part of the offer`, `${field}.${i}.party`);
    const bad = checkTerm(scenario, s, o.party, o.term, `${field}.${i}.term`, proposer);
    if (bad) return bad;
    const key = termKey(o.party, o.term);
    if (seen.has(key)) return fail("duplicate_term", "the same term appears twice for the same party", `${field}.${i}`);
    seen.add(key);
  }
  const same = likeForLike(proposer, obligations);
  if (same !== null) return likeForLikeError(scenario, obligations, same, field);
  // A quid pro quo: the proposer gives something, unless the Mediators broker between others.
  if (proposer !== "mediators" && !obligations.some((o) => o.party === proposer))
    return fail("empty_offer", "say what you give in return: only the Mediators can broker a package they give nothing to");
  if (proposer === "mediators" && !obligations.some((o) => o.party !== proposer))
    return fail("empty_offer", "a package must ask something of the other parties");
  return null;
}

function openOffer(
  s: GameState,
  proposer: PartyId,
  recipients: PartyId[],
  obligations: Obligation[],
  note: string,
  counterOf: number | null,
): Offer {
  const offer: Offer = {
    id: s.nextId++,
    round: s.round,
    proposer,
    recipients: [...recipients],
    obligations: obligations.map((o) => ({ party: o.party, term: { ...o.term } })),
    acceptedBy: [],
    status: "open",
    counterOf,
    note: cleanText(note),
    notes: [],
    closedBy: null,
    reason: "",
  };
  addTo(s, "offers", [offer]);
  return offer;
}

/** Strips control characters and trims; free text is always rendered as text by clients. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ").trim();
}

function findOpen(s: GameState, offerId: number): Offer | RuleError {
  const offer = s.offers.find((o) => o.id === offerId);
  if (!offer) return fail("unknown_offer", `there is no offer ${offerId}`, "offerId");
  if (offer.status !== "open") return fail("offer_closed", `this offer is ${offer.status} and can no longer be answered`, "offerId");
  return offer;
}

export function propose(
  scenario: Scenario,
  s: GameState,
  by: PartyId,
  to: PartyId[],
  obligations: Obligation[],
  note: string,
): RuleError | null {
  const bad = checkPackage(scenario, s, by, to, obligations, "obligations") ?? offerCapBlocker(s, by) ?? offerAllowanceBlocker(s, by);
  if (bad) return bad;
  openOffer(s, by, to, obligations, note, null);
  return null;
}

function addNote(offer: Offer, party: PartyId, text: string): void {
  const clean = cleanText(text);
  // A new list of its size (the offer's copy shares the one before: draft-ops.ts ownOffer). The
  // offer is kept for the whole game; a push onto an empty list would give it room for 17.
  if (clean) offer.notes = offer.notes.concat([{ party, text: clean }]);
}

export function accept(scenario: Scenario, s: GameState, by: PartyId, offerId: number, note = ""): RuleError | null {
  const found = findOpen(s, offerId);
  if ("code" in found) return found;
  if (!found.recipients.includes(by)) return fail("not_a_recipient", "only a party the offer is addressed to can accept it", "offerId");
  if (found.acceptedBy.includes(by)) return fail("already_answered", "you have already accepted this offer", "offerId");
  // A party cannot knowingly promise more than it has left, counting what it already promised.
  const blocked = acceptBlocker(scenario, s, by, found);
  if (blocked) return blocked;
  const offer = ownOffer(s, found);
  offer.acceptedBy = offer.acceptedBy.concat([by]);
  addNote(offer, by, note);
  if (offer.recipients.every((r) => offer.acceptedBy.includes(r))) {
    // Someone in the package may meanwhile have promised the same one-off, or the same amounts,
    // elsewhere, out of the acceptor's sight: then the package lapses instead of binding twice.
    const overtaken = overtakenBy(scenario, s, offer);
    if (overtaken) lapse(offer, overtaken);
    else {
      bind(s, offer);
      retireOvertaken(scenario, s);
    }
  }
  return null;
}

/** Why a package could no longer bind, as the referee sees every commitment, or null. */
function overtakenBy(scenario: Scenario, s: GameState, offer: Offer): string | null {
  for (const o of offer.obligations) {
    const bad = checkTerm(scenario, s, o.party, o.term, "term", "all");
    if (bad) return `${scenario.parties[o.party].shortName}: ${bad.message}`;
  }
  return null;
}

function lapse(offer: Offer, why: string): void {
  offer.status = "expired";
  offer.reason = `overtaken by another package: ${why}`;
}

/** Once a package binds, open offers it makes impossible (the same one-off, amounts no longer left) lapse. */
function retireOvertaken(scenario: Scenario, s: GameState): void {
  for (const o of s.offers) {
    if (o.status !== "open") continue;
    const why = overtakenBy(scenario, s, o);
    if (why) lapse(ownOffer(s, o), why);
  }
}

function bind(s: GameState, offer: Offer): void {
  offer.status = "accepted";
  const involved = [offer.proposer, ...offer.recipients];
  const commitments: Commitment[] = [];
  for (const o of offer.obligations) {
    commitments.push({
      id: s.nextId++,
      offerId: offer.id,
      round: s.round,
      party: o.party,
      term: { ...o.term },
      counterparties: involved.filter((p) => p !== o.party),
      status: "pending",
      delivered: 0,
    });
  }
  addTo(s, "commitments", commitments);
}

export function reject(s: GameState, by: PartyId, offerId: number, reason: string): RuleError | null {
  const found = findOpen(s, offerId);
  if ("code" in found) return found;
  if (!found.recipients.includes(by)) return fail("not_a_recipient", "only a party the offer is addressed to can reject it", "offerId");
  const offer = ownOffer(s, found);
  offer.status = "rejected";
  offer.closedBy = by;
  offer.reason = cleanText(reason);
  addNote(offer, by, reason);
  return null;
}

export function withdraw(s: GameState, by: PartyId, offerId: number): RuleError | null {
  const found = findOpen(s, offerId);
  if ("code" in found) return found;
  if (found.proposer !== by) return fail("not_proposer", "only the party that made an offer can withdraw it", "offerId");
  const offer = ownOffer(s, found);
  offer.status = "withdrawn";
  offer.closedBy = by;
  return null;
}

/**
 * A counter-offer replaces the original: `keep` lists the original obligations accepted as they
 * are ("yes, but…"), `add` the new conditions. It goes back to everyone else in the package.
 */
export function counter(
  scenario: Scenario,
  s: GameState,
  by: PartyId,
  offerId: number,
  keep: number[],
  add: Obligation[],
  note: string,
): RuleError | null {
  const offer = findOpen(s, offerId);
  if ("code" in offer) return offer;
  if (!offer.recipients.includes(by)) return fail("not_a_recipient", "only a party the offer is addressed to can counter it", "offerId");
  if (new Set(keep).size !== keep.length) return fail("malformed_action", "an obligation is kept twice", "keep");
  const kept: Obligation[] = [];
  for (const [i, index] of keep.entries()) {
    const o = offer.obligations[index];
    if (!o) return fail("out_of_range", `the offer has no term number ${index + 1}`, `keep.${i}`);
    kept.push(o);
  }
  const recipients = [offer.proposer, ...offer.recipients].filter((p) => p !== by);
  const obligations = [...kept, ...add];
  const bad = checkPackage(scenario, s, by, recipients, obligations, "obligations");
  if (bad) {
    // Name the field as the counter-offer's sender wrote it: keep.i or add.i.
    const match = bad.field?.match(/^obligations\.(\d+)(.*)$/);
    if (match) {
      const i = Number(match[1]);
      bad.field = i < kept.length ? `keep.${i}${match[2]}` : `add.${i - kept.length}${match[2]}`;
    }
    return bad;
  }
  const countered = ownOffer(s, offer);
  countered.status = "countered";
  countered.closedBy = by;
  addNote(countered, by, note);
  openOffer(s, by, recipients, obligations, note, offer.id);
  return null;
}

/** At the end of negotiation every unanswered offer lapses. */
export function expireOpenOffers(s: GameState): void {
  for (const o of s.offers) if (o.status === "open") ownOffer(s, o).status = "expired";
}
