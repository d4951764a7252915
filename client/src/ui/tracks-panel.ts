// The public tracks as labelled meters (value in words and numbers, change since last week), the
// roadmap as a checklist and trust as a table: readable without colour and by screen readers.
import { glossTerm } from "./glossary.ts";
import { DDR_ELEMENTS, DDR_TRACK, PARTY_IDS, type TrackKey } from "../../../shared/ids.ts";
import { metric } from "../../../shared/metrics.ts";
import type { Ctx } from "../app/context.ts";
import { fill, h } from "./dom.ts";
import { formatNumber } from "./format.ts";
import { PARTY_TAG } from "./party-style.ts";

const AID_SYSTEM = ["ad hoc sites", "aid hubs", "systematised"];
const MANDATE = ["none", "monitor", "stabilise", "enforce"];

export class TracksPanel {
  readonly el = h("section", { class: "card tracks", "aria-labelledby": "tracks-title" });
  private readonly ctx: Ctx;
  private key = "";

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const v = this.ctx.snap.view;
    const key = JSON.stringify([v.tracks, v.trust, v.round, v.isfZones]);
    if (key === this.key) return;
    this.key = key;
    const ctx = this.ctx;
    const t = v.tracks;
    const prev = v.history.length >= 2 ? v.history[v.history.length - 2]!.tracks : null;
    const s = ctx.state;
    const sc = ctx.scenario;
    const meter = (k: TrackKey, opts: { max?: number; target?: number; lowBelow?: number; suffix?: string; label?: string | Node; value?: number } = {}) => {
      const spec = ctx.scenario.tracks[k];
      const max = opts.max ?? spec.max;
      const value = opts.value ?? t[k];
      const pct = Math.max(0, Math.min(100, ((value - spec.min) / (max - spec.min)) * 100));
      // Changes are shown as people count them: whole steps, and none when under half a point.
      const delta = prev && opts.value === undefined ? Math.round(value - prev[k]) : 0;
      const label = opts.label ?? ctx.words.trackLabel(k);
      const unit = opts.suffix ?? (spec.unit === "%" ? "%" : ` of ${formatNumber(max)}`);
      const low = opts.lowBelow !== undefined && value < opts.lowBelow;
      return h(
        "div",
        { class: "meter", "data-track": k },
        h(
          "div",
          { class: "meter-head" },
          h("span", { class: "label", id: `m-${k}` }, label),
          h(
            "span",
            { class: "value" },
            `${formatNumber(value)}${unit}`,
            delta !== 0 ? h("span", { class: `delta ${delta > 0 ? "up" : "down"}`, "aria-label": `${delta > 0 ? "up" : "down"} ${Math.abs(delta)} since last week` }, `${delta > 0 ? "▲" : "▼"}${formatNumber(Math.abs(delta))}`) : null,
          ),
        ),
        h(
          "div",
          { class: `bar${low ? " low" : ""}`, role: "meter", "aria-labelledby": `m-${k}`, "aria-valuemin": spec.min, "aria-valuemax": max, "aria-valuenow": value },
          h("span", { style: `width:${pct}%` }),
          opts.target !== undefined ? h("i", { class: "target", style: `left:${(opts.target / max) * 100}%`, title: `target ${opts.target}` }) : null,
        ),
      );
    };
    const fact = (label: string | Node, value: string) => h("div", { class: "meter-head" }, h("span", { class: "label" }, label), h("span", { class: value.length > 16 ? "value long" : "value" }, value));
    const troops = metric(ctx.scenario, s, "isfTroops");
    const sites = metric(ctx.scenario, s, "aidSites");
    fill(
      this.el,
      h("h2", { id: "tracks-title" }, "The table's tracks"),
      meter("stability", { lowBelow: 30, suffix: " of 100" }),
      fact("Flare-ups at the line", formatNumber(t.flareUps)),
      h(
        "div",
        { class: "track-group" },
        h("h3", {}, "Exchanges"),
        meter("hostagesReleased"),
        meter("remainsReturned", { label: `Hostage remains returned (${formatNumber(t.remainsLocated)} located)` }),
        meter("detaineesReleased"),
        meter("palestinianRemainsReturned"),
      ),
      h(
        "div",
        { class: "track-group" },
        h("h3", {}, "Aid"),
        meter("aidTrucks", { target: ctx.scenario.weights.aidTarget, suffix: ` a day (target ${formatNumber(ctx.scenario.weights.aidTarget)})`, max: 800, lowBelow: ctx.scenario.weights.aidTarget / 2 }),
        fact("Crossing limit", `${formatNumber(t.aidCrossingLimit)} trucks a day`),
        fact("Distribution", `${AID_SYSTEM[t.aidSystem] ?? "?"} (${formatNumber(sites)} sites)`),
      ),
      h("div", { class: "track-group" }, h("h3", {}, "Territory"), meter("israeliControl", { label: "Strip under Israeli control" })),
      h(
        "div",
        { class: "track-group" },
        h("h3", {}, "Stabilisation force (", glossTerm(sc, "isf", "ISF"), ")"),
        meter("isfRegional", { label: "ISF troops pledged (all contributors)", max: 12000, suffix: " troops", value: troops }),
        fact(h("span", {}, glossTerm(sc, "mandate", "Mandate")), MANDATE[t.isfMandate] ?? "none"),
        fact("Zones deployed", v.isfZones.length ? v.isfZones.map((z) => ctx.words.option(z)).join(", ") : "none"),
      ),
      h(
        "div",
        { class: "track-group" },
        h("h3", {}, "Disarmament"),
        meter("disarmHeavy"),
        meter("disarmTunnels"),
        meter("disarmSmallArms"),
        h("p", { class: "small", id: "roadmap-label" }, h("strong", {}, glossTerm(sc, "ddr", "DDR roadmap")), ` (${metric(ctx.scenario, s, "roadmapCount")} of 6)`),
        h(
          "ul",
          { class: "roadmap", "aria-labelledby": "roadmap-label" },
          DDR_ELEMENTS.map((e) => {
            const on = t[DDR_TRACK[e]] >= 1;
            return h("li", { class: on ? "on" : "" }, `${on ? "✓" : "○"} ${ctx.words.option(e)}`, h("span", { class: "visually-hidden" }, on ? " in place" : " not yet"));
          }),
        ),
      ),
      h(
        "div",
        { class: "track-group" },
        h("h3", {}, "Governance"),
        fact(h("span", {}, glossTerm(sc, "technocratic_committee", "Technocratic committee")), t.committeeFormed >= 1 ? "✓ formed" : "not formed"),
        meter("paReform", { label: "Palestinian Authority reform" }),
        meter("boardMembers", { label: "Board of Peace seats filled" }),
      ),
      h("div", { class: "track-group" }, h("h3", {}, "What decides the later phases"), meter("multilateralBacking", { suffix: " of 100", label: h("span", {}, glossTerm(sc, "multilateral_backing")) }), meter("institutionalGrounding", { suffix: " of 100", label: h("span", {}, glossTerm(sc, "institutional_grounding")) })),
      h(
        "div",
        { class: "track-group" },
        h("h3", { id: "trust-title" }, "Trust (row trusts column)"),
        h(
          "table",
          { class: "trust-table", "aria-labelledby": "trust-title" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "from")), PARTY_IDS.map((p) => h("th", { scope: "col", title: ctx.words.party(p) }, PARTY_TAG[p])))),
          h(
            "tbody",
            {},
            PARTY_IDS.map((a) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, PARTY_TAG[a]),
                PARTY_IDS.map((b) => {
                  if (a === b) return h("td", { "aria-label": "self" }, "—");
                  const val = Math.round(v.trust[a][b]);
                  return h("td", { class: val < 30 ? "lo" : val >= 65 ? "hi" : "" }, String(val));
                }),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
