// The words a negotiating bot gives for a move, built only from the structured facts its valuation
// returned (bot-valuation.ts): what it gains, what it gives up, a red line, the one change that
// would make it say yes. No utility number ever appears — a player cannot act on "a net gain of
// 13.6", and the bot's exact minimum is its own business — and no sentence claims what the
// computation did not find.
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Obligation } from "../state.ts";
import { amountWords, forPeople, listing, partyName, partyPossessive, partySubject, termPhrase, verb } from "../wording.ts";
import type { Remedy } from "./bot-valuation.ts";

/** Why the bot turns a package down (or counters it). */
export type Objection =
  | { kind: "red_line"; text: string }
  /** What it gives weighs more than what it receives. */
  | { kind: "loss"; gains: Obligation[]; costs: Obligation[] }
  /** It gains, but less than it insists on from this partner now. */
  | { kind: "short"; gains: Obligation[]; costs: Obligation[] }
  /** It could keep a promise of its own only in part this week, and that would cost more trust than the package is worth to it. */
  | { kind: "partial"; part: PartlyKept };

/** A promise of the bot's that it could deliver only in part this week, and how much of it. */
export interface PartlyKept {
  ob: Obligation;
  delivered: number;
}

export type MoveFacts =
  | { kind: "propose"; partner: PartyId; give: Obligation[]; want: Obligation[]; partly?: PartlyKept | null }
  | { kind: "broker"; parties: [PartyId, PartyId]; obligations: Obligation[]; ceasefireGains: boolean }
  | { kind: "accept"; proposer: PartyId; gains: Obligation[]; costs: Obligation[]; closeCall: boolean; partly?: PartlyKept | null }
  | { kind: "reject"; proposer: PartyId; objection: Objection; remedy: Remedy | null }
  | { kind: "counter"; proposer: PartyId; objection: Objection; remedy: Remedy }
  | { kind: "blocked"; message: string }
  /** It has agreed as many packages with this partner this week as it takes on. */
  | { kind: "enough"; proposer: PartyId }
  /** Done for the week: no untried package meets its bar, it has made its proposals, or none it would make is legal now. */
  | { kind: "done"; because: "nothing_worth_it" | "offers_made" | "no_more_packages" }
  /** The answer it meant to give was refused by the rules; it turns the package down instead. */
  | { kind: "fallback" };

/** What a bot says when the answer it chose cannot be given because the rules refused it. */
export const FALLBACK_REASON = "Rejected: we could not answer this package as it stands; a different package may work.";

/** At most this many terms are named in a list; the offer card shows the rest. */
const NAMED = 2;

function promises(scenario: Scenario, me: PartyId, obligations: readonly Obligation[]): string {
  const named = obligations.slice(0, NAMED).map((o) => promise(scenario, me, o));
  const more = obligations.length - named.length;
  return listing(more > 0 ? [...named, `${more} more`] : named);
}

function promise(scenario: Scenario, me: PartyId, o: Obligation): string {
  const whose = o.party === me ? "our" : partyPossessive(scenario, o.party);
  return `${whose} promise to ${termPhrase(scenario, o.term)}`;
}

const terms = (scenario: Scenario, obligations: readonly Obligation[]) => listing(obligations.map((o) => termPhrase(scenario, o.term)));

function objection(scenario: Scenario, me: PartyId, o: Objection): string {
  switch (o.kind) {
    case "red_line":
      return o.text.replace(/[.\s]+$/, "");
    case "loss":
      if (o.gains.length === 0)
        return o.costs.length === 0 ? "the package does nothing for us" : `it asks ${promises(scenario, me, o.costs)} of us and gives us nothing we need in return`;
      return `what it costs us (${promises(scenario, me, o.costs)}) outweighs what it brings us (${promises(scenario, me, o.gains)})`;
    case "short":
      return o.costs.length === 0
        ? "it helps us, but too little to be worth a commitment this week"
        : `it helps us, but not yet enough for ${promises(scenario, me, o.costs)}`;
    case "partial":
      return `${partlyKept(scenario, o.part)}, and a promise kept only in part would cost us more trust than the package is worth to us`;
  }
}

/** "of our promise to pledge 1,500 troops to the ISF we could deliver only 500 troops this week" */
function partlyKept(scenario: Scenario, p: PartlyKept): string {
  const delivered = Math.floor(p.delivered);
  const got = delivered <= 0 ? "nothing" : `only ${amountWords(p.ob.term.kind, delivered)}`;
  return `of our promise to ${termPhrase(scenario, p.ob.term)} we could deliver ${got} this week`;
}

/**
 * Said first with a proposal or an acceptance that includes such a promise, so the partner knows in
 * advance: a note is cut at the rules' length, and the warning matters more than the rest.
 */
const forewarned = (scenario: Scenario, p: PartlyKept | null | undefined) => (p ? `we say now that ${partlyKept(scenario, p)}` : "");

/** "if Hamas also agrees to release 20 living hostages", "without our promise to halt strikes". */
function condition(scenario: Scenario, r: Remedy): string {
  if (r.kind === "drop") return `without our promise to ${termPhrase(scenario, r.drop.term)}`;
  const who = partyName(scenario, r.add.party);
  if (r.replaces) {
    // The same term with a larger amount: "release 20 living hostages, not 10".
    const was = r.replaces.term.amount !== undefined ? forPeople(r.replaces.term.amount) : `to ${termPhrase(scenario, r.replaces.term)}`;
    return `if ${who} ${verb(r.add.party, "agrees", "agree")} to ${termPhrase(scenario, r.add.term)}, not ${was}`;
  }
  return `if ${who} also ${verb(r.add.party, "agrees", "agree")} to ${termPhrase(scenario, r.add.term)}`;
}

export function reasonFor(scenario: Scenario, me: PartyId, facts: MoveFacts): string {
  switch (facts.kind) {
    case "propose": {
      const p = partyName(scenario, facts.partner);
      const warned = facts.partly ? `W${forewarned(scenario, facts.partly).slice(1)}. ` : "";
      return `${warned}We would ${terms(scenario, facts.give)} if ${p} ${verb(facts.partner, "agrees", "agree")} to ${terms(scenario, facts.want)}: what we receive matters more to us than what we give, and by our reading ${p} ${verb(facts.partner, "gains", "gain")} too.`;
    }
    case "broker": {
      const [a, b] = facts.parties;
      const [x, y] = facts.obligations;
      const steadier = facts.ceasefireGains ? ", and the ceasefire is steadier for it" : "";
      return `A package we can broker: ${partySubject(scenario, a)} would ${termPhrase(scenario, x!.term)} and ${partyName(scenario, b)} would ${termPhrase(scenario, y!.term)}; by our reading both gain${steadier}.`;
    }
    case "accept": {
      const warned = facts.partly ? `${forewarned(scenario, facts.partly)}; ` : "";
      if (facts.closeCall) return `Accepted: ${warned}a close call for us, but we take it to keep the talks moving.`;
      if (facts.costs.length === 0) return `Accepted: ${warned}it brings us ${promises(scenario, me, facts.gains)}, at no cost to us.`;
      return `Accepted: ${warned}what it brings us (${promises(scenario, me, facts.gains)}) outweighs what it costs us (${promises(scenario, me, facts.costs)}).`;
    }
    case "reject": {
      const then = facts.remedy ? ` We would accept it ${condition(scenario, facts.remedy)}.` : " We would need a different package.";
      return `Rejected: ${objection(scenario, me, facts.objection)}.${then}`;
    }
    case "counter":
      return `Yes, but: ${objection(scenario, me, facts.objection)}; we would go ahead ${condition(scenario, facts.remedy)}.`;
    case "enough":
      return `Rejected: we have already agreed enough with ${partyName(scenario, facts.proposer)} this week; we want to see those promises kept before we take on more.`;
    case "blocked":
      return `Rejected: we cannot promise this: ${facts.message}.`;
    case "done":
      if (facts.because === "nothing_worth_it") return "Nothing more this week would be worth what it costs us.";
      if (facts.because === "no_more_packages") return "We have no further package we can put forward this week; we will still answer any offer made to us.";
      return "We have put forward all the new packages a party may this week; we will still answer any offer made to us.";
    case "fallback":
      return FALLBACK_REASON;
  }
}
