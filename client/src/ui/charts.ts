// Small SVG line charts of the tracks over the weeks, for the debrief. Each series has a printed
// legend and its own dash pattern and marker, so the lines are told apart without colour.
const NS = "http://www.w3.org/2000/svg";

export interface Series {
  label: string;
  values: number[];
  colour: string;
}

const DASHES = ["", "6 4", "2 3", "10 3 2 3"];
const MARKERS = ["circle", "square", "diamond", "triangle"] as const;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function marker(kind: (typeof MARKERS)[number], x: number, y: number, colour: string): SVGElement {
  const s = 3.6;
  if (kind === "circle") return el("circle", { cx: x, cy: y, r: s, fill: colour, stroke: "#1b2230", "stroke-width": 1 });
  if (kind === "square") return el("rect", { x: x - s, y: y - s, width: 2 * s, height: 2 * s, fill: colour, stroke: "#1b2230", "stroke-width": 1 });
  const pts = kind === "diamond" ? [[x, y - s - 1], [x + s + 1, y], [x, y + s + 1], [x - s - 1, y]] : [[x, y - s - 1], [x + s + 1, y + s], [x - s - 1, y + s]];
  return el("polygon", { points: pts.map((p) => p.join(",")).join(" "), fill: colour, stroke: "#1b2230", "stroke-width": 1 });
}

/** A figure with a caption, the chart, and a text summary for screen readers. */
export function lineChart(title: string, rounds: number[], series: Series[], range: { min: number; max: number; target?: number; targetLabel?: string }): HTMLElement {
  const W = 320;
  const H = 170;
  const pad = { l: 38, r: 10, t: 10, b: 26 };
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title });
  const x = (i: number) => pad.l + (rounds.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (rounds.length - 1));
  const y = (v: number) => pad.t + (1 - (v - range.min) / (range.max - range.min || 1)) * (H - pad.t - pad.b);
  for (let k = 0; k <= 4; k++) {
    const v = range.min + ((range.max - range.min) * k) / 4;
    svg.append(el("line", { x1: pad.l, x2: W - pad.r, y1: y(v), y2: y(v), stroke: "#e2dccf", "stroke-width": 1 }));
    const t = el("text", { x: pad.l - 5, y: y(v) + 4, "text-anchor": "end", "font-size": 10, fill: "#535c6b" });
    t.textContent = Math.round(v).toLocaleString("en-GB");
    svg.append(t);
  }
  rounds.forEach((r, i) => {
    const t = el("text", { x: x(i), y: H - 8, "text-anchor": "middle", "font-size": 10, fill: "#535c6b" });
    t.textContent = `W${r}`;
    svg.append(t);
  });
  if (range.target !== undefined) {
    svg.append(el("line", { x1: pad.l, x2: W - pad.r, y1: y(range.target), y2: y(range.target), stroke: "#1b2230", "stroke-width": 1.5, "stroke-dasharray": "3 3" }));
    const t = el("text", { x: W - pad.r, y: y(range.target) - 4, "text-anchor": "end", "font-size": 10, fill: "#1b2230" });
    t.textContent = range.targetLabel ?? `target ${range.target}`;
    svg.append(t);
  }
  series.forEach((s, si) => {
    const pts = s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
    svg.append(el("polyline", { points: pts, fill: "none", stroke: s.colour, "stroke-width": 2.5, "stroke-dasharray": DASHES[si % DASHES.length]!, "stroke-linejoin": "round" }));
    s.values.forEach((v, i) => svg.append(marker(MARKERS[si % MARKERS.length]!, x(i), y(v), s.colour)));
  });
  const legend = document.createElement("ul");
  legend.className = "roadmap";
  series.forEach((s, si) => {
    const li = document.createElement("li");
    const key = el("svg", { width: 26, height: 10, viewBox: "0 0 26 10", "aria-hidden": "true" });
    key.append(el("line", { x1: 1, x2: 25, y1: 5, y2: 5, stroke: s.colour, "stroke-width": 2.5, "stroke-dasharray": DASHES[si % DASHES.length]! }), marker(MARKERS[si % MARKERS.length]!, 13, 5, s.colour));
    li.append(key, ` ${s.label}: ${s.values.map((v) => Math.round(v)).join(" → ")}`);
    legend.append(li);
  });
  const fig = document.createElement("figure");
  fig.className = "chart card";
  fig.style.margin = "0";
  const cap = document.createElement("figcaption");
  cap.textContent = title;
  fig.append(cap, svg, legend);
  return fig;
}
