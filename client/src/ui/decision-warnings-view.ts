// The review's warnings, drawn: red lines and costs at home first, each with what it means.
import type { DecisionWarning, WarningKind } from "../../../shared/decision-warnings.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import { h, nextId } from "./dom.ts";
import { glossed } from "./glossary.ts";

const HEADINGS: Record<WarningKind, string> = {
  red_line: "Red line",
  domestic_cost: "Cost at home",
  shortfall: "Falls short",
  broken_promise: "Promise broken",
};

const ORDER: WarningKind[] = ["red_line", "domestic_cost", "shortfall", "broken_promise"];

/** The warnings as a list, or null when there are none. */
export function warningsBlock(scenario: Scenario, warnings: DecisionWarning[]): HTMLElement | null {
  if (warnings.length === 0) return null;
  const sorted = [...warnings].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const seen = new Set<string>();
  return h(
    "div",
    { class: "review-warnings", id: nextId("warnings"), "data-testid": "decision-warnings" },
    h("p", {}, h("strong", {}, `Before you confirm (${warnings.length}):`)),
    h("ul", {}, sorted.map((w) => h("li", { class: `warn-${w.kind}`, "data-kind": w.kind }, h("strong", {}, `${HEADINGS[w.kind]}: `), glossed(scenario, w.text, seen, "warnings")))),
  );
}
