// Test harness for the table server: a real server on @colyseus/testing's port with a manual clock,
// and real SDK clients that record everything they receive (every decoded state, every message),
// so tests can check what a client actually saw.
import { createServer } from "node:net";
import { ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll } from "vitest";
import { readView } from "../../shared/wire-view.ts";
import { installFlatStringDecoder } from "../../shared/wire-strings.ts";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { buildServer, type BuildOptions } from "../../server/app.ts";
import { ManualScheduler } from "../../server/table-clock.ts";
import type { TableRoom } from "../../server/table-room.ts";
import type { Reply, SeatRole, TableCommand, Welcome } from "../../shared/protocol.ts";
import type { PartyIntentInput } from "../../shared/actions.ts";
import type { TableView } from "../../shared/views.ts";
import type { PartyId } from "../../shared/ids.ts";

/** The port the test server listens on: TEST_PORT when set, so separate checkouts can run suites side by side. */
export const TEST_PORT = Number(process.env.TEST_PORT ?? 2568);

export interface Harness {
  colyseus: ColyseusTestServer;
  scheduler: ManualScheduler;
  table(code: string): TableRoom;
  shutdown(): Promise<void>;
}

export async function startHarness(options: BuildOptions = {}): Promise<Harness> {
  // Test clients decode as the game's page does, so the mirror and secrecy tests cover that path.
  installFlatStringDecoder();
  const scheduler = new ManualScheduler();
  const server = buildServer({
    scheduler,
    botDelayMs: 100,
    clientDist: null,
    rateLimit: { perSecond: 1000, burst: 1000 },
    seed: () => 7,
    ...options,
  });
  // The previous test file's server may still be letting go of the port: wait until it is free
  // (listening can hang, rather than fail, when the port is taken), then try again briefly.
  await portFree(TEST_PORT);
  let colyseus: ColyseusTestServer | null = null;
  for (let attempt = 0; !colyseus; attempt++) {
    try {
      await server.listen(TEST_PORT);
      colyseus = new ColyseusTestServer(server);
    } catch (e) {
      if (attempt >= 20) throw e;
      await sleep(100);
    }
  }
  const booted = colyseus;
  return {
    colyseus: booted,
    scheduler,
    table: (code) => booted.getRoomById<TableRoom>(code),
    shutdown: async () => {
      const http = booted.server.transport.server;
      const closed = http?.listening ? new Promise<void>((resolve) => http.once("close", () => resolve())) : Promise.resolve();
      await booted.cleanup();
      await booted.shutdown();
      // Every socket is gone before the next file boots on the same port.
      http?.closeAllConnections?.();
      await closed;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits (bounded) until `port` can be listened on. */
async function portFree(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return;
    await sleep(100);
  }
}

/**
 * Waits until `check` holds, polling. With `pump`, moves the manual clock forward that many ms
 * between polls (so bots and timers act). Fails with `what` after a bounded number of polls.
 */
export async function until(h: Harness | null, what: string, check: () => boolean, pump = 0, polls = 4000): Promise<void> {
  for (let i = 0; i < polls; i++) {
    if (check()) return;
    if (h && pump > 0) h.scheduler.advance(pump);
    await sleep(i < 20 ? 1 : 3);
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/** The parts of a table state every client receives (no `.view()` fields: the spectators' section is one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function publicPart(state: any): string {
  const seats: Record<string, unknown> = {};
  state.seats.forEach((seat: { names: string[]; connected: number; bot: boolean; submittedBy: string }, party: string) => {
    seats[party] = { names: [...seat.names], connected: seat.connected, bot: seat.bot, submittedBy: seat.submittedBy };
  });
  return JSON.stringify({ public: state.public, readyBits: state.readyBits, decidedBits: state.decidedBits, news: [...state.news], history: [...state.history], seats, timer: { ...state.timer.toJSON() }, announcement: state.announcement });
}

/**
 * Whether a client's decoded state holds the spectators' section. (The SDK's state has an empty
 * object in its place until something of it arrives, and none once it is taken back.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function receivedOpen(state: any): boolean {
  return state.open != null && Object.keys(state.open.toJSON()).length > 0;
}

/** Waits until every client has received the server's latest state (optionally pumping the clock first). */
export async function synced(h: Harness, players: Player[]): Promise<void> {
  await sleep(0);
  const room = h.table(players[0]!.code);
  // A client given the spectators' section has it as the server does, too.
  const open = () => JSON.stringify(room.state.open.toJSON());
  await until(null, "clients caught up with the server", () => players.every((p) => publicPart(p.state) === publicPart(room.state) && (!receivedOpen(p.state) || JSON.stringify(p.state.open.toJSON()) === open())));
}

let nextRequest = 0;

/** One SDK client at a table, recording every state it decodes and every message it gets. */
export class Player {
  readonly room: SDKRoom;
  readonly name: string;
  welcome: Welcome | null = null;
  /** JSON of the whole decoded state after the first state and after every patch. */
  readonly snapshots: string[] = [];
  readonly replies = new Map<string, Reply>();
  readonly messages: Array<[string, unknown]> = [];
  left: number | null = null;

  constructor(room: SDKRoom, name: string) {
    this.room = room;
    this.name = name;
    // Registered in the same tick as the join resolves: the welcome and first state come later.
    room.onMessage("*", (type: string | number, payload: unknown) => {
      this.messages.push([String(type), payload]);
      if (type === "welcome") this.welcome = payload as Welcome;
      if (type === "reply") this.replies.set((payload as Reply).requestId, payload as Reply);
    });
    room.onStateChange((state: { toJSON(): unknown }) => this.snapshots.push(JSON.stringify(state.toJSON())));
    room.onLeave((code: number) => {
      this.left = code;
    });
  }

  static async create(h: Harness, options: Record<string, unknown>): Promise<Player> {
    const room = await h.colyseus.sdk.create("table", options);
    return new Player(room, String(options.name));
  }

  static async join(h: Harness, code: string, options: Record<string, unknown>): Promise<Player> {
    const room = await h.colyseus.sdk.joinById(code, options);
    const player = new Player(room, String(options.name));
    await until(null, `${player.name} welcomed`, () => player.welcome !== null && player.snapshots.length > 0);
    return player;
  }

  async ready(): Promise<this> {
    await until(null, `${this.name} welcomed`, () => this.welcome !== null && this.snapshots.length > 0);
    return this;
  }

  get code(): string {
    return this.room.roomId;
  }
  get seat(): SeatRole {
    return this.welcome!.seat;
  }
  get party(): PartyId {
    return this.welcome!.seat as PartyId;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get state(): any {
    return this.room.state;
  }
  /** The public table, as a spectator sees it. */
  get publicView(): TableView {
    return readView(this.state, "spectator") as TableView;
  }
  /** The seat's own view (party clients), or null before its section arrives. */
  get myView(): TableView | null {
    const view = readView(this.state, this.seat);
    return view && view.viewer === this.seat ? view : null;
  }

  /** Sends raw data as a message of `type` and waits for its reply. */
  async sendRaw(type: string, payload: unknown, requestId?: string): Promise<Reply> {
    this.room.send(type, payload);
    if (requestId === undefined) {
      const count = this.messages.length;
      await until(null, `${this.name}: a reply to ${type}`, () => this.messages.slice(count).some(([t]) => t === "reply"));
      return this.messages.slice(count).find(([t]) => t === "reply")![1] as Reply;
    }
    await until(null, `${this.name}: reply ${requestId}`, () => this.replies.has(requestId));
    return this.replies.get(requestId)!;
  }

  intent(intent: PartyIntentInput | Record<string, unknown>): Promise<Reply> {
    const requestId = `${this.name}-${++nextRequest}`;
    return this.sendRaw("intent", { requestId, intent }, requestId);
  }

  command(command: TableCommand | Record<string, unknown>, hostKey = this.welcome?.hostKey ?? "none"): Promise<Reply> {
    const requestId = `${this.name}-${++nextRequest}`;
    return this.sendRaw("command", { requestId, hostKey, command }, requestId);
  }
}

export function expectOk(reply: Reply): void {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
}

/**
 * Boots the test server before a file's tests, cleans rooms after each test and shuts it down after
 * the file. Returns the harness; its members are read through once it has started.
 */
export function useHarness(): Harness {
  let instance: Harness | null = null;
  beforeAll(async () => {
    instance = await startHarness();
  });
  afterEach(async () => {
    await instance?.colyseus.cleanup();
  });
  afterAll(async () => {
    await instance?.shutdown();
  });
  return new Proxy({} as Harness, {
    get: (_target, key) => {
      if (!instance) throw new Error("the test server has not started yet");
      return Reflect.get(instance, key);
    },
  });
}
