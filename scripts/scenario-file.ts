// Loads the scenario named on a command line: the built-in one, patched by a teacher's JSON file
// when given (a full scenario or just the changed parameters).
import { readFileSync } from "node:fs";
import { defaultScenario, patchScenario, type Scenario } from "../shared/index.ts";
import { fail } from "./cli-args.ts";

export function scenarioFromFile(path: string | undefined): Scenario {
  if (!path) return defaultScenario();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    fail(`cannot read scenario file ${path}: ${(e as Error).message}`);
  }
  const patched = patchScenario(defaultScenario(), data);
  if (!patched.ok) fail(`scenario file ${path}: ${patched.error.message}`);
  return patched.value;
}
