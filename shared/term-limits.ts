// How often a term can be promised. Some terms change the table once and for all (forming the
// technocratic committee, bringing a bloc of supporters in, setting up the recovery teams, a roadmap
// element…): once done, or once someone has promised them, a second promise is worth nothing and is
// refused. Some are a party's conduct for the week (halt strikes, restrain factions…): one promise
// a week is enough. Amounts can never exceed what is left to give. And no package trades a term for
// the very same term. Offer checks, bots, policies and the composer all ask here.
import { DDR_TRACK, MANDATES, WEAPON_TRACK, type DdrElement, type PartyId, type TermKind, type WeaponCategory, type ZoneId } from "./ids.ts";
import type { RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Commitment, GameState, Obligation, Term } from "./state.ts";
import { PLEDGE_TRACK } from "./decisions.ts";

const COALITION_TRACK = { arab_states: "coalitionArab", europe: "coalitionEurope", un: "coalitionUn" } as const;

/**
 * Terms whose effect happens once on the whole table: whoever gives them, a second promise adds
 * nothing. The mandate is one decision however it is worded, so any pending mandate blocks another.
 */
const TABLE_ONCE: ReadonlySet<TermKind> = new Set<TermKind>([
  "security_guarantee",
  "arms_sale",
  "recovery_mechanism",
  "build_hubs",
  "admit_agencies",
  "form_committee",
  "broaden_coalition",
  "ddr_element",
  "deploy_zone",
  "set_mandate",
  "halt_housing",
]);

/** A party's conduct or effort for the week: one promise of it a week, per option. */
const WEEKLY: ReadonlySet<TermKind> = new Set<TermKind>(["halt_strikes", "restrain_factions", "press_party", "host_talks", "decommission", "pa_reform", "open_crossings"]);

/** Two promises of the same thing: same kind and, except for the mandate, same option. */
function samePromise(a: Term, b: Term): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === "set_mandate" || (a.option ?? "") === (b.option ?? "");
}

/** Why the term's effect has already happened on the table (public tracks), or null. */
export function alreadyDone(scenario: Scenario, state: GameState, term: Term): string | null {
  const t = state.tracks;
  switch (term.kind) {
    case "security_guarantee":
      return t.qatarGuarantee >= 1 ? "the US security guarantee to Qatar is already in force" : null;
    case "arms_sale":
      return t.turkiyeJetSale >= 1 ? "the fighter-jet sale to Türkiye is already approved" : null;
    case "recovery_mechanism":
      return t.recoveryMechanism >= 1 ? "the recovery teams are already at work" : null;
    case "build_hubs":
      return t.aidSystem >= 1 ? "the aid hubs, or a fuller aid system, are already in place" : null;
    case "admit_agencies":
      return t.aidSystem >= 2 ? "international agencies already run the aid system" : null;
    case "form_committee":
      return t.committeeFormed >= 1 ? "the technocratic committee is already formed" : null;
    case "halt_housing":
      return t.housingProjects < 1 ? "there are no housing projects behind the line to freeze" : null;
    case "broaden_coalition": {
      const key = COALITION_TRACK[term.option as keyof typeof COALITION_TRACK];
      return key && t[key] >= 1 ? `${optionLabel(term.option)} already back the plan` : null;
    }
    case "ddr_element": {
      const key = DDR_TRACK[term.option as DdrElement];
      return key && t[key] >= 1 ? `the roadmap already has ${optionLabel(term.option)}` : null;
    }
    case "deploy_zone":
      return state.isfZones.includes(term.option as ZoneId) ? `the ISF is already deployed in ${optionLabel(term.option)}` : null;
    case "set_mandate":
      return MANDATES[t.isfMandate] === term.option ? `the ISF mandate is already ${term.option}` : null;
    case "decommission": {
      const key = WEAPON_TRACK[term.option as WeaponCategory];
      return key && t[key] >= 100 ? `all ${optionLabel(term.option)} are already decommissioned` : null;
    }
    case "pa_reform":
      return t.paReform >= scenario.tracks.paReform.max ? "Palestinian Authority reform is already complete" : null;
    case "open_crossings":
      return term.amount !== undefined && t.aidCrossingLimit >= term.amount
        ? `the crossings already allow ${t.aidCrossingLimit} trucks a day`
        : null;
    case "board_seat":
      return t.boardMembers >= scenario.tracks.boardMembers.max ? "every seat on the Board of Peace is already filled" : null;
    default:
      return null;
  }
}

const optionLabel = (option: string | undefined) =>
  option === "un" ? "the UN" : option === "arab_states" ? "Arab states" : option === "europe" ? "European governments" : (option ?? "").replaceAll("_", " ");

/** Commitments `actor` can see (its own and those it is a counterparty to); all when actor is null. */
function visibleTo(c: Commitment, actor: PartyId | "all"): boolean {
  return actor === "all" || c.party === actor || c.counterparties.includes(actor);
}

/**
 * Why `party` cannot promise `term` again, from what `actor` can know: a pending commitment it can
 * see (by anyone for table-wide one-offs, by `party` for weekly terms) or, when `actor` is the
 * giver, one of its own open offers that already holds the one-off. `actor` "all" is the referee's
 * view, used when a package binds. Null actor: nothing private is consulted.
 */
export function alreadyPromised(state: GameState, party: PartyId, term: Term, actor: PartyId | "all" | null, exceptOffer: number | null = null): string | null {
  if (actor === null) return null;
  const once = TABLE_ONCE.has(term.kind);
  if (!once && !WEEKLY.has(term.kind)) return null;
  for (const c of state.commitments) {
    if (c.status !== "pending" || c.offerId === exceptOffer || !visibleTo(c, actor)) continue;
    if (!once && c.party !== party) continue;
    if (samePromise(c.term, term)) return c.party === party ? "it is already promised in a commitment due this week" : "another party has already promised it this week";
  }
  if (once && actor === party)
    for (const o of state.offers) {
      if (o.status !== "open" || o.proposer !== party || o.id === exceptOffer) continue;
      if (o.obligations.some((ob) => ob.party === party && samePromise(ob.term, term)))
        return `it is already on the table in your offer ${o.id}; withdraw that offer first`;
    }
  return null;
}

/** What is physically left of an amount term (hostages still held, remains located, troops a contributor can still send…). */
export function physicallyLeft(scenario: Scenario, state: GameState, party: PartyId, kind: TermKind): number | null {
  const t = state.tracks;
  const room = (key: keyof typeof t) => scenario.tracks[key].max - t[key];
  switch (kind) {
    case "release_hostages":
      return room("hostagesReleased");
    case "return_remains":
      // Only remains already located can be handed over: the recovery problem of the sources.
      return Math.min(t.remainsLocated, room("remainsReturned"));
    case "release_detainees":
      return room("detaineesReleased");
    case "withdraw":
      return t.israeliControl;
    case "pledge_troops": {
      const key = PLEDGE_TRACK[party as keyof typeof PLEDGE_TRACK];
      return key ? room(key) : null;
    }
    case "fund_reconstruction":
      return room("reconstructionFunds");
    default:
      return null;
  }
}

/** Pending promises of `kind` by `party` that `actor` can see, in the term's units (a board seat counts one). */
export function promisedAmount(state: GameState, party: PartyId, kind: TermKind, actor: PartyId | "all"): number {
  return state.commitments
    .filter((c) => c.status === "pending" && c.party === party && c.term.kind === kind && visibleTo(c, actor))
    .reduce((n, c) => n + (c.term.amount ?? 1), 0);
}

/**
 * A package that trades a term for the very same term ("Europe for Europe", "$5bn for $5bn")
 * exchanges nothing: the proposer's side and the other side may not hold the same kind of term
 * (same option, for a choice). A brokered package, where the proposer gives nothing, is refused
 * when every obligation in it is the same term.
 */
export function likeForLike(proposer: PartyId, obligations: readonly Obligation[]): number | null {
  const same = (a: Obligation, b: Obligation) => a.term.kind === b.term.kind && (a.term.option ?? "") === (b.term.option ?? "");
  // The later of the two is named: it is the one that made the package like for like.
  for (let j = 1; j < obligations.length; j++)
    for (let i = 0; i < j; i++)
      if ((obligations[i]!.party === proposer) !== (obligations[j]!.party === proposer) && same(obligations[i]!, obligations[j]!)) return j;
  const first = obligations[0];
  if (first && obligations.length > 1 && obligations.every((o) => o.party !== proposer && same(o, first))) return obligations.length - 1;
  return null;
}

export function likeForLikeError(scenario: Scenario, obligations: readonly Obligation[], index: number, field: string): RuleError {
  const label = scenario.terms[obligations[index]!.term.kind].label.toLowerCase();
  return { code: "like_for_like", message: `a package cannot trade "${label}" for the same term; each side must give something different`, field: `${field}.${index}` };
}
