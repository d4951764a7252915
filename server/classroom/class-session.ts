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
import type { RollbackResult, TableSnapshot } from "./table-port.ts";
import { chooseSeat, emptyCounts } from "./assign.ts";
import type { SessionSettings } from "./session-options.ts";
import { ticketFor } from "./table-scenarios.ts";
import { viewerKeyFor, type SeatingEntry } from "../session-seating.ts";
import type { Credit } from "../action-credits.ts";
import { isRejoinCode, MAX_PENDING, newStudentId, PendingRequests, rejoinCodeFor, rosterLines, seatingFor, type PendingRequest, type RosterLine } from "./roster.ts";
import { dealSessionDeck } from "../../shared/session-deck.ts";

/**
 * What the session needs from the server's rooms (table-control.ts, through the port in table-port.ts). A table may
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
  /**
   * Sends the table the session's list of the students it seats there (server/session-seating.ts);
   * anyone no longer on it leaves their seat. False if the table has closed.
   */
  seating(code: string, entries: SeatingEntry[]): Promise<boolean> | boolean;
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

// What the session keeps is a plain record owned by persistence (persistence/records.ts).
import type { HostEvent, SavedSession, SessionRecorder, SessionStatus, Student } from "../persistence/records.ts";
export type { HostEvent, SavedSession, SessionRecorder, SessionStatus, Student };

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
  /** The student's personal code to get their seat back on another device (roster.ts). */
  rejoinCode: string;
}

/** A page waiting for the teacher (a late joiner while joining is locked, or a student back on another device). */
export interface Waiting {
  waiting: true;
  session: string;
  sessionName: string;
  /** The page asks `students/me` with this token until the teacher answers. */
  studentToken: string;
  name: string;
  message: string;
}

/** Where a student sits, as the host is told it (never with the student's token). */
export type Placement = Omit<Assignment, "studentToken" | "rejoinCode">;

export interface TableRecord {
  number: number;
  code: string;
  /** The last copy taken of the table's log and state, kept for the debrief after its room closes. */
  log: GameLog | null;
  state: GameState | null;
  /** Who did each action of `log` (server/action-credits.ts). */
  credits: Credit[] | null;
}

export class ClassSession {
  readonly code: string;
  /** The host key, to give the teacher once ("" for a restored session: only its hash was kept). */
  readonly hostKey: string;
  readonly hostKeyHash: string;
  settings: SessionSettings;
  /** Joining locked by the host: new names wait for the host to admit them. */
  locked = false;
  /** Requests waiting for the host (roster.ts). */
  readonly pending = new PendingRequests();
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
    for (let n = 1; n <= settings.tables; n++) session.tables.push({ number: n, code: await session.#createTable(), log: null, state: null, credits: null });
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
    session.locked = saved.locked ?? false;
    for (const t of saved.tables) session.tables.push({ number: t.number, code: t.code, log: null, state: null, credits: null });
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
      locked: this.locked,
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
      record.credits = table.credits;
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
    record.credits = null;
    await this.sendSeating([n]);
  }

  // ── students ────────────────────────────────────────────────────────────────────────────────

  #assignment(s: Student, studentToken: string): Assignment {
    return { studentToken, ...this.#placement(s), rejoinCode: rejoinCodeFor(this.hostKeyHash, s.id) };
  }

  #waiting(r: PendingRequest, studentToken: string): Waiting {
    const message =
      r.kind === "rejoin"
        ? `Your teacher has been asked to give you your seat back on this device, ${r.name}. Wait here.`
        : `Joining is closed for now; your teacher has been asked to let you in, ${r.name}. Wait here.`;
    return { waiting: true, session: this.code, sessionName: this.settings.name, studentToken, name: r.name, message };
  }

  /** The round table `n` is at now (0 before its first week): a stint starts there. */
  #roundAt(n: number): number {
    return this.tables[n - 1]?.state?.round ?? 0;
  }

  /** Sends each of these tables (all by default) its seating list: who the session seats there. */
  async sendSeating(tables: number[] = this.tables.map((t) => t.number)): Promise<void> {
    await Promise.all(
      [...new Set(tables)].map(async (n) => {
        const record = this.tables[n - 1];
        if (record) await this.#access.seating(record.code, seatingFor(this.students.values(), n));
      }),
    );
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
    for (const s of this.students.values()) if (s !== except && !s.removed) counts[s.table - 1]![s.seat]++;
    return counts;
  }

  #byName(name: string): Student | undefined {
    const key = name.trim().toLocaleLowerCase();
    for (const s of this.students.values()) if (s.name.toLocaleLowerCase() === key) return s;
    return undefined;
  }

  /**
   * A student joins (or comes back with their token, or on another device with their rejoin code,
   * or asks the teacher to let them back in: `askTeacher`). While joining is locked, a new name waits
   * for the teacher to admit it. Refused: ended session, name taken, session full.
   */
  async join(name: string, preference: PartyId | null, token?: string, rejoin?: { code?: string; askTeacher?: boolean }): Promise<Outcome<Assignment | Waiting>> {
    if (this.status === "ended") return fail(410, "session_ended", `the session ${this.code} has ended; ask your teacher for a new code`);
    if (token !== undefined) {
      const back = this.students.get(hashSecret(token));
      if (back && !back.removed) return { ok: true, value: this.#assignment(back, token) };
      const waiting = this.pending.byToken(hashSecret(token));
      if (waiting) return { ok: true, value: this.#waiting(waiting, token) };
    }
    const named = this.#byName(name);
    if (named?.removed) return fail(403, "removed", `your teacher has taken “${named.name}” off this session's roster; ask your teacher`, "name");
    if (named && rejoin?.code !== undefined) {
      if (!isRejoinCode(this.hostKeyHash, named.id, rejoin.code)) return fail(403, "wrong_rejoin_code", "that rejoin code is not right for this name; check it, or ask your teacher to let you back in", "rejoinCode");
      const studentToken = newSecret();
      await this.#newToken(named, hashSecret(studentToken), this.#event("rejoin", [named.table], `${named.name} back on another device (rejoin code)`, [{ table: named.table, ok: true }]));
      return { ok: true, value: this.#assignment(named, studentToken) };
    }
    if ((this.locked || (named && rejoin?.askTeacher)) && this.pending.size >= MAX_PENDING)
      return fail(429, "too_many_waiting", `${MAX_PENDING} people are already waiting for the teacher; ask your teacher`);
    if (named && rejoin?.askTeacher) {
      const { request, token: waitToken } = this.pending.add("rejoin", named.name, named.preference, this.#scheduler.now(), named.id);
      return { ok: true, value: this.#waiting(request, waitToken) };
    }
    if (named)
      return fail(409, "name_taken", `someone in this session is already called “${name}”; if that is you on another device, enter your rejoin code or ask your teacher to let you back in — otherwise add an initial or a number`, "name");
    if (this.locked) {
      const { request, token: waitToken } = this.pending.add("join", name, preference, this.#scheduler.now());
      return { ok: true, value: this.#waiting(request, waitToken) };
    }
    const seated = await this.#seatNew(name, preference, newSecret());
    return seated.ok ? { ok: true, value: this.#assignment(seated.value.student, seated.value.token) } : seated;
  }

  /** Seats a new student by the session's balancing rule, records them and tells their table. */
  async #seatNew(name: string, preference: PartyId | null, studentToken: string): Promise<Outcome<{ student: Student; token: string }>> {
    const seat = chooseSeat(this.#counts(), this.settings.teamSize, preference, this.settings.againstPreference);
    if (!seat) return fail(409, "session_full", `every table is full (${this.tables.length} tables, ${this.settings.teamSize} people per party); ask your teacher to make teams bigger`);
    const table = seat.table + 1;
    // A late joiner's first week is the one their table is in now.
    await this.live(table);
    const student: Student = {
      tokenHash: hashSecret(studentToken), name, preference, table, seat: seat.party, version: 1,
      id: newStudentId(), stints: [{ table, seat: seat.party, fromRound: this.#roundAt(table) }],
    };
    this.#recorder?.joined(this.code, student);
    this.students.set(student.tokenHash, student);
    await this.sendSeating([table]);
    return { ok: true, value: { student, token: studentToken } };
  }

  /** The student's seat now goes with a new token (another device): the old device's connection is taken from the seat. */
  async #newToken(s: Student, tokenHash: string, event: HostEvent): Promise<void> {
    const before = s.tokenHash;
    const changed: Student = { ...s, tokenHash, version: s.version + 1 };
    this.#recorder?.rosterChanged(this.code, [{ before, student: changed }], this.events.length, event);
    this.students.delete(before);
    Object.assign(s, changed);
    this.students.set(tokenHash, s);
    this.events.push(event);
    await this.sendSeating([s.table]);
  }

  /** Where a student sits now (their page asks again to follow a move), or that they still wait for the teacher. */
  whereIs(token: string): Outcome<Assignment | Waiting> {
    const hash = token === "" ? "" : hashSecret(token);
    const s = hash === "" ? undefined : this.students.get(hash);
    if (s?.removed) return fail(410, "removed", "your teacher has taken you off this session's roster");
    if (s) return { ok: true, value: this.#assignment(s, token) };
    const waiting = hash === "" ? undefined : this.pending.byToken(hash);
    if (waiting) return { ok: true, value: this.#waiting(waiting, token) };
    if (hash !== "" && this.pending.wasRefused(hash)) return fail(403, "not_admitted", "your teacher did not let this device in; ask your teacher");
    return fail(404, "unknown_student", "this student token is not known in this session; join again with your name");
  }

  /** The host moves a student to a seat (their connection to the old seat is closed; their page follows). */
  async move(name: string, table: number, seat: PartyId): Promise<Outcome<Placement>> {
    const s = this.#byName(name);
    if (!s || s.removed) return fail(404, "unknown_student", `no student called “${name}” in this session`, "student");
    if (table > this.tables.length) return fail(400, "unknown_table", `this session has ${this.tables.length} tables`, "table");
    if (s.table === table && s.seat === seat) return { ok: true, value: this.#placement(s) };
    // The week the table is in now (the student's stint there starts with it).
    await this.live(table);
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
    if (!x || x.removed) return fail(404, "unknown_student", `no student called “${a}” in this session`, "a");
    if (!y || y.removed) return fail(404, "unknown_student", `no student called “${b}” in this session`, "b");
    if (x === y) return fail(400, "bad_payload", "choose two different students", "b");
    await Promise.all([...new Set([x.table, y.table])].map((n) => this.live(n)));
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
    const moved = moves.map(({ student, table, seat }) => ({
      ...student, table, seat, version: student.version + 1,
      stints: [...(student.stints ?? []), { table, seat, fromRound: this.#roundAt(table) }],
    }));
    this.#recorder?.relocated(this.code, moved, this.events.length, event);
    const leaving = moves.map(({ student: s }) => ({ code: this.tables[s.table - 1]!.code, seat: s.seat, name: s.name }));
    moves.forEach(({ student: s }, i) => Object.assign(s, moved[i]));
    this.events.push(event);
    // The tables' new seating lists take the students from their old seats (and let them sit at the new ones).
    await this.sendSeating([...moves.map((m) => m.table), ...leaving.map((_, i) => this.#tableNumberOf(leaving[i]!.code))]);
    await Promise.all(leaving.map((l) => this.#access.kick(l.code, l.seat, l.name)));
  }

  #tableNumberOf(code: string): number {
    return this.tables.find((t) => t.code === code)?.number ?? 0;
  }

  // ── the roster: the host's changes to who is in the session ──────────────────────────────────

  #roster(changes: Array<{ before: string; student: Student }>, event: HostEvent): void {
    this.#recorder?.rosterChanged(this.code, changes, this.events.length, event);
    for (const { before, student } of changes) Object.assign(this.students.get(before)!, student);
    this.events.push(event);
  }

  /** The host takes a student off the roster: their seat goes back to a bot or their team; their record stays. */
  async remove(name: string): Promise<Outcome<{ name: string }>> {
    if (this.status === "ended") return fail(410, "session_ended", "the session has ended");
    const s = this.#byName(name);
    if (!s || s.removed) return fail(404, "unknown_student", `no student called “${name}” in this session`, "student");
    this.#roster([{ before: s.tokenHash, student: { ...s, removed: true, version: s.version + 1 } }], this.#event("remove", [s.table], `${s.name} taken off the roster`, [{ table: s.table, ok: true }]));
    this.pending.dropFor(s.id);
    await this.sendSeating([s.table]);
    return { ok: true, value: { name: s.name } };
  }

  /** The host renames a student (a typo, a nickname): the table shows the new name at once. */
  async rename(name: string, to: string): Promise<Outcome<{ name: string }>> {
    const s = this.#byName(name);
    if (!s || s.removed) return fail(404, "unknown_student", `no student called “${name}” in this session`, "student");
    const other = this.#byName(to);
    if (other && other !== s) return fail(409, "name_taken", `someone in this session is already called “${to}”`, "name");
    if (s.name === to) return { ok: true, value: { name: to } };
    this.#roster([{ before: s.tokenHash, student: { ...s, name: to } }], this.#event("rename", [s.table], `${s.name} → ${to}`, [{ table: s.table, ok: true }]));
    await this.sendSeating([s.table]);
    return { ok: true, value: { name: to } };
  }

  /** The host locks joining (new names then wait to be admitted) or opens it again. */
  setLocked(locked: boolean): Outcome<{ locked: boolean }> {
    if (this.status === "ended") return fail(410, "session_ended", "the session has ended");
    if (this.locked === locked) return { ok: true, value: { locked } };
    const event = this.#event(locked ? "lock" : "unlock", [], locked ? "joining locked" : "joining open", []);
    this.#recorder?.settingsChanged(this.code, this.settings, locked, this.events.length, event);
    this.locked = locked;
    this.events.push(event);
    return { ok: true, value: { locked } };
  }

  /** The host changes the most people per party team; never below a team that is already bigger. */
  setTeamSize(teamSize: number): Outcome<{ teamSize: number }> {
    if (this.status === "ended") return fail(410, "session_ended", "the session has ended");
    const counts = this.#counts();
    for (const [i, table] of counts.entries())
      for (const party of PARTY_IDS)
        if (table[party] > teamSize)
          return fail(409, "team_too_big", `the ${party} team at table ${i + 1} already has ${table[party]} people; move someone first, or choose at least ${table[party]}`, "teamSize");
    const settings = { ...this.settings, teamSize };
    const event = this.#event("team size", [], `${this.settings.teamSize} → ${teamSize} per party`, []);
    this.#recorder?.settingsChanged(this.code, settings, this.locked, this.events.length, event);
    this.settings = settings;
    this.events.push(event);
    return { ok: true, value: { teamSize } };
  }

  /** The host answers a waiting request: a late joiner is seated, a student gets their seat back on the new device; or refused. */
  async answer(requestId: string, admit: boolean): Promise<Outcome<{ name: string; admitted: boolean }>> {
    if (this.status === "ended") return fail(410, "session_ended", "the session has ended");
    const r = this.pending.get(requestId);
    if (!r) return fail(404, "unknown_request", "that request has been answered already, or its page stopped asking", "request");
    if (!admit) {
      this.pending.settle(r.id, true);
      this.#record("refuse", [], `${r.name} (${r.kind === "rejoin" ? "another device" : "late joiner"}) not let in`, []);
      return { ok: true, value: { name: r.name, admitted: false } };
    }
    if (r.kind === "rejoin") {
      const s = [...this.students.values()].find((x) => x.id === r.student && !x.removed);
      if (!s) return fail(404, "unknown_student", `“${r.name}” is no longer on the roster`, "request");
      this.pending.settle(r.id, false);
      await this.#newToken(s, r.tokenHash, this.#event("admit", [s.table], `${s.name} back on another device`, [{ table: s.table, ok: true }]));
      return { ok: true, value: { name: s.name, admitted: true } };
    }
    if (this.#byName(r.name)) return fail(409, "name_taken", `someone in this session is already called “${r.name}”; refuse this request and ask them to add an initial`, "request");
    const seat = chooseSeat(this.#counts(), this.settings.teamSize, r.preference, this.settings.againstPreference);
    if (!seat) return fail(409, "session_full", `every team is full (${this.settings.teamSize} people per party); make teams bigger first`, "request");
    const table = seat.table + 1;
    await this.live(table);
    const student: Student = {
      tokenHash: r.tokenHash, name: r.name, preference: r.preference, table, seat: seat.party, version: 1,
      id: newStudentId(), stints: [{ table, seat: seat.party, fromRound: this.#roundAt(table) }],
    };
    this.#recorder?.joined(this.code, student);
    this.pending.settle(r.id, false);
    this.students.set(student.tokenHash, student);
    this.#record("admit", [table], `${r.name} let in late → table ${table}, ${seat.party}`, [{ table, ok: true }]);
    await this.reopen(table);
    await this.sendSeating([table]);
    return { ok: true, value: { name: r.name, admitted: true } };
  }

  /** The key the session's projector and spectator links carry (server/session-seating.ts). */
  viewerKey(): string {
    return viewerKeyFor(this.hostKeyHash);
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
      students: [...this.students.values()].filter((s) => !s.removed).map((s) => ({ name: s.name, table: s.table, seat: s.seat, preference: s.preference })),
      tables: this.tables.map((t, i) => this.#tableOverview(t, live[i])),
      events: this.events.slice(-30),
      roster: rosterLines([...this.students.values()], live, this.hostKeyHash),
      pending: this.pending.list().map(({ id, kind, name, at }) => ({ id, kind, name, at })),
      locked: this.locked,
      viewerKey: this.viewerKey(),
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
          assigned: [...this.students.values()].filter((s) => !s.removed && s.table === record.number && s.seat === party).map((s) => s.name),
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
  /** Every student, removed ones included, with connection and last action (roster.ts). */
  roster: RosterLine[];
  /** Requests waiting for the host: late joiners while joining is locked, students back on another device. */
  pending: Array<{ id: string; kind: "join" | "rejoin"; name: string; at: number }>;
  locked: boolean;
  /** What the session's projector and spectator links carry (server/session-seating.ts). */
  viewerKey: string;
  /** The event card of each week at every table (shared/session-deck.ts); null when each table draws its own. */
  deck: string[] | null;
  /** When the session was created and the server's time now: the console's lesson clock counts from these. */
  createdAt: number;
  now: number;
}
