// Cross-reference checks a schema cannot express.
import { PARTY_IDS } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { RuleError } from "./result.ts";

const problem = (field: string, message: string): RuleError => ({
  code: "invalid_scenario",
  message: `${field}: ${message}`,
  field,
});

export function checkCrossReferences(s: Scenario): RuleError | null {
  const sources = new Set(s.sources.map((x) => x.id));
  const cite = (field: string, id: string | undefined) =>
    id !== undefined && !sources.has(id) ? problem(field, `cites unknown source "${id}"`) : null;

  if (s.rounds.min < 1 || s.rounds.min > s.rounds.default || s.rounds.default > s.rounds.max)
    return problem("rounds", "needs 1 ≤ min ≤ default ≤ max");
  if (s.rounds.max > 30) return problem("rounds.max", "at most 30 rounds");
  for (const [key, spec] of Object.entries(s.tracks)) {
    if (spec.min > spec.max) return problem(`tracks.${key}`, "min is above max");
    if (spec.start < spec.min || spec.start > spec.max) return problem(`tracks.${key}.start`, "start is outside min–max");
    const c = cite(`tracks.${key}.source`, spec.source);
    if (c) return c;
  }
  for (const [key, spec] of Object.entries(s.terms)) {
    if (spec.param.type === "amount" && spec.param.min > spec.param.max)
      return problem(`terms.${key}.param`, "min is above max");
    const c = cite(`terms.${key}.source`, spec.source);
    if (c) return c;
  }
  for (const [key, spec] of Object.entries(s.moves)) {
    if (!key.startsWith(spec.party === "board_of_peace" ? "board_" : `${spec.party}_`))
      return problem(`moves.${key}.party`, `does not match the move id`);
    const c = cite(`moves.${key}.source`, spec.source);
    if (c) return c;
  }
  const seen = new Set<string>();
  for (const [i, o] of s.objectives.entries()) {
    if (seen.has(o.id)) return problem(`objectives.${i}.id`, `duplicate id "${o.id}"`);
    seen.add(o.id);
    const c = cite(`objectives.${i}.source`, o.source);
    if (c) return c;
  }
  for (const party of PARTY_IDS) {
    const n = s.objectives.filter((o) => o.party === party).length;
    if (n < s.objectivesPerParty)
      return problem("objectives", `${party} has ${n} objectives but ${s.objectivesPerParty} are dealt to each party`);
    for (const [i, r] of s.parties[party].redLines.entries()) {
      const c = cite(`parties.${party}.redLines.${i}.source`, r.source);
      if (c) return c;
    }
  }
  const cards = new Set<string>();
  for (const [i, e] of s.events.entries()) {
    if (cards.has(e.id)) return problem(`events.${i}.id`, `duplicate id "${e.id}"`);
    cards.add(e.id);
    const c = cite(`events.${i}.source`, e.source);
    if (c) return c;
  }
  return null;
}
