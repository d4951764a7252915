// One table's parts wired together: the engine state and its pipeline, the seats, the clock, the
// bots and the mirror. The Colyseus room forwards its lifecycle and messages here; this module
// knows nothing of sockets beyond sending a client its `welcome` and `reply`.
import type { Client } from "@colyseus/core";
import { createGame } from "../shared/setup.ts";
import { defaultScenario } from "../shared/scenario.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import type { GameState } from "../shared/state.ts";
import { MESSAGE, type Reply, type SeatChoice, type SeatRole, type Welcome } from "../shared/protocol.ts";
import { parseCreateOptions, parseJoinOptions, type CreateOptions } from "./join-options.ts";
import { newSecret, sameSecret, Seats } from "./seats.ts";
import { TableClock, type Scheduler, type TimerHandle } from "./table-clock.ts";
import { BotDriver } from "./bot-driver.ts";
import { IntentPipeline, requestIdOf } from "./intent-pipeline.ts";
import { StateMirror } from "./state-mirror.ts";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limit.ts";

/** Server-wide settings (not client options: a client cannot change them). */
export interface ServerConfig {
  scheduler: Scheduler;
  /** Typical pause before a bot acts. */
  botDelayMs: number;
  /** How long a dropped client keeps its seat before a bot takes over. */
  graceSeconds: number;
  /** A table nobody is at (or in the grace of) closes after this long. */
  idleDisposeSeconds: number;
  rateLimit: RateLimitOptions;
  /** Starting point of the tables' seeds when the creator gives none (tests fix it). */
  seed?: () => number;
}

export const defaultServerConfig = (scheduler: Scheduler): ServerConfig => ({
  scheduler,
  botDelayMs: 700,
  graceSeconds: 120,
  idleDisposeSeconds: 15 * 60,
  rateLimit: DEFAULT_RATE_LIMIT,
});

/** What the session needs from its Colyseus room. */
export interface RoomPort {
  /** Sends the state patch now. */
  flush(): void;
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
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export class TableSession {
  readonly code: string;
  readonly hostKey = newSecret();
  readonly options: CreateOptions;
  readonly scenario: Scenario;
  readonly seats: Seats;
  readonly clock: TableClock;
  readonly mirror: StateMirror;
  readonly pipeline: IntentPipeline;
  readonly bots: BotDriver;
  #config: ServerConfig;
  #port: RoomPort;
  #limiter: RateLimiter;
  #grace = new Map<string, { timer: TimerHandle; expire: () => void }>();
  #idle: TimerHandle | null = null;
  #creatorJoined = false;

  static create(code: string, raw: unknown, config: ServerConfig, port: RoomPort): Outcome<TableSession> {
    const parsed = parseCreateOptions(raw);
    if (!parsed.ok) return parsed;
    const options = parsed.value;
    if (options.solo && (options.seat === "spectator" || options.seat === "facilitator"))
      return { ok: false, message: "seat: a solo table needs you in a party seat (or any)" };
    const scenario = defaultScenario();
    const seed = options.seed ?? (config.seed ? config.seed() : Math.floor(Math.random() * 2 ** 31));
    const gameOptions = options.rounds === undefined ? { seed } : { seed, rounds: options.rounds };
    const game = createGame(scenario, gameOptions);
    if (!game.ok) return { ok: false, message: game.error.message };
    return { ok: true, value: new TableSession(code, options, scenario, game.value, gameOptions, config, port) };
  }

  private constructor(
    code: string,
    options: CreateOptions,
    scenario: Scenario,
    state: GameState,
    gameOptions: { seed: number; rounds?: number },
    config: ServerConfig,
    port: RoomPort,
  ) {
    this.code = code;
    this.options = options;
    this.scenario = scenario;
    this.#config = config;
    this.#port = port;
    this.#limiter = new RateLimiter(config.rateLimit);
    this.seats = new Seats(options.botsFillEmptySeats);
    this.mirror = new StateMirror(code);
    this.clock = new TableClock(config.scheduler, () => this.pipeline.expire());
    const timed = options.timers ?? !options.solo;
    this.pipeline = new IntentPipeline({
      scenario,
      state,
      log: { scenarioId: scenario.id, options: gameOptions, actions: [] },
      seats: this.seats,
      clock: this.clock,
      mirror: this.mirror,
      scheduler: config.scheduler,
      hostKey: this.hostKey,
      negotiationMs: timed ? (options.negotiationSeconds ?? scenario.timers.negotiationSeconds) * 1000 : null,
      decisionMs: timed ? (options.decisionSeconds ?? scenario.timers.decisionSeconds) * 1000 : null,
      flush: () => port.flush(),
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
    this.pipeline.refresh();
    this.#checkIdle();
  }

  /** Checks a join's options (before the client is let in). */
  authorise(raw: unknown): Outcome<JoinAuth> {
    const parsed = parseJoinOptions(raw);
    if (!parsed.ok) return parsed;
    const { name, seat, hostKey, seatToken } = parsed.value;
    const creator = !this.#creatorJoined;
    if (seat === "facilitator" && !creator && (hostKey === undefined || !sameSecret(hostKey, this.hostKey)))
      return { ok: false, message: "hostKey: joining as facilitator needs this table's host key" };
    const resolved = this.seats.resolve(seat, seatToken);
    if (!resolved.ok) return resolved;
    return { ok: true, value: { name, role: resolved.role, choice: seat, seatToken, creator } };
  }

  join(client: Client, auth: JoinAuth): void {
    // `any` is resolved again: another join may have taken that seat since authorise(). If no
    // seat is free any more, the person joins the team they were given rather than being refused.
    let role = auth.role;
    if (auth.choice === "any" && auth.seatToken === undefined) {
      const again = this.seats.resolve("any");
      if (again.ok) role = again.role;
    }
    const holder = auth.seatToken === undefined ? undefined : this.seats.holderOf(auth.seatToken);
    if (holder) this.#grace.get(holder.sessionId)?.expire();
    const occupant = this.seats.add(client.sessionId, auth.name, role, auth.seatToken);
    this.mirror.grant(client, role);
    if (auth.creator) this.#creatorJoined = true;
    this.#cancelIdle();
    const welcome: Welcome = { seat: role, code: this.code, name: auth.name, seatToken: occupant.token };
    if (auth.creator) welcome.hostKey = this.hostKey;
    client.send(MESSAGE.welcome, welcome);
    // A solo game begins as soon as its player sits down.
    if (this.options.solo && this.pipeline.state.stage === "briefing" && role !== "spectator" && role !== "facilitator")
      this.pipeline.begin();
    else this.pipeline.refresh();
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
    const welcome: Welcome = { seat: occupant.role, code: this.code, name: occupant.name, seatToken: occupant.token };
    client.send(MESSAGE.welcome, welcome);
    this.pipeline.refresh();
  }

  leave(client: Client): void {
    this.#grace.get(client.sessionId)?.timer.cancel();
    this.#grace.delete(client.sessionId);
    this.#gone(client.sessionId);
    this.mirror.revoke(client);
  }

  /** A client's `intent` or `command` (or anything else it sends). Always answers; never throws. */
  message(client: Client, type: string, raw: unknown): Reply {
    const requestId = requestIdOf(raw);
    if (!this.#limiter.take(client.sessionId))
      return { requestId, ok: false, error: { code: "rate_limited", message: `too many messages: at most ${this.#config.rateLimit.perSecond} a second (bursts of ${this.#config.rateLimit.burst}); wait a moment` } };
    if (type === MESSAGE.intent) return this.pipeline.intent({ kind: "person", sessionId: client.sessionId }, raw);
    if (type === MESSAGE.command) return this.pipeline.command({ kind: "host", sessionId: client.sessionId }, raw);
    return { requestId, ok: false, error: { code: "bad_payload", message: `unknown message type "${type.slice(0, 40)}"; send "intent" or "command"` } };
  }

  dispose(): void {
    this.bots.stop();
    this.clock.stop();
    this.#cancelIdle();
    for (const g of this.#grace.values()) g.timer.cancel();
    this.#grace.clear();
  }

  #gone(sessionId: string): void {
    if (!this.seats.remove(sessionId)) return;
    this.#limiter.forget(sessionId);
    this.pipeline.refresh();
    this.#checkIdle();
  }

  #checkIdle(): void {
    if (this.seats.present() > 0 || this.#idle) return;
    this.#idle = this.#config.scheduler.setTimeout(() => {
      this.#idle = null;
      if (this.seats.present() === 0) this.#port.close();
    }, this.#config.idleDisposeSeconds * 1000);
  }

  #cancelIdle(): void {
    this.#idle?.cancel();
    this.#idle = null;
  }
}
