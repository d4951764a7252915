// Load test: N tables of six bot clients over real WebSockets on loopback, against a server in a
// child process (with its durable store on, as in production), next to the bare-Colyseus floor.
//
//   npm run loadtest -- --tables 50 --seconds 20 [--json] [--think 1000] [--warmup 0] [--limit 600] [--profile DIR]
//
// Each client plays its seat through the protocol like examples/external-bot.ts does (answer
// offers, one offer a week, ready, the default decision), pausing about `--think` ms between its
// moves (default 1000: each bot acts about once a second, several times the pace of people reading
// briefings and weighing offers; `--think 250` is a stress run that saturates two cores); a table
// whose game ends is replaced by a new one. Latency is from an accepted action's send to the
// sender's next state patch (refused actions are not counted). The server reports its
// event-loop lag, CPU and memory through /health?stats (HEALTH_STATS=1). Bytes are what each
// client's WebSocket received. The first tables begin at random moments within 30 s of being
// seated, as separate classes do (the measured window opens after that), so their games do not all
// end in the same few seconds. The floor: the same number of bare rooms of six (set one number,
// send the patch) with the same pacing, for half the time (30 s at most), in the same server process.
// --json prints { tables, clients, p50Ms, p95Ms, p99Ms, lagP99Ms, rssMb, rssPerTableKb,
// bytesPerClientPerSec, floorP99Ms, ... }. rssPerTableKb: the server's RSS when the window closes,
// less the empty server's (measured before the first table), divided by the tables. Bounded: --seconds ≤ 600, --tables ≤ 500, and --limit seconds in all.
// Memory: the server's heap (after a forced collection) when the measured window opens and when it
// closes; --warmup S plays S seconds before the window opens, so a soak compares steady states
// (finished games close two minutes after their players leave).
// --profile DIR writes the server's and the driver's CPU profiles to DIR/server and DIR/driver (a
// file per thread: the server's store checkpoints in a worker thread of its own).
// First, before the SDK is loaded: which WebSocket the driver's clients use (driver-sockets.ts).
import "./driver-sockets.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client, type Room } from "@colyseus/sdk";
import { parseFlags, fail } from "./cli-args.ts";
import { floorRoomDefinition } from "./floor-room.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { recordGcPauses } from "../server/gc-pauses.ts";
import { chooseIntent, type Memory } from "../examples/external-bot.ts";
import { readView, WireReader } from "../shared/wire-view.ts";
import { installFlatStringDecoder } from "../shared/wire-strings.ts";
import type { PartyId } from "../shared/ids.ts";
import type { Reply, Welcome } from "../shared/protocol.ts";

const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;
/** A bot's pause between moves: about once a second per client (see the header). */
const DEFAULT_THINK_MS = 1000;
/** The first tables begin within this long of being seated (see seatTable). */
const STAGGER_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round2 = (x: number) => Math.round(x * 100) / 100;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function serve(): Promise<void> {
  const { startServer } = await import("../server/app.ts");
  const { TableStore } = await import("../server/persistence/table-store.ts");
  const floor = await floorRoomDefinition();
  const dataDir = mkdtempSync(path.join(tmpdir(), "ceasefire-load-"));
  // LOADTEST_STORE=0 runs without the durable store (to see what durability costs).
  const store = process.env.LOADTEST_STORE === "0" ? null : TableStore.open(dataDir);
  // Every client of the run is on loopback, one address: lift the per-address budgets.
  const open = { perSecond: 1e6, burst: 1e6 };
  const running = await startServer(
    0,
    { clientDist: null, store, addressLimits: { joins: open, connections: open, messages: open, emptyTables: 1e6 }, extraRooms: { floor } },
    "127.0.0.1",
  );
  process.stdout.write(`LISTENING ${running.port}\n`);
  const stop = () => {
    store?.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("disconnect", stop);
}

interface Settings {
  tables: number;
  seconds: number;
  think: number;
  warmup: number;
  port: number;
}

/** Bytes a room's WebSocket receives. */
function countBytes(room: Room, add: (n: number) => void): void {
  const ws = (room.connection.transport as unknown as { ws?: { addEventListener?(t: string, cb: (e: { data: unknown }) => void): void } }).ws;
  ws?.addEventListener?.("message", (e) => {
    const d = e.data as { byteLength?: number; length?: number };
    add(d.byteLength ?? d.length ?? 0);
  });
}

class Stats {
  samples: number[] = [];
  bytes = 0;
  refused = 0;
  games = 0;
}

/** One bot client: plays its seat, one move at a time, timing each accepted move to its patch. */
function playSeat(room: Room, seat: PartyId, o: Settings, stats: Stats, until: () => boolean, ended: () => void, onWelcome?: (w: Welcome) => void): void {
  let welcome: Welcome | null = null;
  let busy = false;
  let n = 0;
  let patchWaiter: ((at: number) => void) | null = null;
  const replies = new Map<string, (r: Reply) => void>();
  const memory: Memory = { skipOffers: new Set(), noProposalRound: -1 };
  // Re-parses only the parts a patch changed, as a real client does.
  const reader = new WireReader();
  room.onMessage("welcome", (w: Welcome) => {
    welcome = w;
    onWelcome?.(w);
  });
  room.onMessage("reply", (r: Reply) => replies.get(r.requestId)?.(r));
  room.onMessage("*", () => {});
  countBytes(room, (b) => (stats.bytes += b));
  const act = async () => {
    if (busy || !welcome || until()) return;
    const view = room.state ? readView(room.state, seat, reader) : null;
    if (!view || view.viewer !== seat) return;
    if (view.stage === "ended") return ended();
    const intent = chooseIntent(view, seat, room.state.seats.get(seat).submittedBy !== "", memory);
    if (!intent) return;
    busy = true;
    await sleep(o.think * (0.5 + Math.random()));
    const requestId = `${seat}-${++n}`;
    const t0 = performance.now();
    const patched = new Promise<number>((resolve) => (patchWaiter = (at) => resolve(at - t0)));
    const replied = new Promise<Reply>((resolve) => replies.set(requestId, resolve));
    room.send("intent", { requestId, intent });
    const reply = await replied;
    replies.delete(requestId);
    if (reply.ok) stats.samples.push(await Promise.race([patched, sleep(5000).then(() => NaN)]));
    else {
      stats.refused++;
      if (intent.type === "propose") memory.noProposalRound = view.round;
      if (intent.type === "accept" || intent.type === "reject") memory.skipOffers.add(intent.offerId);
    }
    patchWaiter = null;
    busy = false;
    setTimeout(act, 0);
  };
  room.onStateChange(() => {
    const w = patchWaiter;
    patchWaiter = null;
    w?.(performance.now());
    setTimeout(act, 0);
  });
}

/** A busy server may drop a matchmaking request: try again a few times before giving up. */
async function retried<T>(attempt: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i >= tries) throw e;
      await sleep(200 * 2 ** i);
    }
  }
}

async function seatTable(sdk: Client, o: Settings, stats: Stats, done: () => boolean, stagger = 0): Promise<void> {
  const rooms: Room[] = [];
  let over = false;
  let hostKey = "";
  const ended = () => {
    if (over) return;
    over = true;
    stats.games++;
    void Promise.all(rooms.map((r) => r.leave(true).catch(() => {}))).then(() => {
      // A finished game's table is replaced by a new one, so the load stays the same.
      if (!done()) void seatTable(sdk, o, stats, done);
    });
  };
  // Each client listens from the moment its join resolves (the welcome follows at once).
  const seatAt = (room: Room, seat: PartyId) => {
    rooms.push(room);
    playSeat(room, seat, o, stats, () => done() || over, ended, (w) => (hostKey = w.hostKey ?? hostKey));
  };
  const host = await retried(() => sdk.create("table", { name: "Host", seat: SEATS[0], timers: false, rounds: 6, botsFillEmptySeats: false }));
  seatAt(host, SEATS[0]);
  for (const seat of SEATS.slice(1)) seatAt(await retried(() => sdk.joinById(host.roomId, { name: `Bot-${seat}`, seat })), seat);
  while (!hostKey) await sleep(5);
  // The first tables begin at staggered moments, as separate classes and games do: otherwise every
  // game of the run would end in the same few seconds. Later tables (replacing a finished game) begin at once.
  const begin = () => host.send("command", { requestId: "begin", hostKey, command: { type: "begin" } });
  if (stagger > 0) setTimeout(begin, Math.random() * stagger);
  else begin();
}

async function serverStats(port: number, collect = false): Promise<Record<string, number>> {
  const res = await fetch(`http://127.0.0.1:${port}/health?stats${collect ? "&gc" : ""}`);
  return (await res.json()) as Record<string, number>;
}

async function drive(o: Settings): Promise<void> {
  // As the game's page does: 1,200 clients' views decoded character by character would hold
  // ropes of about 32 bytes per character, and their collection would stall the driver.
  installFlatStringDecoder();
  const sdk = new Client(`ws://127.0.0.1:${o.port}`);
  // The empty server's memory (after a collection), to subtract from what the tables hold.
  const empty = await serverStats(o.port, true);
  const tableStats = new Stats();
  let stopTables = false;
  // Seated a few tables at a time (each seating is six joins in a row).
  const SEATING_AT_ONCE = 8;
  for (let t = 0; t < o.tables; t += SEATING_AT_ONCE)
    await Promise.all(Array.from({ length: Math.min(SEATING_AT_ONCE, o.tables - t) }, () => seatTable(sdk, o, tableStats, () => stopTables, STAGGER_MS)));
  // Measure from here: every table seated and playing (for --warmup seconds more).
  await sleep(Math.max(o.think * 2, STAGGER_MS, o.warmup * 1000));
  tableStats.samples = [];
  tableStats.bytes = 0;
  // Games finished in the window (not while the tables were being seated).
  tableStats.games = 0;
  tableStats.refused = 0;
  const driverGcPauses = recordGcPauses();
  const heapStartMb = (await serverStats(o.port, true)).heapUsedMb ?? NaN;
  await serverStats(o.port);
  // The driver's own load: when it is saturated, its clients see patches late, whatever the server does.
  const driverLag = monitorEventLoopDelay({ resolution: 10 });
  driverLag.enable();
  const driverCpu0 = process.cpuUsage();
  driverGcPauses();
  const t0 = performance.now();
  await sleep(o.seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const driverCpu = process.cpuUsage(driverCpu0);
  const driverGc = driverGcPauses();
  driverLag.disable();
  const server = await serverStats(o.port);
  const machineLoad = loadavg()[0]!;
  const driverMemory = process.memoryUsage();
  // And what its clients hold alive (after a collection, once the window has closed).
  (globalThis as { gc?: () => void }).gc?.();
  const driverLiveHeap = process.memoryUsage().heapUsed;
  const heapEndMb = (await serverStats(o.port, true)).heapUsedMb ?? NaN;
  const tableSamples = [...tableStats.samples].filter(Number.isFinite).sort((a, b) => a - b);
  const tableBytes = tableStats.bytes;
  stopTables = true;

  // The floor: bare rooms of six, same pacing, half the time (30 s at most: it is a reference, not a soak).
  const floorSamples: number[] = [];
  let stopFloor = false;
  const floorRooms: Room[] = [];
  for (let t = 0; t < o.tables; t++) {
    const first = await sdk.create("floor", {});
    const clients = [first];
    for (let k = 1; k < 6; k++) clients.push(await sdk.joinById(first.roomId, {}));
    floorRooms.push(...clients);
  }
  await Promise.all([
    ...floorRooms.map(async (room, k) => {
      let waiter: ((at: number) => void) | null = null;
      room.onStateChange(() => {
        const w = waiter;
        waiter = null;
        w?.(performance.now());
      });
      for (let i = 0; !stopFloor; i++) {
        await sleep(o.think * (0.5 + Math.random()));
        if (stopFloor) break;
        const s0 = performance.now();
        const patched = new Promise<number>((r) => (waiter = (at) => r(at - s0)));
        room.send("set", k * 100_000 + i + 1);
        const ms = await Promise.race([patched, sleep(5000).then(() => NaN)]);
        if (Number.isFinite(ms)) floorSamples.push(ms);
      }
    }),
    sleep(Math.min(o.seconds / 2, 30) * 1000).then(() => (stopFloor = true)),
  ]);
  floorSamples.sort((a, b) => a - b);

  const clients = o.tables * 6;
  const result = {
    tables: o.tables,
    clients,
    seconds: round2(elapsed),
    actions: tableSamples.length,
    refused: tableStats.refused,
    games: tableStats.games,
    p50Ms: round2(percentile(tableSamples, 50)),
    p95Ms: round2(percentile(tableSamples, 95)),
    p99Ms: round2(percentile(tableSamples, 99)),
    lagP99Ms: round2(server.lagP99Ms ?? NaN),
    lagMaxMs: round2(server.lagMaxMs ?? NaN),
    // The server's collector pauses in the window (server/gc-pauses.ts): a lag they explain is the heap's.
    gcP99Ms: round2(server.gcP99Ms ?? NaN),
    gcMaxMs: round2(server.gcMaxMs ?? NaN),
    gcMajorMaxMs: round2(server.gcMajorMaxMs ?? NaN),
    gcMsPerSec: round2((server.gcTotalMs ?? NaN) / elapsed),
    cpuPercent: round2(server.cpuPercent ?? NaN),
    rssMb: round2(server.rssMb ?? NaN),
    emptyRssMb: round2(empty.rssMb ?? NaN),
    // What one table of six holds in the server: its RSS at the end of the window less the empty server's, per table.
    rssPerTableKb: Math.round((((server.rssMb ?? NaN) - (empty.rssMb ?? NaN)) * 1024) / o.tables),
    heapPerTableKb: Math.round(((heapEndMb - (empty.heapUsedMb ?? NaN)) * 1024) / o.tables),
    // Tables in the server when the window closes: those in play and the finished ones waiting out
    // their two minutes (at a bot's pace games end every few minutes, so these are many).
    openTables: server.tables ?? NaN,
    rssPerOpenTableKb: Math.round((((server.rssMb ?? NaN) - (empty.rssMb ?? NaN)) * 1024) / (server.tables ?? NaN)),
    heapTotalMb: round2(server.heapTotalMb ?? NaN),
    newSpaceMb: round2(server.newSpaceMb ?? NaN),
    oldSpaceMb: round2(server.oldSpaceMb ?? NaN),
    arrayBuffersMb: round2(server.arrayBuffersMb ?? NaN),
    externalMb: round2(server.externalMb ?? NaN),
    heapStartMb: round2(heapStartMb),
    heapEndMb: round2(heapEndMb),
    heapGrowthPercent: round2(((heapEndMb - heapStartMb) / heapStartMb) * 100),
    bytesPerClientPerSec: Math.round(tableBytes / clients / elapsed),
    driverCpuPercent: round2(((driverCpu.user + driverCpu.system) / 1000 / (elapsed * 1000)) * 100),
    driverLagP99Ms: round2(driverLag.percentile(99) / 1e6),
    driverLagMaxMs: round2(driverLag.max / 1e6),
    driverGcMaxMs: round2(driverGc.gcMaxMs),
    driverGcMsPerSec: round2(driverGc.gcTotalMs / elapsed),
    // The driver's own memory (its heap in use, garbage included: no collection is forced): every
    // client's state and reader live in this one process, and a large heap means long
    // collections, during which its clients see patches late.
    driverRssMb: round2(driverMemory.rss / 2 ** 20),
    driverHeapUsedMb: round2(driverMemory.heapUsed / 2 ** 20),
    driverLiveHeapMb: round2(driverLiveHeap / 2 ** 20),
    floorP50Ms: round2(percentile(floorSamples, 50)),
    floorP99Ms: round2(percentile(floorSamples, 99)),
    // The machine's load average (1 minute) when the window closed, beside its cores: above the
    // cores, both processes waited for a core and the latencies say more about the machine.
    machineLoad1m: round2(machineLoad),
    cores: availableParallelism(),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

async function orchestrate(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { tables: "number", seconds: "number", json: "boolean", think: "number", warmup: "number", limit: "number", profile: "string" });
  const o: Settings = { tables: flags.tables ?? 10, seconds: flags.seconds ?? 20, think: flags.think ?? DEFAULT_THINK_MS, warmup: flags.warmup ?? 0, port: 0 };
  const limit = flags.limit ?? 600;
  if (!Number.isInteger(o.tables) || o.tables < 1 || o.tables > 500) fail("--tables must be a whole number from 1 to 500");
  if (!(o.seconds >= 1 && o.seconds <= 600)) fail("--seconds must be 1 to 600");
  if (!(o.think >= 0 && o.think <= 10_000)) fail("--think must be 0 to 10000 ms");
  if (!(o.warmup >= 0 && o.warmup <= 600)) fail("--warmup must be 0 to 600 s");
  const self = new URL(import.meta.url).pathname;
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill("SIGTERM"));
  const killer = setTimeout(() => {
    console.error(`the load test took longer than ${limit} s; stopping`);
    stopAll();
    process.exit(1);
  }, limit * 1000);
  const profile = (name: string) => (flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(path.resolve(flags.profile), name)}`] : []);
  const server = spawn(process.execPath, ["--expose-gc", ...SERVER_NODE_FLAGS, ...profile("server"), self, "--serve"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, HEALTH_STATS: "1" } });
  children.push(server);
  o.port = Number(await firstLine(server, /^LISTENING (\d+)$/));
  if (!flags.json) console.error(`server on 127.0.0.1:${o.port}; seating ${o.tables} tables of six bot clients, then ${o.seconds} s of play…`);
  const driver = spawn(process.execPath, ["--expose-gc", ...profile("driver"), self, "--drive", JSON.stringify(o)], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(driver);
  const r = JSON.parse(
    await firstLine(driver, /^RESULT (.*)$/).catch((e: unknown) => {
      stopAll();
      throw e;
    }),
  ) as Record<string, number>;
  clearTimeout(killer);
  // The driver exits on its own once it has printed (writing its profile, if asked, on the way out).
  if (driver.exitCode === null) await Promise.race([new Promise((r) => driver.once("exit", r)), sleep(10_000)]);
  stopAll();
  if (flags.json) {
    console.log(JSON.stringify(r));
  } else {
    console.log(`${r.tables} tables, ${r.clients} clients, ${r.seconds} s: ${r.actions} accepted actions (${r.refused} refused), ${r.games} games finished`);
    console.log(`action → patch: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms   (bare Colyseus floor: p50 ${r.floorP50Ms} ms, p99 ${r.floorP99Ms} ms)`);
    console.log(`server: event-loop lag p99 ${r.lagP99Ms} ms, CPU ${r.cpuPercent}%, RSS ${r.rssMb} MB (heap reserved ${r.heapTotalMb} MB, buffers outside it ${r.externalMb} MB); ${r.bytesPerClientPerSec} bytes per client per second`);
    console.log(`server heap (after a collection): ${r.heapStartMb} MB when measuring began, ${r.heapEndMb} MB at the end (${r.heapGrowthPercent}%)`);
    console.log(`memory per table: ${r.rssPerTableKb} KB of RSS (${r.heapPerTableKb} KB of live heap) beyond the empty server's ${r.emptyRssMb} MB; ${r.openTables} tables open at the end, finished ones included (${r.rssPerOpenTableKb} KB each)`);
    console.log(`load driver (the clients' process): CPU ${r.driverCpuPercent}%, event-loop lag p99 ${r.driverLagP99Ms} ms, RSS ${r.driverRssMb} MB (heap ${r.driverHeapUsedMb} MB, ${r.driverLiveHeapMb} MB after a collection)`);
    console.log(`machine: load average ${r.machineLoad1m} over the last minute, ${r.cores} cores`);
  }
  process.exit(0);
}

function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = pattern.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`a load-test process exited early (${code})`)));
  });
}

const at = process.argv.indexOf("--drive");
if (process.argv.includes("--serve")) await serve();
else if (at >= 0) await drive(JSON.parse(process.argv[at + 1]!) as Settings);
else await orchestrate();
