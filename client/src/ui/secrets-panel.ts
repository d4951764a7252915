// The teacher's view of a table (the facilitator seat, opened from the console's "Coach this
// table"): every party's secrets, live — its secret objectives and whether each holds now, its
// domestic pressure, its red lines — so a teacher can coach a team knowing what it is playing for.
// Only the facilitator's view carries these (shared/views.ts); a party's page never does.
import { PARTY_IDS } from "../../../shared/ids.ts";
import type { Ctx } from "../app/context.ts";
import { fill, h } from "./dom.ts";
import { partyBadge, PARTY_TAG } from "./party-style.ts";
import "./secrets-panel.css";

export class SecretsPanel {
  readonly el = h("section", { class: "card secrets-panel", "aria-labelledby": "secrets-title", "data-testid": "secrets-panel" });
  private readonly ctx: Ctx;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const view = this.ctx.snap.view;
    const scenario = this.ctx.scenario;
    fill(
      this.el,
      h("h2", { id: "secrets-title" }, "Every party's secrets ", h("span", { class: "secret" }, "Teacher only")),
      h("div", { class: "secrets-grid" },
        PARTY_IDS.map((party) => {
          const spec = scenario.parties[party];
          const secret = view.private[party];
          const pressure = Math.round(secret?.pressure ?? spec.startPressure);
          const objectives = secret?.objectives ?? [];
          const met = objectives.filter((o) => o.met).length;
          return h("article", { class: "secret-party", "data-party": party, style: `--pc:${spec.colour}` },
            h("h3", {}, partyBadge(party, spec.colour, 16), ` ${spec.shortName} `, h("span", { class: "muted small" }, PARTY_TAG[party])),
            h("p", { class: "small" }, `${spec.pressureLabel}: `,
              h("meter", { min: 0, max: 100, low: 40, high: 70, optimum: 0, value: pressure, "aria-label": `${spec.pressureLabel} pressure ${pressure} of 100` }),
              h("strong", {}, ` ${pressure}`), h("span", { class: "muted" }, " pressure")),
            h("p", { class: "small" }, h("strong", {}, `Objectives ${met}/${objectives.length} met now`)),
            h("ul", { class: "secret-objectives" }, objectives.map((o) =>
              h("li", { class: o.met ? "met" : "" }, h("span", { "aria-hidden": "true" }, o.met ? "✓ " : "○ "), o.text, h("span", { class: "muted" }, ` (${o.points} pts)`)))),
            h("details", {}, h("summary", { class: "small" }, `Red lines (${spec.redLines.length})`),
              h("ul", { class: "small" }, spec.redLines.map((r) => h("li", {}, r.text)))),
          );
        })),
    );
  }
}
