// The session debrief: every table's outcome, track curves, offers, commitments and causal factors
// side by side, each table's timeline, and the rules' log it all came from — as JSON (everything,
// including each log, so the record can be replayed), CSV (one row per table per week, for a
// spreadsheet) and a printable HTML report. Everything here is derived from the tables' states.
import { PARTY_IDS, TRACK_KEYS, type TrackKey } from "../../shared/ids.ts";
import type { GameLog } from "../../shared/apply.ts";
import type { GameState, RoundRecord } from "../../shared/state.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";
import { explainOutcome } from "../../shared/outcome.ts";
import { forPeople, scoresForPeople } from "../../shared/wording.ts";
import type { ClassSession, HostEvent } from "./class-session.ts";
import type { Credit } from "../action-credits.ts";
import { actionRows, botActions, creditedActions, participation, participationRows, type CreditedAction, type ParticipationRow } from "./participation.ts";

export interface TableExport {
  number: number;
  code: string;
  stage: string;
  round: number;
  rounds: number;
  outcome: string | null;
  headline: string | null;
  stability: number;
  offers: { made: number; accepted: number };
  commitments: { honoured: number; partial: number; broken: number; pending: number };
  /** The causal factors (shared/outcome.ts explainOutcome), most frequent first. */
  causes: Array<{ factor: string; text: string; rounds: number[]; sign: 1 | -1 }>;
  scores: GameState["scores"];
  winners: string[];
  history: RoundRecord[];
  timeline: Array<{ round: number; kind: string; text: string }>;
  students: Array<{ name: string; seat: string }>;
  /** Every student who played at this table (moved away or removed ones too), where and for how many weeks. */
  players: Array<{ student: string; name: string; seat: string; weeks: number[] }>;
  /** Actions bots made in each seat (while no student sat there). */
  botActions: Record<string, number>;
  log: GameLog | null;
  /** Who made each action of `log`, in the same order (server/action-credits.ts). */
  credits: Credit[] | null;
}

export interface SessionExport {
  format: "ceasefire-table-session/1";
  session: { code: string; name: string; createdAt: number; status: string; settings: ClassSession["settings"] };
  exportedAt: number;
  tables: TableExport[];
  hostEvents: HostEvent[];
  /** One line per student: actions, offers, messages, decisions submitted (participation.ts). */
  participation: ParticipationRow[];
  /** Every action of every table with who made it and in which week. */
  actions: CreditedAction[];
}

/** The session's debrief from its tables' records (take a fresh copy first: `await session.snapshot()`). */
export function exportSession(session: ClassSession, now: number): SessionExport {
  const rows = participation([...session.students.values()], session.tables);
  const names = new Map(rows.map((r) => [r.student, r.name]));
  return {
    format: "ceasefire-table-session/1",
    session: { code: session.code, name: session.settings.name, createdAt: session.createdAt, status: session.status, settings: session.settings },
    exportedAt: now,
    tables: session.tables.map((t) => ({
      ...tableExport(session, t.number, t.code, t.state, t.log),
      players: rows.flatMap((r) => r.seats.filter((x) => x.table === t.number).map((x) => ({ student: r.student, name: r.name, seat: x.seat, weeks: x.weeks }))),
      botActions: botActions(t),
      credits: t.credits,
    })),
    hostEvents: session.events,
    participation: rows,
    actions: session.tables.flatMap((t) => creditedActions(session.scenario, t, names)),
  };
}

function tableExport(session: ClassSession, number: number, code: string, state: GameState | null, log: GameLog | null): Omit<TableExport, "players" | "botActions" | "credits"> {
  const students = [...session.students.values()].filter((s) => s.table === number && !s.removed).map((s) => ({ name: s.name, seat: s.seat }));
  if (!state) {
    return {
      number, code, stage: "briefing", round: 0, rounds: 0, outcome: null, headline: null, stability: session.scenario.tracks.stability.start,
      offers: { made: 0, accepted: 0 }, commitments: { honoured: 0, partial: 0, broken: 0, pending: 0 }, causes: [], scores: null, winners: [],
      history: [], timeline: [], students, log,
    };
  }
  const count = (status: string) => state.commitments.filter((c) => c.status === status).length;
  const explanation = state.stage === "ended" ? explainOutcome(session.scenario, state) : null;
  return {
    number,
    code,
    stage: state.stage,
    round: state.round,
    rounds: state.config.rounds,
    outcome: state.outcome,
    headline: explanation?.headline ?? null,
    stability: state.tracks.stability,
    offers: { made: state.offers.length, accepted: state.offers.filter((o) => o.status === "accepted").length },
    commitments: { honoured: count("honoured"), partial: count("partial"), broken: count("broken"), pending: count("pending") },
    causes: explanation ? explanation.causes.map(({ factor, text, rounds, sign }) => ({ factor, text, rounds, sign })) : causesSoFar(state),
    scores: state.scores,
    winners: state.winners,
    history: state.history,
    timeline: state.news.map((n) => ({ round: n.round, kind: n.kind, text: n.text })),
    students,
    log,
  };
}

function causesSoFar(state: GameState): TableExport["causes"] {
  const grouped = new Map<string, TableExport["causes"][number]>();
  for (const c of state.causes) {
    const g = grouped.get(c.factor + c.text);
    if (g) g.rounds.push(c.round);
    else grouped.set(c.factor + c.text, { factor: c.factor, text: c.text, rounds: [c.round], sign: c.sign });
  }
  return [...grouped.values()].sort((a, b) => b.rounds.length - a.rounds.length);
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

/** Columns of the CSV after table and week: every public track, then the week's exchanges. */
export const CSV_TRACKS: readonly TrackKey[] = TRACK_KEYS;
export const CSV_HEADER = [
  "table", "code", "week", ...CSV_TRACKS, "trustIsraelHamas", "offersMade", "offersAccepted", "honoured", "broken", "flareUp", "events", "defaulted", "outcome",
];

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per table per week resolved (RFC 4180: CRLF line ends, quoted cells where needed). */
export function sessionCsv(data: SessionExport): string {
  const rows = [CSV_HEADER];
  for (const t of data.tables)
    for (const r of t.history)
      rows.push([
        String(t.number), t.code, String(r.round), ...CSV_TRACKS.map((k) => String(r.tracks[k])), String(r.trustIsraelHamas),
        String(r.offersMade), String(r.offersAccepted), String(r.honoured), String(r.broken), r.flareUp ? "1" : "0",
        r.eventIds.join(" "), r.defaulted.join(" "), t.outcome ?? "",
      ]);
  return csvText(rows);
}

const csvText = (rows: string[][]): string => rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";

/** One row per student: where they played, for how many weeks, and what they did (participation.ts). */
export const participationCsv = (data: SessionExport): string => csvText(participationRows(data.participation));

/** One row per action of every table: who made it (a student, or a bot in a seat) and in which week. */
export const actionsCsv = (data: SessionExport): string => csvText(actionRows(data.actions));

// ── HTML ─────────────────────────────────────────────────────────────────────────────────────

/** Numbers for people, worded as the game words them ("78.19" → "78"). */
const num = forPeople;
const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const OUTCOME_WORDS: Record<string, string> = {
  collapse: "Collapse",
  frozen_line: "Frozen line",
  managed_ceasefire: "Managed ceasefire",
  pathway_to_peace: "Pathway to peace",
};

/** Stability of every table, week by week, as one SVG line chart (dash patterns tell tables apart, named in the legend). */
function stabilityChart(data: SessionExport, start: number): string {
  const W = 640, H = 220, pad = 32;
  const weeks = Math.max(1, ...data.tables.map((t) => t.rounds || t.history.length));
  const x = (i: number) => pad + (i * (W - 2 * pad)) / weeks;
  const y = (v: number) => H - pad - (v / 100) * (H - 2 * pad);
  const dashes = ["", "6 3", "2 3", "10 4 2 4", "1 5", "12 3"];
  const lines = data.tables.map((t, i) => {
    const points = [[0, start], ...t.history.map((r, j) => [j + 1, r.tracks.stability])].map(([a, b]) => `${x(a!).toFixed(1)},${y(b!).toFixed(1)}`);
    return `<polyline fill="none" stroke="#222" stroke-width="2" stroke-dasharray="${dashes[i % dashes.length]}" points="${points.join(" ")}"><title>Table ${t.number}</title></polyline>`;
  });
  // The legend is HTML under the chart, not SVG text beside it: the page wraps it, so a long
  // series of values is never cut off at the chart's edge.
  const legend = data.tables.map((t, i) => {
    const sample = `<svg width="36" height="10" aria-hidden="true"><line x1="1" y1="5" x2="35" y2="5" stroke="#222" stroke-width="2" stroke-dasharray="${dashes[i % dashes.length]}"/></svg>`;
    return `<li>${sample} <strong>Table ${t.number}</strong>: ${t.history.map((r) => num(r.tracks.stability)).join(", ") || "no week resolved yet"}</li>`;
  });
  const axis = `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#888"/>` +
    `<text x="4" y="${y(100) + 4}" font-size="11">100</text><text x="12" y="${y(0) + 4}" font-size="11">0</text><text x="${W / 2}" y="${H - 6}" font-size="11">week</text>`;
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" style="width:100%;max-width:${W}px;height:auto" role="img" aria-label="Ceasefire stability by week, one line per table">${axis}${lines.join("")}</svg>` +
    `<figcaption><ul class="legend">${legend.join("")}</ul></figcaption></figure>`;
}

/** The participation summary as an HTML table: one row per student. */
function participationTable(data: SessionExport, party: (p: string) => string): string {
  if (data.participation.length === 0) return "<p>No student joined this session.</p>";
  const rows = data.participation
    .map((r) => `<tr><th scope="row">${esc(r.name)}${r.removed ? " <small>(taken off the roster)</small>" : ""}</th>` +
      // party() is escaped already.
      `<td>${r.seats.map((x) => `Table ${x.table}, ${party(x.seat)} (${x.weeks.length} ${x.weeks.length === 1 ? "week" : "weeks"})`).join("<br>") || "—"}</td>` +
      `<td>${r.actions}</td><td>${r.offers}</td><td>${r.messages}</td><td>${r.decisions}</td><td>${r.missedDecisions}</td></tr>`)
    .join("");
  return `<table class="participation"><thead><tr><th>Student</th><th>Played</th><th>Actions</th><th>Offers</th><th>Messages</th><th>Decisions submitted</th><th>Weeks decided by default</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function sessionHtml(data: SessionExport, scenario: Scenario): string {
  const party = (p: string) => esc(scenario.parties[p as (typeof PARTY_IDS)[number]]?.name ?? p);
  const comparison = data.tables
    .map((t) => `<tr><th scope="row">Table ${t.number}</th><td>${esc(t.outcome ? OUTCOME_WORDS[t.outcome] ?? t.outcome : `in play (week ${t.round} of ${t.rounds})`)}</td><td>${num(t.stability)}</td>` +
      `<td>${t.offers.made}</td><td>${t.offers.accepted}</td><td>${t.commitments.honoured}</td><td>${t.commitments.broken}</td>` +
      `<td>${esc(t.causes.slice(0, 3).map((c) => `${c.sign > 0 ? "+" : "−"} ${c.text}`).join(" · "))}</td></tr>`)
    .join("");
  const tables = data.tables
    .map((t) => {
      // As the debrief shows them: the top score marked, and totals that round alike but differ with their decimal.
      const totals = t.scores ? scoresForPeople(Object.fromEntries(PARTY_IDS.map((p) => [p, t.scores![p].total])) as Record<(typeof PARTY_IDS)[number], number>) : null;
      const scores = totals ? `<p><strong>Scores:</strong> ${PARTY_IDS.map((p) => `${party(p)} ${totals[p]}${t.winners.includes(p) ? " ★ top score" : ""}`).join(", ")}</p>` : "";
      const people = t.players.length
        ? `<p><strong>Played here:</strong> ${t.players.map((s) => `${esc(s.name)} (${party(s.seat)}, ${s.weeks.length} ${s.weeks.length === 1 ? "week" : "weeks"})`).join(", ")}</p>`
        : "";
      const bots = PARTY_IDS.filter((p) => (t.botActions[p] ?? 0) > 0);
      const botLine = bots.length ? `<p class="small"><strong>Played by a bot when no student sat there:</strong> ${bots.map((p) => `${party(p)} (${t.botActions[p]} actions)`).join(", ")}</p>` : "";
      const weeks = t.history.map((r) => `<tr><td>${r.round}</td><td>${num(r.tracks.stability)}</td><td>${num(r.tracks.hostagesReleased)}</td><td>${num(r.tracks.aidTrucks)}</td><td>${num(r.tracks.israeliControl)}</td><td>${num(r.tracks.multilateralBacking)}</td><td>${num(r.tracks.institutionalGrounding)}</td><td>${r.offersMade}/${r.offersAccepted}</td><td>${r.honoured}/${r.broken}</td><td>${r.flareUp ? "yes" : ""}</td></tr>`).join("");
      const timeline = t.timeline.map((n) => `<li><span class="wk">Week ${n.round}</span> ${esc(n.text)}</li>`).join("");
      const causes = t.causes.map((c) => `<li>${c.sign > 0 ? "Helped" : "Hurt"}: ${esc(c.text)} (weeks ${c.rounds.join(", ")})</li>`).join("");
      return `<section class="table"><h2>Table ${t.number} <small>${esc(t.code)}</small></h2>${t.headline ? `<p class="headline">${esc(t.headline)}</p>` : ""}${people}${botLine}${scores}
<table><thead><tr><th>Week</th><th>Stability</th><th>Hostages</th><th>Aid trucks</th><th>Israeli control %</th><th>Multilateral backing</th><th>Institutional grounding</th><th>Offers made/accepted</th><th>Commitments honoured/broken</th><th>Flare-up</th></tr></thead><tbody>${weeks}</tbody></table>
${causes ? `<h3>Causal factors</h3><ul>${causes}</ul>` : ""}${timeline ? `<h3>Timeline</h3><ol class="timeline">${timeline}</ol>` : ""}</section>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(data.session.name)} — session report</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}
.headline{font-weight:600}.wk{display:inline-block;min-width:4.5rem;color:#555}.timeline{list-style:none;padding:0}small{color:#555;font-weight:normal}section.table{break-before:page}.chart{margin:0}.legend{list-style:none;padding:0;margin:.3rem 0;display:grid;gap:.15rem}.legend svg{vertical-align:middle}.small{font-size:.9em}table.participation td,table.participation th{font-size:.95em}@media print{body{margin:0}}</style></head>
<body><h1>${esc(data.session.name)}</h1><p>Session ${esc(data.session.code)} · ${data.tables.length} tables · report made ${esc(new Date(data.exportedAt).toISOString().slice(0, 16).replace("T", " "))} UTC</p>
<h2>Tables compared</h2><table><thead><tr><th>Table</th><th>Outcome</th><th>Stability</th><th>Offers made</th><th>Offers accepted</th><th>Commitments honoured</th><th>Commitments broken</th><th>Main causes</th></tr></thead><tbody>${comparison}</tbody></table>
<h3>Ceasefire stability, week by week</h3>${stabilityChart(data, scenario.tracks.stability.start)}
<h2>Participation</h2><p class="small">Every action is credited to the student who made it; a decision counts for the student whose submission the team's week used. Bots' actions are not counted for anyone.</p>${participationTable(data, party)}
${tables}</body></html>`;
}
