// The seat's own standing at home: its domestic pressure (secret, in its own view only), how it
// moved week by week, and the red lines that would raise it. Pressure counts against the score and
// some objectives depend on it, so a player should see it while choosing, not only at the debrief.
import type { Ctx } from "../app/context.ts";
import { forPeople, signed } from "../../../shared/wording.ts";
import { fill, h } from "./dom.ts";
import { glossTerm } from "./glossary.ts";
import { openSources } from "./sources-dialog.ts";

const SVG = "http://www.w3.org/2000/svg";

/** A small line of the weeks' pressure; the same numbers are printed beside it for everyone. */
function sparkline(values: number[]): SVGSVGElement {
  const w = 120;
  const hgt = 32;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
  svg.setAttribute("width", String(w));
  svg.setAttribute("height", String(hgt));
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("spark");
  const x = (i: number) => (values.length <= 1 ? w / 2 : 4 + (i * (w - 8)) / (values.length - 1));
  const y = (v: number) => hgt - 3 - (Math.max(0, Math.min(100, v)) / 100) * (hgt - 6);
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "currentColor");
  line.setAttribute("stroke-width", "2");
  svg.append(line);
  const last = document.createElementNS(SVG, "circle");
  last.setAttribute("cx", x(values.length - 1).toFixed(1));
  last.setAttribute("cy", y(values[values.length - 1] ?? 0).toFixed(1));
  last.setAttribute("r", "3");
  last.setAttribute("fill", "currentColor");
  svg.append(last);
  return svg;
}

export class HomePanel {
  readonly el = h("section", { class: "card home-panel", "aria-labelledby": "home-title", "data-testid": "home-pressure" });
  private readonly ctx: Ctx;
  private key = "";

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const me = this.ctx.me;
    const mine = me ? this.ctx.snap.view.private[me] : undefined;
    this.el.hidden = !mine;
    if (!me || !mine) return;
    const key = JSON.stringify([mine.pressure, mine.pressureByWeek, this.ctx.snap.view.round]);
    if (key === this.key) return;
    this.key = key;
    const spec = this.ctx.scenario.parties[me];
    // The weeks so far: the start, then each week's close, then (mid-week) where it stands now.
    const weeks = [spec.startPressure, ...(mine.pressureByWeek ?? [])];
    const previous = weeks[weeks.length - 1] ?? spec.startPressure;
    const change = mine.pressure - previous;
    const lastWeek = weeks.length >= 2 ? (weeks[weeks.length - 1] ?? 0) - (weeks[weeks.length - 2] ?? 0) : 0;
    const level = mine.pressure >= 70 ? "high" : mine.pressure >= 45 ? "rising" : "low";
    const sinceClose = Math.round(change) !== 0 ? `${signed(change)} since, from this week's event` : "";
    const trendWords =
      weeks.length < 2
        ? `No week has closed yet${sinceClose ? `; ${signed(change)} since the start, from this week's event` : ""}.`
        : `Last week ${Math.round(lastWeek) === 0 ? "it held steady" : `it went ${lastWeek > 0 ? "up" : "down"} ${forPeople(Math.abs(lastWeek))}`}${sinceClose ? `; ${sinceClose}` : ""}.`;
    fill(
      this.el,
      h("h2", { id: "home-title" }, "Your standing at home"),
      h(
        "div",
        { class: `home-row ${level}` },
        h("div", {}, h("p", { class: "home-label" }, glossTerm(this.ctx.scenario, "domestic_pressure", "Domestic pressure", "home"), ` · ${spec.pressureLabel}`), h("p", { class: "home-value" }, h("strong", {}, forPeople(mine.pressure)), " of 100 ", h("span", { class: "muted small" }, "(higher is worse)"))),
        sparkline([...weeks, mine.pressure]),
      ),
      h("p", { class: "small" }, trendWords),
      h("p", { class: "small muted" }, `By week: ${weeks.map((v, i) => `${i === 0 ? "start" : `W${i}`} ${forPeople(v)}`).join(" · ")}`),
      mine.redLines.length
        ? h(
            "details",
            { class: "home-lines" },
            h("summary", { "data-focus-key": "home-red-lines" }, `Your red lines (${mine.redLines.length})`),
            h("ul", {}, mine.redLines.map((r) => h("li", {}, r.text, " ", h("button", { type: "button", class: "btn-quiet small", "aria-label": `Source for: ${r.text}`, onclick: () => openSources(this.ctx.scenario, r.source) }, "source")))),
            h("p", { class: "small muted" }, `Crossing one raises your pressure by ${forPeople(this.ctx.scenario.weights.redLinePressure)}.`),
          )
        : null,
    );
  }
}
