// Whether a party can promise a term now: the catalogue's givers, phases and parameter ranges,
// and what is physically left to give (hostages not yet released, remains located, …).
import { PARTY_IDS, TERM_KINDS, type PartyId, type TermKind } from "./ids.ts";
import type { RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState, Term } from "./state.ts";
import { alreadyDone, alreadyPromised, physicallyLeft, promisedAmount } from "./term-limits.ts";
import { roadmapElementNotYet } from "./roadmap-prerequisites.ts";
import type { DdrElement } from "./ids.ts";

const fail = (code: RuleError["code"], message: string, field: string): RuleError => ({ code, message, field });

/**
 * The most of an amount term `giver` can still promise, or null when only the catalogue's max rules:
 * what is physically left (term-limits.ts), less the giver's pending promises that `actor` can see.
 * A party sees its own promises; others' are hidden from it, so they are not held to them here
 * (the referee, actor "all", holds everyone to them when a package binds).
 */
export function remainingCapacity(scenario: Scenario, state: GameState, kind: TermKind, giver: PartyId | null = null, actor: PartyId | "all" | null = giver): number | null {
  const left = physicallyLeft(scenario, state, giver ?? "israel", kind);
  if (left === null || giver === null || actor === null) return left;
  return Math.max(0, left - promisedAmount(state, giver, kind, actor));
}

/**
 * `actor` is the party asking: the promises it can see count against the term (its own open offers
 * too, for one-off terms). Null consults nothing private; "all" is the referee's view when a package binds.
 */
export function checkTerm(scenario: Scenario, state: GameState, party: PartyId, term: Term, field: string, actor: PartyId | "all" | null = null): RuleError | null {
  if (!(TERM_KINDS as readonly string[]).includes(term.kind)) return fail("unknown_term", `there is no term "${String(term.kind)}"`, `${field}.kind`);
  const spec = scenario.terms[term.kind];
  if (!spec.givers.includes(party))
    return fail("not_giver", `${scenario.parties[party].name} cannot give "${spec.label}"`, `${field}.kind`);
  if (state.phase < spec.minPhase)
    return fail("term_not_available", `"${spec.label}" opens in phase ${spec.minPhase}; the table is in phase ${state.phase}`, `${field}.kind`);
  const param = spec.param;
  if (param.type === "amount") {
    const a = term.amount;
    if (term.option !== undefined) return fail("malformed_action", `"${spec.label}" takes an amount, not a choice`, `${field}.option`);
    if (typeof a !== "number" || !Number.isFinite(a)) return fail("out_of_range", `"${spec.label}" needs an amount`, `${field}.amount`);
    if (a < param.min || a > param.max)
      return fail("out_of_range", `"${spec.label}" must be between ${param.min} and ${param.max} ${param.unit}`, `${field}.amount`);
    if (Math.abs((a - param.min) / param.step - Math.round((a - param.min) / param.step)) > 1e-9)
      return fail("out_of_range", `"${spec.label}" goes in steps of ${param.step} ${param.unit}`, `${field}.amount`);
    const left = remainingCapacity(scenario, state, term.kind, party, actor);
    if (left !== null && a > left)
      return fail("out_of_range", `only ${left} ${param.unit} ${left === 1 ? "is" : "are"} left to promise for "${spec.label}"`, `${field}.amount`);
  } else if (param.type === "choice") {
    if (term.amount !== undefined) return fail("malformed_action", `"${spec.label}" takes a choice, not an amount`, `${field}.amount`);
    if (term.option === undefined || !param.options.includes(term.option))
      return fail("out_of_range", `"${spec.label}" must be one of: ${param.options.join(", ")}`, `${field}.option`);
    if (term.kind === "ddr_element") {
      const providers = scenario.ddrProviders[term.option as keyof Scenario["ddrProviders"]];
      if (!providers.includes(party))
        return fail("not_giver", `${scenario.parties[party].name} cannot put "${term.option}" in place`, `${field}.option`);
      const notYet = roadmapElementNotYet(scenario, state, term.option as DdrElement);
      if (notYet) return fail("term_not_available", `"${term.option}" cannot be promised yet: ${notYet}`, `${field}.option`);
    }
    if (term.kind === "press_party" && term.option === party)
      return fail("out_of_range", "a party cannot press itself", `${field}.option`);
  } else if (term.amount !== undefined || term.option !== undefined) {
    return fail("malformed_action", `"${spec.label}" takes no amount or choice`, field);
  }
  const done = alreadyDone(scenario, state, term);
  if (done) return fail("already_done", `"${spec.label}" cannot be promised: ${done}`, paramField(term, field));
  const promised = alreadyPromised(state, party, term, actor);
  if (promised) return fail("already_promised", `"${spec.label}" cannot be promised again: ${promised}`, paramField(term, field));
  if (term.kind === "board_seat" && actor !== null) {
    const free = scenario.tracks.boardMembers.max - state.tracks.boardMembers - promisedAmount(state, party, "board_seat", actor);
    if (free <= 0) return fail("already_promised", `"${spec.label}" cannot be promised again: every remaining seat is already promised`, field);
  }
  return null;
}

const paramField = (term: Term, field: string) => (term.option !== undefined ? `${field}.option` : term.amount !== undefined ? `${field}.amount` : field);

/** Every term a party could promise now with at least one parameter, for composers and bots. */
export function availableTerms(scenario: Scenario, state: GameState, party: PartyId, actor: PartyId | "all" | null = party): TermKind[] {
  return TERM_KINDS.filter((kind) => {
    const spec = scenario.terms[kind];
    if (!spec.givers.includes(party) || state.phase < spec.minPhase) return false;
    const param = spec.param;
    if (param.type === "none") return checkTerm(scenario, state, party, { kind }, "t", actor) === null;
    if (param.type === "choice") return param.options.some((option) => checkTerm(scenario, state, party, { kind, option }, "t", actor) === null);
    return largestAmount(scenario, state, party, kind, actor) !== null;
  });
}

/** The largest amount of an amount term `party` can still promise, or null when none can be. */
export function largestAmount(scenario: Scenario, state: GameState, party: PartyId, kind: TermKind, actor: PartyId | "all" | null = party): number | null {
  const param = scenario.terms[kind].param;
  if (param.type !== "amount") return null;
  const left = remainingCapacity(scenario, state, kind, party, actor);
  const cap = left === null ? param.max : Math.min(param.max, left);
  for (let a = param.min + Math.floor((cap - param.min) / param.step + 1e-9) * param.step; a >= param.min; a -= param.step)
    if (checkTerm(scenario, state, party, { kind, amount: a }, "t", actor) === null) return a;
  return null;
}

export const termKey = (party: PartyId, term: Term) => `${party}:${term.kind}:${term.option ?? ""}`;

export function isParty(value: string): value is PartyId {
  return (PARTY_IDS as readonly string[]).includes(value);
}
