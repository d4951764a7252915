// One table's parts wired together: the engine state and its pipeline, the seats, the clock, the
// bots and the mirror. The Colyseus room forwards its lifecycle and messages here; this module
// knows nothing of sockets beyond sending a client its `welcome` and `reply`.
import type { Client } from "@colyseus/core";
import { createGame, type GameOptions } from "../shared/setup.ts";
import { defaultScenario } from "../shared/scenario.ts";
import type { ClassroomTable } from "./classroom/table-scenarios.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import type { GameState } from "../shared/state.ts";
import { MESSAGE, type RecordReply, type Reply, type SeatChoice, type SeatRole, type Welcome } from "../shared/protocol.ts";
import { answerRecord } from "./record-desk.ts";
import { parseCreateOptions, parseJoinOptions, type CreateOptions, type JoinOptions } from "./join-options.ts";
import { hashSecret, matchesHash, newSecret, Seats } from "./seats.ts";
import { readSeating, SessionSeating, type SeatingEntry } from "./session-seating.ts";
import { replay } from "../shared/apply.ts";
import type { Action } from "../shared/actions.ts";
import { isPartyId, type PartyId } from "../shared/ids.ts";
import type { Decision } from "../shared/state.ts";
import type { TableStore } from "./persistence/table-store.ts";
import { lifecycle, type Restoring } from "./persistence/restore.ts";
import { scenarioText } from "./persistence/stored-scenarios.ts";
import { TableClock, type Scheduler, type TimerHandle } from "./table-clock.ts";
import { BotDriver } from "./bot-driver.ts";
import { IntentPipeline, requestIdOf, type Submission } from "./intent-pipeline.ts";
import { readCredit } from "./action-credits.ts";
import { StateMirror } from "./state-mirror.ts";
import { RequestMemory } from "./request-memory.ts";
import { DEFAULT_RATE_LIMIT, RateLimiter, type AddressLimiter, type AddressLimitOptions, type RateLimitOptions } from "./rate-limit.ts";

/** Whether `scenario` says exactly what the built-in one says (its JSON made once per scenario object). */
const isBuiltIn = (scenario: Scenario) => scenario === defaultScenario() || scenarioText(scenario).hash === scenarioText(defaultScenario()).hash;

/** Server-wide settings (not client options: a client cannot change them). */
export interface ServerConfig {
  scheduler: Scheduler;
  /** Typical pause before a bot acts. */
  botDelayMs: number;
  /** How long a dropped client keeps its seat before a bot takes over. */
  graceSeconds: number;
  /** A table nobody is at (or in the grace of) closes after this long. */
  idleDisposeSeconds: number;
  /**
   * A finished game nobody is at (everyone left, or their reconnection grace ran out) closes after
   * this long: its debrief stays on the pages of those who played, nobody can take a seat at it
   * again, and its record stays in the store. A finished table holds a few hundred KB (its state,
   * its log, its synced state), so a busy server does not carry the games it has finished.
   */
  endedDisposeSeconds: number;
  /**
   * The same for a classroom session's table: the teacher's console copies a table's record from
   * its room (classroom/class-session.ts `live`), so a session's finished table waits longer for it.
   */
  sessionEndedDisposeSeconds: number;
  /**
   * A table nobody has joined since it was created closes after this long, and leaves the
   * database: a creation flood from scripts that never connect holds nothing for long.
   */
  unjoinedDisposeSeconds: number;
  rateLimit: RateLimitOptions;
  /** Starting point of the tables' seeds when the creator gives none (tests fix it). */
  seed?: () => number;
  /** The durable record of the tables (server/persistence); none keeps tables in memory only. */
  store?: TableStore | null;
  /** Per-address limits on joins, connections and messages (DEFAULT_ADDRESS_LIMITS when absent). */
  addressLimits?: AddressLimitOptions;
  /** The server's per-address buckets (made by buildServer from `addressLimits`). */
  addressLimiter?: AddressLimiter;
}

export const defaultServerConfig = (scheduler: Scheduler): ServerConfig => ({
  scheduler,
  botDelayMs: 700,
  graceSeconds: 120,
  idleDisposeSeconds: 15 * 60,
  endedDisposeSeconds: 10,
  sessionEndedDisposeSeconds: 2 * 60,
  unjoinedDisposeSeconds: 45,
  rateLimit: DEFAULT_RATE_LIMIT,
});

/** What the session needs from its Colyseus room. */
export interface RoomPort {
  /** Sends the state patch now (`rest`: see PipelineOptions.flush in intent-pipeline.ts). */
  flush(rest?: () => void): void;
  /** Closes the table. */
  close(): void;
}

export interface JoinAuth {
  name: string;
  role: SeatRole;
  /** What the person asked for (`any` is resolved again on joining). */
  choice: SeatChoice;
  seatToken: string | undefined;
  creator: boolean;
  /** At a classroom session's table: the student's token hash, when a student sits down. */
  studentHash?: string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export class TableSession {
  readonly code: string;
  /** The host key, to give the creator ("" for a restored table: only its hash was kept). */
  readonly hostKey: string;
  readonly hostKeyHash: string;
  readonly options: CreateOptions;
  readonly scenario: Scenario;
  readonly seats: Seats;
  readonly clock: TableClock;
  readonly mirror: StateMirror;
  readonly pipeline: IntentPipeline;
  readonly bots: BotDriver;
  /** At a classroom session's table: who the session seats here (null at any other table). */
  readonly seating: SessionSeating | null;
  #config: ServerConfig;
  #port: RoomPort;
  #limiter: RateLimiter;
  /** The replies given to each person's recent requestIds: a repeat gets the same reply and changes nothing. */
  #answered = new RequestMemory();
  #grace = new Map<string, { timer: TimerHandle; expire: () => void }>();
  #idle: TimerHandle | null = null;
  #ownScenario: boolean;
  #creatorJoined = false;
  #store: TableStore | null;
  /** The table is closing for good (nobody came back), not because the server stops. */
  #closing = false;
  /** Nobody has joined the table since it was created (a creator that never connected). */
  #unjoined: TimerHandle | null = null;
  /** Closing a table nobody ever joined: its rows leave the database. */
  #forget = false;

  /** `classroom`: what a classroom session hands its table under the options' ticket (table-scenarios.ts). */
  static create(code: string, raw: unknown, config: ServerConfig, port: RoomPort, classroom?: ClassroomTable): Outcome<TableSession> {
    const parsed = parseCreateOptions(raw);
    if (!parsed.ok) return parsed;
    // Only a session's ticket makes a session's table: a client cannot ask for one.
    const options = { ...parsed.value, sessionTable: classroom !== undefined };
    if (options.solo && (options.seat === "spectator" || options.seat === "facilitator"))
      return { ok: false, message: "seat: a solo table needs you in a party seat (or any)" };
    // A classroom session's table plays the session's scenario (the teacher's changes).
    const scenario = classroom?.scenario ?? defaultScenario();
    const seed = options.seed ?? (config.seed ? config.seed() : Math.floor(Math.random() * 2 ** 31));
    const gameOptions: GameOptions = { seed };
    if (options.rounds !== undefined) gameOptions.rounds = options.rounds;
    if (options.deck !== undefined) gameOptions.deck = options.deck;
    const game = createGame(scenario, gameOptions);
    if (!game.ok) return { ok: false, message: game.error.message };
    return { ok: true, value: new TableSession(code, options, scenario, game.value, gameOptions, config, port, null, classroom?.hostKeyHash) };
  }

  /** Rebuilds a stored table after a restart: its log replayed by the rules, its seats and clock as they were. */
  static restore(restoring: Restoring, config: ServerConfig, port: RoomPort): Outcome<TableSession> {
    const { record } = restoring;
    const parsed = parseCreateOptions(record.options);
    if (!parsed.ok) return parsed;
    // A restored table of the built-in scenario plays the one copy every built-in table shares.
    const stored = record.scenario as Scenario;
    const scenario = isBuiltIn(stored) ? defaultScenario() : stored;
    const log = { scenarioId: record.scenarioId, options: record.gameOptions, actions: record.actions as Action[] };
    const state = replay(scenario, log);
    if (!state.ok) return { ok: false, message: `table ${record.code} could not be replayed: ${state.error.message}` };
    return { ok: true, value: new TableSession(record.code, parsed.value, scenario, state.value, record.gameOptions, config, port, restoring) };
  }

  private constructor(
    code: string,
    options: CreateOptions,
    scenario: Scenario,
    state: GameState,
    gameOptions: GameOptions,
    config: ServerConfig,
    port: RoomPort,
    restoring: Restoring | null,
    /** A classroom table's key is its session's: only the hash is handed over (table-scenarios.ts). */
    sessionKeyHash?: string,
  ) {
    this.code = code;
    this.hostKey = restoring || sessionKeyHash ? "" : newSecret();
    this.hostKeyHash = restoring ? restoring.record.hostKeyHash : (sessionKeyHash ?? hashSecret(this.hostKey));
    const store = (this.#store = config.store ?? null);
    this.options = options;
    this.seating = options.sessionTable ? new SessionSeating(this.hostKeyHash) : null;
    // A new session's table starts with nobody on its list; a restored one takes the list it kept
    // (server/persistence), or waits for its session's when it kept none.
    if (this.seating && !restoring) this.seating.received = true;
    if (this.seating && restoring?.record.seating) this.seating.replace(readSeating(restoring.record.seating));
    this.scenario = scenario;
    // A scenario with a teacher's changes travels in the welcome, so pages check moves against it.
    this.#ownScenario = !isBuiltIn(scenario);
    this.#config = config;
    this.#port = port;
    this.#limiter = new RateLimiter(config.rateLimit);
    this.seats = new Seats(
      options.botsFillEmptySeats,
      store ? { issued: (hash, role, name) => store.addToken(code, hash, role, name), revoked: (hash) => store.removeToken(code, hash) } : undefined,
    );
    if (store && !restoring) {
      // The creation options without secrets: a creator may have passed a key or token by mistake.
      const { hostKey: _k, seatToken: _t, studentToken: _s, viewerKey: _v, ...kept } = options;
      store.createTable({ code, createdAt: config.scheduler.now(), options: kept, scenarioId: scenario.id, scenario, gameOptions, hostKeyHash: this.hostKeyHash });
    }
    this.mirror = new StateMirror(code);
    this.clock = new TableClock(config.scheduler, () => this.pipeline.expire());
    const timed = options.timers ?? !options.solo;
    const negotiationMs = timed ? (options.negotiationSeconds ?? scenario.timers.negotiationSeconds) * 1000 : null;
    const decisionMs = timed ? (options.decisionSeconds ?? scenario.timers.decisionSeconds) * 1000 : null;
    this.pipeline = new IntentPipeline({
      scenario,
      state,
      log: { scenarioId: scenario.id, options: gameOptions, actions: restoring ? (restoring.record.actions as Action[]) : [] },
      seats: this.seats,
      clock: this.clock,
      mirror: this.mirror,
      scheduler: config.scheduler,
      hostKeyHash: this.hostKeyHash,
      ...(restoring ? { credits: restoring.record.credits.map(readCredit) } : {}),
      studentOf: (sessionId) => this.seating?.studentOn(sessionId)?.student,
      ...(store
        ? {
            persist: (c) =>
              store.appendChange(code, c.fromSeq, c.actions, { submissions: c.submissions, announcement: c.announcement }, c.clock, config.scheduler.now(), c.credits),
          }
        : {}),
      negotiationMs,
      decisionMs,
      flush: (rest) => port.flush(rest),
      afterCommit: () => this.bots.schedule(),
    });
    this.bots = new BotDriver(
      {
        scenario,
        state: () => this.pipeline.state,
        isBot: (p) => this.seats.isBot(p),
        paused: () => this.clock.paused,
        anyoneHere: () => this.seats.present() > 0,
        hasSubmitted: (p) => this.pipeline.hasSubmitted(p),
        submit: (party, intent) => this.pipeline.intent({ kind: "bot", party }, { requestId: "bot", intent }).ok,
      },
      { scheduler: config.scheduler, delayMs: config.botDelayMs, difficulty: options.difficulty, seed: state.config.seed },
    );
    if (restoring) this.#restoreTable(restoring, state.stage === "negotiation" ? negotiationMs : state.stage === "decisions" ? decisionMs : null);
    this.pipeline.refresh();
    this.#checkIdle();
    if (!this.#creatorJoined) this.#unjoined = config.scheduler.setTimeout(() => this.#closeUnjoined(), config.unjoinedDisposeSeconds * 1000);
  }

  /** Nobody came to the table they created: it closes, and is forgotten. */
  #closeUnjoined(): void {
    this.#unjoined = null;
    if (this.#creatorJoined || this.seats.present() > 0) return;
    this.#closing = true;
    this.#forget = true;
    this.#port.close();
  }

  #joinedOnce(): void {
    this.#unjoined?.cancel();
    this.#unjoined = null;
    this.#config.addressLimiter?.emptyTables.release(this.code);
  }

  /**
   * A table created by a classroom session has no creator: nobody who joins it gets its host key
   * or the facilitator's chair without the key. The session's host commands it through the session.
   */
  withoutCreator(): void {
    this.#joinedOnce();
    this.#creatorJoined = true;
    this.#store?.creatorJoined(this.code);
  }

  /**
   * Rolls the table back to `state`, the replay of the first `length` actions of its log (a
   * classroom host's rollback, shared/rollback.ts): later actions, held decisions and pending bot
   * moves are dropped, the stage clock starts the stage afresh (a pause carries over), the durable
   * record forgets the same actions, and everyone at the table gets the new state at once.
   */
  rewind(length: number, state: GameState): void {
    const { pipeline, clock, options, scenario } = this;
    this.bots.cancelAll();
    pipeline.log.actions.length = length;
    pipeline.credits.length = length;
    pipeline.state = state;
    pipeline.submissions.clear();
    const timed = options.timers ?? !options.solo;
    const seconds = state.stage === "negotiation" ? (options.negotiationSeconds ?? scenario.timers.negotiationSeconds) : state.stage === "decisions" ? (options.decisionSeconds ?? scenario.timers.decisionSeconds) : null;
    clock.startStage(state.stage, timed && seconds !== null ? seconds * 1000 : null);
    this.#store?.truncateLog(this.code, length, { submissions: [], announcement: pipeline.announcement }, clock.snapshot(), this.#config.scheduler.now());
    pipeline.refresh();
  }

  /** Whether the table's creator has joined (a session's table has none: it counts as joined). */
  hasCreator(): boolean {
    return this.#creatorJoined;
  }

  /** Checks a join's options (before the client is let in). */
  authorise(raw: unknown): Outcome<JoinAuth> {
    const parsed = parseJoinOptions(raw);
    if (!parsed.ok) return parsed;
    const { name, seat, hostKey, seatToken } = parsed.value;
    if (this.seating) return this.#authoriseAtSessionTable(parsed.value);
    const creator = !this.#creatorJoined;
    // A solo game is one person's against the bots: after its player sits down, a party seat is
    // taken back only by that player's seat token. Anyone with the code may still watch.
    if (this.options.solo && !creator && seatToken === undefined && seat !== "spectator" && seat !== "facilitator")
      return { ok: false, message: "seat: this is a solo game against the bots; only its player sits at it (others may watch)" };
    if (seat === "facilitator" && !creator && (hostKey === undefined || !matchesHash(hostKey, this.hostKeyHash)))
      return { ok: false, message: "hostKey: joining as facilitator needs this table's host key" };
    const resolved = this.seats.resolve(seat, seatToken);
    if (!resolved.ok) return resolved;
    return { ok: true, value: { name, role: resolved.role, choice: seat, seatToken, creator } };
  }

  /** A session's table: the session's list decides who sits where (server/session-seating.ts). */
  #authoriseAtSessionTable(o: JoinOptions): Outcome<JoinAuth> {
    const verdict = this.seating!.check({ seat: o.seat, hostKey: o.hostKey, studentToken: o.studentToken, viewerKey: o.viewerKey });
    if (!verdict.ok) return verdict;
    if (verdict.kind === "viewer") return { ok: true, value: { name: o.name, role: "spectator", choice: "spectator", seatToken: undefined, creator: false } };
    if (verdict.kind === "host") {
      const resolved = this.seats.resolve(o.seat, o.seatToken);
      if (!resolved.ok) return resolved;
      return { ok: true, value: { name: o.name, role: resolved.role, choice: o.seat, seatToken: o.seatToken, creator: false } };
    }
    const { entry } = verdict;
    // A seat token from a seat the student has since been moved away from does not take them back there.
    let seatToken = o.seatToken;
    let resolved = this.seats.resolve(entry.seat, seatToken);
    if (resolved.ok && resolved.role !== entry.seat) {
      seatToken = undefined;
      resolved = this.seats.resolve(entry.seat);
    }
    if (!resolved.ok) return resolved;
    return { ok: true, value: { name: entry.name, role: entry.seat, choice: entry.seat, seatToken, creator: false, studentHash: entry.tokenHash } };
  }

  /**
   * The session's new seating list: students it no longer seats here (moved or removed) leave their
   * seats at once (a bot or their team carries on), and renamed students show their new name.
   */
  reseat(entries: SeatingEntry[], leave: (sessionId: string) => void): number {
    if (!this.seating) return 0;
    const { leave: gone, renamed } = this.seating.replace(entries);
    this.#store?.setSeating(this.code, entries);
    let left = 0;
    for (const { sessionId, name } of renamed) {
      const occupant = this.seats.get(sessionId);
      if (occupant && !this.seating.holds(sessionId, occupant.role)) gone.push(sessionId);
      else if (occupant) occupant.name = name;
    }
    for (const sessionId of gone) {
      left++;
      leave(sessionId);
    }
    this.pipeline.refresh();
    return left;
  }

  /**
   * Frees the seat of someone who is not connected (inside the reconnection grace) at once, and
   * forgets their seat token: the teacher moved or removed them.
   */
  release(sessionId: string): void {
    const token = this.seats.get(sessionId)?.token;
    if (token) this.seats.revokeToken(token);
    const grace = this.#grace.get(sessionId);
    if (grace) grace.expire();
    else this.#gone(sessionId);
  }

  join(client: Client, auth: JoinAuth): void {
    // `any` is resolved again: another join may have taken that seat since authorise(). If no
    // seat is free any more, the person joins the team they were given rather than being refused.
    let role = auth.role;
    if (auth.choice === "any" && auth.seatToken === undefined) {
      const again = this.seats.resolve("any");
      if (again.ok) role = again.role;
    }
    // Whether this person takes the seat over from its bot: looked at before a returning holder's
    // grace ends (which empties the seat for a moment). Someone coming back with their own seat
    // token is not taking over: what the seat said was theirs.
    const fromBot = auth.seatToken === undefined && isPartyId(role) && this.seats.isBot(role);
    const holder = auth.seatToken === undefined ? undefined : this.seats.holderOf(auth.seatToken);
    if (holder) this.#grace.get(holder.sessionId)?.expire();
    // The seat's token, the seat and the creator's arrival are recorded in one transaction.
    const seated = () => {
      const occupant = this.seats.add(client.sessionId, auth.name, role, auth.seatToken);
      if (auth.studentHash) this.seating?.seated(client.sessionId, auth.studentHash);
      this.mirror.grant(client, role);
      // Recorded before the welcome hands out the token, so the seat survives a restart.
      this.#store?.seat(this.code, client.sessionId, role, auth.name, occupant.tokenHash);
      this.#joinedOnce();
      if (auth.creator) {
        this.#creatorJoined = true;
        this.#store?.creatorJoined(this.code);
      }
      return occupant;
    };
    const occupant = this.#store ? this.#store.together(seated) : seated();
    this.#cancelIdle();
    const welcome = this.#welcome(role, auth.name, occupant.token);
    if (auth.creator) welcome.hostKey = this.hostKey;
    client.send(MESSAGE.welcome, welcome);
    // A late arrival (or a student the teacher moved here) takes over a seat whose bot may already
    // have said "done negotiating": that was the bot's word, not theirs, so the talks reopen for them.
    if (fromBot && isPartyId(role) && this.pipeline.state.stage === "negotiation" && this.pipeline.state.parties[role].ready) this.pipeline.reopen(role);
    // A solo game begins as soon as its player sits down.
    if (this.options.solo && this.pipeline.state.stage === "briefing" && role !== "spectator" && role !== "facilitator")
      this.pipeline.begin();
    // The others see the seats strip change at the end of this turn: people sitting down together
    // (a class arriving) send each who is there one patch. The joiner's whole state, which is made
    // only once its client answers, is made after the owed refresh (settle()).
    else this.#refreshSoon();
  }

  /** Runs a refresh owed by #refreshSoon now (before a joiner's whole state is made from the synced state). */
  settle(): void {
    if (!this.#refreshOwed) return;
    this.#refreshOwed = false;
    this.pipeline.refresh();
  }

  /** The connection was lost: keep the seat for the grace period, then let a bot play it. */
  drop(client: Client, cancelReservation: () => void): void {
    const occupant = this.seats.get(client.sessionId);
    if (!occupant) return cancelReservation();
    this.seats.drop(client.sessionId);
    const expire = () => {
      this.#grace.get(client.sessionId)?.timer.cancel();
      this.#grace.delete(client.sessionId);
      cancelReservation();
      this.#gone(client.sessionId);
    };
    this.#grace.set(client.sessionId, { timer: this.#config.scheduler.setTimeout(expire, this.#config.graceSeconds * 1000), expire });
    this.pipeline.refresh();
  }

  reconnect(client: Client): void {
    this.#grace.get(client.sessionId)?.timer.cancel();
    this.#grace.delete(client.sessionId);
    const occupant = this.seats.get(client.sessionId);
    if (!occupant) return;
    this.seats.reconnect(client.sessionId);
    client.send(MESSAGE.welcome, this.#welcome(occupant.role, occupant.name, occupant.token));
    this.pipeline.refresh();
  }

  /**
   * The person left: on purpose (`consented`: their seat token is revoked too), or the grace ran out.
   * The seat is freed at once (and its token and seat leave the store in one transaction); the
   * others see the seats strip change at the end of this turn of the event loop (#refreshSoon), so
   * people leaving a table together (a finished game's six) send each who stays one patch.
   */
  leave(client: Client, consented = false): void {
    const occupant = this.seats.get(client.sessionId);
    // A person restored after a restart and not yet back has no token (""), only its hash: kept.
    const revoking = consented && occupant !== undefined && occupant.token !== "" && !lifecycle.stopping;
    const left = () => {
      if (revoking) {
        this.seats.revokeTokenHash(occupant.tokenHash);
        this.#answered.forget(occupant.tokenHash);
      }
      this.#grace.get(client.sessionId)?.timer.cancel();
      this.#grace.delete(client.sessionId);
      this.#gone(client.sessionId, true);
    };
    if (this.#store && revoking) this.#store.together(left);
    else left();
    this.mirror.revoke(client);
  }

  /** Charges a frame the table could not even read to the client's message budget (frame-guard.ts). */
  spend(sessionId: string): boolean {
    return this.#limiter.take(sessionId);
  }

  /** A client's `intent` or `command` (or anything else it sends). Always answers; never throws. */
  message(client: Client, type: string, raw: unknown): Reply | RecordReply {
    const requestId = requestIdOf(raw);
    if (!this.#limiter.take(client.sessionId))
      return { requestId, ok: false, error: { code: "rate_limited", message: `too many messages: at most ${this.#config.rateLimit.perSecond} a second (bursts of ${this.#config.rateLimit.burst}); wait a moment` } };
    if (type === MESSAGE.intent || type === MESSAGE.command) {
      // Keyed by the person's seat token, which stays the same across reconnecting and rejoining.
      const person = this.seats.get(client.sessionId)?.tokenHash ?? client.sessionId;
      const again = this.#answered.recall(person, requestId);
      if (again) return again;
      const reply =
        type === MESSAGE.intent
          ? this.pipeline.intent({ kind: "person", sessionId: client.sessionId }, raw)
          : this.pipeline.command({ kind: "host", sessionId: client.sessionId }, raw);
      this.#answered.remember(person, requestId, reply);
      return reply;
    }
    // Reading the record changes nothing, so it is not remembered for a retry: asked again, answered again.
    if (type === MESSAGE.record) return answerRecord(this.scenario, this.pipeline.state, this.seats.get(client.sessionId)?.role, raw);
    return { requestId, ok: false, error: { code: "bad_payload", message: `unknown message type "${type.slice(0, 40)}"; send "intent", "command" or "record"` } };
  }

  dispose(): void {
    this.#disposed = true;
    // Closed for good only when nobody came back; a server that stops keeps its tables for the restart.
    if (this.#closing && !lifecycle.stopping) {
      // A table nobody ever joined has nothing worth keeping: its rows go (a creation flood must not fill the disk).
      if (this.#forget) this.#store?.deleteTable(this.code);
      else this.#store?.closeTable(this.code, this.#config.scheduler.now());
    }
    this.#config.addressLimiter?.emptyTables.release(this.code);
    this.#unjoined?.cancel();
    this.bots.stop();
    this.clock.stop();
    this.#cancelIdle();
    for (const g of this.#grace.values()) g.timer.cancel();
    this.#grace.clear();
  }

  /** What a person is told on joining or returning; a teacher's scenario travels with it, so pages check moves against it. */
  #welcome(seat: SeatRole, name: string, seatToken: string): Welcome {
    const welcome: Welcome = { seat, code: this.code, name, seatToken };
    if (this.#ownScenario) welcome.scenario = this.scenario;
    return welcome;
  }

  /** `soon`: the others' patch is sent at the end of this turn (#refreshSoon), not now. */
  #gone(sessionId: string, soon = false): void {
    this.seating?.left(sessionId);
    if (!this.seats.remove(sessionId)) return;
    if (!lifecycle.stopping) this.#store?.unseat(this.code, sessionId);
    this.#limiter.forget(sessionId);
    if (soon) this.#refreshSoon();
    else this.pipeline.refresh();
    this.#checkIdle();
  }

  /** A refresh is owed at the end of this turn (#refreshSoon). */
  #refreshOwed = false;
  #disposed = false;

  /**
   * Mirrors the seats and sends the patch once the event loop has handled what else has arrived
   * (setImmediate: the same turn, before any timer): several seats taken or freed in one turn make
   * one patch for each who is there, not one per seat. Whatever changes the synced state in between (an
   * action, a join) mirrors the seats as they are then, so nothing is ever sent out of order, and
   * the owed refresh then finds nothing left to send.
   */
  #refreshSoon(): void {
    if (this.#refreshOwed) return;
    this.#refreshOwed = true;
    setImmediate(() => {
      if (this.#refreshOwed && !this.#disposed) this.settle();
    });
  }

  #checkIdle(): void {
    if (this.seats.present() > 0 || this.#idle) return;
    const ended = this.pipeline.state.stage === "ended";
    this.#idle = this.#config.scheduler.setTimeout(
      () => {
        this.#idle = null;
        if (this.seats.present() !== 0) return;
        this.#closing = true;
        this.#port.close();
      },
      (ended ? Math.min(this.seating ? this.#config.sessionEndedDisposeSeconds : this.#config.endedDisposeSeconds, this.#config.idleDisposeSeconds) : this.#config.idleDisposeSeconds) * 1000,
    );
  }

  /**
   * After a restart: the held submissions, the announcement, the seat tokens, the people who were
   * seated (held as dropped, inside the grace, until they come back with their seat token) and the
   * stage clock with the time it had left when the old process stopped.
   */
  #restoreTable({ record, diedAt }: Restoring, stageMs: number | null): void {
    for (const [party, submission] of record.extras.submissions) this.pipeline.submissions.set(party as PartyId, submission as Submission);
    this.pipeline.announcement = record.extras.announcement;
    for (const t of record.tokens) this.seats.restoreToken(t.hash, t.role as SeatRole, t.name);
    this.#creatorJoined = record.creatorJoined;
    const placeholders = record.occupants.map((o, i) => ({ sessionId: `restored-${i}-${newSecret()}`, role: o.role, name: o.name, tokenHash: o.tokenHash }));
    for (const p of placeholders) {
      this.seats.addPlaceholder(p.sessionId, p.name, p.role as SeatRole, p.tokenHash);
      const expire = () => {
        this.#grace.get(p.sessionId)?.timer.cancel();
        this.#grace.delete(p.sessionId);
        this.#gone(p.sessionId);
      };
      this.#grace.set(p.sessionId, { timer: this.#config.scheduler.setTimeout(expire, this.#config.graceSeconds * 1000), expire });
    }
    this.#store?.replaceOccupants(this.code, placeholders);
    const clock = record.clock;
    const stage = this.pipeline.state.stage;
    // Paused first: a stage started while paused keeps exactly the time it is given.
    if (clock?.paused) this.clock.pause();
    if (!clock) {
      // Nothing was recorded since the table was created: its clock never started.
    } else if (stageMs !== null && clock.stage === stage) {
      // The time left when the old process stopped (at least a moment, to let people back in).
      const left = clock.paused ? clock.remainingMs : clock.endsAt > 0 ? clock.endsAt - diedAt : stageMs;
      this.clock.startStage(stage, Math.max(1000, Math.min(left, 24 * 3600_000)));
    } else {
      this.clock.startStage(stage, stage === "ended" || stage === "briefing" ? null : stageMs);
    }
  }

  #cancelIdle(): void {
    this.#idle?.cancel();
    this.#idle = null;
  }
}
