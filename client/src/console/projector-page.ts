// The session's projector (`/?projector=CODE#view=TOKEN`): every table's public side in type a room
// can read from the back — the week and the stage clock large, stability, this week's event card and
// the latest news — with the join code for latecomers and the teacher's announcement. It opens with
// the session's read-only projector token (never the host key), so it can run on a second computer.
// It polls the server; when the server stops answering it says so, and the clocks stop.
import "./projector.css";
import { fill, h } from "../ui/dom.ts";
import { projectorView, type ProjectorOverview, type ProjectorTable } from "./classroom-api.ts";
import { minutes } from "./lesson-clock.ts";

const POLL_MS = 2000;
const STAGE: Record<string, string> = { briefing: "Briefing", negotiation: "Negotiation", decisions: "Decisions", ended: "Ended" };
const OUTCOME: Record<string, string> = { collapse: "Collapse", frozen_line: "Frozen line", managed_ceasefire: "Managed ceasefire", pathway_to_peace: "Pathway to peace" };
const PHASE: Record<number, string> = { 1: "Phase 1 · exchanges", 2: "Phase 2 · stabilisation", 3: "Phase 3 · governance" };

/** Stability week by week (0–100) as a line across the card, the values in its label; nothing before week 1 ends. */
function stabilityChart(values: number[], weeks: number): SVGSVGElement | null {
  // A line needs two weeks resolved; until then the card shows the number alone.
  if (values.length < 2) return null;
  const ns = "http://www.w3.org/2000/svg";
  const W = 600, H = 90;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("class", "room-chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Stability by week: ${values.map((v) => Math.round(v)).join(", ")}`);
  const x = (i: number) => 8 + (i * (W - 16)) / Math.max(1, weeks - 1);
  const y = (v: number) => H - 6 - (v / 100) * (H - 12);
  const line = document.createElementNS(ns, "polyline");
  line.setAttribute("points", values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "currentColor");
  line.setAttribute("stroke-width", "5");
  line.setAttribute("vector-effect", "non-scaling-stroke");
  svg.append(line);
  return svg;
}

export async function openProjector(root: HTMLElement, rawCode: string, fragmentToken: string): Promise<void> {
  const code = rawCode.trim().toUpperCase();
  // The token arrives once in the fragment (main.ts removes it from the address bar); a reload finds it here.
  const stored = `ceasefire.projector.${code}`;
  if (fragmentToken) localStorage.setItem(stored, fragmentToken);
  const token = fragmentToken || localStorage.getItem(stored) || "";
  document.body.dataset.screen = "session-projector";
  document.body.classList.add("projector", "room-projector");
  // `&t=N`: one table only (the console's "Projector view" of a table).
  const only = Number(new URLSearchParams(location.search).get("t")) || null;
  const page = new ProjectorPage(root, code, token, only);
  await page.refresh();
  setInterval(() => void page.refresh(), POLL_MS);
  // The stage clocks count down between polls.
  setInterval(() => page.tick(), 1000);
}

class ProjectorPage {
  readonly root: HTMLElement;
  readonly code: string;
  readonly token: string;
  data: ProjectorOverview | null = null;
  received = 0;
  stale = false;
  message = "";

  readonly only: number | null;

  constructor(root: HTMLElement, code: string, token: string, only: number | null) {
    this.root = root;
    this.code = code;
    this.token = token;
    this.only = only;
  }

  async refresh(): Promise<void> {
    try {
      this.data = await projectorView(this.code, this.token);
      this.received = performance.now();
      this.stale = false;
      this.message = "";
    } catch (e) {
      this.stale = true;
      this.message = (e as Error).message;
    }
    this.render();
    document.body.dataset.ready = "projector";
  }

  tick(): void {
    if (!this.data || this.stale) return;
    const since = performance.now() - this.received;
    for (const el of this.root.querySelectorAll<HTMLElement>("[data-clock]")) {
      const left = Math.max(0, Number(el.dataset.clock) - since);
      el.textContent = minutes(left);
    }
  }

  render(): void {
    const d = this.data;
    if (!d) {
      fill(this.root, h("main", { class: "room" }, h("h1", {}, "Projector"), h("p", { class: "room-alert", role: "alert" }, this.message || "Loading…")));
      return;
    }
    const tables = this.only === null ? d.tables : d.tables.filter((t) => t.number === this.only);
    const few = tables.length <= 2;
    fill(
      this.root,
      h("main", { class: `room${few ? " few" : tables.length > 4 ? " many" : ""}${tables.length === 1 ? " single" : ""}${this.stale ? " stale" : ""}`, "data-tables": tables.length },
        h("header", { class: "room-head" },
          h("h1", {}, d.name),
          d.status === "open" ? h("p", { class: "room-join" }, "Join code ", h("strong", {}, d.code)) : h("p", { class: "room-join" }, "Session ended")),
        this.stale ? h("p", { class: "room-alert", role: "alert" }, `Waiting for the server… (${this.message}) The figures below are from before it stopped answering.`) : null,
        d.announcement ? h("p", { class: "room-announcement", role: "status" }, d.announcement) : null,
        tables.length ? h("section", { class: "room-tables", "aria-label": "Tables" }, tables.map((t) => this.#table(t))) : h("p", { class: "room-alert", role: "alert" }, `This session has no table ${this.only}.`),
      ),
    );
  }

  #table(t: ProjectorTable): HTMLElement {
    const stability = Math.round(t.stability);
    const change = Math.round(t.trend);
    const status = t.outcome ? OUTCOME[t.outcome] ?? t.outcome : `${STAGE[t.stage] ?? t.stage}${t.paused ? " · paused" : ""}`;
    const running = !t.outcome && t.stage !== "ended" && t.stage !== "briefing";
    return h("article", { class: `room-table${t.paused ? " paused" : ""}`, "data-table": t.number },
      h("div", { class: "room-week" },
        h("h2", {}, `Table ${t.number}`),
        h("p", { class: "week" }, t.round > 0 ? `Week ${t.round} of ${t.rounds}` : "Before week 1"),
        h("p", { class: "stage" }, status),
        running && t.remainingMs > 0 ? h("p", { class: "clock", "data-clock": this.stale || t.paused ? undefined : t.remainingMs, "aria-label": "Time left in this stage" }, minutes(t.remainingMs)) : null),
      h("div", { class: "room-body" },
        h("p", { class: "room-stability" }, "Stability ",
          h("meter", { min: 0, max: 100, low: 30, high: 60, optimum: 100, value: stability, "aria-label": `Stability ${stability} of 100` }),
          h("strong", {}, ` ${stability}`),
          change !== 0 ? h("span", { class: change > 0 ? "up" : "down" }, change > 0 ? ` ▲ +${change}` : ` ▼ ${change}`) : null),
        t.round > 0 ? h("p", { class: "phase" }, PHASE[t.phase] ?? `Phase ${t.phase}`) : h("p", { class: "phase" }, `${t.people} of 6 seats taken by students; bots play the rest.`),
        t.announcement ? h("p", { class: "room-table-note", role: "status" }, t.announcement) : null,
        stabilityChart(t.stabilityByWeek, t.rounds),
        t.events.map((e) => h("p", { class: "room-event" }, h("span", { class: "label" }, "This week: "), h("strong", {}, e.title), e.text ? h("span", { class: "room-event-text" }, ` — ${e.text}`) : null)),
        t.news.length ? h("ul", { class: "room-news" }, t.news.slice(0, this.only === null ? 2 : 3).map((n) => h("li", {}, n))) : null,
      ),
    );
  }
}
