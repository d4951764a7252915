// Concrete terms a party could promise now, with a sensible parameter each, for policies that
// build offers from the catalogue.
import type { PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { GameState, Obligation, Term } from "../state.ts";
import { availableTerms, checkTerm, largestAmount, remainingCapacity } from "../terms.ts";
import type { Random } from "../rng.ts";
import { handoverFloor } from "../thesis-levers.ts";

/** Typical amounts: what a negotiator would plausibly put on the table in one week. */
const TYPICAL: Partial<Record<string, number>> = {
  withdraw: 10,
  open_crossings: 600,
  release_hostages: 20,
  return_remains: 28,
  release_detainees: 1950,
  pledge_troops: 1500,
  fund_reconstruction: 5,
};

function snap(value: number, min: number, max: number, step: number): number {
  const clamped = Math.min(max, Math.max(min, value));
  return min + Math.floor((clamped - min) / step + 1e-9) * step;
}

/** `actor` is the party composing: its own earlier promises limit what it can offer again. */
export function candidateTerms(scenario: Scenario, state: GameState, party: PartyId, actor: PartyId | null = null): Term[] {
  const out: Term[] = [];
  for (const kind of availableTerms(scenario, state, party, actor)) {
    const param = scenario.terms[kind].param;
    if (param.type === "none") out.push({ kind });
    else if (param.type === "choice") for (const option of param.options) out.push({ kind, option });
    else {
      const left = remainingCapacity(scenario, state, kind, party, actor);
      let amount = TYPICAL[kind] ?? param.min;
      if (kind === "return_remains") amount = Math.min(amount, Math.max(param.min, state.tracks.remainsLocated));
      // Likewise only ground the army would hand over now — as the force takes zones and weapons are
      // put beyond use (handoverFloor) — since a larger promise is kept only in part and answered in kind.
      if (kind === "withdraw") amount = Math.min(amount, Math.max(param.min, state.tracks.israeliControl - handoverFloor(scenario, state)));
      if (left !== null) amount = Math.min(amount, left);
      out.push({ kind, amount: snap(amount, param.min, param.max, param.step) });
    }
  }
  return out.filter((term) => checkTerm(scenario, state, party, term, "term", actor) === null);
}

/** A random term `party` could promise, as `actor` sees it: a legal option, an amount up to what is left. */
export function randomTerm(scenario: Scenario, state: GameState, party: PartyId, random: Random, actor: PartyId | null = party): Term | null {
  const kinds = availableTerms(scenario, state, party, actor);
  if (kinds.length === 0) return null;
  const kind = random.pick(kinds);
  const param = scenario.terms[kind].param;
  if (param.type === "none") return { kind };
  if (param.type === "choice") return { kind, option: random.pick(param.options.filter((option) => checkTerm(scenario, state, party, { kind, option }, "term", actor) === null)) };
  const max = largestAmount(scenario, state, party, kind, actor) ?? param.min;
  const steps = Math.floor((max - param.min) / param.step);
  return { kind, amount: param.min + random.int(steps + 1) * param.step };
}

export const obligation = (party: PartyId, term: Term): Obligation => ({ party, term });
