// Short explanations of the terms a newcomer meets at the table (DDR, buy-back, the technocratic
// committee, the ISF and its mandate…), with the source each factual one rests on. The data is
// `scenario/glossary.json`; this module checks it once and finds the terms in a piece of text, so
// the page can explain them where they appear and list them beside the sources.
import raw from "./scenario/glossary.json" with { type: "json" };
import type { Scenario } from "./scenario-schema.ts";
import { err as fail, ok, type Result } from "./result.ts";

export interface GlossaryEntry {
  id: string;
  /** The heading: "ISF", "Buy-back". */
  term: string;
  /** The words that stand for it in the game's text, matched whole and ignoring case. */
  match: string[];
  /** One to three plain sentences, neutral, in the game's own words. */
  text: string;
  /** The source (by id in the scenario's sources) of the facts the explanation states. */
  source: string;
}

/** Checks glossary data against the scenario's sources; an error names the bad entry. */
export function loadGlossary(data: unknown, scenario: Pick<Scenario, "sources">): Result<GlossaryEntry[]> {
  if (!Array.isArray(data)) return fail("invalid_scenario", "the glossary must be a list", "glossary");
  const sources = new Set(scenario.sources.map((s) => s.id));
  const ids = new Set<string>();
  const entries: GlossaryEntry[] = [];
  for (const [i, e] of data.entries()) {
    const at = `glossary[${i}]`;
    if (typeof e !== "object" || e === null) return fail("invalid_scenario", "each glossary entry must be an object", at);
    const { id, term, match, text, source } = e as Record<string, unknown>;
    if (typeof id !== "string" || !id || ids.has(id)) return fail("invalid_scenario", "a glossary entry needs a unique id", `${at}.id`);
    if (typeof term !== "string" || !term.trim()) return fail("invalid_scenario", `glossary entry "${id}" needs a term`, `${at}.term`);
    if (!Array.isArray(match) || match.length === 0 || !match.every((m) => typeof m === "string" && m.trim()))
      return fail("invalid_scenario", `glossary entry "${id}" needs the words it matches`, `${at}.match`);
    if (typeof text !== "string" || text.length < 20 || text.length > 400) return fail("invalid_scenario", `glossary entry "${id}" needs an explanation of 20–400 characters`, `${at}.text`);
    if (typeof source !== "string" || !sources.has(source)) return fail("invalid_scenario", `glossary entry "${id}" cites an unknown source "${String(source)}"`, `${at}.source`);
    ids.add(id);
    entries.push({ id, term, match: match as string[], text, source });
  }
  return ok(entries);
}

/** A run of text, with the glossary entry it names if it is a term. */
export interface GlossedPart {
  text: string;
  entry?: GlossaryEntry;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Splits `text` into plain runs and glossary terms. Each entry is marked once (its first
 * appearance not already in `seen`), longer phrases win over shorter ones ("ISF mandate" over
 * "ISF"), and words inside other words are left alone.
 */
export function findTerms(entries: readonly GlossaryEntry[], text: string, seen: Set<string> = new Set()): GlossedPart[] {
  const phrases = entries.flatMap((entry) => entry.match.map((m) => ({ m, entry }))).sort((a, b) => b.m.length - a.m.length);
  if (phrases.length === 0) return [{ text }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])(${phrases.map((p) => escape(p.m)).join("|")})(?![\\p{L}\\p{N}-])`, "giu");
  const parts: GlossedPart[] = [];
  let last = 0;
  for (const hit of text.matchAll(pattern)) {
    const word = hit[0];
    const entry = phrases.find((p) => p.m.toLowerCase() === word.toLowerCase())?.entry;
    if (!entry || seen.has(entry.id)) continue;
    // Acronyms match only in capitals: "isf" in a word stays text, "ISF" is the force.
    if (entry.match.some((m) => m.toLowerCase() === word.toLowerCase() && m === m.toUpperCase() && word !== m)) continue;
    seen.add(entry.id);
    if (hit.index > last) parts.push({ text: text.slice(last, hit.index) });
    parts.push({ text: word, entry });
    last = hit.index + word.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

let cached: GlossaryEntry[] | null = null;

/** The default glossary, checked against the scenario's sources (throws only if the shipped file is broken). */
export function defaultGlossary(scenario: Pick<Scenario, "sources">): GlossaryEntry[] {
  if (cached) return cached;
  const loaded = loadGlossary(raw, scenario);
  if (!loaded.ok) throw new Error(`glossary.json: ${loaded.error.message} (${loaded.error.field ?? ""})`);
  cached = loaded.value;
  return cached;
}
