// Printable role sheets (`/?roles`): each party's briefing on one page — who you are, your situation,
// what you want, your leverage, your red lines and what your domestic pressure measures — written from
// the party's own point of view, as the game gives it. A teacher prints them (or saves a PDF) to hand
// out while students join. The secret objectives are not on paper: each student's screen deals them.
import "./role-sheets.css";
import { PARTY_IDS } from "../../../shared/ids.ts";
import { defaultScenario, patchScenario } from "../../../shared/scenario.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import { HostApi } from "./classroom-api.ts";
import { button, fill, h } from "../ui/dom.ts";
import { partyBadge, PARTY_TAG } from "../ui/party-style.ts";
import { briefingSections } from "../ui/briefing-screen.ts";

/**
 * The scenario the sheets describe: the built-in one, or — opened from a session's console on the
 * teacher's computer (`?roles=CODE`) — the session's, with the teacher's changes applied.
 */
async function sessionScenario(code: string): Promise<{ scenario: Scenario; note: string }> {
  const key = localStorage.getItem(`ceasefire.console.${code.toUpperCase()}`) ?? "";
  if (!code || !key) return { scenario: defaultScenario(), note: "" };
  try {
    const overview = await new HostApi(code, key).overview();
    const patch = (overview.settings as { scenario?: unknown }).scenario;
    if (!patch) return { scenario: defaultScenario(), note: `For session ${overview.code}.` };
    const patched = patchScenario(defaultScenario(), patch);
    return patched.ok ? { scenario: patched.value, note: `For session ${overview.code}, with its scenario changes.` } : { scenario: defaultScenario(), note: "" };
  } catch {
    return { scenario: defaultScenario(), note: "" };
  }
}

export async function renderRoleSheets(root: HTMLElement, code = ""): Promise<void> {
  const { scenario, note } = await sessionScenario(code);
  document.body.dataset.screen = "role-sheets";
  document.body.classList.add("role-sheets-page");
  document.title = "Ceasefire Table — role sheets";
  fill(
    root,
    h("div", { class: "role-sheets" },
      h("div", { class: "role-sheets-intro no-print" },
        h("h1", {}, "Role sheets"),
        h("p", {}, "One page per party. Print them (or save as PDF) and hand each team its own sheet. Secret objectives are not printed: each student's screen shows their own.", note ? ` ${note}` : ""),
        button("Print", () => window.print(), "btn-primary")),
      PARTY_IDS.map((party) => {
        const spec = scenario.parties[party];
        return h("article", { class: "role-sheet", "data-party": party },
          h("header", { class: "role-head", style: `--pc:${spec.colour}` },
            partyBadge(party, spec.colour, 40),
            h("div", {}, h("h2", {}, spec.name), h("p", { class: "role-tag" }, `Seat ${PARTY_TAG[party]} · Ceasefire Table`))),
          ...briefingSections(spec),
          h("h3", {}, "Your red lines"),
          spec.redLines.length ? h("ul", {}, spec.redLines.map((r) => h("li", {}, r.text))) : h("p", {}, "None."),
          h("p", { class: "role-note" }, `Your domestic pressure: ${spec.pressureLabel.toLowerCase()}. Honouring a commitment that crosses a red line is allowed, but it costs you at home.`),
          h("h3", {}, "Your secret objectives"),
          h("p", { class: "role-note" }, "They appear on your screen when you sit down. Your score is your objectives met, plus your standing (at home, less what any broken promise costs you in trust), plus a share of how the table ends."),
          h("footer", { class: "role-foot" }, "Playing a party is not endorsing it: the briefing sets out its view so that you can understand it. Sources: the Sources button in the game."),
        );
      }),
    ),
  );
  document.body.dataset.ready = "role-sheets";
}
