// Load test: N tables of six bot clients over real WebSockets on loopback, against a server in a
// child process (with its durable store on, as in production), next to the bare-Colyseus floor.
//
//   npm run loadtest -- --tables 50 --seconds 20 [--json] [--think 1000] [--warmup 0] [--limit 600] [--profile DIR] [--heap-snapshot DIR] [--drivers 4] [--solo] [--timed]
//
// Each client plays its seat through the protocol like examples/external-bot.ts does (answer
// offers, one offer a week, ready, the default decision), pausing about `--think` ms between its
// moves (default 1000: each bot acts about once a second, several times the pace of people reading
// briefings and weighing offers; `--think 250` is a stress run that saturates two cores); a table
// whose game ends is replaced by a new one. Latency is from an accepted action's send to the
// sender's next state patch, or to its reply when no patch came before it (nothing the sender sees
// changed: `unpatchedActions`; refused actions are not counted). The server reports its
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
// The clients run in --drivers threads of the driver process (scripts/load-clients.ts, default 2),
// each with its share of the tables, so one thread's collections stall only its own clients;
// --drivers 1 puts them all in one thread, as earlier runs did.
// --solo seats solo tables instead: one client each, the server's own bots (shared/bots, thinking on
// the server's event loop: server/table-turns.ts) in the five other seats, at the server's bot pace;
// the latency is the one client's. The floor is then one bare room of six per table, as usual.
// --timed gives the tables their stage clocks, as a classroom's tables have (the default is untimed:
// the bots' moves, not deadlines, end each stage either way; a running clock is one more field of
// the synced state, written when it changes).
// --profile DIR writes the server's and the driver's CPU profiles to DIR/server and DIR/driver (a
// file per thread: the server's store checkpoints in a worker thread of its own; the driver's
// clients are in its client threads).
// --heap-snapshot DIR writes heap snapshots of the server into DIR: the empty server's, and the
// server's when the window closes (scripts/server-heap-snapshot.ts; read them with heap:summary).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import { parseFlags, fail } from "./cli-args.ts";
import { floorRoomDefinition } from "./floor-room.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { heapSnapshotFlags, takeServerHeapSnapshot } from "./server-heap-snapshot.ts";
import type { ClientSettings, FromWorker, ToWorker, WindowReport } from "./load-clients.ts";

/** A bot's pause between moves: about once a second per client (see the header). */
const DEFAULT_THINK_MS = 1000;
/**
 * The driver's clients are spread over this many threads (--drivers): in one thread, 1,200
 * clients' states made a heap of 320-450 MB whose collections stalled every client at once for
 * 40-280 ms, and those stalls were counted as the server's latency. Each thread is an isolate of
 * its own (about 70 MB more RSS, and a little more CPU on the cores the server uses too): two
 * halve the heap each collection walks; four cost more CPU than they saved on a 2-core machine.
 */
const DEFAULT_DRIVERS = 2;
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
  /** The driver's client threads (scripts/load-clients.ts). */
  drivers: number;
  /** One client per table, the server's bots in the other seats. */
  solo: boolean;
  /** Tables with their stage clocks running (--timed). */
  timed: boolean;
  /** --heap-snapshot: where the server writes its snapshots, and its process. */
  heapSnapshot?: { dir: string; pid: number };
}

async function serverStats(port: number, collect = false): Promise<Record<string, number>> {
  const res = await fetch(`http://127.0.0.1:${port}/health?stats${collect ? "&gc" : ""}`);
  return (await res.json()) as Record<string, number>;
}

/** The driver's client threads (scripts/load-clients.ts), each with its share of the tables. */
class ClientThreads {
  #workers: Worker[];
  #inbox = new Map<Worker, Array<(m: FromWorker) => void>>();
  constructor(o: Settings) {
    const n = Math.min(o.drivers, o.tables);
    const shares = Array.from({ length: n }, (_, i) => Math.floor(o.tables / n) + (i < o.tables % n ? 1 : 0));
    // Seated at the pace one thread of 8 tables at a time had: the server sees the same joins.
    const seatingAtOnce = Math.max(1, Math.round(8 / shares.length));
    this.#workers = shares.map((tables) => {
      const settings: ClientSettings = { tables, think: o.think, port: o.port, seatingAtOnce, staggerMs: STAGGER_MS, solo: o.solo, timed: o.timed };
      const worker = new Worker(new URL("./load-clients.ts", import.meta.url), { workerData: settings });
      this.#inbox.set(worker, []);
      worker.on("message", (m: FromWorker) => {
        if (m.type === "failed") {
          console.error(`a load-test client thread failed: ${m.message}`);
          process.exit(1);
        }
        this.#inbox.get(worker)!.shift()?.(m);
      });
      worker.on("error", (e) => {
        console.error("a load-test client thread failed:", e);
        process.exit(1);
      });
      return worker;
    });
  }
  /** Sends `m` to every thread (or none) and waits for each one's next message. */
  all(m: ToWorker | null): Promise<FromWorker[]> {
    return Promise.all(
      this.#workers.map((w) => {
        const answer = new Promise<FromWorker>((resolve) => this.#inbox.get(w)!.push(resolve));
        if (m) w.postMessage(m);
        return answer;
      }),
    );
  }
  get count(): number {
    return this.#workers.length;
  }
}

async function drive(o: Settings): Promise<void> {
  // The empty server's memory (after a collection), to subtract from what the tables hold.
  const empty = await serverStats(o.port, true);
  if (o.heapSnapshot) console.error(`empty server: ${await takeServerHeapSnapshot(o.heapSnapshot.pid, o.port, o.heapSnapshot.dir)}`);
  const threads = new ClientThreads(o);
  await threads.all(null);
  // Measure from here: every table seated and playing (for --warmup seconds more).
  await sleep(Math.max(o.think * 2, STAGGER_MS, o.warmup * 1000));
  const heapStartMb = (await serverStats(o.port, true)).heapUsedMb ?? NaN;
  await serverStats(o.port);
  await threads.all({ type: "measure" });
  const driverCpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(o.seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  // The driver's own load (every thread): when it is saturated, its clients see patches late, whatever the server does.
  const driverCpu = process.cpuUsage(driverCpu0);
  const server = await serverStats(o.port);
  const reports = (await threads.all({ type: "report" })).map((m) => (m as Extract<FromWorker, { type: "report" }>).report);
  const machineLoad = loadavg()[0]!;
  const driverRss = process.memoryUsage.rss();
  const heapEndMb = (await serverStats(o.port, true)).heapUsedMb ?? NaN;
  if (o.heapSnapshot) console.error(`${server.tables} tables open: ${await takeServerHeapSnapshot(o.heapSnapshot.pid, o.port, o.heapSnapshot.dir)}`);
  const tableSamples = reports.flatMap((r) => r.samples).sort((a, b) => a - b);
  const tableBytes = reports.reduce((s, r) => s + r.bytes, 0);
  const sum = (f: (r: WindowReport) => number) => reports.reduce((s, r) => s + f(r), 0);
  const worst = (f: (r: WindowReport) => number) => Math.max(...reports.map(f));

  // The floor: bare rooms of six, same pacing, half the time (30 s at most: it is a reference, not a soak).
  const floorSamples = (await threads.all({ type: "floor", seconds: Math.min(o.seconds / 2, 30) }))
    .flatMap((m) => (m as Extract<FromWorker, { type: "floor" }>).samples)
    .sort((a, b) => a - b);

  const clients = o.tables * (o.solo ? 1 : 6);
  const result = {
    tables: o.tables,
    clients,
    seconds: round2(elapsed),
    actions: tableSamples.length,
    refused: sum((r) => r.refused),
    // Accepted actions timed to their reply: nothing their sender sees changed, so no patch came (load-clients.ts).
    unpatchedActions: sum((r) => r.unpatched),
    games: sum((r) => r.games),
    p50Ms: round2(percentile(tableSamples, 50)),
    p95Ms: round2(percentile(tableSamples, 95)),
    p99Ms: round2(percentile(tableSamples, 99)),
    lagP99Ms: round2(server.lagP99Ms ?? NaN),
    lagMaxMs: round2(server.lagMaxMs ?? NaN),
    // The server's collector pauses in the window (server/gc-pauses.ts): a lag they explain is the heap's.
    gcP99Ms: round2(server.gcP99Ms ?? NaN),
    gcMaxMs: round2(server.gcMaxMs ?? NaN),
    gcMajorMaxMs: round2(server.gcMajorMaxMs ?? NaN),
    gcMajorPauses: server.gcMajorPauses ?? NaN,
    gcMinorPauses: server.gcMinorPauses ?? NaN,
    gcMinorMaxMs: round2(server.gcMinorMaxMs ?? NaN),
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
    // Each process's CPU time per accepted action in the window (ms): what an action costs, whatever the pace.
    // With --solo the actions counted are the clients' only: the server's bots' moves are in its CPU, not in the count.
    serverCpuMsPerAction: round2(((server.cpuPercent ?? NaN) / 100) * elapsed * 1000 / tableSamples.length),
    driverCpuMsPerAction: round2((driverCpu.user + driverCpu.system) / 1000 / tableSamples.length),
    // Patches the server sent per accepted action, and those it did not send because they carried
    // nothing for their client (server/patch-delivery.ts); joins, leaves and new tables' changes included.
    patchesPerAction: round2((server.patchesSent ?? NaN) / tableSamples.length),
    patchesSkippedPerAction: round2((server.patchesSkipped ?? NaN) / tableSamples.length),
    patchesPerChange: round2((server.patchesSent ?? NaN) / (server.patchChanges ?? NaN)),
    // The driver's client threads (--drivers): the worst thread's lag and collector pause, and the
    // collector's time summed over the threads.
    driverThreads: threads.count,
    driverLagP99Ms: round2(worst((r) => r.lagP99Ms)),
    driverLagMaxMs: round2(worst((r) => r.lagMaxMs)),
    driverGcMaxMs: round2(worst((r) => r.gcMaxMs)),
    driverGcMajorMaxMs: round2(worst((r) => r.gcMajorMaxMs)),
    driverGcMinorMaxMs: round2(worst((r) => r.gcMinorMaxMs)),
    driverGcMsPerSec: round2(sum((r) => r.gcTotalMs) / elapsed),
    // The driver's own memory: its RSS, and its threads' heaps in use (garbage included) and after a
    // collection (what the clients' states and readers hold).
    driverRssMb: round2(driverRss / 2 ** 20),
    driverHeapUsedMb: round2(sum((r) => r.heapUsedMb)),
    driverLiveHeapMb: round2(sum((r) => r.liveHeapMb)),
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
  const flags = parseFlags(process.argv.slice(2), { tables: "number", seconds: "number", json: "boolean", think: "number", drivers: "number", solo: "boolean", timed: "boolean", warmup: "number", limit: "number", profile: "string", "heap-snapshot": "string" });
  const o: Settings = { tables: flags.tables ?? 10, seconds: flags.seconds ?? 20, think: flags.think ?? DEFAULT_THINK_MS, warmup: flags.warmup ?? 0, port: 0, drivers: flags.drivers ?? DEFAULT_DRIVERS, solo: flags.solo ?? false, timed: flags.timed ?? false };
  const limit = flags.limit ?? 600;
  if (!Number.isInteger(o.tables) || o.tables < 1 || o.tables > 500) fail("--tables must be a whole number from 1 to 500");
  if (!(o.seconds >= 1 && o.seconds <= 600)) fail("--seconds must be 1 to 600");
  if (!(o.think >= 0 && o.think <= 10_000)) fail("--think must be 0 to 10000 ms");
  if (!(o.warmup >= 0 && o.warmup <= 600)) fail("--warmup must be 0 to 600 s");
  if (!Number.isInteger(o.drivers) || o.drivers < 1 || o.drivers > 16) fail("--drivers must be a whole number from 1 to 16");
  const self = new URL(import.meta.url).pathname;
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill("SIGTERM"));
  const killer = setTimeout(() => {
    console.error(`the load test took longer than ${limit} s; stopping`);
    stopAll();
    process.exit(1);
  }, limit * 1000);
  const profile = (name: string) => (flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(path.resolve(flags.profile), name)}`] : []);
  // LOADTEST_NODE_FLAGS="…" runs the server with other V8 settings than production's, to compare them.
  const serverFlags = process.env.LOADTEST_NODE_FLAGS === undefined ? SERVER_NODE_FLAGS : process.env.LOADTEST_NODE_FLAGS.split(/\s+/).filter(Boolean);
  const snapshotDir = flags["heap-snapshot"] ? path.resolve(flags["heap-snapshot"]) : undefined;
  if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
  const snapshots = snapshotDir ? heapSnapshotFlags(snapshotDir) : [];
  const server = spawn(process.execPath, ["--expose-gc", ...serverFlags, ...profile("server"), ...snapshots, self, "--serve"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, HEALTH_STATS: "1" } });
  children.push(server);
  o.port = Number(await firstLine(server, /^LISTENING (\d+)$/));
  if (!flags.json) console.error(`server on 127.0.0.1:${o.port}; seating ${o.tables} ${o.solo ? "solo tables (one client, five server bots)" : "tables of six bot clients"}, then ${o.seconds} s of play…`);
  if (snapshotDir) o.heapSnapshot = { dir: snapshotDir, pid: server.pid! };
  // LOADTEST_DRIVER_NODE_FLAGS="…" runs the driver (and so its client threads) with V8 settings of its own, to compare them.
  const driverFlags = (process.env.LOADTEST_DRIVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
  const driver = spawn(process.execPath, ["--expose-gc", ...driverFlags, ...profile("driver"), self, "--drive", JSON.stringify(o)], { stdio: ["ignore", "pipe", "inherit"] });
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
  // The server writes its profile, if asked, as it exits: a busy one takes a while.
  if (server.exitCode === null) await Promise.race([new Promise((r) => server.once("exit", r)), sleep(30_000)]);
  if (flags.json) {
    console.log(JSON.stringify(r));
  } else {
    console.log(`${r.tables} tables, ${r.clients} clients, ${r.seconds} s: ${r.actions} accepted actions (${r.refused} refused), ${r.games} games finished`);
    console.log(`action → patch: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms   (bare Colyseus floor: p50 ${r.floorP50Ms} ms, p99 ${r.floorP99Ms} ms)`);
    console.log(`server: event-loop lag p99 ${r.lagP99Ms} ms, CPU ${r.cpuPercent}%, RSS ${r.rssMb} MB (heap reserved ${r.heapTotalMb} MB, buffers outside it ${r.externalMb} MB); ${r.bytesPerClientPerSec} bytes per client per second`);
    console.log(`server heap (after a collection): ${r.heapStartMb} MB when measuring began, ${r.heapEndMb} MB at the end (${r.heapGrowthPercent}%)`);
    console.log(`memory per table: ${r.rssPerTableKb} KB of RSS (${r.heapPerTableKb} KB of live heap) beyond the empty server's ${r.emptyRssMb} MB; ${r.openTables} tables open at the end, finished ones included (${r.rssPerOpenTableKb} KB each)`);
    console.log(`CPU per accepted action: server ${r.serverCpuMsPerAction} ms, driver ${r.driverCpuMsPerAction} ms; patches sent per action ${r.patchesPerAction} (${r.patchesSkippedPerAction} carried nothing and were not sent), ${r.unpatchedActions} actions answered by their reply alone`);
    console.log(`load driver (the clients' process, ${r.driverThreads} threads): CPU ${r.driverCpuPercent}%, event-loop lag p99 ${r.driverLagP99Ms} ms, RSS ${r.driverRssMb} MB (heap ${r.driverHeapUsedMb} MB, ${r.driverLiveHeapMb} MB after a collection)`);
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
