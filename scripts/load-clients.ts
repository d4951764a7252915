// One share of the load test's clients, in a worker thread of the driver (scripts/loadtest.ts): it
// seats its tables, plays them, and times each accepted action to the sender's next patch, as one
// driver did for all of them before. The driver's clients are spread over several threads so that
// one isolate's collection of its clients' states stalls only that share of the clients, and the
// stall is a short one (a smaller heap), as with people on many machines; what each client sends,
// receives, decodes and reads is the same as before.
//
// The driver thread tells each worker, in order: `measure` (open the window), `report` (close it
// and send the figures), `floor` (play bare rooms for the floor and send their samples).
import "./driver-sockets.ts";
import { plainFetch } from "./driver-http.ts";
import { parentPort, workerData } from "node:worker_threads";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client, type Room } from "@colyseus/sdk";
import { chooseIntent, type Memory } from "../examples/external-bot.ts";
import { readView, WireReader } from "../shared/wire-view.ts";
import { installFlatStringDecoder } from "../shared/wire-strings.ts";
import { recordGcPauses } from "../server/gc-pauses.ts";
import { onFrame } from "./received-bytes.ts";
import type { PartyId } from "../shared/ids.ts";
import type { Reply, Welcome } from "../shared/protocol.ts";

export interface ClientSettings {
  /** This worker's tables. */
  tables: number;
  think: number;
  port: number;
  /** Tables seated at once by this worker (each seating is six joins in a row). */
  seatingAtOnce: number;
  /** The first tables begin within this long of being seated. */
  staggerMs: number;
  /** Solo tables: one client each, the server's own bots in the other five seats (--solo). */
  solo: boolean;
  /** Tables with their stage clocks running (--timed). */
  timed: boolean;
}

/** What a worker sends back when the window closes. */
export interface WindowReport {
  samples: number[];
  bytes: number;
  refused: number;
  /** Accepted actions whose reply came with no patch before it: nothing the sender sees changed, so the reply is their answer. */
  unpatched: number;
  games: number;
  lagP99Ms: number;
  lagMaxMs: number;
  gcMaxMs: number;
  /** The longest full collection, and the longest young-generation scavenge (the other pauses). */
  gcMajorMaxMs: number;
  gcMinorMaxMs: number;
  gcTotalMs: number;
  heapUsedMb: number;
  liveHeapMb: number;
}

export type ToWorker = { type: "measure" } | { type: "report" } | { type: "floor"; seconds: number };
export type FromWorker = { type: "seated" } | { type: "measuring" } | { type: "report"; report: WindowReport } | { type: "floor"; samples: number[] } | { type: "failed"; message: string };

const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class Stats {
  samples: number[] = [];
  bytes = 0;
  refused = 0;
  unpatched = 0;
  games = 0;
}

/**
 * One bot client: plays its seat, one move at a time, timing each accepted move to its patch. The
 * server sends the sender's patch before its reply, and no patch when the action changed nothing
 * the sender sees (docs/PROTOCOL.md): a reply with no patch before it is then the answer, and is timed.
 */
function playSeat(room: Room, seat: PartyId, o: ClientSettings, stats: Stats, until: () => boolean, ended: () => void, onWelcome?: (w: Welcome) => void): void {
  let welcome: Welcome | null = null;
  let busy = false;
  let n = 0;
  let patchWaiter: ((at: number) => void) | null = null;
  const replies = new Map<string, (r: Reply, at: number) => void>();
  const memory: Memory = { skipOffers: new Set(), noProposalRound: -1 };
  // Re-parses only the parts a patch changed, as a real client does.
  const reader = new WireReader();
  room.onMessage("welcome", (w: Welcome) => {
    welcome = w;
    onWelcome?.(w);
  });
  room.onMessage("reply", (r: Reply) => replies.get(r.requestId)?.(r, performance.now()));
  room.onMessage("*", () => {});
  // Bytes a room's WebSocket receives (scripts/received-bytes.ts).
  onFrame(room, (frame) => (stats.bytes += frame.byteLength));
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
    let patchedAt: number | null = null;
    patchWaiter = (at) => (patchedAt = at);
    const replied = new Promise<[Reply, number]>((resolve) => replies.set(requestId, (r, at) => resolve([r, at])));
    room.send("intent", { requestId, intent });
    const [reply, repliedAt] = await replied;
    replies.delete(requestId);
    if (reply.ok) {
      if (patchedAt === null) stats.unpatched++;
      stats.samples.push((patchedAt ?? repliedAt) - t0);
    } else {
      stats.refused++;
      if (intent.type === "propose") memory.noProposalRound = view.round;
      if (intent.type === "accept" || intent.type === "reject") memory.skipOffers.add(intent.offerId);
    }
    patchWaiter = null;
    busy = false;
    setImmediate(act);
  };
  // The client looks again after each patch, unless it is already thinking or waiting for its
  // reply (it looks again after that reply anyway): a timer for every patch of every client was a
  // steady share of the driver's work.
  room.onStateChange(() => {
    const w = patchWaiter;
    patchWaiter = null;
    w?.(performance.now());
    if (!busy) setImmediate(act);
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

async function seatTable(sdk: Client, o: ClientSettings, stats: Stats, done: () => boolean, stagger = 0): Promise<void> {
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
  if (o.solo) {
    // A solo table: one client, the server's bots in the five other seats; it begins when the player sits down.
    seatAt(await retried(() => sdk.create("table", { name: "Solo", seat: SEATS[0], solo: true, timers: o.timed, rounds: 6 })), SEATS[0]);
    return;
  }
  const host = await retried(() => sdk.create("table", { name: "Host", seat: SEATS[0], timers: o.timed, rounds: 6, botsFillEmptySeats: false }));
  seatAt(host, SEATS[0]);
  for (const seat of SEATS.slice(1)) seatAt(await retried(() => sdk.joinById(host.roomId, { name: `Bot-${seat}`, seat })), seat);
  while (!hostKey) await sleep(5);
  // The first tables begin at staggered moments, as separate classes and games do: otherwise every
  // game of the run would end in the same few seconds. Later tables (replacing a finished game) begin at once.
  const begin = () => host.send("command", { requestId: "begin", hostKey, command: { type: "begin" } });
  if (stagger > 0) setTimeout(begin, Math.random() * stagger);
  else begin();
}

/** Bare rooms of six (set one number, send the patch) at the same pacing, for `seconds`: the floor's samples. */
async function playFloor(sdk: Client, o: ClientSettings, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  let stop = false;
  const rooms: Room[] = [];
  for (let t = 0; t < o.tables; t++) {
    const first = await sdk.create("floor", {});
    const clients = [first];
    for (let k = 1; k < 6; k++) clients.push(await sdk.joinById(first.roomId, {}));
    rooms.push(...clients);
  }
  await Promise.all([
    ...rooms.map(async (room, k) => {
      let waiter: ((at: number) => void) | null = null;
      room.onStateChange(() => {
        const w = waiter;
        waiter = null;
        w?.(performance.now());
      });
      for (let i = 0; !stop; i++) {
        await sleep(o.think * (0.5 + Math.random()));
        if (stop) break;
        const s0 = performance.now();
        const patched = new Promise<number>((r) => (waiter = (at) => r(at - s0)));
        room.send("set", k * 100_000 + i + 1);
        const ms = await Promise.race([patched, sleep(5000).then(() => NaN)]);
        if (Number.isFinite(ms)) samples.push(ms);
      }
    }),
    sleep(seconds * 1000).then(() => (stop = true)),
  ]);
  return samples;
}

async function work(o: ClientSettings): Promise<void> {
  const port = parentPort!;
  const post = (m: FromWorker) => port.postMessage(m);
  // As the game's page does: clients' views decoded character by character would hold ropes of
  // about 32 bytes per character, and their collection would stall the driver.
  installFlatStringDecoder();
  // Joins' matchmaking requests over node:http (scripts/driver-http.ts), not the global fetch.
  const sdk = new Client(`ws://127.0.0.1:${o.port}`, { fetchFn: plainFetch });
  const stats = new Stats();
  let stopTables = false;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const gcPauses = recordGcPauses();
  port.on("message", (m: ToWorker) => {
    void (async () => {
      if (m.type === "measure") {
        // Games finished in the window (not while the tables were being seated).
        stats.samples = [];
        stats.bytes = stats.refused = stats.unpatched = stats.games = 0;
        lag.enable();
        gcPauses();
        post({ type: "measuring" });
      } else if (m.type === "report") {
        const gc = gcPauses();
        lag.disable();
        stopTables = true;
        const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
        // What its clients hold alive, after a collection.
        (globalThis as { gc?: () => void }).gc?.();
        const liveHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
        const report: WindowReport = { samples: stats.samples.filter(Number.isFinite), bytes: stats.bytes, refused: stats.refused, unpatched: stats.unpatched, games: stats.games, lagP99Ms: lag.percentile(99) / 1e6, lagMaxMs: lag.max / 1e6, gcMaxMs: gc.gcMaxMs, gcMajorMaxMs: gc.gcMajorMaxMs, gcMinorMaxMs: gc.gcMinorMaxMs, gcTotalMs: gc.gcTotalMs, heapUsedMb, liveHeapMb };
        post({ type: "report", report });
      } else if (m.type === "floor") {
        post({ type: "floor", samples: await playFloor(sdk, o, m.seconds) });
      }
    })().catch((e: unknown) => post({ type: "failed", message: String(e) }));
  });
  for (let t = 0; t < o.tables; t += o.seatingAtOnce)
    await Promise.all(Array.from({ length: Math.min(o.seatingAtOnce, o.tables - t) }, () => seatTable(sdk, o, stats, () => stopTables, o.staggerMs)));
  post({ type: "seated" });
}

work(workerData as ClientSettings).catch((e: unknown) => parentPort!.postMessage({ type: "failed", message: String(e) } satisfies FromWorker));
