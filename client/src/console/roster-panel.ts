// The console's live roster: every student with their table, seat, team, preference, whether they
// are connected and their last action; per student: move, rename, remove and their rejoin code (for
// a student whose device died). Above it: lock or open joining, the team size, and the requests
// waiting for the teacher (late joiners while joining is locked, students back on another device).
// Below it: the teacher's own log ("what I did"). The panel is rebuilt from every overview, except
// while the teacher is typing in it; after any action it is rebuilt at once, so no list goes stale.
import "./roster-panel.css";
import { defaultScenario } from "../../../shared/scenario.ts";
import { plural } from "../../../shared/wording.ts";
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import { button, fill, h, select } from "../ui/dom.ts";
import { toast } from "../ui/notify.ts";
import { partyBadge, PARTY_TAG } from "../ui/party-style.ts";
import type { HostApi, HostEvent, RosterLine, SessionOverview } from "./classroom-api.ts";

const scenario = defaultScenario();
const partyName = (p: PartyId) => scenario.parties[p].shortName;

/** How a student's last action reads in the roster. */
const ACTION_WORDS: Record<string, string> = {
  propose: "made an offer", counter: "countered an offer", accept: "accepted an offer", reject: "rejected an offer", withdraw: "withdrew an offer",
  message: "sent a message", statement: "made a statement", ready: "said ready", draft: "drafted decisions", decide: "submitted decisions",
};

function ago(at: number | null, now: number): string {
  if (at === null) return "";
  const s = Math.max(0, Math.round((now - at) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
}

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export class RosterPanel {
  readonly el = h("section", { class: "card console-roster", "aria-label": "Roster", "data-testid": "roster" });
  readonly #api: HostApi;
  readonly #refresh: () => Promise<void>;
  #last: SessionOverview | null = null;

  constructor(api: HostApi, refresh: () => Promise<void>) {
    this.#api = api;
    this.#refresh = refresh;
  }

  /** Draws the roster from the latest overview (not while the teacher types a name or a number in it). */
  update(o: SessionOverview, force = false): void {
    this.#last = o;
    const typing = document.activeElement instanceof HTMLInputElement && this.el.contains(document.activeElement);
    if (typing && !force) return;
    // Keep what the teacher picked in each row's move drop-downs across the periodic refresh.
    const picked = new Map([...this.el.querySelectorAll("select")].map((el) => [el.name, el.value]));
    fill(this.el, ...this.#render(o));
    for (const el of this.el.querySelectorAll("select")) {
      const was = picked.get(el.name);
      if (was !== undefined && [...el.options].some((x) => x.value === was)) el.value = was;
    }
  }

  /** Runs a host call, says how it went, and redraws from a fresh overview. */
  async #act(work: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await work();
      toast(done);
    } catch (e) {
      toast((e as Error).message, "error", 8000);
    }
    await this.#refresh();
    if (this.#last) this.update(this.#last, true);
  }

  #render(o: SessionOverview): Array<HTMLElement | null> {
    const now = Date.now();
    const active = o.roster.filter((s) => !s.removed);
    const removed = o.roster.filter((s) => s.removed);
    const teamSize = h("input", { type: "number", name: "teamSize", min: 1, max: 12, value: o.settings.teamSize, "aria-label": "People per party team" });
    return [
      h("div", { class: "roster-head" },
        h("h2", {}, `Roster (${active.length} ${plural("student", active.length)})`),
        h("div", { class: "btn-row" },
          h("span", { class: o.locked ? "lock-state locked" : "lock-state", "data-testid": "lock-state" }, o.locked ? "Joining locked: new names wait for you" : "Joining open"),
          button(o.locked ? "Open joining" : "Lock joining", () => void this.#act(() => this.#api.lock(!o.locked), o.locked ? "Joining is open" : "Joining is locked"), "btn-quiet"),
          h("label", { class: "inline" }, "Team size ", teamSize),
          button("Set", () => void this.#act(() => this.#api.teamSize(Number(teamSize.value)), `Teams of up to ${teamSize.value}`), "btn-quiet"))),
      o.pending.length ? this.#pending(o) : null,
      active.length === 0 ? h("p", { class: "muted" }, "Nobody has joined yet. Students open the link or scan the QR code and type their name.") : this.#table(o, active, now),
      removed.length ? h("p", { class: "small muted" }, `Taken off the roster (kept in the record): ${removed.map((s) => s.name).join(", ")}`) : null,
      o.roster.length > 1 ? this.#swap(active) : null,
      this.#log(o.events),
    ];
  }

  #pending(o: SessionOverview): HTMLElement {
    return h("div", { class: "pending", role: "region", "aria-label": "Waiting for you" },
      h("h3", {}, `Waiting for you (${o.pending.length})`),
      h("ul", {}, o.pending.map((r) => h("li", { "data-request": r.name },
        h("strong", {}, r.name), r.kind === "rejoin" ? " asks for their seat back on another device " : " asks to join late ",
        button(r.kind === "rejoin" ? "Let back in" : "Admit", () => void this.#act(() => this.#api.answer(r.id, true), `${r.name} let in`), "btn-primary"),
        button("Refuse", () => void this.#act(() => this.#api.answer(r.id, false), `${r.name} not let in`), "btn-quiet")))),
    );
  }

  #table(o: SessionOverview, students: RosterLine[], now: number): HTMLElement {
    const tables = o.tables.map((t) => ({ value: String(t.number), label: `Table ${t.number}` }));
    const seats = PARTY_IDS.map((p) => ({ value: p, label: partyName(p) }));
    return h("div", { class: "roster-scroll" }, h("table", { class: "roster-table" },
      h("thead", {}, h("tr", {}, ["Name", "Table", "Seat", "Team", "Preference", "Here", "Last action", "Rejoin code", "Move to", ""].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, students.map((s) => {
        const table = select(tables, String(s.table), { name: `table-${s.id}`, "aria-label": `Table for ${s.name}` });
        const seat = select(seats, s.seat, { name: `seat-${s.id}`, "aria-label": `Seat for ${s.name}` });
        return h("tr", { "data-student": s.name },
          h("th", { scope: "row" }, s.name),
          // data-label: on a phone each row is a card, each cell labelled (roster-panel.css).
          h("td", { "data-label": "Table" }, String(s.table)),
          h("td", { class: "seat", "data-label": "Seat" }, partyBadge(s.seat, scenario.parties[s.seat].colour, 14), ` ${PARTY_TAG[s.seat]}`),
          h("td", { title: `${s.team} in this team`, "data-label": "Team" }, String(s.team)),
          h("td", { "data-label": "Preference" }, s.preference ? partyName(s.preference) : "—"),
          h("td", { class: s.connected ? "dot on" : "dot", title: s.connected ? "connected" : "not connected", "data-label": "Here" }, s.connected ? "● yes" : "○ no"),
          h("td", { class: "small", "data-label": "Last action" }, s.lastAction ? `${ACTION_WORDS[s.lastAction.type] ?? s.lastAction.type} · ${ago(s.lastAction.at, now)}` : "—"),
          h("td", { class: "code", "data-label": "Rejoin code" }, s.rejoinCode),
          h("td", { class: "move", "data-label": "Move to" }, table, seat,
            button("Move", () => void this.#act(() => this.#api.move(s.name, Number(table.value), seat.value as PartyId), `${s.name} moved to table ${table.value}, ${partyName(seat.value as PartyId)}`), "btn-quiet")),
          h("td", { class: "row-actions" },
            button("Rename", () => {
              const to = prompt(`New name for ${s.name}`, s.name);
              if (to && to.trim() && to.trim() !== s.name) void this.#act(() => this.#api.rename(s.name, to.trim()), `${s.name} is now ${to.trim()}`);
            }, "btn-quiet"),
            button("Remove", () => {
              if (confirm(`Take ${s.name} off the roster? Their seat goes back to ${s.team > 1 ? "their team" : "a bot"}; what they did stays in the record.`))
                void this.#act(() => this.#api.remove(s.name), `${s.name} taken off the roster`);
            }, "btn-quiet btn-danger")));
      }))));
  }

  #swap(students: RosterLine[]): HTMLElement {
    const names = students.map((s) => ({ value: s.name, label: s.name }));
    const a = select(names, undefined, { name: "swap-a", "aria-label": "Student" });
    const b = select(names, students[1]?.name, { name: "swap-b", "aria-label": "Swap with" });
    return h("div", { class: "btn-row" }, "Swap roles:", a, "⇄", b,
      button("Swap", () => void this.#act(() => this.#api.swap(a.value, b.value), `${a.value} and ${b.value} swapped`), "btn-quiet"));
  }

  #log(events: HostEvent[]): HTMLElement {
    return h("details", { class: "host-log", open: events.length > 0 },
      h("summary", {}, `What I did (${events.length})`),
      events.length === 0 ? h("p", { class: "muted small" }, "Your commands and roster changes appear here.") :
        h("ol", { reversed: true }, [...events].reverse().map((e) => {
          const refused = e.results.filter((r) => !r.ok);
          return h("li", {},
            h("span", { class: "muted" }, `${clock(e.at)} `), h("strong", {}, e.action),
            e.tables.length ? ` · table ${e.tables.join(", ")}` : "",
            e.detail && e.detail.startsWith("{") ? "" : ` · ${e.detail}`,
            refused.length ? h("span", { class: "bad" }, ` · refused at ${refused.map((r) => `table ${r.table}`).join(", ")}`) : null);
        })));
  }
}
