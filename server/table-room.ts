// The Colyseus room type `table`: one room per table of six seats. It only forwards — lifecycle to
// the table session, messages to the intent pipeline — and holds no rule and no state of its own.
// Rooms never throw on anything a client sends: every handler answers with a reply.
import { ClientState, CloseCode, ErrorCode, Room, SchemaSerializer, ServerError, type Serializer, type AuthContext, type Client, type MessageContext, type RoomException } from "@colyseus/core";
import { clientAddress, trustProxy } from "./address-guard.ts";
import { MESSAGE, type RecordReply, type Reply } from "../shared/protocol.ts";
import type { TableState } from "./table-schema.ts";
import { requestIdOf } from "./intent-pipeline.ts";
import { defaultServerConfig, TableSession, type JoinAuth, type ServerConfig } from "./table-session.ts";
import { realScheduler } from "./table-clock.ts";
import { takeRestore } from "./persistence/restore.ts";
import { classroomTable } from "./classroom/table-scenarios.ts";
import { callTablePort, registerTable, type RemoteTablePort } from "./classroom/table-port.ts";
import { tableAnswers } from "./table-answers.ts";
import { FullStateSerializer } from "./full-state-serializer.ts";
import { SenderFirstSerializer } from "./sender-first-serializer.ts";
import { withTinyBuffers } from "./lean-serializer.ts";
import { WatcherGate } from "./watcher-gate.ts";
import { CLOSE_UNDECODABLE, FrameGuard, readFrame, type RoomData } from "./frame-guard.ts";
import { matchesHash } from "./seats.ts";

// Table codes are read aloud in classrooms: no 0/O, 1/I/L.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const makeCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)]).join("");

/** Codes of the tables open in this process (for /health). */
export const openTables = new Set<string>();

export class TableRoom extends Room<{ state: TableState }> implements RemoteTablePort {
  /** Replaced per server by tableRoomWith(); a client's options never reach it. */
  static config: ServerConfig = defaultServerConfig(realScheduler);

  // No practical ceiling from Colyseus, which would lock the table for everyone once reached:
  // people are counted by role instead — a party seat's team (seats.ts), spectators (watcher-gate.ts).
  override maxClients = 10_000;
  // The session closes an idle table itself, after a grace long enough to come back to it.
  override autoDispose = false;
  // Every change is sent the moment it is made (the intent pipeline's flush), so the patch timer is
  // only a safety net: at Colyseus's 50 ms, each table woke 20 times a second to find nothing to send.
  override patchRate = 1000;
  session!: TableSession;
  /** How the classroom reaches this table (classroom/table-port.ts); registered while the room is open. */
  readonly #classroomPort = tableAnswers(this);
  #unregisterClassroom?: () => void;

  override messages = {
    intent: (client: Client, message: unknown, ctx: MessageContext) => this.#answer(client, MESSAGE.intent, message, ctx),
    command: (client: Client, message: unknown, ctx: MessageContext) => this.#answer(client, MESSAGE.command, message, ctx),
    record: (client: Client, message: unknown, ctx: MessageContext) => this.#answer(client, MESSAGE.record, message, ctx),
  };

  override async onCreate(options: unknown) {
    const config = (this.constructor as typeof TableRoom).config;
    // A table brought back after a restart keeps its code; a new one gets a code no stored table has.
    const restoring = takeRestore(options);
    let code = restoring?.record.code ?? makeCode();
    while (!restoring && config.store?.has(code)) code = makeCode();
    this.roomId = code;
    // A classroom session's table: its scenario and key hash, handed over under a ticket (maybe by another process).
    const classroom = restoring ? undefined : await classroomTable(options);
    const port = {
      flush: (rest?: () => void) => this.#flush(rest),
      close: () => void this.disconnect().catch(() => {}),
    };
    const created = restoring ? TableSession.restore(restoring, config, port) : TableSession.create(this.roomId, options, config, port, classroom);
    if (!created.ok) throw new ServerError(ErrorCode.APPLICATION_ERROR, created.message);
    this.session = created.value;
    // Nobody who joins a session's table is its creator: the session's host commands it (table-control.ts).
    if (classroom) this.session.withoutCreator();
    openTables.add(this.roomId);
    // Colyseus makes a SchemaSerializer as the state is set, with a full-state buffer of its own
    // (128 KB), only for setSerializer below to put ours in its place: that buffer is not made.
    withTinyBuffers(() => (this.state = created.value.mirror.state));
    created.value.mirror.beforeWrite = () => this.#patches?.release();
    // Tables are joined by code, never matched at random.
    void this.setPrivate(true);
    this.#guardReservations();
    this.#guardFrames();
    // A message type nobody handles would otherwise disconnect the client.
    this.onMessage("*", (client: Client, type: string | number, message: unknown) => this.#answer(client, String(type), message, undefined));
    // Last, once the table is whole: from here its classroom session can reach it.
    this.#unregisterClassroom = registerTable(this.roomId, this.#classroomPort);
  }

  // Colyseus picks its SchemaSerializer when the state is set; ours encodes a joiner's whole state
  // correctly at any size (server/full-state-serializer.ts), in buffers every table shares
  // (server/lean-serializer.ts), and sends an accepted message's patch to its sender first
  // (server/sender-first-serializer.ts).
  override setSerializer(serializer: Serializer<TableState>) {
    const ours = serializer instanceof SchemaSerializer && !(serializer instanceof FullStateSerializer) ? new SenderFirstSerializer() : serializer;
    this.#patches = ours instanceof SenderFirstSerializer ? ours : null;
    super.setSerializer(ours);
  }

  #patches: SenderFirstSerializer | null = null;
  /** The client whose message is being answered. */
  #answering: Client | null = null;

  /** Sends the patch; `rest` given, the client being answered gets theirs first, the others once its reply has left (#answer). */
  #flush(rest?: () => void): void {
    if (rest && this.#answering && this.#patches) this.#patches.holdBack(this.#answering, rest);
    else rest?.();
    this.broadcastPatch();
  }

  override onAuth(client: Client, options: unknown, context?: AuthContext): JoinAuth {
    this.#addresses.set(client, (trustProxy() ? context?.ip : undefined) ?? clientAddress(client));
    const checked = this.session.authorise(options);
    if (!checked.ok) {
      this.#watchers.release(client.sessionId);
      throw new ServerError(ErrorCode.AUTH_FAILED, checked.message);
    }
    if (checked.value.role === "spectator" && !checked.value.creator && !this.#holdsHostKey(options)) {
      const admitted = this.#watchers.admit(client.sessionId, this.#addresses.get(client) ?? "?");
      if (!admitted.ok) throw new ServerError(ErrorCode.AUTH_FAILED, admitted.message);
    }
    return checked.value;
  }

  /** Undecodable frames, per client (frame-guard.ts). */
  #frames: FrameGuard | null = null;

  /**
   * Every frame a client sends is looked at before Colyseus reads it: one it cannot decode is
   * charged to the client's and the address's message budgets, counted (one log line per client
   * per minute) and dropped; a client that keeps sending them is closed. A message sent with
   * `room.send`, decoded here, goes on to its handler as Colyseus would send it (#deliver), not
   * decoded a second time. Colyseus binds `_onMessage` to each client as it joins, so the table
   * wraps it before anyone does.
   */
  #guardFrames(): void {
    const frames = (this.#frames = new FrameGuard(this.roomId));
    const self = this as unknown as { _onMessage: (client: Client, frame: Buffer) => void };
    const colyseusRead = self._onMessage;
    self._onMessage = function (this: TableRoom, client: Client, frame: Buffer) {
      if (frames.closing(client.sessionId)) return;
      const read = readFrame(frame);
      if (read === null) return client.state === ClientState.JOINING ? this.#joined(client, () => colyseusRead.call(this, client, frame)) : colyseusRead.call(this, client, frame);
      if (typeof read === "object") {
        if (!this.#deliver(client, read)) colyseusRead.call(this, client, frame);
        return;
      }
      const problem = read;
      try {
        if (client.state === ClientState.LEAVING) return;
        this.session.spend(client.sessionId);
        (this.constructor as typeof TableRoom).config.addressLimiter?.messages.take(this.#addresses.get(client) ?? "?");
        if (frames.undecodable(client.sessionId, problem)) client.leave(CLOSE_UNDECODABLE, "the server could not decode your messages");
      } catch (e) {
        console.error(`[table ${this.roomId}] frame guard failed:`, e);
      }
    };
  }

  /**
   * A joining client's frame (its JOIN_ROOM, answered with its whole state and the messages sent
   * while it joined): the seats are mirrored first if a refresh is still owed (table-session.ts
   * settle), so the whole state holds every seat taken so far, its own included; and what it is
   * sent leaves in one write.
   */
  #joined(client: Client, read: () => void): void {
    this.session.settle();
    inOneWrite(client, read);
  }

  /**
   * Hands a decoded `room.send` message to its handler as Colyseus's own read of the frame does
   * (Room `_onMessage`, RoomMessages `onData`): nothing from a client that is leaving; the client's
   * last message time; its type's handler, else the catch-all. False, when Colyseus must read the
   * frame itself: a per-second message cap or a payload validator, neither of which a table sets.
   */
  #deliver(client: Client, { type, message }: RoomData): boolean {
    const colyseus = this as unknown as { onMessageEvents: { events: Record<string, unknown[] | undefined>; emit(event: string, ...args: unknown[]): void }; onMessageValidators: Record<string, unknown> };
    if (this.maxMessagesPerSecond !== Infinity || colyseus.onMessageValidators[type] !== undefined) return false;
    if (client.state === ClientState.LEAVING) return true;
    (client as unknown as { _lastMessageTime: number })._lastMessageTime = this.clock.currentTime;
    const events = colyseus.onMessageEvents;
    if (events.events[type]) events.emit(String(type), client, message, SENT);
    else events.emit("*", client, type, message);
    return true;
  }

  /** Spectators without the host key are watchers, with their own places (watcher-gate.ts). */
  #watchers = new WatcherGate();

  #holdsHostKey(options: unknown): boolean {
    const key = (options as { hostKey?: unknown } | null)?.hostKey;
    return typeof key === "string" && key.length > 0 && key.length <= 128 && matchesHash(key, this.session.hostKeyHash);
  }

  /**
   * Counts spectator reservations as they are made, before any socket connects: a burst of them
   * cannot hold the table's places. Colyseus calls `_reserveSeat` by name (locally or through its
   * presence), so the table wraps it.
   */
  #guardReservations(): void {
    const self = this as unknown as { _reserveSeat: (sessionId: string, options?: unknown, auth?: unknown, seconds?: number, allowReconnection?: boolean, ...rest: unknown[]) => Promise<boolean> };
    const reserve = self._reserveSeat.bind(this);
    self._reserveSeat = async (sessionId, options, auth, seconds = this.seatReservationTimeout, allowReconnection = false, ...rest) => {
      const o = options as { seat?: unknown; seatToken?: unknown } | null;
      const watcher = !allowReconnection && o?.seat === "spectator" && o.seatToken === undefined && this.session.hasCreator() && !this.#holdsHostKey(options);
      if (watcher && !this.#watchers.reserve(sessionId, seconds)) return false;
      const reserved = await reserve(sessionId, options, auth, seconds, allowReconnection, ...rest);
      if (!reserved && watcher) this.#watchers.release(sessionId);
      return reserved;
    };
  }

  override onJoin(client: Client, _options: unknown, auth: JoinAuth) {
    this.session.join(client, auth);
  }

  override onDrop(client: Client) {
    const reconnection = this.allowReconnection(client, "manual");
    // The session ends the grace itself (on its own clock), by rejecting the reservation.
    reconnection.catch(() => {});
    this.session.drop(client, () => reconnection.reject(false));
  }

  override onReconnect(client: Client) {
    this.session.reconnect(client);
  }

  override onLeave(client: Client, code?: number) {
    // Consented leaves and expired graces both end here; either way the seat is freed (and a
    // consented leave also revokes the person's seat token).
    this.session?.leave(client, code === CloseCode.CONSENTED);
    this.#watchers.release(client.sessionId);
    this.#frames?.gone(client.sessionId);
  }

  override onDispose() {
    openTables.delete(this.roomId);
    this.#unregisterClassroom?.();
    this.session?.dispose();
  }

  override onUncaughtException(error: RoomException, method: string) {
    // A refused join or create (a ServerError thrown above) is an answer, not a failure.
    if ((error as { cause?: unknown }).cause instanceof ServerError) return;
    console.error(`[table ${this.roomId}] uncaught in ${method}:`, (error as { cause?: unknown }).cause ?? error.message);
  }

  /** A classroom session's call on this table from another process, through remoteRoomCall (classroom/table-port.ts). */
  classroom(op: string, args: unknown[] = []): unknown {
    return callTablePort(this.#classroomPort, op, args);
  }

  /** Each client's address, for the per-address message limit. */
  #addresses = new WeakMap<Client, string>();

  #answer(client: Client, type: string, message: unknown, ctx: MessageContext | undefined): Reply | RecordReply | undefined {
    // Every socket of the table holds what it is given while the message is handled, and the
    // sender's is let go first: its patch and its reply leave in one write, before anyone else's
    // patch is even made (the person who acted is the one waiting for an answer); the others
    // follow in the same turn.
    const sender = socketOf(client);
    const others: Array<NonNullable<ReturnType<typeof socketOf>>> = [];
    sender?.cork?.();
    for (const other of this.clients) {
      const socket = other === client ? undefined : socketOf(other);
      if (socket?.cork && socket.uncork) {
        socket.cork();
        others.push(socket);
      }
    }
    this.#answering = client;
    try {
      return this.#reply(client, type, message, ctx);
    } finally {
      this.#answering = null;
      sender?.uncork?.();
      // Only now are the other viewers' sections made and their patches sent: at the event loop's
      // next turn, after any other sender whose message has already arrived (at another table)
      // has had its own answer. Anything that changes this table first sends them (sender-first-serializer.ts).
      if (this.#patches?.holding) setImmediate(() => this.#sendOthers(others));
      else for (const socket of others) socket.uncork!();
    }
  }

  #sendOthers(others: ReadonlyArray<{ uncork?(): void }>): void {
    this.#patches?.release();
    for (const socket of others) socket.uncork!();
  }

  #reply(client: Client, type: string, message: unknown, ctx: MessageContext | undefined): Reply | RecordReply | undefined {
    let reply: Reply | RecordReply;
    const limiter = (this.constructor as typeof TableRoom).config.addressLimiter;
    try {
      if (limiter && !limiter.messages.take(this.#addresses.get(client) ?? "?"))
        reply = { requestId: requestIdOf(message), ok: false, error: { code: "rate_limited", message: "too many messages from your address; wait a moment" } };
      else reply = this.session.message(client, type, message);
    } catch (e) {
      console.error(`[table ${this.roomId}] message handler failed:`, e);
      reply = { requestId: "", ok: false, error: { code: "internal_error", message: "the server could not handle this message; nothing was changed" } };
    }
    // `room.request()` gets the reply as its response; `room.send()` gets a `reply` message.
    if (ctx?.id !== undefined) return reply;
    client.send(MESSAGE.reply, reply);
    return undefined;
  }
}

/** The context a handler of a `room.send` message is given (Colyseus's own has no request id either). */
const SENT = Object.freeze({ id: undefined, reject: () => undefined, resolve: () => undefined });

/**
 * Runs `send` with the client's socket held, so what it writes leaves in one write: a joiner's
 * answer to JOIN_ROOM is its whole state and then the messages sent while it joined (its
 * `welcome`), one system call instead of two.
 */
function inOneWrite(client: Client, send: () => void): void {
  const socket = socketOf(client);
  socket?.cork?.();
  try {
    send();
  } finally {
    socket?.uncork?.();
  }
}

/** The network socket under a client's WebSocket (absent for a client that is not on one). */
function socketOf(client: Client): { cork?(): void; uncork?(): void } | undefined {
  return (client as unknown as { ref?: { _socket?: { cork?(): void; uncork?(): void } } }).ref?._socket;
}

/** The room class for one server, carrying that server's settings (clock, grace, bot pace). */
export function tableRoomWith(config: ServerConfig): typeof TableRoom {
  return class ConfiguredTableRoom extends TableRoom {
    static override config = config;
  };
}


