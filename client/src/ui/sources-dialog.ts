// The sources panel: the glossary of the game's words, then every fact the game uses, with its
// citation, and which terms, moves, events and tracks cite it. Reachable from the title, the briefing and the table at any time.
import type { Scenario } from "../../../shared/scenario-schema.ts";
import { button, h } from "./dom.ts";
import { glossaryList } from "./glossary.ts";

function usesOf(scenario: Scenario, id: string): string[] {
  const uses: string[] = [];
  for (const t of Object.values(scenario.terms)) if (t.source === id) uses.push(`term: ${t.label}`);
  for (const m of Object.values(scenario.moves)) if (m.source === id) uses.push(`move: ${m.label}`);
  for (const e of scenario.events) if (e.source === id) uses.push(`event: ${e.title}`);
  for (const k of Object.values(scenario.tracks)) if (k.source === id) uses.push(`track: ${k.label.replace(/\s*\(.*\)$/, "")}`);
  for (const p of Object.values(scenario.parties)) for (const r of p.redLines) if (r.source === id) uses.push(`red line of ${p.shortName}`);
  return uses;
}

let dialog: HTMLDialogElement | null = null;

/** Moves the reader (and focus) to a heading of the open dialog. */
function jump(id: string): void {
  const target = dialog?.querySelector<HTMLElement>(`#${id}`);
  target?.scrollIntoView({ block: "start" });
  target?.focus();
}

export function openSources(scenario: Scenario, focusId?: string, section?: "glossary"): void {
  dialog?.remove();
  const close = () => {
    dialog?.close();
    dialog?.remove();
    dialog = null;
  };
  const list = h("div", {});
  for (const s of scenario.sources) {
    const uses = usesOf(scenario, s.id);
    list.append(
      h(
        "article",
        { class: "source", id: `source-${s.id}`, tabindex: -1 },
        h("p", {}, s.fact),
        h("p", { class: "cite" }, `Source: ${s.citation}`),
        uses.length ? h("p", { class: "used" }, `Used by ${uses.length}: ${uses.slice(0, 8).join("; ")}${uses.length > 8 ? "; …" : ""}`) : null,
      ),
    );
  }
  dialog = h(
    "dialog",
    { "aria-labelledby": "sources-title", class: "sources-dialog" },
    h("div", { class: "dialog-head" }, h("h2", { id: "sources-title" }, "Where the facts come from"), button("Close", close, "btn")),
    h(
      "div",
      { class: "dialog-body" },
      h("p", { class: "muted" }, "The game simplifies a real situation. Each fact below is drawn from an analysis of the ceasefire and the twenty-point plan; the game's terms, moves and events cite them."),
      h("p", { class: "btn-row" }, button("Words used in the game", () => jump("glossary-title"), "btn-quiet small"), button("The facts and their sources", () => jump("facts-title"), "btn-quiet small")),
      h("section", { "aria-labelledby": "glossary-title" }, h("h3", { id: "glossary-title", tabindex: -1 }, "Words used in the game"), glossaryList(scenario)),
      h("section", { "aria-labelledby": "facts-title" }, h("h3", { id: "facts-title", tabindex: -1 }, "The facts and their sources"), list),
    ),
  );
  dialog.addEventListener("close", () => {
    dialog?.remove();
    dialog = null;
  });
  document.body.append(dialog);
  dialog.showModal();
  if (section === "glossary") dialog.querySelector<HTMLElement>("#glossary-title")?.focus();
  if (focusId) {
    const target = dialog.querySelector<HTMLElement>(`#source-${CSS.escape(focusId)}`);
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.style.background = "#fff1c9";
      target.focus();
    }
  }
}

/** A generic modal with a title and body, closed by its button or Escape. */
export function openDialog(title: string, body: Node): HTMLDialogElement {
  const d = h("dialog", { "aria-label": title });
  const close = () => {
    d.close();
    d.remove();
  };
  d.append(h("div", { class: "dialog-head" }, h("h2", {}, title), button("Close", close, "btn")), h("div", { class: "dialog-body" }, body));
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  d.showModal();
  return d;
}
