// Benchmark: the server's work per accepted action, in CPU time, without sockets or a second
// process, so the figure holds on a machine busy with other work (docs/OPERATIONS.md, "The action
// path"). Plays busy 12-week games (every seat talking up to its weekly message cap, the table's own
// bots answering and deciding), keeps every state and action, then measures per action:
//   - intakeUs: a seat's message read where it enters the table, its size and the protocol's schema
//     (server/intent-pipeline.ts readIntent), per message from a seat;
//   - rulesUs: the rules applying it as a table does (shared/apply.ts applyChecked, from the state
//     before), the action built from its checked message, not checked a second time;
//   - mirrorUs: the synced state brought up to date (server/state-mirror.ts) with every seat and
//     the facilitator watched and no spectator, as at most tables: the public table and seven
//     sections (the spectators' section is written only while a spectator watches; `--spectator`
//     seats one, and the section is written after every public change too); after each action its changes
//     are let go (outside the timing) as sending its patch does, so the synced lists' bookkeeping
//     stays what a room's is (kept, it grows with every change and slows each one after it);
//   - storeUs: the durable record of it (server/persistence/table-store.ts, in a temporary directory),
//     each change as a table records it (the week's decisions held one by one, then applied together);
//     with `--tables N`, N tables take turns in one store, one change each per round in a shuffled
//     order, after a first stretch of unmeasured writes that fills the database, as under load
//     (hundreds of tables interleaving in a database tens of MB large); by default each game is a
//     table of its own, written one after another;
// and the mirror's work in the first and the last third of each game (`mirrorEarlyUs`,
// `mirrorLateUs`): near each other when the work follows the window of now, not the whole record.
// Then, in a pass of its own without the per-action timing, the bytes the JavaScript heap allocated
// per action for the same three (`rulesAllocKb`, `mirrorAllocKb`, `storeAllocKb`, and their sum
// `allocKbPerAction`; the intake's apart, `intakeAllocKb` per message from a seat): what fills the
// young generation and makes the server's scavenges. Counted
// exactly, not sampled: the heap in use after the loop less before it, plus what every collection
// during the loop freed (V8's own heap statistics before and after each one, from v8.GCProfiler).
//
//   npm run bench:action -- [--games 3] [--tables N] [--spectator] [--json]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GCProfiler, getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseFlags, fail } from "./cli-args.ts";
import { applyChecked } from "../shared/apply.ts";
import { defaultScenario } from "../shared/scenario.ts";
import { PARTY_IDS, type Viewer } from "../shared/ids.ts";
import type { Action } from "../shared/actions.ts";
import type { GameState } from "../shared/state.ts";
import { Encoder, StateView } from "@colyseus/schema";
import { StateMirror, type MirrorInput } from "../server/state-mirror.ts";
import { TableStore } from "../server/persistence/table-store.ts";
import { readIntent } from "../server/intent-pipeline.ts";
import { playBusyTable } from "../tests/helpers/busy-table.ts";
import { changesOf, type StoreChange } from "./store-changes.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", tables: "number", spectator: "boolean", json: "boolean" });
const games = flags.games ?? 3;
if (!Number.isInteger(games) || games < 1 || games > 20) fail("--games must be a whole number from 1 to 20");
const tables = flags.tables ?? 1;
if (!Number.isInteger(tables) || tables < 1 || tables > 2000) fail("--tables must be a whole number from 1 to 2,000");

const scenario = defaultScenario();
/**
 * A game's states and actions, each action also as a table receives and applies it: a seat's
 * message (`messages`, null for the table's own actions), and the action the table builds from it
 * once it is read (`applied`).
 */
type Played = Array<{ states: GameState[]; actions: Action[]; messages: Array<{ requestId: string; intent: unknown } | null>; applied: Action[] }>;
/** `games` busy games from seed `from` on, every state and action kept. */
function play(from: number): Played {
  const played: Played = [];
  for (let g = 0; g < games; g++) {
    const states: GameState[] = [];
    const actions: Action[] = [];
    playBusyTable(scenario, { seed: from + g, rounds: 12, chatter: true, bots: "table", onAction: (s, a) => (states.push(s), actions.push(a)) });
    const messages = actions.map((a) => {
      if (a.by === "system" || a.by === "facilitator") return null;
      const { by: _by, ...intent } = a;
      return { requestId: "r", intent };
    });
    const applied = actions.map((a, i) => {
      const message = messages[i];
      if (!message) return a;
      const read = readIntent(message);
      if (!read.ok) fail(`a played action the table refuses: ${read.failure.message}`);
      return { ...read.intent, by: a.by } as Action;
    });
    played.push({ states, actions, messages, applied });
  }
  return played;
}
// Each pass plays games of its own: a table mirrors each state once, so nothing remembered of a
// state from an earlier pass (views made once per state) may make a later pass look cheaper.
const warm = play(201);
const played = play(101);
const playedForAlloc = play(301);

const cpuUs = (run: () => void): number => {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/**
 * Bytes the JavaScript heap allocated while `run` ran: the growth of the heap in use, plus what each
 * collection in between freed (a collection frees what was allocated and is garbage; objects it
 * moves between generations stay counted once).
 */
const allocatedBytes = (run: () => void): number => {
  // A full collection first, so that the collections during `run` free only what it allocated.
  collect();
  const profiler = new GCProfiler();
  const before = getHeapStatistics().used_heap_size;
  profiler.start();
  run();
  const collections = profiler.stop()?.statistics ?? [];
  const after = getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const gc of collections) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return after - before + freed;
};

// Everyone seated is watching: each action remakes every section, as at a table of six people and a
// facilitator; with --spectator, someone watches the table too.
const watched = new Set<Viewer>(flags.spectator ? ["facilitator", ...PARTY_IDS, "spectator"] : ["facilitator", ...PARTY_IDS]);
const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as MirrorInput["seats"];
const timer = { stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false };

/** The rules applying every action of one game as a table does, each from the state before it. */
const replayRules = ({ states, applied }: Played[number]) => {
  for (let i = 1; i < states.length; i++) applyChecked(scenario, states[i - 1]!, applied[i]!);
};
/** Every seat's message of one game read as the table reads it. */
const readMessages = ({ messages }: Played[number]) => {
  for (const m of messages) if (m) readIntent(m);
};
const seatMessages = (played: Played) => played.reduce((n, g) => n + g.messages.filter((m) => m !== null).length, 0);

/** One change of the durable record (store-changes.ts) at table `table`. */
type Write = StoreChange & { table: number };

/**
 * What the store pass writes. With one table (the default), each game's changes in a table of its
 * own, one game after another, all measured. With `--tables N`, N tables take turns, table t
 * writing game t mod games from its start, one change per round, the tables of a round in a
 * shuffled (seeded) order as a server's tables' actions arrive; the last changes, as many as the
 * games have, are measured, and the changes before them (four times as many) fill the database
 * first, to the tens of MB a loaded server's grows to.
 */
function storeWrites(played: Played): { fill: Write[]; measured: Write[] } {
  const games_ = played.map((g, table) => changesOf(g.actions).map((c): Write => ({ ...c, table })));
  const total = games_.reduce((n, g) => n + g.length, 0);
  if (tables === 1) return { fill: [], measured: games_.flat() };
  const writes: Write[] = [];
  const order = Array.from({ length: tables }, (_, t) => t);
  let random = 12345;
  for (let round = 0; writes.length < total * 5; round++) {
    for (let i = order.length - 1; i > 0; i--) {
      random = (Math.imul(random, 1103515245) + 12345) >>> 0;
      const j = random % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const table of order) {
      const game = games_[table % games_.length]!;
      // A table past its game's end plays it again further on in its log.
      const change = game[round % game.length]!;
      const laps = Math.floor(round / game.length) * played[table % played.length]!.actions.length;
      writes.push({ ...change, table, from: change.from + laps });
    }
  }
  return { fill: writes.slice(0, writes.length - total), measured: writes.slice(writes.length - total) };
}

/** The durable record of `played` (storeWrites), in a temporary directory: `run` is handed the measured changes. */
function withStore(played: Played, run: (writes: Write[], append: (w: Write) => void) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), "ceasefire-bench-action-"));
  const store = TableStore.open(dir);
  try {
    const count = tables === 1 ? played.length : tables;
    for (let t = 0; t < count; t++) store.createTable({ code: `BENCH${t}`, createdAt: 0, options: {}, scenarioId: scenario.id, scenario, gameOptions: { seed: t }, hostKeyHash: "-" });
    const append = ({ table, from, actions, held }: Write) =>
      store.appendChange(`BENCH${table}`, from, actions, { submissions: held, announcement: "" }, timer, from, actions.map(() => ({ by: "person", name: "P", at: from })));
    const { fill, measured } = storeWrites(played);
    fill.forEach(append);
    run(measured, append);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The actions in `writes`. */
const actionsIn = (writes: Write[]) => writes.reduce((n, w) => n + w.actions.length, 0);

/** One measured pass over every game (the first pass warms the code and is not reported). */
function pass(played: Played) {
  let actions = 0;
  let intake = 0;
  let rules = 0;
  let mirror = 0;
  let early = { us: 0, n: 0 };
  let late = { us: 0, n: 0 };
  for (const game of played) {
    const { states, actions: log } = game;
    actions += log.length;
    intake += cpuUs(() => readMessages(game));
    rules += cpuUs(() => replayRules(game));
    const table = new StateMirror("BENCH1");
    const patches = new Encoder(table.state);
    const third = Math.floor(states.length / 3);
    states.forEach((game, i) => {
      const us = cpuUs(() => table.update({ scenario, game, seats, timer, announcement: "", watched }));
      patches.discardChanges();
      mirror += us;
      if (i < third) early = { us: early.us + us, n: early.n + 1 };
      if (i >= states.length - third) late = { us: late.us + us, n: late.n + 1 };
    });
  }
  let store_ = 0;
  let storeActions = 0;
  withStore(played, (writes, append) => {
    storeActions = actionsIn(writes);
    store_ = cpuUs(() => writes.forEach(append));
  });
  return {
    games,
    tables,
    spectator: watched.has("spectator"),
    actions,
    intakeUs: round1(intake / seatMessages(played)),
    rulesUs: round1(rules / actions),
    mirrorUs: round1(mirror / actions),
    mirrorEarlyUs: round1(early.us / early.n),
    mirrorLateUs: round1(late.us / late.n),
    storeUs: round1(store_ / storeActions),
  };
}

/** The bytes allocated per action by the rules, the mirror and the store, each over every game, without per-action timing. */
function allocPass(played: Played) {
  const actions = played.reduce((n, g) => n + g.actions.length, 0);
  const intake = allocatedBytes(() => played.forEach(readMessages));
  const rules = allocatedBytes(() => played.forEach(replayRules));
  const mirror = allocatedBytes(() => {
    for (const { states } of played) {
      const table = new StateMirror("BENCH1");
      // (Letting each action's changes go, as above, is counted here too: the encoder's few objects per list changed.)
      const patches = new Encoder(table.state);
      for (const game of states) {
        table.update({ scenario, game, seats, timer, announcement: "", watched });
        patches.discardChanges();
      }
    }
  });
  let store_ = 0;
  withStore(played, (writes, append) => (store_ = (allocatedBytes(() => writes.forEach(append)) * actions) / actionsIn(writes)));
  const kb = (bytes: number) => round1(bytes / actions / 1024);
  return { intakeAllocKb: round1(intake / seatMessages(played) / 1024), rulesAllocKb: kb(rules), mirrorAllocKb: kb(mirror), storeAllocKb: kb(store_), allocKbPerAction: kb(rules + mirror + store_) };
}

/**
 * The bytes of the spectators' section's changes per action before the end, as the schema records
 * them: the bytes a view holding the section alone would be sent of it after each action. With
 * no spectator watching, nobody is sent them, and the section is left alone (server/state-mirror.ts).
 * Counted, not timed: the same on any machine.
 */
function openPass(played: Played): { openBytesPerAction: number } {
  let bytes = 0;
  let actions = 0;
  for (const { states } of played) {
    const table = new StateMirror("BENCH1");
    const encoder = new Encoder(table.state);
    const probe = new StateView();
    probe.add(table.state.open);
    for (const game of states) {
      if (game.stage === "ended") break;
      table.update({ scenario, game, seats, timer, announcement: "", watched });
      const it = { offset: 0 };
      const shared = encoder.encode(it);
      const own = encoder.encodeView(probe, shared.length, it);
      // (A view's patch is the shared part followed by the view's own.)
      bytes += own.byteLength - shared.byteLength;
      encoder.discardChanges();
      actions++;
    }
  }
  return { openBytesPerAction: round1(bytes / actions) };
}

pass(warm);
allocPass(warm);
const result = { ...pass(played), ...allocPass(playedForAlloc), ...openPass(played) };
if (flags.json) console.log(JSON.stringify(result));
else {
  console.log(`${result.actions} actions over ${result.games} busy 12-week games${result.spectator ? ", a spectator watching" : ""}; CPU per action:`);
  console.log(`  a seat's message read ${result.intakeUs} µs, rules ${result.rulesUs} µs, synced state ${result.mirrorUs} µs (first third of a game ${result.mirrorEarlyUs} µs, last third ${result.mirrorLateUs} µs), durable record ${result.storeUs} µs${tables > 1 ? ` (${tables} tables taking turns)` : ""}`);
  console.log(`JavaScript heap allocated per action: ${result.allocKbPerAction} KB (rules ${result.rulesAllocKb}, synced state ${result.mirrorAllocKb}, durable record ${result.storeAllocKb}); per seat's message read ${result.intakeAllocKb} KB`);
  console.log(`The spectators' section's changes per action before the end: ${result.openBytesPerAction} bytes`);
}
