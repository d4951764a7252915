// Loading a scenario: unchecked data in, a checked Scenario or an error naming the bad field out.
// Beyond the schema, cross-references are checked (sources cited, objectives per party, ids unique).
import { checkCrossReferences } from "./scenario-checks.ts";
import { scenarioSchema, type Scenario } from "./scenario-schema.ts";
import { err, ok, type Result, type RuleError } from "./result.ts";
import defaultRules from "./scenario/default-rules.json" with { type: "json" };
import defaultSources from "./scenario/default-sources.json" with { type: "json" };
import defaultContent from "./scenario/default-content.json" with { type: "json" };

export function loadScenario(data: unknown): Result<Scenario> {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.map(String).join(".") : "";
    const message = issue ? `${field || "scenario"}: ${issue.message}` : "the scenario is not valid";
    return err("invalid_scenario", message, field);
  }
  const problem = checkCrossReferences(parsed.data);
  if (problem) return { ok: false, error: problem };
  return ok(parsed.data);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Applies a teacher's partial changes (e.g. `{ "rounds": { "default": 10 } }`) over a scenario:
 * objects merge key by key, arrays and plain values replace. The result is validated again.
 */
export function patchScenario(base: Scenario, patch: unknown): Result<Scenario> {
  if (!isPlainObject(patch)) return err("invalid_scenario", "scenario changes must be a JSON object");
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (k === "__proto__" || k === "constructor" || k === "prototype") continue;
      out[k] = merge(a[k], v);
    }
    return out;
  };
  return loadScenario(merge(base, patch));
}

let cachedDefault: Scenario | null = null;

/** The built-in scenario; it is checked by the tests, so a failure here is a programming error. */
export function defaultScenario(): Scenario {
  if (cachedDefault) return cachedDefault;
  const loaded = loadScenario({ ...defaultRules, sources: defaultSources, ...defaultContent });
  if (!loaded.ok) throw new Error(`built-in scenario is invalid: ${loaded.error.message}`);
  cachedDefault = loaded.value;
  return cachedDefault;
}

export type { RuleError };
