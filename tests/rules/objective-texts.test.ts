// A player is scored on exactly what their objective card says. For every objective of the
// scenario, each threshold its condition scores must be stated in the text (as a number, or in the
// words a flag or a choice is described with), and no other number in the text may suggest a
// different threshold.
import { describe, expect, it } from "vitest";
import { defaultScenario, MANDATES, type Condition, type Scenario } from "../../shared/index.ts";

const scenario = defaultScenario();

interface Threshold {
  what: string;
  bound: "min" | "max";
  value: number;
  /** The track's own range, when the metric is a track: "all 28" is context, not a threshold. */
  trackMax: number | null;
}

function thresholds(sc: Scenario, c: Condition): Threshold[] {
  if ("all" in c) return c.all.flatMap((x) => thresholds(sc, x));
  if ("any" in c) return c.any.flatMap((x) => thresholds(sc, x));
  if ("not" in c) return thresholds(sc, c.not);
  if ("outcome" in c) return [];
  const what = "pressure" in c ? `pressure:${c.pressure}` : "trust" in c ? `trust:${c.trust.from}>${c.trust.to}` : c.metric;
  const track = "metric" in c ? sc.tracks[c.metric as keyof Scenario["tracks"]] : undefined;
  const out: Threshold[] = [];
  for (const bound of ["min", "max"] as const) {
    const value = c[bound];
    if (value !== undefined) out.push({ what, bound, value, trackMax: track?.max ?? null });
  }
  return out;
}

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** The forms a number may take in a text: 1500 → "1,500", "1500"; 2 → "two"; 20 → "20%". */
function forms(n: number): string[] {
  const out = [String(n), n.toLocaleString("en-GB")];
  if (Number.isInteger(n) && n >= 0 && n < WORDS.length) out.push(WORDS[n]!);
  return out;
}

const mentions = (text: string, n: number) => forms(n).some((f) => new RegExp(`(^|[^\\d,.])${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\d,]*\\d)`, "i").test(text));

/**
 * How a threshold that is not a plain number is put in words: a flag that must be set, a flag or
 * count that must stay at zero, the mandate's levels, the aid system's stages.
 */
function statedInWords(t: Threshold, text: string): boolean {
  const lower = text.toLowerCase();
  if (t.what === "isfMandate") {
    const levels = MANDATES.filter((_, i) => (t.bound === "min" ? i >= t.value : i <= t.value)).filter((m) => m !== "none");
    const excluded = MANDATES.filter((m) => m !== "none" && !levels.includes(m));
    // Either the allowed levels are named, or the excluded one is ruled out.
    return levels.every((m) => lower.includes(m)) || excluded.some((m) => new RegExp(`(never|not|no) ${m}`).test(lower));
  }
  if (t.what === "aidSystem") return ["ad hoc", "hub", "systematised"][t.value] !== undefined && lower.includes(["ad hoc", "hub", "systematised"][t.value]!);
  // A flag (0–1 track) that must be set: the text names the thing itself, it needs no number.
  if (t.trackMax === 1 && t.bound === "min" && t.value === 1) return true;
  // Must stay at zero: "no housing projects", "keep American soldiers out".
  if (t.bound === "max" && t.value === 0) return /\b(no|out of|without|none)\b/.test(lower);
  return false;
}

describe("objective texts state what is scored", () => {
  const objectives = scenario.objectives;

  it("covers every objective of the scenario", () => {
    expect(objectives.length).toBeGreaterThanOrEqual(30);
  });

  for (const o of objectives) {
    it(`${o.id}: every threshold scored is stated, and no other number`, () => {
      const ts = thresholds(scenario, o.condition);
      for (const t of ts) {
        const stated = mentions(o.text, t.value) || statedInWords(t, o.text);
        expect(stated, `"${o.text}" does not state ${t.what} ${t.bound} ${t.value}`).toBe(true);
      }
      // Every number in the text is a threshold scored, or a track's whole range ("all 28").
      const allowed = new Set<number>([...ts.map((t) => t.value), ...ts.flatMap((t) => (t.trackMax === null ? [] : [t.trackMax]))]);
      for (const m of o.text.matchAll(/\d[\d,]*(\.\d+)?/g)) {
        const n = Number(m[0].replaceAll(",", ""));
        expect(allowed.has(n), `"${o.text}" mentions ${m[0]}, which its condition does not score`).toBe(true);
      }
    });
  }

  it("a mismatch would be caught: a text with a different threshold fails the check", () => {
    const o = objectives.find((x) => x.id === "board_membership")!;
    const [t] = thresholds(scenario, o.condition);
    expect(mentions(o.text, t!.value)).toBe(true);
    expect(mentions(o.text.replace(String(t!.value), String(t!.value + 4)), t!.value)).toBe(false);
    expect(mentions("at least 1,500 troops", 1500)).toBe(true);
    expect(mentions("at least 1,500 troops", 500)).toBe(false);
  });
});
