// A real server process (node server/main.ts) on a loopback port with its own DATA_DIR, and SDK
// clients that talk to it as any client would: for tests that kill the process, restart it, or
// throw garbage at it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import type { Reply, Welcome } from "../../shared/protocol.ts";
import { readView } from "../../shared/wire-view.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it holds (bounded), failing with `what`. */
export async function until(what: string, check: () => boolean, polls = 3000, everyMs = 5): Promise<void> {
  for (let i = 0; i < polls; i++) {
    if (check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/** A free loopback port (kept the same across restarts, so clients find the server again). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export class LiveServer {
  readonly port: number;
  readonly dataDir: string;
  readonly env: Record<string, string>;
  child: ChildProcess | null = null;
  output = "";

  constructor(port: number, dataDir: string, env: Record<string, string> = {}) {
    this.port = port;
    this.dataDir = dataDir;
    this.env = env;
  }

  static async create(env: Record<string, string> = {}): Promise<LiveServer> {
    return new LiveServer(await freePort(), mkdtempSync(path.join(tmpdir(), "ceasefire-data-")), env);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Starts `node server/main.ts` and waits until it says it is running (tables restored by then). */
  async start(): Promise<void> {
    this.output = "";
    const child = spawn(process.execPath, [path.join(ROOT, "server/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout!.on("data", (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (this.output += d.toString()));
    await until(`the server to start (output so far: ${this.output})`, () => this.output.includes("is running") || child.exitCode !== null, 3000, 10);
    if (child.exitCode !== null) throw new Error(`the server exited: ${this.output}`);
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills the process with `signal` and waits until it is gone. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await gone;
  }

  async dispose(): Promise<void> {
    await this.kill("SIGKILL");
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

let nextId = 0;

/** An SDK client at a live server's table: its welcome, its replies, its latest state. */
export class LiveClient {
  readonly room: Room;
  readonly name: string;
  welcome: Welcome | null = null;
  readonly replies = new Map<string, Reply>();
  left: number | null = null;
  states = 0;

  constructor(room: Room, name: string) {
    this.room = room;
    this.name = name;
    // The server the test kills cannot take the SDK's own reconnection back: the test rejoins.
    room.reconnection.enabled = false;
    room.onMessage("welcome", (w: Welcome) => (this.welcome = w));
    room.onMessage("reply", (r: Reply) => this.replies.set(r.requestId, r));
    room.onMessage("*", () => {});
    room.onStateChange(() => this.states++);
    room.onLeave((code: number) => (this.left = code));
    room.onError(() => {});
  }

  static async create(url: string, options: Record<string, unknown>): Promise<LiveClient> {
    const c = new LiveClient(await new Client(url).create("table", options), String(options.name));
    await c.ready();
    return c;
  }

  static async join(url: string, code: string, options: Record<string, unknown>): Promise<LiveClient> {
    const c = new LiveClient(await new Client(url).joinById(code, options), String(options.name));
    await c.ready();
    return c;
  }

  async ready(): Promise<this> {
    await until(`${this.name} welcomed`, () => this.welcome !== null && this.states > 0);
    return this;
  }

  get code(): string {
    return this.room.roomId;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get state(): any {
    return this.room.state;
  }
  /** The JSON of the view this client reads (its seat's, or the public one); "" until its section arrives. */
  get ownView(): string {
    const seat = this.welcome!.seat;
    const view = readView(this.state, seat);
    return view && view.viewer === seat ? JSON.stringify(view) : "";
  }
  /** JSON of the public table as a spectator sees it: base, news, history and public statements (a seated client holds the statements only in its own view until the end). */
  get publicTable(): string {
    return JSON.stringify(readView(this.state, "spectator"));
  }
  get stage(): string {
    return (JSON.parse(this.state.public as string) as { stage: string }).stage;
  }

  async send(type: string, body: Record<string, unknown>): Promise<Reply> {
    const requestId = `${this.name}-${++nextId}`;
    this.room.send(type, { requestId, ...body });
    await until(`${this.name}: reply ${requestId}`, () => this.replies.has(requestId) || this.left !== null);
    return this.replies.get(requestId) ?? { requestId, ok: false, error: { code: "internal_error", message: `left (${this.left})` } };
  }

  intent(intent: Record<string, unknown>): Promise<Reply> {
    return this.send("intent", { intent });
  }

  command(command: Record<string, unknown>, hostKey: string): Promise<Reply> {
    return this.send("command", { hostKey, command });
  }
}

export function expectOk(reply: Reply): void {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
}

/**
 * Starts one live server (its own port and data directory) before a file's tests and disposes of it
 * after them. Returns the server; its members are read through once it has started.
 */
export function useLiveServer(): LiveServer {
  let instance: LiveServer | null = null;
  beforeAll(async () => {
    instance = await LiveServer.create();
    await instance.start();
  });
  afterAll(async () => {
    await instance?.dispose();
  });
  return new Proxy({} as LiveServer, {
    get: (_target, key) => {
      if (!instance) throw new Error("the live server has not started yet");
      const value: unknown = Reflect.get(instance, key);
      return typeof value === "function" ? value.bind(instance) : value;
    },
  });
}
