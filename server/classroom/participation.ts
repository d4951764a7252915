// A record a teacher can grade from: every action of every table credited to the student who made it
// (the tables' credits, server/action-credits.ts), who played at each table and for how many weeks
// (the students' stints, roster.ts), and one participation line per student — actions, offers,
// messages and decisions submitted — with what bots did in each seat counted apart.
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import type { Action } from "../../shared/actions.ts";
import { apply, type GameLog } from "../../shared/apply.ts";
import { createGame } from "../../shared/setup.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";
import type { GameState } from "../../shared/state.ts";
import { MESSAGE_TYPES, OFFER_TYPES, type Credit } from "../action-credits.ts";
import type { Stint } from "./roster.ts";

export interface RosterStudent {
  id: string;
  name: string;
  table: number;
  seat: PartyId;
  removed?: boolean;
  stints?: Stint[];
}

export interface TableLogRecord {
  number: number;
  log: GameLog | null;
  state: GameState | null;
  credits: Credit[] | null;
}

/** One student's part in the session. */
export interface ParticipationRow {
  student: string;
  name: string;
  removed: boolean;
  /** Where they played: table, seat and the weeks they sat there. */
  seats: Array<{ table: number; seat: PartyId; weeks: number[] }>;
  weeks: number;
  /** Every action credited to them (offers, answers, messages, statements, drafts, decisions). */
  actions: number;
  /** Offers and counter-offers they made. */
  offers: number;
  /** Private messages and public statements. */
  messages: number;
  /** Weeks whose decision for their team was the one they submitted (before the deadline). */
  decisions: number;
  /** Weeks they sat in a seat whose team did not submit before the deadline (the default applied). */
  missedDecisions: number;
}

/** The weeks (1…) a student sat at each table and seat: a stint runs until the next one starts. */
export function weeksBySeat(stints: Stint[], roundOf: (table: number) => number): Array<{ table: number; seat: PartyId; weeks: number[] }> {
  const out: Array<{ table: number; seat: PartyId; weeks: number[] }> = [];
  stints.forEach((stint, i) => {
    const next = stints[i + 1];
    const last = next ? next.fromRound - 1 : roundOf(stint.table);
    const weeks: number[] = [];
    // A move during a week counts that week at the new seat.
    for (let w = Math.max(1, stint.fromRound); w <= last; w++) weeks.push(w);
    const same = out.find((o) => o.table === stint.table && o.seat === stint.seat);
    if (same) same.weeks.push(...weeks.filter((w) => !same.weeks.includes(w)));
    else out.push({ table: stint.table, seat: stint.seat, weeks });
  });
  return out;
}

/** Participation of every student on the roster, from the tables' logs and credits. */
export function participation(students: RosterStudent[], tables: TableLogRecord[]): ParticipationRow[] {
  const roundOf = (n: number) => tables[n - 1]?.state?.round ?? 0;
  const rows = new Map<string, ParticipationRow>();
  for (const s of students) {
    const stints = s.stints && s.stints.length ? s.stints : [{ table: s.table, seat: s.seat, fromRound: 0 }];
    const seats = weeksBySeat(stints, roundOf);
    rows.set(s.id, {
      student: s.id, name: s.name, removed: s.removed ?? false, seats,
      weeks: seats.reduce((n, x) => n + x.weeks.length, 0),
      actions: 0, offers: 0, messages: 0, decisions: 0, missedDecisions: 0,
    });
  }
  for (const t of tables) {
    const actions = t.log?.actions ?? [];
    const credits = t.credits ?? [];
    actions.forEach((a: Action, i) => {
      const c = credits[i];
      if (!c || c.by !== "person" || !c.student) return;
      const row = rows.get(c.student);
      if (!row) return;
      row.actions++;
      if (OFFER_TYPES.has(a.type)) row.offers++;
      if (MESSAGE_TYPES.has(a.type)) row.messages++;
      if (a.type === "decide") row.decisions++;
    });
    // Weeks that resolved with a seat's default decision: missed by the students who sat there then.
    for (const r of t.state?.history ?? [])
      for (const party of r.defaulted as PartyId[])
        for (const row of rows.values())
          if (row.seats.some((x) => x.table === t.number && x.seat === party && x.weeks.includes(r.round))) row.missedDecisions++;
  }
  return [...rows.values()];
}

/** What bots did in each seat of a table (actions credited to a bot), for the record. */
export function botActions(record: TableLogRecord): Record<PartyId, number> {
  const out = Object.fromEntries(PARTY_IDS.map((p) => [p, 0])) as Record<PartyId, number>;
  const actions = record.log?.actions ?? [];
  actions.forEach((a, i) => {
    if (record.credits?.[i]?.by === "bot" && PARTY_IDS.includes(a.by as PartyId)) out[a.by as PartyId]++;
  });
  return out;
}

/** The participation summary as CSV rows (header first). */
export const PARTICIPATION_HEADER = ["student", "name", "removed", "tables", "weeks", "actions", "offers", "messages", "decisions", "missedDecisions"];
export function participationRows(rows: ParticipationRow[]): string[][] {
  return [
    PARTICIPATION_HEADER,
    ...rows.map((r) => [
      r.student, r.name, r.removed ? "1" : "0",
      r.seats.map((x) => `table ${x.table} ${x.seat} (${x.weeks.length} weeks)`).join("; "),
      String(r.weeks), String(r.actions), String(r.offers), String(r.messages), String(r.decisions), String(r.missedDecisions),
    ]),
  ];
}

/** One action of a table's log as the record shows it: who made it, in which week. */
export interface CreditedAction {
  table: number;
  /** Position in the table's log (0-based). */
  seq: number;
  week: number;
  party: string;
  type: string;
  /** The student's session id, when a student made it. */
  student: string | null;
  /** The student's name, or "bot", "timer", "host", "table". */
  by: string;
  /** What was said: a message's or statement's text, an offer's note. */
  text: string;
}

/**
 * Every action of a table's log with its author and its week: the log is replayed by the rules to
 * know the week each action was made in (the export is rare; the replay is exact).
 */
export function creditedActions(scenario: Scenario, record: TableLogRecord, names: Map<string, string>): CreditedAction[] {
  const log = record.log;
  if (!log) return [];
  const created = createGame(scenario, log.options);
  if (!created.ok) return [];
  let state = created.value;
  const out: CreditedAction[] = [];
  log.actions.forEach((a, seq) => {
    const c = record.credits?.[seq];
    const student = c?.by === "person" ? (c.student ?? null) : null;
    const by = c?.by === "person" ? (student && names.get(student)) || c.name : (c?.by ?? "table");
    const text = "text" in a ? a.text : "note" in a ? a.note : "reason" in a ? a.reason : "";
    out.push({ table: record.number, seq, week: state.round, party: String(a.by), type: a.type, student, by, text });
    const next = apply(scenario, state, a);
    if (next.ok) state = next.value;
  });
  return out;
}

export const ACTIONS_HEADER = ["table", "seq", "week", "party", "type", "student", "by", "text"];
export const actionRows = (actions: CreditedAction[]): string[][] => [
  ACTIONS_HEADER,
  ...actions.map((a) => [String(a.table), String(a.seq), String(a.week), a.party, a.type, a.student ?? "", a.by, a.text]),
];
