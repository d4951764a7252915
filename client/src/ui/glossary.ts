// Terms explained where they appear: a glossary word in generated text is a small button that
// shows its explanation on hover, tap or Enter (a native popover: Escape and a tap elsewhere close
// it), and screen readers hear the explanation as the button's description. The same entries are
// listed in full beside the sources.
import { defaultGlossary, findTerms, type GlossaryEntry } from "../../../shared/glossary.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import { button, h, nextId } from "./dom.ts";
import { openSources } from "./sources-dialog.ts";

export function glossaryOf(scenario: Scenario): GlossaryEntry[] {
  return defaultGlossary(scenario);
}

/** Places an open popover under (or above) its button, inside the window. */
function place(pop: HTMLElement, anchor: HTMLElement): void {
  const r = anchor.getBoundingClientRect();
  const width = Math.min(320, window.innerWidth - 16);
  pop.style.width = `${width}px`;
  const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
  pop.style.left = `${left}px`;
  const below = r.bottom + 6;
  const height = pop.offsetHeight;
  pop.style.top = `${below + height > window.innerHeight - 8 ? Math.max(8, r.top - height - 6) : below}px`;
}

/** A glossary term as a button with its explanation in a popover. */
/** `scope` names the panel, so focus can find the same term again after the panel redraws. */
export function termButton(scenario: Scenario, entry: GlossaryEntry, label: string = entry.term, scope = ""): DocumentFragment {
  const popId = nextId("gloss");
  const textId = `${popId}-text`;
  const pop = h(
    "div",
    { id: popId, popover: "auto", class: "gloss-pop", role: "note" },
    h("strong", {}, entry.term),
    h("p", { id: textId }, entry.text),
    h(
      "div",
      { class: "btn-row" },
      button("Source", () => {
        pop.hidePopover();
        openSources(scenario, entry.source);
      }, "btn-quiet small", { "aria-label": `Source for ${entry.term}` }),
      button("All terms", () => {
        pop.hidePopover();
        openSources(scenario, undefined, "glossary");
      }, "btn-quiet small"),
    ),
  );
  const b = h("button", { type: "button", class: "gloss", popovertarget: popId, "aria-describedby": textId, "data-gloss": entry.id, "data-focus-key": scope ? `gloss-${scope}-${entry.id}` : undefined }, label);
  pop.addEventListener("toggle", (e) => {
    if ((e as ToggleEvent).newState === "open") place(pop, b);
  });
  // Hover opens it too; leaving both the word and the explanation closes it again.
  let leave: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    clearTimeout(leave);
    if (!pop.matches(":popover-open")) pop.showPopover();
  };
  const hide = () => {
    clearTimeout(leave);
    leave = setTimeout(() => {
      if (pop.matches(":popover-open") && !pop.matches(":hover") && !b.matches(":hover") && !pop.contains(document.activeElement)) pop.hidePopover();
    }, 250);
  };
  b.addEventListener("mouseenter", show);
  b.addEventListener("mouseleave", hide);
  pop.addEventListener("mouseleave", hide);
  const frag = document.createDocumentFragment();
  frag.append(b, pop);
  return frag;
}

/**
 * Text with its glossary terms made explainable. Pass one `seen` set for a whole panel so each
 * term is a button once there, not on every line.
 */
export function glossed(scenario: Scenario, text: string, seen?: Set<string>, scope = ""): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const part of findTerms(glossaryOf(scenario), text, seen)) {
    frag.append(part.entry ? termButton(scenario, part.entry, part.text, scope) : document.createTextNode(part.text));
  }
  return frag;
}

/** A term by its glossary id, for headings and labels ("DDR roadmap", "ISF mandate"). */
export function glossTerm(scenario: Scenario, id: string, label?: string, scope = "tracks"): DocumentFragment | string {
  const entry = glossaryOf(scenario).find((e) => e.id === id);
  return entry ? termButton(scenario, entry, label ?? entry.term, scope) : (label ?? id);
}

/** The glossary as a definition list, for the sources dialog. */
export function glossaryList(scenario: Scenario): HTMLElement {
  return h(
    "dl",
    { class: "glossary" },
    glossaryOf(scenario).map((e) => [
      h("dt", { id: `glossary-${e.id}` }, e.term),
      h("dd", {}, e.text, " ", button("Source", () => document.getElementById(`source-${e.source}`)?.focus(), "btn-quiet small", { "aria-label": `Source for ${e.term}` })),
    ]).flat(),
  );
}
