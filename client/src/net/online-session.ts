// The table on the game server, spoken to as docs/PROTOCOL.md says: join or create the `table`
// room, read the synced state (the seat's TableView arrives as JSON), send `intent` and `command`
// messages each with a requestId, and match every `reply`. Connection drops and returns are
// reported so the page can show a banner.
import { Client, type Room } from "@colyseus/sdk";
import { isPartyId, PARTY_IDS, type PartyId, type PartyIntentInput, type TableView, type Viewer } from "../../../shared/index.ts";
import type {
  ConnectionStatus,
  CreateOptions,
  JoinOptions,
  RecordResult,
  Reply,
  SeatInfo,
  Snapshot,
  SoloOptions,
  TableCommand,
  TableSession,
} from "./session.ts";
import { serverEndpoint } from "./endpoint.ts";
import { HistoryFill } from "./record-reading.ts";
import { forgetSeat, recallSeat, rememberSeat } from "./seat-memory.ts";
import { readView, WireReader, type SectionLike, type WireStateLike } from "../../../shared/wire-view.ts";
import { installFlatStringDecoder } from "../../../shared/wire-strings.ts";
import { defaultScenario, loadScenario } from "../../../shared/scenario.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import type { RecordPage, RecordQuery } from "../../../shared/record.ts";

/** The synced state as the SDK decodes it (schema types are not imported from server/). */
interface SeatState {
  party: string;
  names: Iterable<string> & { length?: number };
  connected: number;
  bot: boolean;
  submittedBy: string;
  view?: SectionLike;
}
interface WireState extends WireStateLike {
  code?: string;
  seats?: { get(key: string): SeatState | undefined; forEach(cb: (v: SeatState, k: string) => void): void };
  timer?: { stage: string; endsAt: number; remainingMs: number; paused: boolean };
  announcement?: string;
}

interface Welcome {
  seat: Viewer;
  code: string;
  name?: string;
  /** Given back when joining again (after a reload) to return to the same seat. */
  seatToken?: string;
  hostKey?: string;
  /** The table's own scenario (a teacher's changes), when it is not the built-in one. */
  scenario?: unknown;
}

/** The table's scenario from its welcome, checked like any scenario; the built-in one otherwise. */
function tableScenario(raw: unknown): Scenario {
  if (raw === undefined) return defaultScenario();
  const loaded = loadScenario(raw);
  return loaded.ok ? loaded.value : defaultScenario();
}

/** The seat token kept for a table in this tab, so a reload returns the person to their seat. */
export function savedSeat(code: string): { seatToken: string; seat: string; hostKey?: string } | null {
  return recallSeat(code);
}

const REPLY_TIMEOUT_MS = 15_000;
/** Rejoining after the server restarted: waits between tries (then the last one, repeated). */
const REJOIN_BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10_000];
/** How long to keep trying before telling the person the table is gone. */
const REJOIN_GIVE_UP_MS = 5 * 60_000;
/** A close the server meant (a consented leave, the table closed): nothing to rejoin. */
const CLOSE_CONSENTED = 4000;

/** Joins with `make` and waits for the server's welcome (which names the seat actually taken). */
async function connect(make: (client: Client) => Promise<Room>): Promise<{ room: Room; welcome: Welcome }> {
  installFlatStringDecoder();
  const client = new Client(serverEndpoint());
  const room = await make(client);
  const welcome = await new Promise<Welcome>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the table did not welcome us in time")), REPLY_TIMEOUT_MS);
    room.onMessage("welcome", (w: Welcome) => {
      clearTimeout(timer);
      resolve(w);
    });
    room.onLeave((code: number, reason?: string) => {
      clearTimeout(timer);
      reject(new Error(reason || `the table closed the connection (code ${code})`));
    });
  });
  return { room, welcome };
}

export class OnlineSession implements TableSession {
  readonly kind = "online" as const;
  code: string;
  seat: Viewer;
  hostKey: string | null;
  readonly name: string;
  private room: Room;
  private seatToken: string | null;
  readonly scenario: Scenario;
  private snapshot: Snapshot | null = null;
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private readonly connectionListeners = new Set<(status: ConnectionStatus, detail: string) => void>();
  private readonly pending = new Map<string, (r: Reply | RecordResult) => void>();
  private counter = 0;
  /** Re-parses only the parts of the synced state that a patch changed. */
  private readonly reader = new WireReader();
  /** Puts the weeks before the synced window back into the view's history, read from the record. */
  private readonly history = new HistoryFill(
    (q) => this.record(q),
    () => {
      if (this.room.state) this.update(this.room.state as WireState);
    },
  );
  private left = false;
  /** What a classroom session's table asks again on a rejoin: the student token, viewer key or host key. */
  private credentials: Record<string, string> = {};

  private constructor(room: Room, welcome: Welcome, name: string) {
    this.room = room;
    this.code = welcome.code || room.roomId;
    this.seat = welcome.seat;
    this.hostKey = welcome.hostKey ?? null;
    this.seatToken = welcome.seatToken ?? null;
    this.name = name;
    this.scenario = tableScenario(welcome.scenario);
    this.bind(room);
  }

  /** Listens to `room` (the first one, or the one rejoined after a server restart). */
  private bind(room: Room): void {
    // The SDK's own reconnection covers a network blip; after a server restart it cannot succeed
    // (the new process does not know the old connection), so give up on it soon and rejoin instead.
    room.reconnection.maxRetries = 6;
    room.onMessage("reply", (msg: { requestId?: string; page?: RecordPage } & Reply) => {
      const done = msg.requestId ? this.pending.get(msg.requestId) : undefined;
      if (!done || !msg.requestId) return;
      this.pending.delete(msg.requestId);
      done(msg.ok ? (msg.page ? { ok: true, page: msg.page } : { ok: true }) : { ok: false, error: msg.error ?? { code: "unknown", message: "the server refused this" } });
    });
    room.onStateChange((state: WireState) => this.update(state));
    room.onDrop((code: number) => this.emitConnection("dropped", `connection lost (code ${code})`));
    room.onReconnect(() => this.emitConnection("reconnected", "connection restored"));
    room.onLeave((code: number, reason?: string) => {
      if (room !== this.room) return;
      for (const [, resolve] of this.pending) resolve({ ok: false, error: { code: "disconnected", message: "the connection to the table was lost" } });
      this.pending.clear();
      if (this.left) return;
      // The server restarted (or the connection could not be resumed): the table comes back with
      // the same code, so join it again with this seat's token, backing off between tries.
      if (code !== CLOSE_CONSENTED && this.seatToken) void this.rejoin();
      else this.emitConnection("closed", reason || `the table closed the connection (code ${code})`);
    });
    room.onError((code: number, message?: string) => this.emitConnection("dropped", message || `connection error ${code}`));
    if (room.state) this.update(room.state as WireState);
  }

  /** Tries to get back to the same seat at the same table until it works, the token is refused, or time runs out. */
  private async rejoin(): Promise<void> {
    this.emitConnection("dropped", "the server is restarting — rejoining the table…");
    const started = Date.now();
    for (let attempt = 0; !this.left && Date.now() - started < REJOIN_GIVE_UP_MS; attempt++) {
      await new Promise((r) => setTimeout(r, REJOIN_BACKOFF_MS[Math.min(attempt, REJOIN_BACKOFF_MS.length - 1)]));
      if (this.left) return;
      try {
        const { room, welcome } = await connect((c) => c.joinById(this.code, { ...this.credentials, name: this.name, seatToken: this.seatToken }));
        if (this.left) {
          void room.leave(true).catch(() => {});
          return;
        }
        this.room = room;
        this.seat = welcome.seat;
        if (welcome.seatToken) {
          this.seatToken = welcome.seatToken;
          rememberSeat(this.code, { seatToken: welcome.seatToken, seat: welcome.seat });
        }
        this.bind(room);
        this.emitConnection("reconnected", "back at the table");
        return;
      } catch (e) {
        // A refused token means the seat is gone for good; anything else (the server still
        // starting, the table not restored yet) is worth another try.
        if (e instanceof Error && /seatToken/.test(e.message)) break;
      }
    }
    if (!this.left) this.emitConnection("closed", "could not get back to the table");
  }

  /** Joins a room and waits for the server's welcome (which names the seat actually taken). */
  private static async open(make: (client: Client) => Promise<Room>, name: string): Promise<OnlineSession> {
    const { room, welcome } = await connect(make);
    const code = welcome.code || room.roomId;
    // A new token (another seat, or a first join) starts a fresh memory; the same one keeps it.
    if (welcome.seatToken) {
      const before = recallSeat(code);
      if (before && before.seatToken !== welcome.seatToken) forgetSeat(code);
      rememberSeat(code, { seatToken: welcome.seatToken, seat: welcome.seat, name: welcome.name ?? name, ...(welcome.hostKey ? { hostKey: welcome.hostKey } : {}) });
    }
    return new OnlineSession(room, welcome, name);
  }

  static solo(o: SoloOptions): Promise<OnlineSession> {
    return OnlineSession.open(
      (c) => c.create("table", { name: o.name, seat: o.party, solo: true, difficulty: o.difficulty, ...(o.rounds ? { rounds: o.rounds } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}) }),
      o.name,
    );
  }

  static create(o: CreateOptions): Promise<OnlineSession> {
    return OnlineSession.open((c) => c.create("table", { ...o }), o.name);
  }

  static join(o: JoinOptions): Promise<OnlineSession> {
    const opts: Record<string, unknown> = { name: o.name, seat: o.seat };
    // A classroom session's table seats only whom its session seats (server/session-seating.ts).
    const credentials: Record<string, string> = {};
    if (o.hostKey) credentials.hostKey = o.hostKey;
    if (o.studentToken) credentials.studentToken = o.studentToken;
    if (o.viewerKey) credentials.viewerKey = o.viewerKey;
    Object.assign(opts, credentials);
    // Back after a reload: the same seat, if the person asks for it or for any seat.
    const saved = savedSeat(o.code);
    if (saved && (o.seat === "any" || o.seat === saved.seat)) opts.seatToken = saved.seatToken;
    return OnlineSession.open((c) => c.joinById(o.code, opts), o.name).then((session) => {
      // The host key is sent to the creator only; a host who reloads keeps the one saved here.
      if (!session.hostKey && saved?.hostKey && opts.seatToken) session.hostKey = saved.hostKey;
      session.credentials = credentials;
      // A teacher let in as facilitator with a host key (the console's "Coach this table") holds that table's host controls.
      if (!session.hostKey && o.seat === "facilitator" && o.hostKey && session.seat === "facilitator") session.hostKey = o.hostKey;
      return session;
    });
  }

  current(): Snapshot | null {
    return this.snapshot;
  }

  subscribe(cb: (s: Snapshot) => void): () => void {
    this.listeners.add(cb);
    if (this.snapshot) cb(this.snapshot);
    return () => this.listeners.delete(cb);
  }

  onConnection(cb: (status: ConnectionStatus, detail: string) => void): () => void {
    this.connectionListeners.add(cb);
    return () => this.connectionListeners.delete(cb);
  }

  send(intent: PartyIntentInput): Promise<Reply> {
    return this.request("intent", { intent });
  }

  command(command: TableCommand): Promise<Reply> {
    return this.request("command", { hostKey: this.hostKey ?? "", command });
  }

  async record(query: RecordQuery): Promise<RecordResult> {
    const reply = await this.request("record", { ...query });
    if (!reply.ok) return reply;
    return "page" in reply ? reply : { ok: false, error: { code: "bad_reply", message: "the table answered without a page" } };
  }

  async leave(): Promise<void> {
    this.left = true;
    this.listeners.clear();
    // Leaving on purpose gives the seat up: the server revokes its token, so forget it here too.
    forgetSeat(this.code);
    try {
      await this.room.leave(true);
    } catch {
      // Already gone: nothing to do.
    }
  }

  private request(type: "intent" | "command", body: Record<string, unknown>): Promise<Reply>;
  private request(type: "record", body: Record<string, unknown>): Promise<Reply | RecordResult>;
  private request(type: "intent" | "command" | "record", body: Record<string, unknown>): Promise<Reply | RecordResult> {
    const requestId = `r${Date.now().toString(36)}${(++this.counter).toString(36)}`;
    return new Promise<Reply | RecordResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve({ ok: false, error: { code: "timeout", message: "the table did not answer in time; check your connection and try again" } });
      }, REPLY_TIMEOUT_MS);
      this.pending.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      try {
        this.room.send(type, { requestId, ...body });
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(requestId);
        resolve({ ok: false, error: { code: "disconnected", message: e instanceof Error ? e.message : "could not send" } });
      }
    });
  }

  private emitConnection(status: ConnectionStatus, detail: string): void {
    for (const cb of this.connectionListeners) cb(status, detail);
  }

  private update(state: WireState): void {
    const seats: Partial<Record<PartyId, SeatInfo>> = {};
    state.seats?.forEach((s, key) => {
      if (!isPartyId(key)) return;
      seats[key] = { party: key, names: [...(s.names ?? [])], connected: Number(s.connected ?? 0), bot: Boolean(s.bot), submittedBy: s.submittedBy ?? "" };
    });
    // Until our seat's section arrives, the public table stands in (viewer "spectator").
    const read = readView(state, this.seat, this.reader);
    if (!read) return;
    const view = this.history.fill(read);
    this.code = state.code || this.code;
    this.snapshot = {
      code: this.code,
      seat: this.seat,
      view,
      seats,
      timer: state.timer ? { stage: state.timer.stage, endsAt: state.timer.endsAt, remainingMs: state.timer.remainingMs, paused: state.timer.paused } : null,
      announcement: state.announcement ?? "",
    };
    for (const cb of this.listeners) cb(this.snapshot);
  }
}

export const ALL_PARTIES = PARTY_IDS;
