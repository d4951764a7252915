// The tables' durable record: an embedded SQLite database (node:sqlite, no native build) in
// DATA_DIR. Every accepted change is written here — in one transaction, before its reply and its
// patch leave the server — so a table can be rebuilt after any stop, kill -9 included, by replaying
// its log with shared's replay(). What is kept per table: its code and creation options (seed and
// rounds in the log's options), the SHA-256 of its host key, the SHA-256 of every seat token it has
// handed out, who was seated, the rules' log (every applied action: people's, bots', the timer's and
// the facilitator's), the held decision submissions, the announcement and the stage clock.
// Secrets themselves are never stored: only their hashes.
//
// Durability: WAL journal. With `synchronous=NORMAL` (the default) a committed change survives the
// process being killed (the WAL is in the OS's page cache); `DB_SYNC=full` also survives a power
// cut, at the price of an fsync per change.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { Worker } from "node:worker_threads";
import { prepareChangeRows, WRITE_PROGRESS } from "./change-rows.ts";
import { SessionStore } from "./session-store.ts";
import { StoredScenarios } from "./stored-scenarios.ts";

export interface ClockRecord {
  stage: string;
  endsAt: number;
  remainingMs: number;
  paused: boolean;
}

/** Table state the rules' log does not hold. */
export interface TableExtras {
  submissions: Array<[string, { decision: unknown; by: string; credit?: unknown }]>;
  announcement: string;
}

export interface NewTable {
  code: string;
  createdAt: number;
  /** The creation options, secrets removed. */
  options: Record<string, unknown>;
  scenarioId: string;
  /** The scenario the table plays (a classroom's may differ from the built-in one). */
  scenario: unknown;
  gameOptions: { seed: number; rounds?: number; deck?: string[] };
  hostKeyHash: string;
}

export interface StoredTable extends NewTable {
  actions: unknown[];
  /** A classroom session's table: the seating list it was last sent (null: none yet, or not a session's table). */
  seating: unknown[] | null;
  /** Who did each action (server/action-credits.ts), in the same order; null where none was kept. */
  credits: unknown[];
  creatorJoined: boolean;
  extras: TableExtras;
  clock: ClockRecord | null;
  tokens: Array<{ hash: string; role: string; name: string }>;
  occupants: Array<{ role: string; name: string; tokenHash: string }>;
  updatedAt: number;
}

export interface StoreOptions {
  /** `normal` (survives a killed process) or `full` (survives a power cut too). */
  sync?: "normal" | "full";
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tables (
  code TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  options TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  scenario TEXT NOT NULL,
  game_options TEXT NOT NULL,
  host_key_hash TEXT NOT NULL,
  creator_joined INTEGER NOT NULL DEFAULT 0,
  extras TEXT NOT NULL DEFAULT '{"submissions":[],"announcement":""}',
  clock TEXT
);
CREATE TABLE IF NOT EXISTS seat_tokens (
  code TEXT NOT NULL,
  hash TEXT NOT NULL,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (code, hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS occupants (
  code TEXT NOT NULL,
  session_id TEXT NOT NULL,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  PRIMARY KEY (code, session_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export const DATABASE_FILE = "ceasefire.sqlite";

/**
 * The checkpoint worker: a passive checkpoint (it never blocks the writer) every CHECKPOINT_MS.
 * Every second was too seldom under load: at an action a millisecond the checkpoint never caught
 * up with the writer, the WAL grew to wal_autocheckpoint, and the main thread then checkpointed the
 * second's backlog itself with its fsyncs — stalls of the event loop of 10–100 ms every five or six
 * seconds at 400 tables (`npm run bench:store`). With a checkpoint every quarter second the worker
 * keeps up and those regular stalls are gone; what remains is the disk's own (docs/OPERATIONS.md).
 */
const CHECKPOINT_MS = 250;
const CHECKPOINTER = `
const { DatabaseSync } = require("node:sqlite");
const { workerData } = require("node:worker_threads");
const db = new DatabaseSync(workerData.file);
db.exec("PRAGMA busy_timeout=5000");
setInterval(() => { try { db.exec("PRAGMA wal_checkpoint(PASSIVE)"); } catch {} }, ${CHECKPOINT_MS});
`;

export class TableStore {
  readonly file: string;
  /** The classroom sessions' record, in the same database (session-store.ts). */
  readonly sessions: SessionStore;
  #db: DatabaseSync;
  #s: Record<string, StatementSync>;
  #checkpointer: Worker;
  /** The scenarios the tables play, each kept once (stored-scenarios.ts). */
  #scenarios: StoredScenarios;

  /** Opens (creating if needed) the database in `dir`. */
  static open(dir: string, options: StoreOptions = {}): TableStore {
    mkdirSync(dir, { recursive: true });
    return new TableStore(path.join(dir, DATABASE_FILE), options);
  }

  private constructor(file: string, options: StoreOptions) {
    this.file = file;
    this.#db = new DatabaseSync(file);
    this.#db.exec(`PRAGMA journal_mode=WAL; PRAGMA synchronous=${options.sync === "full" ? "FULL" : "NORMAL"}; PRAGMA busy_timeout=5000;`);
    this.#db.exec(SCHEMA);
    // What every change writes (change-rows.ts): the rules' log, each action with who did it and when
    // it was recorded, and the progress row (held submissions, announcement, clock). What changes
    // with every action is kept apart from the table's row, which names its scenario: SQLite
    // rewrites a whole row on every update. Databases from before the progress row still have its
    // fields in `tables`; a progress row, written by every later change, takes precedence. A change
    // that leaves the submissions, the announcement and the clock as they were writes its action
    // alone (see appendChange).
    prepareChangeRows(this.#db);
    // A classroom session's table keeps the session's seating list (server/session-seating.ts), so a
    // restart in any process seats the same students again without waiting for the session.
    if (!(this.#db.prepare("PRAGMA table_info(tables)").all() as Array<{ name: string }>).some((c) => c.name === "seating"))
      this.#db.exec("ALTER TABLE tables ADD COLUMN seating TEXT");
    // Checkpoints (copying the WAL into the database file, with an fsync) run in a worker thread on
    // its own connection, so a table's next action never waits for the disk; the main connection
    // only checkpoints itself if the WAL grows far beyond that (the worker gone, say).
    this.#db.exec("PRAGMA wal_autocheckpoint=20000");
    this.#checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { file } });
    this.#checkpointer.unref();
    this.#checkpointer.on("error", (e) => console.error("[store] checkpoint worker stopped:", e.message));
    this.sessions = new SessionStore(this.#db);
    this.#scenarios = new StoredScenarios(this.#db);
    const p = (sql: string) => this.#db.prepare(sql);
    this.#s = {
      has: p("SELECT 1 AS x FROM tables WHERE code = ?"),
      // The scenario itself is kept once, under its hash (stored-scenarios.ts); the row names it.
      create: p("INSERT INTO tables (code, created_at, updated_at, options, scenario_id, scenario, game_options, host_key_hash, scenario_hash) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)"),
      action: p("INSERT INTO actions (code, seq, action, credit, at) VALUES (?, ?, ?, ?, ?)"),
      change: p(WRITE_PROGRESS),
      creator: p("UPDATE tables SET creator_joined = 1 WHERE code = ?"),
      seating: p("UPDATE tables SET seating = ? WHERE code = ?"),
      addToken: p("INSERT OR REPLACE INTO seat_tokens (code, hash, role, name) VALUES (?, ?, ?, ?)"),
      removeToken: p("DELETE FROM seat_tokens WHERE code = ? AND hash = ?"),
      seat: p("INSERT OR REPLACE INTO occupants (code, session_id, role, name, token_hash) VALUES (?, ?, ?, ?, ?)"),
      unseat: p("DELETE FROM occupants WHERE code = ? AND session_id = ?"),
      close: p("UPDATE tables SET status = 'closed', updated_at = ? WHERE code = ?"),
      clearOccupants: p("DELETE FROM occupants WHERE code = ?"),
      open: p(
        `SELECT t.*, p.updated_at AS progress_at, p.extras AS progress_extras, p.clock AS progress_clock,
           (SELECT MAX(a.at) FROM actions a WHERE a.code = t.code) AS action_at
         FROM tables t LEFT JOIN table_progress p ON p.code = t.code WHERE t.status = 'open' ORDER BY t.created_at`,
      ),
      actions: p("SELECT action, credit FROM actions WHERE code = ? ORDER BY seq"),
      tokens: p("SELECT hash, role, name FROM seat_tokens WHERE code = ?"),
      occupants: p("SELECT role, name, token_hash FROM occupants WHERE code = ? ORDER BY rowid"),
      setMeta: p("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
      getMeta: p("SELECT value FROM meta WHERE key = ?"),
    };
  }

  has(code: string): boolean {
    return this.#s.has!.get(code) !== undefined;
  }

  createTable(t: NewTable): void {
    const scenarioHash = this.#scenarios.keep(t.scenario as object);
    this.#s.create!.run(t.code, t.createdAt, t.createdAt, JSON.stringify(t.options), t.scenarioId, JSON.stringify(t.gameOptions), t.hostKeyHash, scenarioHash);
  }

  /**
   * One accepted change, atomically: the actions it applied (log positions `fromSeq`…), the held
   * submissions and announcement, and the clock. Throws if the disk refuses (then nothing is kept).
   *
   * Most changes leave the submissions, the announcement and the clock as the table's last change
   * wrote them (a message, an offer, an answer): then only the actions are written, each with its
   * time, and the progress row is left as it was — one page of the database changed in the
   * transaction instead of two. What is read back is the same: the time of the last change is the
   * latest of the row's and the actions', and a running clock's remaining time is its deadline less
   * that time, as the clock itself computes it (server/table-clock.ts). The row is written whenever
   * anything in it would differ, and by the first change a process records for a table.
   *
   * A change of one statement (one action with the row left as it was, most changes; or a held
   * decision alone) is committed as that statement: SQLite makes a single statement outside a
   * transaction its own transaction, all or nothing and durable when it returns, so the same commit
   * is made without a BEGIN and a COMMIT around it. Several statements go in one transaction.
   */
  appendChange(code: string, fromSeq: number, actions: readonly unknown[], extras: TableExtras, clock: ClockRecord, at: number, credits: readonly unknown[] = []): void {
    const written = this.#progress.get(code);
    const keep = actions.length > 0 && written !== undefined && sameExtras(written.extras, extras) && sameClock(written.clock, clock, at);
    const action = this.#s.action!;
    const write = () => {
      for (let i = 0; i < actions.length; i++) action.run(code, fromSeq + i, JSON.stringify(actions[i]), credits[i] === undefined ? null : JSON.stringify(credits[i]), at);
      if (!keep) this.#s.change!.run(at, JSON.stringify(extras), JSON.stringify(clock), code);
    };
    // Inside together() a single statement joins the transaction already open, as any write does.
    if (actions.length + (keep ? 0 : 1) === 1) write();
    else this.#transaction(write);
    if (!keep) this.#progress.set(code, { extras: { submissions: [...extras.submissions], announcement: extras.announcement }, clock: { ...clock } });
  }

  /**
   * The table's log was cut back to its first `length` actions (a classroom host's rollback to the
   * start of a week): the later actions are forgotten, atomically with the new extras and clock, so
   * a restart rebuilds the rolled-back table and the next change's positions are free again.
   */
  truncateLog(code: string, length: number, extras: TableExtras, clock: ClockRecord, at: number): void {
    this.#progress.delete(code);
    this.#transaction(() => {
      this.#db.prepare("DELETE FROM actions WHERE code = ? AND seq >= ?").run(code, length);
      this.#s.change!.run(at, JSON.stringify(extras), JSON.stringify(clock), code);
    });
  }

  /**
   * Several writes made at once (a person joining: their seat token, their seat, the creator's
   * arrival) committed as one transaction instead of one each: each commit writes its pages to the
   * WAL and takes and releases the database's locks. All or nothing: if any write throws, none is kept.
   */
  together<T>(fn: () => T): T {
    let result!: T;
    this.#transaction(() => void (result = fn()));
    return result;
  }

  /** A classroom session's table: the session's current seating list (plain JSON records: token hashes, ids, names, seats). */
  setSeating(code: string, entries: unknown[]): void {
    this.#s.seating!.run(JSON.stringify(entries), code);
  }

  creatorJoined(code: string): void {
    this.#s.creator!.run(code);
  }

  addToken(code: string, hash: string, role: string, name: string): void {
    this.#s.addToken!.run(code, hash, role, name);
  }

  removeToken(code: string, hash: string): void {
    this.#s.removeToken!.run(code, hash);
  }

  seat(code: string, sessionId: string, role: string, name: string, tokenHash: string): void {
    this.#s.seat!.run(code, sessionId, role, name, tokenHash);
  }

  unseat(code: string, sessionId: string): void {
    this.#s.unseat!.run(code, sessionId);
  }

  /** The table closed for good (nobody came back): it is not restored again. */
  closeTable(code: string, at: number): void {
    this.#progress.delete(code);
    this.#transaction(() => {
      this.#s.close!.run(at, code);
      this.#s.clearOccupants!.run(code);
    });
  }

  /** Replaces who is seated at `code` (after a restore, the people are placeholders until they return). */
  replaceOccupants(code: string, occupants: Array<{ sessionId: string; role: string; name: string; tokenHash: string }>): void {
    this.#transaction(() => {
      this.#s.clearOccupants!.run(code);
      for (const o of occupants) this.#s.seat!.run(code, o.sessionId, o.role, o.name, o.tokenHash);
    });
  }

  /** Every table not closed, with everything needed to rebuild it. */
  openTables(): StoredTable[] {
    type Row = Record<string, string | number | null>;
    return (this.#s.open!.all() as Row[]).map((r) => {
      const code = String(r.code);
      const progressed = r.progress_at !== null;
      const clock = progressed ? r.progress_clock : r.clock;
      const actionAt = r.action_at === null || r.action_at === undefined ? 0 : Number(r.action_at);
      const updatedAt = Math.max(Number(r.updated_at), progressed ? Number(r.progress_at) : 0, actionAt);
      return {
        code,
        createdAt: Number(r.created_at),
        updatedAt,
        options: JSON.parse(String(r.options)) as Record<string, unknown>,
        scenarioId: String(r.scenario_id),
        scenario: this.#scenarios.read(r.scenario_hash as string | null | undefined, String(r.scenario)),
        gameOptions: JSON.parse(String(r.game_options)) as { seed: number; rounds?: number; deck?: string[] },
        hostKeyHash: String(r.host_key_hash),
        creatorJoined: Number(r.creator_joined) === 1,
        seating: r.seating === null || r.seating === undefined ? null : (JSON.parse(String(r.seating)) as unknown[]),
        extras: JSON.parse(String(progressed ? r.progress_extras : r.extras)) as TableExtras,
        clock: clock === null ? null : clockAt(JSON.parse(String(clock)) as ClockRecord, progressed && actionAt > Number(r.progress_at) ? actionAt : null),
        ...this.#actionsOf(code),
        tokens: (this.#s.tokens!.all(code) as Row[]).map((t) => ({ hash: String(t.hash), role: String(t.role), name: String(t.name) })),
        occupants: (this.#s.occupants!.all(code) as Row[]).map((o) => ({ role: String(o.role), name: String(o.name), tokenHash: String(o.token_hash) })),
      };
    });
  }

  /**
   * A table's rules' log and the scenario it plays, closed or not (a classroom's debrief of a table
   * whose room is gone after a restart); undefined when the table is not (or no longer) stored.
   */
  tableLog(code: string): { scenario: unknown; log: { scenarioId: string; options: { seed: number; rounds?: number }; actions: unknown[] }; credits: unknown[] } | undefined {
    const row = this.#db.prepare("SELECT scenario_id, scenario, scenario_hash, game_options FROM tables WHERE code = ?").get(code) as
      | { scenario_id: string; scenario: string; scenario_hash: string | null; game_options: string }
      | undefined;
    if (!row) return undefined;
    const { actions, credits } = this.#actionsOf(code);
    const options = JSON.parse(row.game_options) as { seed: number; rounds?: number };
    return { scenario: this.#scenarios.read(row.scenario_hash, row.scenario), log: { scenarioId: row.scenario_id, options, actions }, credits };
  }

  /** A table's log and, in the same order, who did each action (null where none was kept). */
  #actionsOf(code: string): { actions: unknown[]; credits: unknown[] } {
    const rows = this.#s.actions!.all(code) as Array<{ action: string; credit: string | null }>;
    return { actions: rows.map((a) => JSON.parse(a.action) as unknown), credits: rows.map((a) => (a.credit === null ? null : (JSON.parse(a.credit) as unknown))) };
  }

  /** Marks the server alive at `now` (a restart measures how long it was down from this). */
  heartbeat(now: number): void {
    this.#s.setMeta!.run("alive_at", String(now));
  }

  lastAlive(): number | null {
    const row = this.#s.getMeta!.get("alive_at") as { value: string } | undefined;
    return row ? Number(row.value) : null;
  }

  /** Deletes one table and everything recorded about it (a table nobody ever joined). */
  deleteTable(code: string): void {
    this.#progress.delete(code);
    const scenarioHash = this.#scenarios.hashOf(code);
    this.#transaction(() => {
      for (const t of ["actions", "seat_tokens", "occupants", "table_progress", "tables"]) this.#db.prepare(`DELETE FROM ${t} WHERE code = ?`).run(code);
    });
    this.#scenarios.dropUnused([scenarioHash]);
  }

  /** How much the tables take: their number and the database pages in use (page_count − freelist_count), in bytes. */
  footprint(): { tables: number; bytesInUse: number } {
    const one = (sql: string) => Number(Object.values(this.#db.prepare(sql).get() as Record<string, unknown>)[0]);
    return { tables: one("SELECT COUNT(*) FROM tables"), bytesInUse: (one("PRAGMA page_count") - one("PRAGMA freelist_count")) * one("PRAGMA page_size") };
  }

  /** Deletes tables closed before `before` (ms since the epoch) with their logs. Returns how many. */
  prune(before: number): number {
    const rows = this.#db.prepare("SELECT code, scenario_hash FROM tables WHERE status = 'closed' AND updated_at < ?").all(before) as Array<{ code: string; scenario_hash: string | null }>;
    const codes = rows.map((r) => r.code);
    for (const code of codes) this.#progress.delete(code);
    this.#transaction(() => {
      for (const code of codes) {
        for (const t of ["actions", "seat_tokens", "occupants", "table_progress", "tables"]) this.#db.prepare(`DELETE FROM ${t} WHERE code = ?`).run(code);
      }
    });
    this.#scenarios.dropUnused(rows.map((r) => r.scenario_hash));
    return codes.length;
  }

  close(): void {
    void this.#checkpointer.terminate();
    if (this.#db.isOpen) this.#db.close();
  }

  /** Per table, the progress row as this process last wrote it (appendChange leaves it alone while a change would write the same). */
  #progress = new Map<string, { extras: TableExtras; clock: ClockRecord }>();

  // Prepared once: a transaction runs for every accepted action.
  #begin: StatementSync | null = null;
  #commit: StatementSync | null = null;

  /** Inside together() (or a transaction of its own): the writes join the transaction already open. */
  #open = false;

  #transaction(fn: () => void): void {
    if (this.#open) return fn();
    (this.#begin ??= this.#db.prepare("BEGIN IMMEDIATE")).run();
    this.#open = true;
    try {
      fn();
      this.#open = false;
      (this.#commit ??= this.#db.prepare("COMMIT")).run();
    } catch (e) {
      this.#open = false;
      // What appendChange remembers as written may have been rolled back with the rest.
      this.#progress.clear();
      this.#db.exec("ROLLBACK");
      throw e;
    }
  }
}

/** Whether two held submissions and announcements are the same (a submission is replaced, never changed). */
function sameExtras(a: TableExtras, b: TableExtras): boolean {
  if (a.announcement !== b.announcement || a.submissions.length !== b.submissions.length) return false;
  for (let i = 0; i < a.submissions.length; i++) {
    const [party, submission] = a.submissions[i]!;
    const [otherParty, other] = b.submissions[i]!;
    if (party !== otherParty || submission !== other) return false;
  }
  return true;
}

/**
 * Whether `clock`, recorded at `at`, reads back exactly as `written` does when its row is left as
 * it is: the same stage, deadline and pause, and the remaining time either the same (paused, or no
 * deadline) or the deadline less `at`, which is what clockAt gives back.
 */
function sameClock(written: ClockRecord, clock: ClockRecord, at: number): boolean {
  if (written.stage !== clock.stage || written.endsAt !== clock.endsAt || written.paused !== clock.paused) return false;
  if (clock.paused || clock.endsAt === 0) return written.remainingMs === clock.remainingMs;
  return clock.remainingMs === Math.max(0, clock.endsAt - at);
}

/** The clock as recorded at the table's last change, `at` (null: when its row was written, so as it was written). */
function clockAt(clock: ClockRecord, at: number | null): ClockRecord {
  if (at === null || clock.paused || clock.endsAt === 0) return clock;
  return { ...clock, remainingMs: Math.max(0, clock.endsAt - at) };
}
