// A classroom session: one teacher (the host, who holds the session's host key), several tables of
// six seats, and the students who join with a 5-character code. The session creates its tables as
// ordinary `table` rooms, seats each student (balanced tables and teams, or where the host puts
// them), and forwards the host's commands to the tables through each table's own intent pipeline
// as the table's owner — so a command from the console is the same command, checked and logged the
// same way, as one from a facilitator at the table. It knows nothing of HTTP, nor of
// the database: every change goes through a SessionRecorder (server/persistence/session-store.ts)
// before it takes effect, so a change the record refuses does not happen.
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import type { GameLog } from "../../shared/apply.ts";
import type { GameState } from "../../shared/state.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";
import type { Reply, TableCommand } from "../../shared/protocol.ts";
import { hashSecret, matchesHash, newSecret } from "../seats.ts";
import type { Scheduler } from "../table-clock.ts";
import type { RollbackTarget } from "../../shared/rollback.ts";
import type { RollbackResult, TableSnapshot } from "./table-control.ts";
import { chooseSeat, emptyCounts } from "./assign.ts";
import type { SessionSettings } from "./session-options.ts";
import { ticketFor } from "./table-scenarios.ts";
import { dealSessionDeck } from "../../shared/session-deck.ts";

/**
 * What the session needs from the server's rooms (server/classroom/table-control.ts). A table may
 * be in this process or, when several share Redis, in another: every answer is plain JSON, and
 * every call on a table whose room has closed answers undefined.
 */
export interface TableAccess {
  /** Creates a `table` room with these create options; resolves with its code. */
  create(options: Record<string, unknown>): Promise<string>;
  /** A look at the live table, or undefined once its room has closed. */
  table(code: string): Promise<TableSnapshot | undefined> | TableSnapshot | undefined;
  /** Runs a host command at the table as its owner; undefined if the table has closed. */
  command(code: string, command: TableCommand): Promise<Reply | undefined> | Reply | undefined;
  /** Rolls the table back, in one step, to where `target` says (shared/rollback.ts); undefined if it has closed. */
  rollback(code: string, target: RollbackTarget): Promise<RollbackResult | undefined> | RollbackResult | undefined;
  /** Disconnects whoever sits at `seat` under `name` (their seat is freed at once). */
  kick(code: string, seat: PartyId, name: string): Promise<void> | void;
}

export interface Problem {
  status: number;
  code: string;
  message: string;
  field?: string;
}
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Problem };
const fail = (status: number, code: string, message: string, field?: string): { ok: false; error: Problem } => ({
  ok: false,
  error: field === undefined ? { status, code, message } : { status, code, message, field },
});

export interface Student {
  /** The SHA-256 of the student's token: the token itself is only ever in the student's hands. */
  tokenHash: string;
  name: string;
  preference: PartyId | null;
  /** 1-based table number. */
  table: number;
  seat: PartyId;
  /** Bumped on every move, so a student's page knows to go to its new seat. */
  version: number;
}

/** What a student is told: where to sit and how to get there. */
export interface Assignment {
  session: string;
  sessionName: string;
  studentToken: string;
  name: string;
  table: number;
  /** The table's room code (join it with `joinById(tableCode, { name, seat })`). */
  tableCode: string;
  seat: PartyId;
  version: number;
}

/** Where a student sits, as the host is told it (never with the student's token). */
export type Placement = Omit<Assignment, "studentToken">;

export interface TableRecord {
  number: number;
  code: string;
  /** The last copy taken of the table's log and state, kept for the debrief after its room closes. */
  log: GameLog | null;
  state: GameState | null;
}

export interface HostEvent {
  at: number;
  action: string;
  tables: number[];
  detail: string;
  results: Array<{ table: number; ok: boolean; message?: string }>;
}

export type SessionStatus = "open" | "ended";

/** Everything a session needs to be rebuilt after a restart (its secrets only as hashes). */
export interface SavedSession {
  code: string;
  createdAt: number;
  status: SessionStatus;
  settings: SessionSettings;
  scenario: Scenario;
  hostKeyHash: string;
  tables: Array<{ number: number; code: string }>;
  students: Student[];
  events: HostEvent[];
}

/**
 * Told of every change before it takes effect (write-through): a method that throws refuses the
 * change. `seq` is the event's position in the session's event log.
 */
export interface SessionRecorder {
  created(session: SavedSession): void;
  joined(code: string, student: Student): void;
  relocated(code: string, students: Student[], seq: number, event: HostEvent): void;
  recorded(code: string, seq: number, event: HostEvent): void;
  tableReopened(code: string, number: number, tableCode: string): void;
  ended(code: string, seq: number, event: HostEvent): void;
}

export class ClassSession {
  readonly code: string;
  /** The host key, to give the teacher once ("" for a restored session: only its hash was kept). */
  readonly hostKey: string;
  readonly hostKeyHash: string;
  readonly settings: SessionSettings;
  readonly scenario: Scenario;
  readonly createdAt: number;
  status: SessionStatus = "open";
  readonly tables: TableRecord[] = [];
  /** By the SHA-256 of the student's token: a returning student is found by hashing the token they send. */
  readonly students = new Map<string, Student>();
  readonly events: HostEvent[] = [];
  #access: TableAccess;
  #scheduler: Scheduler;
  #recorder: SessionRecorder | null;
  /** Tables being opened again (reopen), by number. */
  #reopening = new Map<number, Promise<void>>();

  private constructor(
    code: string,
    settings: SessionSettings,
    scenario: Scenario,
    access: TableAccess,
    scheduler: Scheduler,
    recorder: SessionRecorder | null,
    restored: { createdAt: number; hostKeyHash: string } | null,
  ) {
    this.code = code;
    this.settings = settings;
    this.scenario = scenario;
    this.#access = access;
    this.#scheduler = scheduler;
    this.#recorder = recorder;
    this.createdAt = restored ? restored.createdAt : scheduler.now();
    this.hostKey = restored ? "" : newSecret(24);
    this.hostKeyHash = restored ? restored.hostKeyHash : hashSecret(this.hostKey);
  }

  /** Creates the session and its tables (and its record, when there is a recorder). */
  static async create(
    code: string,
    settings: SessionSettings,
    scenario: Scenario,
    access: TableAccess,
    scheduler: Scheduler,
    recorder: SessionRecorder | null = null,
  ): Promise<ClassSession> {
    const session = new ClassSession(code, settings, scenario, access, scheduler, recorder, null);
    for (let n = 1; n <= settings.tables; n++) session.tables.push({ number: n, code: await session.#createTable(), log: null, state: null });
    recorder?.created(session.saved());
    return session;
  }

  /**
   * Rebuilds a stored session after a restart. Its tables' records start empty: the caller copies
   * them from the live tables (snapshot()) and fills those of tables whose room is gone.
   */
  static restore(saved: SavedSession, access: TableAccess, scheduler: Scheduler, recorder: SessionRecorder | null): ClassSession {
    const session = new ClassSession(saved.code, saved.settings, saved.scenario, access, scheduler, recorder, saved);
    session.status = saved.status;
    for (const t of saved.tables) session.tables.push({ number: t.number, code: t.code, log: null, state: null });
    for (const s of saved.students) session.students.set(s.tokenHash, { ...s });
    session.events.push(...saved.events);
    return session;
  }

  /** What the record keeps of this session. */
  saved(): SavedSession {
    return {
      code: this.code,
      createdAt: this.createdAt,
      status: this.status,
      settings: this.settings,
      scenario: this.scenario,
      hostKeyHash: this.hostKeyHash,
      tables: this.tables.map((t) => ({ number: t.number, code: t.code })),
      students: [...this.students.values()],
      events: this.events,
    };
  }

  isHost(key: string | undefined): boolean {
    return typeof key === "string" && key !== "" && matchesHash(key, this.hostKeyHash);
  }

  #deck: string[] | null | undefined;
  /**
   * The session's event deck, one card per week, when the tables share one seed ("Same event deck
   * at every table"): every table, and every table reopened later, plays exactly these cards
   * (shared/session-deck.ts). Dealt from the settings alone, so a restored session deals it again.
   */
  get deck(): string[] | null {
    if (this.#deck === undefined) {
      const seed = this.settings.seed;
      const dealt = seed === undefined ? null : dealSessionDeck(this.scenario, seed, this.settings.rounds ?? this.scenario.rounds.default);
      this.#deck = dealt?.ok ? dealt.value : null;
    }
    return this.#deck;
  }

  async #createTable(): Promise<string> {
    const s = this.settings;
    const options: Record<string, unknown> = {
      name: "Classroom",
      seat: "spectator",
      timers: s.timers,
      botsFillEmptySeats: s.botsFillEmptySeats,
      difficulty: s.difficulty,
      // The table takes the session's scenario and key hash under this ticket, and has no creator.
      classroomTicket: await ticketFor({ scenario: this.scenario, hostKeyHash: this.hostKeyHash }),
    };
    if (s.rounds !== undefined) options.rounds = s.rounds;
    if (s.negotiationSeconds !== undefined) options.negotiationSeconds = s.negotiationSeconds;
    if (s.decisionSeconds !== undefined) options.decisionSeconds = s.decisionSeconds;
    if (s.seed !== undefined) options.seed = s.seed;
    const deck = this.deck;
    if (deck) options.deck = deck;
    return this.#access.create(options);
  }

  /** A look at the live table for number `n` (1-based), taking a fresh copy of its record on the way. */
  async live(n: number): Promise<TableSnapshot | undefined> {
    const record = this.tables[n - 1];
    if (!record) return undefined;
    const code = record.code;
    const table = await this.#access.table(code);
    // The table may have been opened again under a new code meanwhile: that one's record stays.
    if (table && record.code === code) {
      record.log = table.log;
      record.state = table.state;
    }
    return table;
  }

  /** Copies every table's record (the HTTP side calls this before answering). */
  async snapshot(): Promise<Array<TableSnapshot | undefined>> {
    return Promise.all(this.tables.map((t) => this.live(t.number)));
  }

  /** A table whose room closed (nobody there for a long while) is opened again, empty, when needed. */
  async reopen(n: number): Promise<void> {
    // One at a time per table: students joining together get the same new table.
    const running = this.#reopening.get(n);
    if (running) return running;
    const reopening = this.#reopen(n).finally(() => this.#reopening.delete(n));
    this.#reopening.set(n, reopening);
    return reopening;
  }

  async #reopen(n: number): Promise<void> {
    const record = this.tables[n - 1];
    if (!record || this.status !== "open" || (await this.live(n))) return;
    // The host may have ended the session while the table was being looked at (maybe in another process).
    if (this.status !== "open") return;
    const code = await this.#createTable();
    this.#recorder?.tableReopened(this.code, n, code);
    record.code = code;
    record.log = null;
    record.state = null;
  }

  // ── students ────────────────────────────────────────────────────────────────────────────────

  #assignment(s: Student, studentToken: string): Assignment {
    return { studentToken, ...this.#placement(s) };
  }

  #placement(s: Student): Placement {
    return {
      session: this.code,
      sessionName: this.settings.name,
      name: s.name,
      table: s.table,
      tableCode: this.tables[s.table - 1]!.code,
      seat: s.seat,
      version: s.version,
    };
  }

  #counts(except?: Student): Record<PartyId, number>[] {
    const counts = emptyCounts(this.tables.length);
    for (const s of this.students.values()) if (s !== except) counts[s.table - 1]![s.seat]++;
    return counts;
  }

  #byName(name: string): Student | undefined {
    const key = name.trim().toLocaleLowerCase();
    for (const s of this.students.values()) if (s.name.toLocaleLowerCase() === key) return s;
    return undefined;
  }

  /** A student joins (or comes back with their token). Refused: ended session, name taken, session full. */
  join(name: string, preference: PartyId | null, token?: string): Outcome<Assignment> {
    if (this.status === "ended") return fail(410, "session_ended", `the session ${this.code} has ended; ask your teacher for a new code`);
    if (token !== undefined) {
      const back = this.students.get(hashSecret(token));
      if (back) return { ok: true, value: this.#assignment(back, token) };
    }
    if (this.#byName(name)) return fail(409, "name_taken", `someone in this session is already called “${name}”; add an initial or a number`, "name");
    const seat = chooseSeat(this.#counts(), this.settings.teamSize, preference, this.settings.againstPreference);
    if (!seat) return fail(409, "session_full", `every table is full (${this.tables.length} tables, ${this.settings.teamSize} people per party); ask your teacher to make teams bigger`);
    const studentToken = newSecret();
    const student: Student = { tokenHash: hashSecret(studentToken), name, preference, table: seat.table + 1, seat: seat.party, version: 1 };
    this.#recorder?.joined(this.code, student);
    this.students.set(student.tokenHash, student);
    return { ok: true, value: this.#assignment(student, studentToken) };
  }

  /** Where a student sits now (their page asks again to follow a move). */
  whereIs(token: string): Outcome<Assignment> {
    const s = token === "" ? undefined : this.students.get(hashSecret(token));
    if (!s) return fail(404, "unknown_student", "this student token is not known in this session; join again with your name");
    return { ok: true, value: this.#assignment(s, token) };
  }

  /** The host moves a student to a seat (their connection to the old seat is closed; their page follows). */
  async move(name: string, table: number, seat: PartyId): Promise<Outcome<Placement>> {
    const s = this.#byName(name);
    if (!s) return fail(404, "unknown_student", `no student called “${name}” in this session`, "student");
    if (table > this.tables.length) return fail(400, "unknown_table", `this session has ${this.tables.length} tables`, "table");
    if (s.table === table && s.seat === seat) return { ok: true, value: this.#placement(s) };
    if (this.#counts(s)[table - 1]![seat] >= this.settings.teamSize)
      return fail(409, "team_full", `the ${seat} team at table ${table} is full (${this.settings.teamSize} people)`, "seat");
    const done = this.#relocate([{ student: s, table, seat }], this.#event("move", [table], `${s.name} → table ${table}, ${seat}`, [{ table, ok: true }]));
    const value = this.#placement(s);
    await done;
    return { ok: true, value };
  }

  /** The host swaps two students' seats (roles). */
  async swap(a: string, b: string): Promise<Outcome<[Placement, Placement]>> {
    const x = this.#byName(a);
    const y = this.#byName(b);
    if (!x) return fail(404, "unknown_student", `no student called “${a}” in this session`, "a");
    if (!y) return fail(404, "unknown_student", `no student called “${b}” in this session`, "b");
    if (x === y) return fail(400, "bad_payload", "choose two different students", "b");
    const event = this.#event("swap", [...new Set([y.table, x.table])], `${x.name} ⇄ ${y.name}`, [{ table: y.table, ok: true }]);
    const done = this.#relocate([{ student: x, table: y.table, seat: y.seat }, { student: y, table: x.table, seat: x.seat }], event);
    const value: [Placement, Placement] = [this.#placement(x), this.#placement(y)];
    await done;
    return { ok: true, value };
  }

  /**
   * Moves students, recorded first with the host's event (a move the record refuses does not
   * happen). The session changes at once; the promise settles once the students have been taken
   * from their old seats (which may be at a table in another process).
   */
  async #relocate(moves: Array<{ student: Student; table: number; seat: PartyId }>, event: HostEvent): Promise<void> {
    const moved = moves.map(({ student, table, seat }) => ({ ...student, table, seat, version: student.version + 1 }));
    this.#recorder?.relocated(this.code, moved, this.events.length, event);
    const leaving = moves.map(({ student: s }) => ({ code: this.tables[s.table - 1]!.code, seat: s.seat, name: s.name }));
    moves.forEach(({ student: s }, i) => Object.assign(s, moved[i]));
    this.events.push(event);
    await Promise.all(leaving.map((l) => this.#access.kick(l.code, l.seat, l.name)));
  }

  // ── the host's commands ─────────────────────────────────────────────────────────────────────

  #targets(tables: "all" | number[]): Outcome<number[]> {
    if (tables === "all") return { ok: true, value: this.tables.map((t) => t.number) };
    const bad = tables.find((n) => n > this.tables.length);
    if (bad !== undefined) return fail(400, "unknown_table", `this session has ${this.tables.length} tables; there is no table ${bad}`, "tables");
    return { ok: true, value: [...new Set(tables)] };
  }

  /**
   * Sends a table command (begin, pause, resume, extend, advance, inject, announce) to some tables
   * or all. Each table answers for itself; a table that refuses is left unchanged.
   */
  async command(tables: "all" | number[], command: TableCommand): Promise<Outcome<Array<{ table: number; ok: boolean; code?: string; message?: string }>>> {
    if (this.status === "ended") return fail(410, "session_ended", "the session has ended");
    const targets = this.#targets(tables);
    if (!targets.ok) return targets;
    const results = await Promise.all(
      targets.value.map(async (n) => {
        // As the table's owner (table-control.ts): the session holds only its key's hash after a restart.
        const reply = await this.#access.command(this.tables[n - 1]!.code, command);
        if (!reply) return { table: n, ok: false, code: "table_closed", message: `table ${n} has closed (nobody was there); it opens again when a student joins` };
        await this.live(n);
        return reply.ok ? { table: n, ok: true } : { table: n, ok: false, code: reply.error.code, message: reply.error.message };
      }),
    );
    this.#record(command.type, targets.value, JSON.stringify(command), results);
    return { ok: true, value: results };
  }

  /**
   * Rolls table `n` back to the start of its last round: the table's log is replayed up to the
   * action that began that round (shared/rollback.ts), the held decisions are dropped and the
   * stage clock starts that round's negotiation again. Everyone at the table sees the new state at once.
   */
  async rollback(n: number, target: RollbackTarget = { weeks: 1 }): Promise<Outcome<{ table: number; round: number; undone: number }>> {
    if (this.status === "ended") return fail(410, "session_ended", "the session has ended");
    if (n > this.tables.length) return fail(400, "unknown_table", `this session has ${this.tables.length} tables`, "table");
    // The table replays its own log up to that round's start and rewinds (table-control.ts).
    const done = await this.#access.rollback(this.tables[n - 1]!.code, target);
    if (!done) return fail(409, "table_closed", `table ${n} has closed`);
    if (!done.ok) {
      this.#record("rollback", [n], done.message, [{ table: n, ok: false, message: done.message }]);
      return fail(409, done.code, done.message);
    }
    await this.live(n);
    this.#record("rollback", [n], `back to the start of round ${done.round} (${done.undone} actions undone)`, [{ table: n, ok: true }]);
    return { ok: true, value: { table: n, round: done.round, undone: done.undone } };
  }

  /** Ends the session: the join code is refused from now on; the tables' records stay for the debrief. */
  async end(): Promise<void> {
    await this.snapshot();
    const event = this.#event("end", this.tables.map((t) => t.number), "session ended", []);
    this.#recorder?.ended(this.code, this.events.length, event);
    this.status = "ended";
    this.events.push(event);
  }

  #event(action: string, tables: number[], detail: string, results: HostEvent["results"]): HostEvent {
    return { at: this.#scheduler.now(), action, tables, detail, results };
  }

  /**
   * Logs what the host did. The tables have done it already (and recorded it in their own log), so a
   * record that fails here is reported, not turned into a refusal of something that happened.
   */
  #record(action: string, tables: number[], detail: string, results: HostEvent["results"]): void {
    const event = this.#event(action, tables, detail, results);
    try {
      this.#recorder?.recorded(this.code, this.events.length, event);
    } catch (e) {
      console.error(`[classroom] session ${this.code}: could not record the host's ${action}:`, e instanceof Error ? e.message : e);
    }
    this.events.push(event);
  }

  // ── what the console shows ──────────────────────────────────────────────────────────────────

  async overview(): Promise<SessionOverview> {
    const live = await this.snapshot();
    return {
      code: this.code,
      name: this.settings.name,
      status: this.status,
      settings: this.settings,
      students: [...this.students.values()].map((s) => ({ name: s.name, table: s.table, seat: s.seat, preference: s.preference })),
      tables: this.tables.map((t, i) => this.#tableOverview(t, live[i])),
      events: this.events.slice(-30),
      deck: this.deck,
      createdAt: this.createdAt,
      now: this.#scheduler.now(),
    };
  }

  #tableOverview(record: TableRecord, table: TableSnapshot | undefined): TableOverview {
    const state = record.state;
    const history = state?.history ?? [];
    const stability = state?.tracks.stability ?? this.scenario.tracks.stability.start;
    const before = history.length >= 2 ? history[history.length - 2]!.tracks.stability : this.scenario.tracks.stability.start;
    const last = history.length >= 1 ? history[history.length - 1]!.tracks.stability : stability;
    const timer = table?.clock;
    return {
      number: record.number,
      code: record.code,
      open: table !== undefined,
      round: state?.round ?? 0,
      rounds: state?.config.rounds ?? this.settings.rounds ?? this.scenario.rounds.default,
      phase: state?.phase ?? 1,
      stage: state?.stage ?? "briefing",
      paused: timer?.paused ?? false,
      remainingMs: timer?.remainingMs ?? 0,
      endsAt: timer?.endsAt ?? 0,
      stability,
      trend: last - before,
      stabilityByWeek: history.map((r) => r.tracks.stability),
      outcome: state?.outcome ?? null,
      announcement: table?.announcement ?? "",
      seats: PARTY_IDS.map((party) => {
        const summary = table?.seats.find((s) => s.party === party);
        return {
          party,
          names: summary?.names ?? [],
          connected: summary?.connected ?? 0,
          bot: summary?.bot ?? false,
          submitted: summary?.submitted ?? false,
          assigned: [...this.students.values()].filter((s) => s.table === record.number && s.seat === party).map((s) => s.name),
        };
      }),
    };
  }
}

export interface TableOverview {
  number: number;
  code: string;
  open: boolean;
  round: number;
  rounds: number;
  phase: number;
  stage: string;
  paused: boolean;
  remainingMs: number;
  endsAt: number;
  stability: number;
  /** Change in stability over the last week resolved. */
  trend: number;
  /** Stability at the end of each week resolved: the table's curve so far. */
  stabilityByWeek: number[];
  outcome: string | null;
  announcement: string;
  seats: Array<{ party: PartyId; names: string[]; connected: number; bot: boolean; submitted: boolean; assigned: string[] }>;
}

export interface SessionOverview {
  code: string;
  name: string;
  status: SessionStatus;
  settings: SessionSettings;
  students: Array<{ name: string; table: number; seat: PartyId; preference: PartyId | null }>;
  tables: TableOverview[];
  events: HostEvent[];
  /** The event card of each week at every table (shared/session-deck.ts); null when each table draws its own. */
  deck: string[] | null;
  /** When the session was created and the server's time now: the console's lesson clock counts from these. */
  createdAt: number;
  now: number;
}
