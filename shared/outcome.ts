// How the game ends: the shared outcome, each party's score, and a plain-language causal account
// of why the table got there, for the debrief.
import { OUTCOME_IDS, PARTY_IDS, type DerivedMetric, type OutcomeId, type PartyId } from "./ids.ts";
import type { Condition, Scenario } from "./scenario-schema.ts";
import type { GameState, ScoreBreakdown } from "./state.ts";
import { holds, metric } from "./metrics.ts";
import { addNews, ownOffer } from "./draft-ops.ts";
import { reputationScore } from "./reputation.ts";
import { forPeople, gameTallySentence } from "./wording.ts";

export function decideOutcome(scenario: Scenario, s: GameState): OutcomeId {
  if (s.tracks.stability <= 0) return "collapse";
  if (holds(scenario, s, scenario.outcomeRules.pathway_to_peace)) return "pathway_to_peace";
  if (holds(scenario, s, scenario.outcomeRules.managed_ceasefire)) return "managed_ceasefire";
  return "frozen_line";
}

export function scoreParty(scenario: Scenario, s: GameState, party: PartyId, outcome: OutcomeId): ScoreBreakdown {
  const met = s.parties[party].objectives.filter((id) => {
    const o = scenario.objectives.find((x) => x.id === id);
    return o !== undefined && holds(scenario, s, o.condition, outcome);
  });
  const objectives = met.reduce((n, id) => n + (scenario.objectives.find((o) => o.id === id)?.points ?? 0), 0);
  // Standing at home (domestic pressure), less what broken commitments cost at the table (reputation.ts).
  const standing = Math.round(((100 - s.parties[party].pressure) * scenario.scoring.standingWeight + reputationScore(scenario, s, party)) * 10) / 10;
  const outcomeShare = scenario.outcomes[outcome].value[party] * scenario.scoring.outcomeWeight;
  return {
    objectives,
    standing,
    outcome: outcomeShare,
    total: Math.round((objectives + standing + outcomeShare) * 10) / 10,
    objectivesMet: met,
  };
}

export function finishGame(scenario: Scenario, s: GameState): void {
  const outcome = decideOutcome(scenario, s);
  s.stage = "ended";
  s.outcome = outcome;
  const scores = {} as Record<PartyId, ScoreBreakdown>;
  for (const p of PARTY_IDS) scores[p] = scoreParty(scenario, s, p, outcome);
  s.scores = scores;
  const best = Math.max(...PARTY_IDS.map((p) => scores[p].total));
  s.winners = PARTY_IDS.filter((p) => scores[p].total === best);
  for (const o of s.offers) if (o.status === "open") ownOffer(s, o).status = "expired";
  addNews(s, "outcome", `${scenario.outcomes[outcome].label}: ${scenario.outcomes[outcome].summary}`);
}

export interface ExplanationFactor {
  /** The gap or strength, e.g. "ISF zones: 1 (needs 2)". */
  label: string;
  met: boolean;
}

export interface Explanation {
  outcome: OutcomeId;
  headline: string;
  /** What the next outcome up required, and which of those conditions held. */
  requirements: ExplanationFactor[];
  /** The decisions and events that pushed the table, most frequent first. */
  causes: Array<{ factor: string; text: string; rounds: number[]; sign: 1 | -1; parties: PartyId[] }>;
  paragraphs: string[];
}

const DERIVED_LABELS: Record<DerivedMetric, string> = {
  round: "Week",
  phase: "Phase",
  isfTroops: "ISF troops in Gaza",
  isfZones: "Zones where the ISF is deployed",
  roadmapCount: "Roadmap elements in place",
  disarmament: "Weapons decommissioned (average %)",
  aidSites: "Aid distribution sites",
  aidExpected: "Aid trucks a day the crossings and distribution allow",
  trustIsraelHamas: "Trust between Israel and Hamas",
  commitmentsHonoured: "Commitments kept",
  commitmentsBroken: "Commitments broken",
};

/** A value rounded for people, unless rounding would make a missed threshold look met (64.6 vs 65). */
function shownAgainst(value: number, met: boolean): string {
  const whole = forPeople(value);
  return met || Number.isInteger(value) ? whole : String(Math.round(value * 10) / 10);
}

function describe(scenario: Scenario, s: GameState, c: Condition): ExplanationFactor[] {
  if ("all" in c) return c.all.flatMap((x) => describe(scenario, s, x));
  const met = holds(scenario, s, c);
  if ("any" in c) return [{ label: `at least one of: ${c.any.map((x) => describe(scenario, s, x).map((f) => f.label).join(" and ")).join("; or ")}`, met }];
  if ("metric" in c) {
    const value = metric(scenario, s, c.metric);
    const spec = c.metric in scenario.tracks ? scenario.tracks[c.metric as keyof Scenario["tracks"]].label : DERIVED_LABELS[c.metric as DerivedMetric];
    const need = c.min !== undefined && c.max !== undefined ? `${c.min}–${c.max}` : c.min !== undefined ? `at least ${c.min}` : `at most ${c.max}`;
    return [{ label: `${spec}: ${shownAgainst(value, met)} (needs ${need})`, met }];
  }
  return [{ label: JSON.stringify(c), met }];
}

/** "Aid stayed low (weeks 3, 4)." — the weeks inside the cause's sentence, before its full stop. */
function withWeeks(c: { text: string; rounds: number[] }): string {
  return `${c.text.replace(/[.\s]+$/, "")} (week${c.rounds.length > 1 ? "s" : ""} ${c.rounds.join(", ")}).`;
}

/** The causal account of the debrief, built from the final tracks and the notes kept each week. */
export function explainOutcome(scenario: Scenario, s: GameState): Explanation {
  const outcome = s.outcome ?? decideOutcome(scenario, s);
  const next: Record<OutcomeId, OutcomeId | null> = {
    collapse: "frozen_line",
    frozen_line: "managed_ceasefire",
    managed_ceasefire: "pathway_to_peace",
    pathway_to_peace: null,
  };
  const target = next[outcome];
  const requirements =
    outcome === "collapse"
      ? [{ label: `Ceasefire stability: ${forPeople(s.tracks.stability)} (must stay above 0)`, met: false }]
      : describe(scenario, s, scenario.outcomeRules[target === "managed_ceasefire" ? "managed_ceasefire" : "pathway_to_peace"]);

  const grouped = new Map<string, Explanation["causes"][number]>();
  for (const c of s.causes) {
    const g = grouped.get(c.factor + c.text);
    if (g) {
      if (!g.rounds.includes(c.round)) g.rounds.push(c.round);
    } else grouped.set(c.factor + c.text, { factor: c.factor, text: c.text, rounds: [c.round], sign: c.sign, parties: [...c.parties] });
  }
  const causes = [...grouped.values()].sort((a, b) => b.rounds.length - a.rounds.length || a.rounds[0]! - b.rounds[0]!);

  const label = scenario.outcomes[outcome].label;
  const headline = `${label}: ${scenario.outcomes[outcome].summary}`;
  const hurt = causes.filter((c) => c.sign < 0).slice(0, 4);
  const helped = causes.filter((c) => c.sign > 0).slice(0, 3);
  const missing = requirements.filter((r) => !r.met);
  const paragraphs: string[] = [];
  if (outcome === "collapse") paragraphs.push(`Stability fell to zero in week ${s.round}, and the ceasefire broke down.`);
  if (target && missing.length > 0) {
    // The labels read "Name: value (needs …)", so they follow a dash, not "because".
    const short = missing.length === 1 ? "one condition" : `${missing.length} conditions`;
    paragraphs.push(`The table fell short of ${scenario.outcomes[target].label.toLowerCase()} on ${short} — ${missing.map((m) => m.label).join("; ")}.`);
  }
  if (outcome === "pathway_to_peace") paragraphs.push("Every condition of a durable transition held at the end: broad backing, a roadmap, a deployed force and a governance transition.");
  if (hurt.length > 0) paragraphs.push(`What pushed the ceasefire back: ${hurt.map(withWeeks).join(" ")}`);
  if (helped.length > 0) paragraphs.push(`What held it together: ${helped.map(withWeeks).join(" ")}`);
  const broken = s.commitments.filter((c) => c.status === "broken").length;
  const kept = s.commitments.filter((c) => c.status === "honoured").length;
  paragraphs.push(gameTallySentence(kept, broken, s.tracks.flareUps));
  return { outcome, headline, requirements, causes, paragraphs };
}

export { OUTCOME_IDS };
