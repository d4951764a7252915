// The one path every intent takes — a person's message, a bot's move, a timer's expiry, a
// facilitator's command: validate the payload → check the sender may act for that seat (or holds
// the host key) → apply it with the rules → append it to the table's log → mirror the result into
// the synced state → send the patch at once (broadcastPatch, not the next patch tick).
// A refused message changes nothing and gets a typed error; nothing here throws.
//
// Team decisions: the rules take one `decide` per seat per week, but a team must be able to change
// its mind. So a seat's `decide` is held here as its submission (and shown to the team as the rules'
// `draft`); a later `decide` from anyone in the team replaces it. The submissions go to the rules
// together when every seat has submitted, or when the decision deadline passes (the rules' `advance`
// then fills in every seat without one: its draft if legal, else what its bot would choose, keeping
// its commitments — shared/stand-in.ts). The last submission before that counts.
import { apply, applyChecked, type GameLog } from "../shared/apply.ts";
import type { Action, PartyIntent } from "../shared/actions.ts";
import { PARTY_IDS, type PartyId, type Viewer } from "../shared/ids.ts";
import type { RuleError } from "../shared/result.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import type { Decision, GameState } from "../shared/state.ts";
import { cleanText } from "../shared/offer-book.ts";
import { cleanName, nameShows } from "../shared/display-name.ts";
import {
  commandMessageSchema,
  intentMessageSchema,
  MAX_REQUEST_ID,
  type ErrorCode,
  type Reply,
  type TableCommand,
} from "../shared/protocol.ts";
import type { z } from "zod";
import { matchesHash, type Seats } from "./seats.ts";
import type { Scheduler, TableClock, TimerSnapshot } from "./table-clock.ts";
import type { StateMirror } from "./state-mirror.ts";
import type { Credit } from "./action-credits.ts";
import { payloadSizeProblem } from "./payload-size.ts";

export type Actor =
  | { kind: "person"; sessionId: string }
  | { kind: "bot"; party: PartyId }
  | { kind: "timer" }
  | { kind: "host"; sessionId: string };

/** One accepted intent or command, as the table's record keeps it. */
export interface JournalEntry {
  seq: number;
  at: number;
  actor: string;
  /** `table`: done by the table itself (a deadline, a solo game's start). */
  kind: "intent" | "command" | "table";
  type: string;
}

export interface PipelineOptions {
  scenario: Scenario;
  state: GameState;
  log: GameLog;
  seats: Seats;
  clock: TableClock;
  mirror: StateMirror;
  scheduler: Scheduler;
  /** SHA-256 of the table's host key (the key itself is not kept). */
  hostKeyHash: string;
  /** Who did each action of `log` so far (restored with the log; empty for a new table). */
  credits?: Credit[];
  /** At a classroom session's table: the session's id of the student on a connection. */
  studentOf?(sessionId: string): string | undefined;
  /**
   * Records an accepted change durably, before its reply and patch go out. Throwing refuses the
   * change (`internal_error`): what was not recorded is not acknowledged.
   */
  persist?(change: RecordedChange): void;
  /** Stage durations; null for an untimed stage. */
  negotiationMs: number | null;
  decisionMs: number | null;
  /**
   * Sends the patch now (the room's broadcastPatch). `rest`, when given, writes the sections of
   * everyone but the person being answered: the room may send that person's patch and reply
   * first, and must run `rest` before anything else changes the synced state.
   */
  flush(rest?: () => void): void;
  /** After every change: lets the bots look at the table again. */
  afterCommit(): void;
}

/** What one accepted change adds to the table's durable record. */
export interface RecordedChange {
  /** Log position of the first action. */
  fromSeq: number;
  /** The rules' actions it applied (none for e.g. pause or announce). */
  actions: Action[];
  /** Who did each of `actions` (action-credits.ts). */
  credits: Credit[];
  submissions: Array<[PartyId, Submission]>;
  announcement: string;
  clock: TimerSnapshot;
}

export type Failure = { code: ErrorCode; message: string; field?: string };
/** A team's decision for the week, held until it goes to the rules: who submitted it, by name and credit. */
export interface Submission {
  decision: Decision;
  by: string;
  credit?: Credit;
}
const JOURNAL_LIMIT = 20_000;

// Credits that name no one: one object each, shared by every action so credited (a table keeps a
// credit per action for as long as it is open).
const BY_BOT: Credit = Object.freeze({ by: "bot" });
const BY_TIMER: Credit = Object.freeze({ by: "timer" });
const BY_HOST: Credit = Object.freeze({ by: "host" });
const BY_TABLE: Credit = Object.freeze({ by: "table" });

/** The table as it was before a change, to put back if the change is refused. */
interface Before {
  state: GameState;
  log: number;
  submissions: Map<PartyId, Submission> | null;
  announcement: string;
  weekNotice: WeekNotice | null;
}

/** An announcement about one week only (a rollback's notice): it comes down when the table leaves that week. */
interface WeekNotice {
  text: string;
  round: number;
}

/** The message's requestId, to echo in the reply ("" when it has none). */
export function requestIdOf(raw: unknown): string {
  const id = typeof raw === "object" && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
  return typeof id === "string" ? id.slice(0, MAX_REQUEST_ID) : "";
}

function zodProblem(error: z.ZodError): Failure {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join(".") : "";
  const message = issue ? `${field || "message"}: ${issue.message}` : "malformed message";
  return field ? { code: "bad_payload", message, field } : { code: "bad_payload", message };
}

/**
 * A seat's `intent` message read where it enters: at most MAX_PAYLOAD_CHARS of JSON, then the
 * protocol's schema, which is the rules' own (shared/actions.ts). What it gives is checked: the
 * rules apply it as it is (apply.ts applyChecked).
 */
export function readIntent(raw: unknown): { ok: true; intent: PartyIntent } | { ok: false; failure: Failure } {
  const problem = payloadSizeProblem(raw);
  if (problem) return { ok: false, failure: problem };
  const parsed = intentMessageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, failure: zodProblem(parsed.error) };
  const unseen = unseenText(parsed.data.intent);
  return unseen ? { ok: false, failure: unseen } : { ok: true, intent: parsed.data.intent };
}

/**
 * A message, statement, note or reason that is not empty but shows nothing (only zero-width
 * characters, joiners, blank filler letters): everyone would see an empty line from a party. It is
 * refused where it enters, not in the rules, so the logs of games that hold one still replay.
 */
function unseenText(intent: PartyIntent): Failure | null {
  for (const field of ["text", "note", "reason"] as const) {
    const value = (intent as Partial<Record<typeof field, unknown>>)[field];
    if (typeof value !== "string" || cleanText(value) === "" || nameShows(cleanName(value))) continue;
    return { code: "bad_payload", message: `intent.${field}: this shows nothing anyone could read (it holds only invisible characters)`, field: `intent.${field}` };
  }
  return null;
}

export class IntentPipeline {
  #o: PipelineOptions;
  state: GameState;
  readonly log: GameLog;
  readonly journal: JournalEntry[] = [];
  /** Decisions submitted this week, held until every seat has submitted or the deadline passes. */
  readonly submissions = new Map<PartyId, Submission>();
  /** Who did each action of the log, in the same order (action-credits.ts). */
  readonly credits: Credit[];
  /** The credit of the change being applied. */
  #credit: Credit = BY_TABLE;
  announcement = "";
  #weekNotice: WeekNotice | null = null;
  #seq = 0;

  constructor(options: PipelineOptions) {
    this.#o = options;
    this.state = options.state;
    this.log = options.log;
    this.credits = options.credits ? [...options.credits] : [];
    // A log from before credits were kept: its actions are the table's, as far as anyone knows.
    while (this.credits.length < this.log.actions.length) this.credits.push(BY_TABLE);
  }

  /** A party intent from a person's client or a bot. */
  intent(actor: Actor, raw: unknown): Reply {
    const requestId = requestIdOf(raw);
    try {
      const read = readIntent(raw);
      if (!read.ok) return refuse(requestId, read.failure);
      const party = this.#seatOf(actor);
      if (!party) return refuse(requestId, { code: "not_seated", message: "only a seated party can do this; spectators and the facilitator watch" });
      if (this.#o.clock.paused) return refuse(requestId, { code: "paused", message: "the table is paused by the facilitator" });
      const intent = read.intent;
      return this.#change(requestId, { actor: this.#label(actor, party), kind: "intent", type: intent.type }, () => this.#applyParty(party, intent, actor), this.#creditOf(actor), this.#viewerOf(actor));
    } catch (e) {
      return this.#internal(requestId, e);
    }
  }

  /**
   * A facilitator's command, authorised by the table's host key — or by `owner`: the classroom
   * session that created the table, in this process, which after a restart knows only the key's hash.
   */
  command(actor: Actor, raw: unknown, owner = false): Reply {
    const requestId = requestIdOf(raw);
    try {
      const problem = payloadSizeProblem(raw);
      if (problem) return refuse(requestId, problem);
      const parsed = commandMessageSchema.safeParse(raw);
      if (!parsed.success) return refuse(requestId, zodProblem(parsed.error));
      if (!owner && !matchesHash(parsed.data.hostKey, this.#o.hostKeyHash))
        return refuse(requestId, { code: "not_facilitator", message: "commands need this table's host key", field: "hostKey" });
      const command = parsed.data.command;
      return this.#change(requestId, { actor: this.#label(actor, null), kind: "command", type: command.type }, () => this.#applyCommand(command), BY_HOST, this.#viewerOf(actor));
    } catch (e) {
      return this.#internal(requestId, e);
    }
  }

  /** The stage deadline passed: the same as the facilitator's `advance`, done by the table itself. */
  expire(): void {
    try {
      this.#change("", { actor: "timer", kind: "table", type: "advance" }, () => this.#advance("system"), BY_TIMER);
    } catch (e) {
      this.#internal("", e);
    }
  }

  /** The table itself begins the game (a solo table, as soon as its player sits down). */
  begin(): void {
    try {
      this.#change("", { actor: "table", kind: "table", type: "begin" }, () => this.#apply({ type: "begin", by: "system" }), BY_TABLE);
    } catch (e) {
      this.#internal("", e);
    }
  }

  /** A person took over `party`'s seat after its bot had said it was done negotiating: its talks reopen. */
  reopen(party: PartyId): void {
    try {
      this.#change("", { actor: "table", kind: "table", type: "reopen" }, () => this.#apply({ type: "reopen", party, by: "system" }), BY_TABLE);
    } catch (e) {
      this.#internal("", e);
    }
  }

  /** Seats changed (join, drop, takeover): mirror and send, and let the bots look again. */
  refresh(): void {
    try {
      this.#commit();
    } catch (e) {
      console.error("[table] refresh failed:", e);
    }
  }

  hasSubmitted(party: PartyId): boolean {
    return this.submissions.has(party);
  }

  #seatOf(actor: Actor): PartyId | null {
    if (actor.kind === "bot") return this.#o.seats.isBot(actor.party) ? actor.party : null;
    if (actor.kind !== "person") return null;
    const role = this.#o.seats.get(actor.sessionId)?.role;
    return role && role !== "spectator" && role !== "facilitator" ? role : null;
  }

  /** What the person behind `actor` sees (their seat, the facilitator's view, or the public table); none for a bot or the timer. */
  #viewerOf(actor: Actor): Viewer | undefined {
    if (actor.kind !== "person" && actor.kind !== "host") return undefined;
    return this.#o.seats.get(actor.sessionId)?.role;
  }

  #creditOf(actor: Actor): Credit {
    if (actor.kind === "bot") return BY_BOT;
    if (actor.kind === "timer") return BY_TIMER;
    if (actor.kind === "host") return BY_HOST;
    const name = this.#o.seats.get(actor.sessionId)?.name ?? "?";
    const student = this.#o.studentOf?.(actor.sessionId);
    // When: the teacher's roster shows each student's last action.
    return { by: "person", name, ...(student === undefined ? {} : { student }), at: this.#o.scheduler.now() };
  }

  #label(actor: Actor, party: PartyId | null): string {
    if (actor.kind === "bot") return `bot:${actor.party}`;
    if (actor.kind === "timer") return "timer";
    const name = this.#o.seats.get(actor.sessionId)?.name ?? "?";
    return actor.kind === "host" ? `host:${name}` : `${party}:${name}`;
  }

  /** Runs one change; on success logs, mirrors and flushes it. A refusal leaves everything as it was. */
  #change(requestId: string, entry: Omit<JournalEntry, "seq" | "at">, change: () => Failure | null, credit: Credit, answering?: Viewer): Reply {
    this.#credit = credit;
    // The held submissions are copied only when there are any (none, all through the talks).
    const before: Before = { state: this.state, log: this.log.actions.length, submissions: this.submissions.size === 0 ? null : new Map(this.submissions), announcement: this.announcement, weekNotice: this.#weekNotice };
    let failure: Failure | null;
    try {
      failure = change();
    } catch (e) {
      this.#rollback(before);
      throw e;
    }
    if (failure) {
      this.#rollback(before);
      return refuse(requestId, failure);
    }
    this.#stageChanged(before.state);
    if (this.#o.persist) {
      try {
        this.#o.persist({
          fromSeq: before.log,
          actions: this.log.actions.slice(before.log),
          credits: this.credits.slice(before.log),
          submissions: [...this.submissions],
          announcement: this.announcement,
          clock: this.#o.clock.snapshot(),
        });
      } catch (e) {
        // Not recorded, so not acknowledged: put the table back (a changed stage restarts its clock).
        console.error("[table] could not record a change; it is refused:", e);
        const changed = this.state;
        this.#rollback(before);
        this.#stageChanged(changed);
        return refuse(requestId, { code: "internal_error", message: "the server could not record this; nothing was changed" });
      }
    }
    this.journal.push({ ...entry, seq: ++this.#seq, at: this.#o.scheduler.now() });
    if (this.journal.length > JOURNAL_LIMIT) this.journal.splice(0, this.journal.length - JOURNAL_LIMIT);
    this.#commit(answering);
    return { requestId, ok: true };
  }

  /**
   * Applies one action. `checked`: built here from a payload the protocol's schemas parsed (the
   * rules' own schemas, shared/actions.ts), so the rules do not check it again (apply.ts applyChecked).
   * A held submission may have come back from the store after a restart: it is checked as any data.
   */
  /**
   * Rules never change the state they are given, but one change may apply several actions before
   * one is refused (or, by a bug, throws): then everything is put back as it was.
   */
  #rollback(before: Before): void {
    this.state = before.state;
    this.log.actions.length = before.log;
    this.credits.length = before.log;
    this.submissions.clear();
    if (before.submissions) for (const [k, v] of before.submissions) this.submissions.set(k, v);
    this.announcement = before.announcement;
    this.#weekNotice = before.weekNotice;
  }

  /**
   * The announcement now up is about this week only (a rollback's notice): it comes down when the
   * table moves to another week or ends, unless it was replaced meanwhile. Kept in memory only: after
   * a restart it stays up until cleared, like any announcement.
   */
  announcementForThisWeek(): void {
    this.#weekNotice = this.announcement ? { text: this.announcement, round: this.state.round } : null;
  }

  #apply(action: Action, checked = true): RuleError | null {
    const next = checked ? applyChecked(this.#o.scenario, this.state, action) : apply(this.#o.scenario, this.state, action);
    if (!next.ok) return next.error;
    this.state = next.value;
    this.log.actions.push(action);
    this.credits.push(this.#credit);
    return null;
  }

  #applyParty(party: PartyId, intent: PartyIntent, actor: Actor): Failure | null {
    if (intent.type === "draft" && this.submissions.has(party))
      return { code: "already_decided", message: "your team has submitted this week's decisions; send decide again to replace them" };
    if (intent.type !== "decide") return this.#apply({ ...intent, by: party } as Action);
    // The submission is checked by the rules as the seat's draft, which the team sees.
    const refused = this.#apply({ type: "draft", by: party, decision: intent.decision });
    if (refused) return refused;
    const by = actor.kind === "person" ? (this.#o.seats.get(actor.sessionId)?.name ?? "?") : "bot";
    this.submissions.set(party, { decision: intent.decision, by, credit: this.#credit });
    if (PARTY_IDS.every((p) => this.submissions.has(p))) this.#forwardSubmissions();
    return null;
  }

  /** Hands the week's submissions to the rules; the last one resolves the round. */
  #forwardSubmissions(): void {
    for (const party of PARTY_IDS) {
      const submission = this.submissions.get(party);
      if (!submission || this.state.stage !== "decisions") continue;
      // The decision is the submitter's, whoever's change hands it to the rules.
      const credit = this.#credit;
      this.#credit = submission.credit ?? BY_TABLE;
      const refused = this.#apply({ type: "decide", by: party, decision: submission.decision }, false);
      this.#credit = credit;
      // Checked when submitted; only an event injected since could make it illegal. The seat then
      // gets the stand-in decision at the deadline, like a seat that did not decide.
      if (refused) console.warn(`[table] ${party}'s submitted decision no longer holds: ${refused.message}`);
    }
    this.submissions.clear();
  }

  #advance(by: "system" | "facilitator"): Failure | null {
    if (this.state.stage === "decisions") {
      const round = this.state.round;
      this.#forwardSubmissions();
      if (this.state.stage !== "decisions" || this.state.round !== round) return null;
    }
    return this.#apply({ type: "advance", by });
  }

  #applyCommand(command: TableCommand): Failure | null {
    const clock = this.#o.clock;
    // Once the game has ended there is no stage to pause, extend or announce in (the debrief stays as it is).
    if (this.state.stage === "ended" && command.type !== "begin" && command.type !== "advance" && command.type !== "inject")
      return { code: "game_over", message: "the game is over" };
    switch (command.type) {
      case "begin":
      case "inject":
      case "reopen":
        return this.#apply({ ...command, by: "facilitator" } as Action);
      case "advance":
        return this.#advance("facilitator");
      case "pause":
        clock.pause();
        return null;
      case "resume":
        clock.resume();
        return null;
      case "extend":
        return clock.extend(command.seconds * 1000) ? null : { code: "wrong_stage", message: "no stage timer is running at this table" };
      case "announce":
        this.announcement = cleanText(command.text);
        return null;
    }
  }

  #stageChanged(before: GameState): void {
    const s = this.state;
    if (s.stage === before.stage && s.round === before.round) return;
    if (this.#weekNotice && (s.round !== this.#weekNotice.round || s.stage === "ended")) {
      if (this.announcement === this.#weekNotice.text) this.announcement = "";
      this.#weekNotice = null;
    }
    if (s.stage !== "decisions") this.submissions.clear();
    const duration = s.stage === "negotiation" ? this.#o.negotiationMs : s.stage === "decisions" ? this.#o.decisionMs : null;
    if (s.stage === "ended") this.#o.clock.stop();
    this.#o.clock.startStage(s.stage, duration);
  }

  /** Mirrors the table and sends the patch; `first`: the viewer of the person being answered, whose patch may leave first. */
  #commit(first?: Viewer): void {
    const seats = this.#o.seats.summaries((party) => this.submissions.get(party)?.by ?? "");
    const input = {
      scenario: this.#o.scenario,
      game: this.state,
      seats,
      timer: this.#o.clock.snapshot(),
      announcement: this.announcement,
      watched: this.#o.seats.watched(),
    };
    if (first === undefined) {
      this.#o.mirror.update(input);
      this.#o.flush();
    } else this.#o.flush(this.#o.mirror.update(input, first));
    this.#o.afterCommit();
  }

  #internal(requestId: string, e: unknown): Reply {
    console.error("[table] internal error:", e);
    return refuse(requestId, { code: "internal_error", message: "the server could not handle this message; nothing was changed" });
  }
}

function refuse(requestId: string, f: Failure): Reply {
  return { requestId, ok: false, error: f.field === undefined ? { code: f.code, message: f.message } : { code: f.code, message: f.message, field: f.field } };
}
