// The game may use the facts of its source analysis, never its sentences: no run of eight or more
// words of the analysis appears in any text of the scenario (briefings, objectives, events, terms,
// moves, sources). The analysis sits beside the project (../shared/seed); without it, the check is skipped.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const analysisPath = `${root}../shared/seed/ceasefire-analysis.txt`;
const SCENARIO_FILES = ["default-content.json", "default-rules.json", "default-sources.json"];
const RUN = 8;

/** Lower-case words, apostrophes and punctuation dropped: "Trump’s plan," → ["trumps", "plan"]. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, "").match(/[\p{L}\p{N}]+/gu) ?? [];
}

function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

/** Every run of `n` words of `text` that also occurs in the analysis. */
function copiedRuns(analysis: Set<string>, text: string, n = RUN): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) {
    const run = w.slice(i, i + n).join(" ");
    if (analysis.has(run)) out.push(run);
  }
  return out;
}

function runsOf(text: string, n = RUN): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

describe.skipIf(!existsSync(analysisPath))("the scenario speaks in its own words", () => {
  const analysis = runsOf(readFileSync(analysisPath, "utf8"));

  for (const file of SCENARIO_FILES)
    it(`${file} copies no run of ${RUN} words from the analysis`, () => {
      const data: unknown = JSON.parse(readFileSync(`${root}shared/scenario/${file}`, "utf8"));
      const copied: string[] = [];
      for (const [path, text] of strings(data, file)) for (const run of copiedRuns(analysis, text)) copied.push(`${path}: "${run}"`);
      expect(copied).toEqual([]);
    });

  it("the check finds a copied run, whatever its punctuation and case", () => {
    const sentence = "Only ten days into the ceasefire, an attack on Israeli soldiers in Rafah prompted Israel to act.";
    expect(copiedRuns(analysis, sentence).length).toBeGreaterThan(0);
    expect(copiedRuns(analysis, "Ten days in, soldiers were attacked in Rafah and Israel answered with strikes.")).toEqual([]);
  });
});
