// Whether a party can promise a term now: the catalogue's givers, phases and parameter ranges,
// and what is physically left to give (hostages not yet released, remains located, …).
import { PARTY_IDS, TERM_KINDS, type PartyId, type TermKind } from "./ids.ts";
import type { RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState, Term } from "./state.ts";

const fail = (code: RuleError["code"], message: string, field: string): RuleError => ({ code, message, field });

/**
 * The most of an amount term that can still be promised, or null when the catalogue's max rules:
 * what is left, less — when the giver itself is asking — what it has already promised in
 * commitments still to be honoured. Others cannot see those promises, so they are not held to them.
 */
export function remainingCapacity(scenario: Scenario, state: GameState, kind: TermKind, giverAsking: PartyId | null = null): number | null {
  const left = physicallyLeft(scenario, state, kind);
  if (left === null || giverAsking === null) return left;
  const promised = state.commitments
    .filter((c) => c.status === "pending" && c.party === giverAsking && c.term.kind === kind)
    .reduce((n, c) => n + (c.term.amount ?? 0), 0);
  return Math.max(0, left - promised);
}

function physicallyLeft(scenario: Scenario, state: GameState, kind: TermKind): number | null {
  const t = state.tracks;
  switch (kind) {
    case "release_hostages":
      return scenario.tracks.hostagesReleased.max - t.hostagesReleased;
    case "return_remains":
      return scenario.tracks.remainsReturned.max - t.remainsReturned;
    case "release_detainees":
      return scenario.tracks.detaineesReleased.max - t.detaineesReleased;
    case "withdraw":
      return t.israeliControl;
    default:
      return null;
  }
}

/** `actor` is the party asking; when it is the giver, its own earlier promises count against it. */
export function checkTerm(scenario: Scenario, state: GameState, party: PartyId, term: Term, field: string, actor: PartyId | null = null): RuleError | null {
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
    const left = remainingCapacity(scenario, state, term.kind, actor === party ? party : null);
    if (left !== null && a > left)
      return fail("out_of_range", `only ${left} ${param.unit} are left to promise for "${spec.label}"`, `${field}.amount`);
  } else if (param.type === "choice") {
    if (term.amount !== undefined) return fail("malformed_action", `"${spec.label}" takes a choice, not an amount`, `${field}.amount`);
    if (term.option === undefined || !param.options.includes(term.option))
      return fail("out_of_range", `"${spec.label}" must be one of: ${param.options.join(", ")}`, `${field}.option`);
    if (term.kind === "ddr_element") {
      const providers = scenario.ddrProviders[term.option as keyof Scenario["ddrProviders"]];
      if (!providers.includes(party))
        return fail("not_giver", `${scenario.parties[party].name} cannot put "${term.option}" in place`, `${field}.option`);
    }
    if (term.kind === "press_party" && term.option === party)
      return fail("out_of_range", "a party cannot press itself", `${field}.option`);
  } else if (term.amount !== undefined || term.option !== undefined) {
    return fail("malformed_action", `"${spec.label}" takes no amount or choice`, field);
  }
  return null;
}

/** Every term a party could promise now, with its parameter, for composers and bots. */
export function availableTerms(scenario: Scenario, state: GameState, party: PartyId, actor: PartyId | null = party): TermKind[] {
  return TERM_KINDS.filter((k) => {
    const spec = scenario.terms[k];
    if (!spec.givers.includes(party) || state.phase < spec.minPhase) return false;
    const left = remainingCapacity(scenario, state, k, actor === party ? party : null);
    return left === null || spec.param.type !== "amount" || left >= spec.param.min;
  });
}

export const termKey = (party: PartyId, term: Term) => `${party}:${term.kind}:${term.option ?? ""}`;

export function isParty(value: string): value is PartyId {
  return (PARTY_IDS as readonly string[]).includes(value);
}
