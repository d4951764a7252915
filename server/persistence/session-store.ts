// The classroom sessions' durable record, in the tables' database (table-store.ts opens it and
// hands its connection here): a session outlives a restart — kill -9 included — like its tables do.
// Every change a session makes (created, a student joined, moved or swapped, a host command's
// event, a table opened again under a new code, ended) is written here before the HTTP answer
// leaves the server. What is kept per session: its join code, creation time, status, settings, the
// scenario its tables play (with the teacher's changes), the SHA-256 of its host key, its tables
// (number → table code), its students (the SHA-256 of their token, name, preference, table, seat,
// version) and the host's event log. Secrets themselves are never stored: only their hashes.
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { z } from "zod";
import { PARTY_IDS } from "../../shared/ids.ts";
import { loadScenario } from "../../shared/scenario.ts";
import { sessionSettingsSchema, type HostEvent, type SavedSession, type SessionRecorder, type SessionSettings, type Student } from "./records.ts";

/** What a student's row keeps beyond its columns (JSON). */
const profileOf = (s: Student): string => JSON.stringify({ id: s.id, ...(s.removed ? { removed: true } : {}), ...(s.stints ? { stints: s.stints } : {}) });

export const SESSION_SCHEMA = `
CREATE TABLE IF NOT EXISTS class_sessions (
  code TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  settings TEXT NOT NULL,
  scenario TEXT NOT NULL,
  host_key_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS class_tables (
  session TEXT NOT NULL,
  number INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (session, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_students (
  session TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  joined INTEGER NOT NULL,
  name TEXT NOT NULL,
  preference TEXT,
  table_number INTEGER NOT NULL,
  seat TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (session, token_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_events (
  session TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (session, seq)
) WITHOUT ROWID;
`;

/** Columns added since the first release of sessions; an older database gains them when opened. */
const ADDED_COLUMNS: Array<[table: string, column: string, definition: string]> = [
  ["class_sessions", "locked", "INTEGER NOT NULL DEFAULT 0"],
  // The student's public id, whether the host removed them, and where they sat from which week (JSON).
  ["class_students", "profile", "TEXT"],
];

const SESSION_TABLES = ["class_events", "class_students", "class_tables", "class_sessions"] as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const party = z.enum(PARTY_IDS);
const tableNumber = z.number().int().min(1);
// What a stored row must look like to be trusted again: a session that does not is skipped.
const storedStudentSchema = z.object({
  tokenHash: sha256Hex,
  name: z.string().min(1),
  preference: party.nullable(),
  table: tableNumber,
  seat: party,
  version: z.number().int().min(1),
  id: z.string().min(1).max(40),
  removed: z.boolean().optional(),
  stints: z.array(z.object({ table: tableNumber, seat: party, fromRound: z.number().int().min(0) })).optional(),
});
const profileSchema = z.object({ id: z.string().min(1).max(40), removed: z.boolean().optional(), stints: storedStudentSchema.shape.stints }).partial();
// Loose: an event keeps every field it was logged with (a command's results carry the table's refusal code).
const storedEventSchema = z.looseObject({
  at: z.number(),
  action: z.string(),
  tables: z.array(z.number().int()),
  detail: z.string(),
  results: z.array(z.looseObject({ table: z.number().int(), ok: z.boolean(), message: z.string().optional() })),
});

export interface LoadReport {
  sessions: SavedSession[];
  /** Sessions whose record could not be read back (named by code only: no secret goes to a log). */
  corrupt: Array<{ code: string; error: string }>;
}

export class SessionStore implements SessionRecorder {
  #db: DatabaseSync;
  #s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SESSION_SCHEMA);
    for (const [table, column, definition] of ADDED_COLUMNS)
      if (!(db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === column))
        db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      has: p("SELECT 1 AS x FROM class_sessions WHERE code = ?"),
      create: p("INSERT INTO class_sessions (code, created_at, status, settings, scenario, host_key_hash) VALUES (?, ?, ?, ?, ?, ?)"),
      table: p("INSERT OR REPLACE INTO class_tables (session, number, code) VALUES (?, ?, ?)"),
      student: p("INSERT INTO class_students (session, token_hash, joined, name, preference, table_number, seat, version, profile) VALUES (?, ?, (SELECT COUNT(*) FROM class_students WHERE session = ?), ?, ?, ?, ?, ?, ?)"),
      relocate: p("UPDATE class_students SET table_number = ?, seat = ?, version = ?, profile = ? WHERE session = ? AND token_hash = ?"),
      restudent: p("UPDATE class_students SET token_hash = ?, name = ?, table_number = ?, seat = ?, version = ?, profile = ? WHERE session = ? AND token_hash = ?"),
      settings: p("UPDATE class_sessions SET settings = ?, locked = ? WHERE code = ?"),
      event: p("INSERT OR REPLACE INTO class_events (session, seq, event) VALUES (?, ?, ?)"),
      status: p("UPDATE class_sessions SET status = ? WHERE code = ?"),
      all: p("SELECT * FROM class_sessions ORDER BY created_at"),
      tables: p("SELECT number, code FROM class_tables WHERE session = ? ORDER BY number"),
      students: p("SELECT * FROM class_students WHERE session = ? ORDER BY joined"),
      events: p("SELECT event FROM class_events WHERE session = ? ORDER BY seq"),
      stale: p("SELECT code FROM class_sessions WHERE status = 'ended' AND created_at < ?"),
    };
  }

  has(code: string): boolean {
    return this.#s.has!.get(code) !== undefined;
  }

  // ── the write-through record (records.ts SessionRecorder) ───────────────────────────────

  created(s: SavedSession): void {
    this.#transaction(() => {
      this.#s.create!.run(s.code, s.createdAt, s.status, JSON.stringify(s.settings), JSON.stringify(s.scenario), s.hostKeyHash);
      for (const t of s.tables) this.#s.table!.run(s.code, t.number, t.code);
      for (const student of s.students) this.#addStudent(s.code, student);
      s.events.forEach((e, seq) => this.#s.event!.run(s.code, seq, JSON.stringify(e)));
    });
  }

  joined(code: string, student: Student): void {
    this.#addStudent(code, student);
  }

  relocated(code: string, students: Student[], seq: number, event: HostEvent): void {
    this.#transaction(() => {
      for (const s of students) this.#s.relocate!.run(s.table, s.seat, s.version, profileOf(s), code, s.tokenHash);
      this.#s.event!.run(code, seq, JSON.stringify(event));
    });
  }

  rosterChanged(code: string, changes: Array<{ before: string; student: Student }>, seq: number, event: HostEvent): void {
    this.#transaction(() => {
      for (const { before, student: s } of changes) this.#s.restudent!.run(s.tokenHash, s.name, s.table, s.seat, s.version, profileOf(s), code, before);
      this.#s.event!.run(code, seq, JSON.stringify(event));
    });
  }

  settingsChanged(code: string, settings: SessionSettings, locked: boolean, seq: number, event: HostEvent): void {
    this.#transaction(() => {
      this.#s.settings!.run(JSON.stringify(settings), locked ? 1 : 0, code);
      this.#s.event!.run(code, seq, JSON.stringify(event));
    });
  }

  recorded(code: string, seq: number, event: HostEvent): void {
    this.#s.event!.run(code, seq, JSON.stringify(event));
  }

  tableReopened(code: string, number: number, tableCode: string): void {
    this.#s.table!.run(code, number, tableCode);
  }

  ended(code: string, seq: number, event: HostEvent): void {
    this.#transaction(() => {
      this.#s.status!.run("ended", code);
      this.#s.event!.run(code, seq, JSON.stringify(event));
    });
  }

  #addStudent(code: string, s: Student): void {
    this.#s.student!.run(code, s.tokenHash, code, s.name, s.preference, s.table, s.seat, s.version, profileOf(s));
  }

  // ── reading back, forgetting ─────────────────────────────────────────────────────────────────

  /** Every stored session, oldest first; a record that does not read back is reported, not returned. */
  load(): LoadReport {
    type Row = Record<string, string | number | null>;
    const report: LoadReport = { sessions: [], corrupt: [] };
    for (const r of this.#s.all!.all() as Row[]) {
      const code = String(r.code);
      try {
        report.sessions.push(this.#read(code, r));
      } catch (e) {
        // Only the first line of the message: zod's may quote a value, never a secret (none is stored).
        report.corrupt.push({ code, error: (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300) });
      }
    }
    return report;
  }

  #read(code: string, r: Record<string, string | number | null>): SavedSession {
    type Row = Record<string, string | number | null>;
    const status = z.enum(["open", "ended"]).parse(r.status);
    const settings = sessionSettingsSchema.parse(JSON.parse(String(r.settings)));
    const scenario = loadScenario(JSON.parse(String(r.scenario)));
    if (!scenario.ok) throw new Error(`scenario: ${scenario.error.message}`);
    const tables = (this.#s.tables!.all(code) as Row[]).map((t) => ({ number: Number(t.number), code: String(t.code) }));
    if (tables.length === 0 || tables.some((t, i) => t.number !== i + 1)) throw new Error("tables: not numbered 1…n");
    const students = (this.#s.students!.all(code) as Row[]).map((s) => {
      // A student stored before profiles were kept gets an id from their token's hash (public: a hash of a hash's prefix).
      const profile = s.profile === null || s.profile === undefined ? {} : profileSchema.parse(JSON.parse(String(s.profile)));
      const id = profile.id ?? `s${String(s.token_hash).slice(0, 10)}`;
      return storedStudentSchema.parse({ tokenHash: s.token_hash, name: s.name, preference: s.preference, table: s.table_number, seat: s.seat, version: s.version, ...profile, id });
    });
    if (students.some((s) => s.table > tables.length)) throw new Error("students: seated at a table the session does not have");
    const events = (this.#s.events!.all(code) as Row[]).map((e) => storedEventSchema.parse(JSON.parse(String(e.event))) as HostEvent);
    return { code, createdAt: z.number().parse(r.created_at), status, settings, scenario: scenario.value, hostKeyHash: sha256Hex.parse(r.host_key_hash), tables, students, events, locked: Number(r.locked ?? 0) === 1 };
  }

  /** Forgets a session and everything recorded for it (its tables' own records are the table store's). */
  delete(code: string): void {
    this.#transaction(() => {
      for (const t of SESSION_TABLES) this.#db.prepare(`DELETE FROM ${t} WHERE ${t === "class_sessions" ? "code" : "session"} = ?`).run(code);
    });
  }

  /** Deletes the sessions that ended and were created before `before` (ms since the epoch). Returns how many. */
  prune(before: number): number {
    const codes = (this.#s.stale!.all(before) as Array<{ code: string }>).map((r) => r.code);
    for (const code of codes) this.delete(code);
    return codes.length;
  }

  #transaction(fn: () => void): void {
    // Inside a transaction already open on the shared connection: that one commits or rolls back.
    if (this.#db.isTransaction) return fn();
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      fn();
      this.#db.exec("COMMIT");
    } catch (e) {
      this.#db.exec("ROLLBACK");
      throw e;
    }
  }
}
