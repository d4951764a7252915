// Benchmark: action → own-patch latency at the table server, next to the framework's floor.
//
//   npm run bench:server -- --tables 50 [--json] [--actions 10] [--think 250] [--limit 300]
//
// A server process (this file with --serve, loopback only) hosts the `table` rooms and a bare
// `floor` room that only sets one field and sends the patch. A driver process (--drive) seats N
// tables of six SDK clients and N floor rooms of six clients, and plays them in turns (tables,
// floor, tables, floor: see BLOCKS) with the same pacing: in each
// room one client at a time sends an action (a public statement or a private message at a table,
// a number at the floor), waits for the patch it caused, pauses about `--think` ms, and the next
// client goes — a table acting several times a second, far busier than people at a real one.
// Latency is from send to the sender's first state change, read as a client reads it (table
// clients parse their views' JSON). Bounded: `--actions` per client and `--limit` seconds for the
// whole run. --json prints { tables, clients, p50Ms, p99Ms, floorP50Ms, floorP99Ms,
// statementBytesPerSeat, messageBytesPerSeat, seconds } (seconds: the whole run, both processes'
// start included; statementBytesPerSeat / messageBytesPerSeat: the bytes of state patches a seated
// client receives per public statement / private message at its table, the six seats' patch frames,
// sender's included, over the table's actions of that kind, divided by six: unlike the times,
// deterministic enough to compare between runs). The default of 10 actions per client gives each
// side 60 samples per table (1,200 at 20 tables: the p99 is the 12th slowest), and keeps a 20-table
// run under 45 s; the table and the floor keep the same pacing, clients and process.
// BENCH_STORE=1 gives the server its durable store (in a temporary directory), as in production;
// BENCH_DIAG=1 also reports each process's event-loop stalls and garbage collection;
// BENCH_PROF=1 writes CPU profiles of both processes to /tmp/prof (BENCH_PROF=/a/dir: there).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Client, Protocol, type Room as SDKRoom } from "@colyseus/sdk";
import { parseFlags, fail } from "./cli-args.ts";
import { floorRoomDefinition } from "./floor-room.ts";
import { onFrame } from "./received-bytes.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { readView, WireReader } from "../shared/wire-view.ts";
import type { PartyId } from "../shared/ids.ts";

const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;

async function serve(): Promise<void> {
  const { startServer } = await import("../server/app.ts");
  const floor = await floorRoomDefinition();
  // BENCH_STORE=1: with the durable store, as a production server runs (each action one SQLite
  // transaction before its reply), in a temporary directory.
  const dataDir = process.env.BENCH_STORE === "1" ? mkdtempSync(path.join(tmpdir(), "ceasefire-bench-")) : null;
  const store = dataDir ? (await import("../server/persistence/table-store.ts")).TableStore.open(dataDir) : null;
  // Every client of the run is on loopback, one address: lift the per-address budgets (as the load test does).
  const open = { perSecond: 1e6, burst: 1e6 };
  const running = await startServer(0, { clientDist: null, store, addressLimits: { joins: open, connections: open, messages: open, emptyTables: 1e6 }, extraRooms: { floor } }, "127.0.0.1");
  process.stdout.write(`LISTENING ${running.port}\n`);
  await diagnostics("server");
  const stop = () =>
    void running.close().finally(() => {
      store?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.once("disconnect", stop);
}

/** With BENCH_DIAG=1: how long this process's event loop stalled, and its garbage collection. */
async function diagnostics(who: string): Promise<void> {
  if (!process.env.BENCH_DIAG) return;
  const { monitorEventLoopDelay, PerformanceObserver } = await import("node:perf_hooks");
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  let gcMs = 0;
  let gcMax = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcMax = Math.max(gcMax, e.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  setInterval(() => {
    process.stderr.write(`[${who}] loop lag p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms; gc ${gcMs.toFixed(0)} ms (longest ${gcMax.toFixed(1)})\n`);
    lag.reset();
    gcMs = 0;
    gcMax = 0;
  }, 5000).unref();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
/** Tables (and floor rooms) seated at once before the measurement. */
const SEATING_AT_ONCE = 5;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A client that can await the next state change after it sends something. */
class Timed {
  room: SDKRoom;
  #waiter: ((at: number) => void) | null = null;
  #seen = new Map<string, string>();
  constructor(room: SDKRoom, read: (state: any) => string[] = () => []) {
    this.room = room;
    room.onStateChange((state) => {
      // Like a real client, read what changed (a table client parses its views' JSON, in `read`).
      // This also matters to the measurement: an unread decoded string stays a chain of fragments in memory.
      for (const [i, text] of read(state).entries())
        if (text && this.#seen.get(String(i)) !== text) {
          this.#seen.set(String(i), text);
          JSON.parse(text);
        }
      const w = this.#waiter;
      this.#waiter = null;
      w?.(performance.now());
    });
    room.onMessage("*", () => {});
  }
  /** Sends, and resolves with the ms until this client's next patch. */
  timed(type: string, payload: unknown): Promise<number> {
    return new Promise((resolve) => {
      const t0 = performance.now();
      this.#waiter = (at) => resolve(at - t0);
      this.room.send(type, payload);
    });
  }
}

/** The kinds of action the tables play. */
type Kind = "statement" | "message";

/**
 * The bytes of state patches a table's six seated clients receive, by the kind of the table's
 * latest action: one action at a time is played at a table, and every client's patch for it
 * arrives long before the next one is sent (a think time later).
 */
class PatchBytes {
  latest: Kind | null = null;
  readonly bytes: Record<Kind, number> = { statement: 0, message: 0 };
  readonly actions: Record<Kind, number> = { statement: 0, message: 0 };

  watch(room: SDKRoom): void {
    onFrame(room, (frame) => {
      if (this.latest !== null && new Uint8Array(frame, 0, 1)[0] === Protocol.ROOM_STATE_PATCH) this.bytes[this.latest] += frame.byteLength;
    });
  }

  sending(kind: Kind): void {
    this.latest = kind;
    this.actions[kind]++;
  }
}

/** Bytes per seated client per action of `kind`, over every table. */
function bytesPerSeat(tables: readonly PatchBytes[], kind: Kind): number {
  const bytes = tables.reduce((sum, t) => sum + t.bytes[kind], 0);
  const actions = tables.reduce((sum, t) => sum + t.actions[kind], 0);
  return Math.round(bytes / Math.max(1, actions) / SEATS.length);
}

/**
 * Plays `actions` per client in every room (after two unmeasured ones per room), adding each
 * latency to `samples`. `from` numbers the actions on from an earlier block: every action of a
 * client is new (a repeated requestId would be answered from memory, with no patch).
 */
async function runRooms(rooms: Timed[][], actions: number, think: number, from: number, samples: number[], act: (room: Timed[], i: number) => [Timed, string, unknown]): Promise<number> {
  const warmup = 2;
  const count = actions * (rooms[0]?.length ?? 0) + warmup;
  await Promise.all(
    rooms.map(async (clients, r) => {
      await sleep((r * think) / rooms.length); // spread the rooms' start over one think time
      for (let i = from; i < from + count; i++) {
        const [client, type, payload] = act(clients, i);
        const ms = await client.timed(type, payload);
        if (i >= from + warmup) samples.push(ms);
        await sleep(think * (0.5 + Math.random()));
      }
    }),
  );
  return from + count;
}

/**
 * The table and the floor take turns, in blocks (table, floor, table, floor): on a machine whose
 * load drifts, each side then meets the same spells of it, and neither is measured only at a
 * quieter moment. Each block plays its share of the actions per client.
 */
const BLOCKS = 2;

interface Settings {
  tables: number;
  actions: number;
  think: number;
  port: number;
  json: boolean;
}

/** Seats the tables and the floor rooms, plays them, and prints one JSON line of results. */
async function drive(o: Settings): Promise<void> {
  const sdk = new Client(`ws://127.0.0.1:${o.port}`);
  await diagnostics("driver");
  // Stopped by the orchestrator once it has the result: exit properly, so BENCH_PROF writes the driver's profile too.
  process.once("SIGTERM", () => process.exit(0));

  const began = performance.now();
  const say = (line: string) => process.stderr.write(o.json ? "" : `[${((performance.now() - began) / 1000).toFixed(1)} s] ${line}\n`);
  say(`seating ${o.tables} tables of six…`);
  const tableRooms: Timed[][] = [];
  const patchBytes = new Map<Timed[], PatchBytes>();
  // A few tables are seated at once (each seating is six joins in a row).
  const seatTable = async () => {
    const host = await sdk.create("table", { name: "Host", seat: SEATS[0], timers: false, rounds: 12 });
    const code = host.roomId;
    let hostKey = "";
    host.onMessage("welcome", (w: { hostKey?: string }) => (hostKey = w.hostKey ?? hostKey));
    // Each client puts its view together the way the browser client does (parsing what changed).
    const reader = (seat: string) => {
      const wire = new WireReader();
      return (state: any): string[] => {
        readView(state, seat as PartyId, wire);
        return [];
      };
    };
    const clients = [new Timed(host, reader(SEATS[0]))];
    for (const seat of SEATS.slice(1)) clients.push(new Timed(await sdk.joinById(code, { name: `P-${seat}`, seat }), reader(seat)));
    while (!hostKey) await sleep(1);
    await clients[0]!.timed("command", { requestId: "begin", hostKey, command: { type: "begin" } });
    const bytes = new PatchBytes();
    for (const c of clients) bytes.watch(c.room);
    patchBytes.set(clients, bytes);
    tableRooms.push(clients);
  };
  for (let t = 0; t < o.tables; t += SEATING_AT_ONCE) await Promise.all(Array.from({ length: Math.min(SEATING_AT_ONCE, o.tables - t) }, seatTable));
  say(`seating ${o.tables} bare floor rooms of six…`);
  const floorRooms: Timed[][] = [];
  const seatFloor = async () => {
    const first = await sdk.create("floor", {});
    const clients = [new Timed(first)];
    for (let k = 1; k < 6; k++) clients.push(new Timed(await sdk.joinById(first.roomId, {})));
    floorRooms.push(clients);
  };
  for (let t = 0; t < o.tables; t += SEATING_AT_ONCE) await Promise.all(Array.from({ length: Math.min(SEATING_AT_ONCE, o.tables - t) }, seatFloor));

  const tableSamples: number[] = [];
  const floorSamples: number[] = [];
  let tableNext = 0;
  let floorNext = 0;
  for (let b = 0; b < BLOCKS; b++) {
    // This block's share of the actions (the first blocks take the remainder).
    const share = Math.floor(o.actions / BLOCKS) + (b < o.actions % BLOCKS ? 1 : 0);
    if (share === 0) continue;
    say(`block ${b + 1} of ${BLOCKS}: ${share} actions per client at the tables…`);
    tableNext = await runRooms(tableRooms, share, o.think, tableNext, tableSamples, (clients, i) => {
      const k = i % clients.length;
      const intent = i % 2 === 0 ? { type: "statement", text: `public word ${i}` } : { type: "message", to: SEATS[(k + 1) % SEATS.length], text: `private word ${i}` };
      patchBytes.get(clients)!.sending(intent.type as Kind);
      return [clients[k]!, "intent", { requestId: `b${i}`, intent }];
    });
    say(`block ${b + 1} of ${BLOCKS}: ${share} actions per client at the floor…`);
    floorNext = await runRooms(floorRooms, share, o.think, floorNext, floorSamples, (clients, i) => [clients[i % clients.length]!, "set", i + 1]);
  }
  tableSamples.sort((a, b) => a - b);
  floorSamples.sort((a, b) => a - b);
  // Taken before the clients leave (the leaves' patches are no action's).
  const tablesBytes = [...patchBytes.values()];
  const statementBytesPerSeat = bytesPerSeat(tablesBytes, "statement");
  const messageBytesPerSeat = bytesPerSeat(tablesBytes, "message");
  await Promise.all([...tableRooms, ...floorRooms].flat().map((c) => c.room.leave(true)));

  const result = {
    tables: o.tables,
    clients: o.tables * 6,
    p50Ms: round2(percentile(tableSamples, 50)),
    p99Ms: round2(percentile(tableSamples, 99)),
    floorP50Ms: round2(percentile(floorSamples, 50)),
    floorP99Ms: round2(percentile(floorSamples, 99)),
    statementBytesPerSeat,
    messageBytesPerSeat,
  };
  process.stdout.write(`RESULT ${JSON.stringify({ ...result, samples: tableSamples.length, floorSamples: floorSamples.length })}\n`);
  process.exit(0);
}

/** Runs the server and the driver as two processes (the driver's decoding must not slow the server). */
async function orchestrate(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { tables: "number", json: "boolean", actions: "number", think: "number", limit: "number" });
  const o: Settings = { tables: flags.tables ?? 50, actions: flags.actions ?? 10, think: flags.think ?? 250, port: 0, json: flags.json ?? false };
  const limit = flags.limit ?? 300;
  if (!Number.isInteger(o.tables) || o.tables < 1 || o.tables > 500) fail("--tables must be a whole number from 1 to 500");
  if (!Number.isInteger(o.actions) || o.actions < 1 || o.actions > 1000) fail("--actions must be a whole number from 1 to 1000");
  if (!(o.think >= 0 && o.think <= 10_000)) fail("--think must be 0 to 10000 ms");
  const began = performance.now();
  const self = new URL(import.meta.url).pathname;
  // The table and the floor share the server process and the driver, so the comparison is fair.
  const node = [...NODE_FLAGS, self];
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill("SIGTERM"));
  const killer = setTimeout(() => {
    console.error(`the benchmark took longer than ${limit} s; stopping`);
    stopAll();
    process.exit(1);
  }, limit * 1000);
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...node, "--serve"], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(server);
  o.port = Number(await firstLine(server, /^LISTENING (\d+)$/));
  const driver = spawn(process.execPath, [...node, "--drive", JSON.stringify(o)], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(driver);
  const result = JSON.parse(await firstLine(driver, /^RESULT (.*)$/)) as Record<string, number>;
  const seconds = round2((performance.now() - began) / 1000);
  clearTimeout(killer);
  stopAll();
  if (o.json) {
    const { tables, clients, p50Ms, p99Ms, floorP50Ms, floorP99Ms, statementBytesPerSeat, messageBytesPerSeat } = result;
    console.log(JSON.stringify({ tables, clients, p50Ms, p99Ms, floorP50Ms, floorP99Ms, statementBytesPerSeat, messageBytesPerSeat, seconds }));
  } else {
    console.log(`${result.samples} table actions, ${result.floorSamples} floor actions; think ${o.think} ms; ${o.tables} tables, ${result.clients} clients`);
    console.log(`table: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
    console.log(`floor: p50 ${result.floorP50Ms} ms, p99 ${result.floorP99Ms} ms`);
    console.log(`patch bytes a seated client receives: ${result.statementBytesPerSeat} per public statement, ${result.messageBytesPerSeat} per private message`);
    console.log(`p99 table/floor: ${round2(result.p99Ms! / result.floorP99Ms!)}× (target ≤ 1.5×); p50 target < 2 ms; the run took ${seconds} s (target < 45 s)`);
  }
  process.exit(0);
}

// BENCH_PROF=1 writes to /tmp/prof; BENCH_PROF=/some/dir writes there instead.
const PROF_DIR = process.env.BENCH_PROF?.startsWith("/") ? process.env.BENCH_PROF : "/tmp/prof";
const NODE_FLAGS: string[] = process.env.BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${PROF_DIR}`] : [];

function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = pattern.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`a benchmark process exited early (${code})`)));
  });
}

const at = process.argv.indexOf("--drive");
if (process.argv.includes("--serve")) await serve();
else if (at >= 0) await drive(JSON.parse(process.argv[at + 1]!) as Settings);
else await orchestrate();
