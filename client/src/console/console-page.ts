// The teacher's console for a classroom session (`/?console=CODE#key=HOSTKEY`): the join code, link
// and QR code; every table at a glance (week, phase, stage, stability and its trend, who is here);
// commands for one table or all (begin, pause, resume, more time, skip the phase, inject an event,
// announce, roll back a week); the roster (roster-panel.ts); the debrief downloads. `/?host` shows the form that
// creates a session. With `&projector` the overview is shown in large type, without controls.
// The host key stays in the URL's fragment (never sent to the server as part of a URL) and in headers.
import "./console.css";
import { defaultScenario } from "../../../shared/scenario.ts";
import { plural } from "../../../shared/wording.ts";
import type { TableCommand } from "../../../shared/protocol.ts";
import { button, field, fill, h, select } from "../ui/dom.ts";
import { banner, toast } from "../ui/notify.ts";
import { partyBadge, PARTY_TAG } from "../ui/party-style.ts";
import { ApiError, createSession, HostApi, qrUrl, type SessionLinks, type SessionOverview, type TableOverview } from "./classroom-api.ts";
import { lessonClock } from "./lesson-clock.ts";
import { copyLink } from "./copy-link.ts";
import { joinLines, qrImage } from "./session-links.ts";
import { rollbackControl, type RollbackTarget } from "./rollback-control.ts";
import { RosterPanel } from "./roster-panel.ts";

const scenario = defaultScenario();
const STAGE: Record<string, string> = { briefing: "Briefing", negotiation: "Negotiation", decisions: "Decisions", ended: "Ended" };
const OUTCOME: Record<string, string> = { collapse: "Collapse", frozen_line: "Frozen line", managed_ceasefire: "Managed ceasefire", pathway_to_peace: "Pathway to peace" };
const POLL_MS = 1500;

/** A table's stability week by week, as a small line (0–100), with the values in its label. */
function sparkline(values: number[], weeks: number): SVGSVGElement | null {
  if (values.length === 0) return null;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const W = 200, H = 36;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Stability by week: ${values.join(", ")}`);
  const x = (i: number) => 4 + (i * (W - 8)) / Math.max(1, weeks - 1);
  const y = (v: number) => H - 3 - (v / 100) * (H - 6);
  const line = document.createElementNS(ns, "polyline");
  svg.setAttribute("aria-label", `Stability by week: ${values.map((v) => Math.round(v)).join(", ")}`);
  line.setAttribute("points", values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "currentColor");
  line.setAttribute("stroke-width", "2");
  svg.append(line);
  for (const [i, v] of values.entries()) {
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", x(i).toFixed(1));
    dot.setAttribute("cy", y(v).toFixed(1));
    dot.setAttribute("r", "2.5");
    dot.setAttribute("fill", "currentColor");
    svg.append(dot);
  }
  return svg;
}

/** The form that creates a session; on success the page becomes that session's console. */
export function renderCreateSession(root: HTMLElement): void {
  document.body.dataset.screen = "host-create";
  const name = h("input", { type: "text", name: "sessionName", maxlength: 60, value: "Ceasefire Table class", required: true });
  // The defaults are docs/TEACHING.md's 50-minute plan: six weeks of 3 minutes' negotiation and 1 minute's decisions.
  const tables = h("input", { type: "number", name: "tables", min: 1, max: 12, value: 2, required: true });
  const rounds = h("input", { type: "number", name: "rounds", min: 6, max: 12, value: 6 });
  const negotiation = h("input", { type: "number", name: "negotiationMinutes", min: 0.5, max: 60, step: 0.5, value: 3 });
  const decision = h("input", { type: "number", name: "decisionSeconds", min: 10, max: 3600, value: 60 });
  const lesson = h("input", { type: "number", name: "lessonMinutes", min: 10, max: 300, value: 50 });
  const difficulty = select([{ value: "easy", label: "Easy" }, { value: "normal", label: "Normal" }, { value: "hard", label: "Hard" }], "normal", { name: "difficulty" });
  const teamSize = h("input", { type: "number", name: "teamSize", min: 1, max: 12, value: 4 });
  const check = (n: string, label: string, on: boolean) => {
    const input = h("input", { type: "checkbox", name: n, checked: on });
    return { input, el: h("label", { class: "check" }, input, h("span", {}, label)) };
  };
  const timers = check("timers", "Timed stages", true);
  const bots = check("bots", "Bots fill empty seats", true);
  const against = check("against", "Seat students against their stated preference", false);
  const sameSeed = check("sameSeed", "Same event deck at every table (fairer comparison)", true);
  const patch = h("textarea", { name: "scenario", rows: 3, placeholder: '{ "weights": { "aidTarget": 500 } }' });
  const error = h("p", { class: "form-error", role: "alert" });
  const form = h(
    "form",
    { class: "card console-create" },
    h("h1", {}, "New classroom session"),
    field("Session name", name),
    h("div", { class: "grid-3" }, field("Tables (1–12)", tables), field("Weeks (6–12)", rounds), field("People per party team", teamSize)),
    h("div", { class: "grid-3" }, field("Negotiation (minutes)", negotiation), field("Decisions (seconds)", decision), field("Lesson (minutes)", lesson)),
    field("Bots' difficulty", difficulty, "How hard the bots in empty seats bargain."),
    timers.el, bots.el, against.el, sameSeed.el,
    field("Scenario changes (optional, JSON)", patch, "Partial changes to the built-in scenario, checked by the server."),
    error,
    h("button", { type: "submit", class: "btn-primary" }, "Create session"),
    h("p", { class: "small muted" }, "Before class: ", h("a", { href: "?testrun" }, "run a pre-class check"), " (a bot-only table plays a week in seconds) · ",
      h("a", { href: "?roles", target: "_blank" }, "printable role sheets")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    error.textContent = "";
    let scenarioPatch: unknown;
    try {
      scenarioPatch = patch.value.trim() ? JSON.parse(patch.value) : undefined;
    } catch {
      error.textContent = "Scenario changes must be JSON, e.g. { \"weights\": { \"aidTarget\": 500 } }.";
      return;
    }
    const settings: Record<string, unknown> = {
      name: name.value,
      tables: Number(tables.value),
      rounds: Number(rounds.value),
      timers: timers.input.checked,
      negotiationSeconds: Math.round(Number(negotiation.value) * 60),
      decisionSeconds: Number(decision.value),
      teamSize: Number(teamSize.value),
      botsFillEmptySeats: bots.input.checked,
      againstPreference: against.input.checked,
      lessonMinutes: Number(lesson.value),
      difficulty: difficulty.value,
    };
    if (sameSeed.input.checked) settings.seed = Math.floor(Math.random() * 2 ** 31);
    if (scenarioPatch !== undefined) settings.scenario = scenarioPatch;
    createSession(settings).then(
      (created) => {
        // The key is kept on this computer (openConsole), not in the address bar a projector shows.
        history.replaceState(null, "", `?console=${created.code}`);
        void openConsole(root, created.code, created.hostKey, false);
      },
      (err: Error) => (error.textContent = err.message),
    );
  });
  fill(root, h("div", { class: "console" }, form));
}

/** The console (or, with `projector`, the large-type overview) of session `code`. */
export async function openConsole(root: HTMLElement, code: string, fragmentKey: string, projector: boolean): Promise<void> {
  // The key arrives once in the link's fragment (which main.ts then removes from the address bar)
  // and is kept on this computer, so a reload, or the projector page opened from the console, works.
  const stored = `ceasefire.console.${code.toUpperCase()}`;
  if (fragmentKey) localStorage.setItem(stored, fragmentKey);
  const key = fragmentKey || localStorage.getItem(stored) || "";
  const api = new HostApi(code, key);
  document.body.dataset.screen = projector ? "session-projector" : "console";
  document.body.classList.toggle("projector", projector);
  const page = new ConsolePage(root, api, projector);
  await page.refresh();
  setInterval(() => void page.refresh(), POLL_MS);
}

class ConsolePage {
  readonly api: HostApi;
  readonly projector: boolean;
  readonly header = h("header", { class: "console-head" });
  readonly controls = h("section", { class: "card console-controls", "aria-label": "All tables" });
  readonly grid = h("section", { class: "table-grid", "aria-label": "Tables" });
  readonly roster: RosterPanel;
  readonly debrief = h("section", { class: "card console-debrief", "aria-label": "Debrief" });
  readonly eventPick = select(scenario.events.map((e) => ({ value: e.id, label: e.title })), undefined, { name: "event", "aria-label": "Event card" });
  readonly announceText = h("input", { type: "text", name: "announcement", maxlength: 280, placeholder: "Announcement to every table" });
  readonly lesson = h("div", { class: "console-lesson" });
  /** Where a link the browser could not copy is shown for copying by hand. */
  readonly shareBox = h("div", { class: "share-box", hidden: true });
  overview: SessionOverview | null = null;
  links: SessionLinks | null = null;
  /** The server stopped answering: what is shown is from before, and says so. */
  stale = false;
  problem = "";
  #controlsBuilt = false;

  constructor(root: HTMLElement, api: HostApi, projector: boolean) {
    this.api = api;
    this.projector = projector;
    this.roster = new RosterPanel(api, () => this.refresh());
    fill(root, h("div", { class: "console" }, this.header, projector ? null : this.shareBox, projector ? null : this.lesson, projector ? null : this.controls, this.grid, projector ? null : this.roster.el, projector ? null : this.debrief));
  }

  /** Overviews asked for and the newest drawn: an older answer arriving late never replaces a newer one. */
  #asked = 0;
  #drawn = 0;

  async refresh(): Promise<void> {
    const n = ++this.#asked;
    try {
      const overview = await this.api.overview();
      if (n < this.#drawn) return;
      this.#drawn = n;
      this.overview = overview;
      this.stale = false;
    } catch (e) {
      // Refused for want of the key: the API's wording is for programs, a teacher needs the way back in.
      this.problem = e instanceof ApiError && e.code === "not_facilitator"
        ? "This console needs its private console link (the address with “#key=…” at the end). Open the console on the computer that created the session, or use its “Copy private console link” to bring it here."
        : (e as Error).message;
      if (!this.overview) {
        fill(this.header, h("h1", {}, "Session console"), h("p", { class: "form-error", role: "alert" }, this.problem));
        return;
      }
      // Keep the last picture, marked as stale: no running clocks, no green dots for people we cannot see.
      this.stale = true;
    }
    if (!this.links && !this.stale && !this.projector) this.links = await this.api.links().catch(() => null);
    // Said where the teacher sees it however far down the page they are, and cleared when the server is back.
    const wasStale = document.body.classList.contains("console-stale");
    if (this.stale) banner("The server is not answering: the console shows the tables as they were, and retries every few seconds.");
    else if (wasStale) banner("The server is answering again.", "ok");
    document.body.classList.toggle("console-stale", this.stale);
    this.render();
    document.body.dataset.ready = "console";
  }

  async run(label: string, tables: "all" | number[], command: TableCommand): Promise<void> {
    try {
      const results = await this.api.command(tables, command);
      const refused = results.filter((r) => !r.ok);
      if (refused.length === 0) toast(`${label}: done`);
      else toast(`${label}: ${refused.map((r) => `table ${r.table} — ${r.message}`).join("; ")}`, "error", 8000);
    } catch (e) {
      toast((e as Error).message, "error");
    }
    await this.refresh();
  }

  render(): void {
    const o = this.overview!;
    const link = `${location.origin}${location.pathname}?join=${o.code}`;
    const base = this.links?.base ?? location.origin;
    fill(
      this.header,
      h("div", { class: "join-info" },
        h("h1", {}, o.name),
        h("p", { class: "join-code" }, "Join code ", h("strong", { "data-testid": "join-code" }, o.code)),
        joinLines(this.links, link),
        h("p", { class: "muted" }, `${o.students.length} ${plural("student", o.students.length)} · ${o.tables.length} ${plural("table", o.tables.length)} · ${o.status === "ended" ? "session ended" : "open"}`),
        this.stale ? h("p", { class: "form-error", role: "alert", "data-testid": "server-down" }, `The server is not answering (${this.problem}). What you see is from before; retrying every few seconds.`) : null,
        this.projector ? null : h("div", { class: "btn-row" },
          this.links ? h("a", { class: "btn-quiet", href: this.links.projector, target: "_blank", rel: "noopener" }, "Open projector") : null,
          this.links ? button("Copy projector link", () => void copyLink(this.links!.projector, this.shareBox, "Projector link (read-only, for a second computer)", false), "btn-quiet") : null,
          button("Copy private console link", () => void copyLink(`${base}${location.pathname}?console=${o.code}#key=${this.api.key}`, this.shareBox, "Private console link", true), "btn-quiet"),
          h("a", { class: "btn-quiet", href: `?roles=${o.code}`, target: "_blank" }, "Role sheets")),
      ),
      qrImage(this.links, link, qrUrl(o.code)),
    );
    if (!this.projector) fill(this.lesson, lessonClock({
      createdAt: o.createdAt, now: o.now, lessonMinutes: o.settings.lessonMinutes ?? 50,
      negotiationSeconds: o.settings.negotiationSeconds ?? scenario.timers.negotiationSeconds,
      decisionSeconds: o.settings.decisionSeconds ?? scenario.timers.decisionSeconds,
      timers: o.settings.timers ?? true, tables: o.tables,
    }, this.stale));
    if (!this.projector && !this.#controlsBuilt) this.#buildControls();
    fill(this.grid, o.tables.map((t) => this.#tableCard(t)));
    if (!this.projector) {
      this.roster.update(o);
      this.#renderDebrief(o);
    }
  }

  #buildControls(): void {
    this.#controlsBuilt = true;
    const all = (label: string, command: TableCommand) => button(label, () => void this.run(label, "all", command));
    fill(
      this.controls,
      h("h2", {}, "Every table"),
      h("div", { class: "btn-row" },
        all("Begin all", { type: "begin" }), all("Pause all", { type: "pause" }), all("Resume all", { type: "resume" }),
        all("+1 minute", { type: "extend", seconds: 60 }), all("Skip phase", { type: "advance" }),
      ),
      h("div", { class: "btn-row" }, this.eventPick, button("Inject into all", () => void this.run("Inject", "all", { type: "inject", eventId: this.eventPick.value }))),
      h("div", { class: "btn-row" }, this.announceText,
        button("Announce", () => void this.run("Announcement", "all", { type: "announce", text: this.announceText.value })),
        button("Clear", () => void this.run("Announcement cleared", "all", { type: "announce", text: "" }), "btn-quiet")),
      this.overview?.deck ? h("details", { class: "deck" },
        h("summary", {}, "This session's event deck (the same cards at every table)"),
        h("ol", {}, this.overview.deck.map((id) => h("li", {}, id ? scenario.events.find((e) => e.id === id)?.title ?? id : "A quiet week")))) : null,
    );
  }

  #tableCard(t: TableOverview): HTMLElement {
    const change = Math.round(t.trend);
    const stability = Math.round(t.stability);
    const trend = change > 0 ? `▲ +${change}` : change < 0 ? `▼ ${change}` : "◆ 0";
    const mins = Math.floor(t.remainingMs / 60000);
    const secs = Math.floor((t.remainingMs % 60000) / 1000);
    const stale = this.stale;
    const status = t.outcome ? OUTCOME[t.outcome] ?? t.outcome : `${STAGE[t.stage] ?? t.stage}${t.paused ? " · paused" : ""}`;
    const one = (label: string, command: TableCommand) => button(label, () => void this.run(`${label} (table ${t.number})`, [t.number], command), "btn-quiet");
    const card = h(
      "article",
      { class: `table-card${t.paused ? " paused" : ""}`, "data-table": t.number },
      // One name everywhere: students, the projector and the console all say "Table N" (the room code is for support only).
      h("h2", { title: `room ${t.code}` }, `Table ${t.number}`),
      h("p", { class: "table-status" }, h("strong", {}, status), t.round > 0 ? ` · week ${t.round}/${t.rounds} · phase ${t.phase}` : ""),
      h("div", { class: "stability" },
        h("span", {}, "Stability "),
        h("meter", { min: 0, max: 100, low: 30, high: 60, optimum: 100, value: stability, "aria-label": `Stability ${stability} of 100` }),
        h("strong", {}, ` ${stability}`),
        h("span", { class: `trend ${change < 0 ? "down" : change > 0 ? "up" : ""}`, title: "change over the last week" }, ` ${trend}`)),
      sparkline(t.stabilityByWeek, t.rounds),
      stale ? h("p", { class: "timer" }, "Time left unknown (server not answering)")
        : t.remainingMs > 0 ? h("p", { class: "timer" }, `${t.paused ? "Paused at" : "Time left"} ${mins}:${String(secs).padStart(2, "0")}`) : null,
      h("ul", { class: "seat-list" }, t.seats.map((s) =>
        h("li", {},
          partyBadge(s.party, scenario.parties[s.party].colour, 14),
          h("span", { class: "tag" }, PARTY_TAG[s.party]),
          h("span", { class: "names" }, s.names.length ? s.names.join(", ") : s.bot ? "bot" : "empty"),
          stale ? h("span", { class: "dot", title: "unknown: the server is not answering" }, "?")
            : h("span", { class: s.connected > 0 ? "dot on" : "dot", title: `${s.connected} connected` }, s.connected > 0 ? "●" : "○"),
          s.submitted ? h("span", { class: "small muted" }, " ✓") : null))),
      t.announcement ? h("p", { class: "small announcement" }, h("strong", {}, "Announced: "), t.announcement) : null,
    );
    if (this.projector) return card;
    card.append(
      h("div", { class: "btn-row" },
        one("Begin", { type: "begin" }), t.paused ? one("Resume", { type: "resume" }) : one("Pause", { type: "pause" }),
        one("+1 min", { type: "extend", seconds: 60 }), one("Skip phase", { type: "advance" }),
        button("Inject", () => void this.run(`Inject (table ${t.number})`, [t.number], { type: "inject", eventId: this.eventPick.value }), "btn-quiet"),
        rollbackControl(t.number, t.round, (target, label) => void this.#rollback(t.number, target, label)),
      ),
      h("div", { class: "btn-row" },
        t.open ? h("a", { class: "btn-quiet", href: `?coach=${t.code}&n=${t.number}#key=${this.api.key}`, target: "_blank", rel: "noopener" }, "Coach this table") : null,
        // The table's public side in projector type, on the projector's read-only link; beside it the
        // map view, with the host key so that no crowd of spectators can crowd it out.
        this.links ? h("a", { class: "btn-quiet", href: this.links.projector.replace("#", `&t=${t.number}#`), target: "_blank", rel: "noopener" }, "Projector view") : null,
        h("a", { class: "btn-quiet", href: `?watch=${t.code}&n=${t.number}#key=${this.api.key}`, target: "_blank", rel: "noopener" }, "Map view"),
      ),
    );
    return card;
  }

  async #rollback(table: number, target: RollbackTarget, label: string): Promise<void> {
    if (!confirm(`Roll table ${table} back (${label})? Everything done since is undone, and the table's students are told.`)) return;
    try {
      const r = await this.api.rollback(table, target);
      toast(`Table ${table} is back at the start of week ${r.round} (${r.undone} actions undone)`);
    } catch (e) {
      toast((e as Error).message, "error");
    }
    await this.refresh();
  }

  #renderDebrief(o: SessionOverview): void {
    if (this.debrief.childElementCount > 0) return;
    const compare = h("div", { class: "compare" });
    const download = (format: "json" | "csv" | "html" | "participation.csv" | "actions.csv", label: string) => button(label, () => void this.api.download(format).catch((e: Error) => toast(e.message, "error")));
    fill(
      this.debrief,
      h("h2", {}, "Debrief"),
      h("div", { class: "btn-row" },
        button("Compare tables", () => void this.#compare(compare)),
        download("html", "Printable report"), download("csv", "CSV"), download("json", "JSON"),
        download("participation.csv", "Participation (CSV)"), download("actions.csv", "Who did what (CSV)"),
        button("End session", () => {
          if (confirm("End the session? Students can no longer join; the record stays for the debrief.")) void this.api.end().then(() => this.refresh());
        }, "btn-danger")),
      compare,
    );
    void o;
  }

  async #compare(into: HTMLElement): Promise<void> {
    const data = await this.api.exportJson().catch((e: Error) => (toast(e.message, "error"), null));
    if (!data) return;
    fill(into, h("table", { class: "compare-table" },
      h("thead", {}, h("tr", {}, ["Table", "Outcome", "Stability", "Offers made", "Accepted", "Honoured", "Broken", "Main causes"].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, data.tables.map((t) => h("tr", {},
        h("th", { scope: "row" }, `Table ${t.number}`),
        h("td", {}, t.outcome ? OUTCOME[t.outcome] ?? t.outcome : `week ${t.round}/${t.rounds}`),
        h("td", {}, Math.round(t.stability)), h("td", {}, t.offers.made), h("td", {}, t.offers.accepted),
        h("td", {}, t.commitments.honoured), h("td", {}, t.commitments.broken),
        h("td", { class: "small" }, t.causes.slice(0, 3).map((c) => `${c.sign > 0 ? "+" : "−"} ${c.text}`).join(" · "))))),
    ), data.tables.map((t) => h("details", { class: "timeline" },
      h("summary", {}, `Table ${t.number}: timeline (${t.timeline.length} events)`),
      h("ol", {}, t.timeline.map((n) => h("li", {}, h("span", { class: "muted" }, `Week ${n.round} · `), n.text))))));
  }
}
