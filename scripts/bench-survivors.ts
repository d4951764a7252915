// Benchmark: what a table's actions leave alive for the young generation's collections (scavenges)
// when many tables take turns, as on a loaded server (docs/OPERATIONS.md, "Memory per table, and the
// tail"). A scavenge costs in proportion to what is young and still alive when it runs, and at a
// few hundred tables most tables have acted since the last one: each table's newest state, the
// views and windows the mirror keeps to compare with the next action, and the synced lists'
// bookkeeping are young and alive then, are copied, and are copied again when promoted, to die in
// the old generation. bench:action plays one table at a time over states made beforehand, so it
// counts what is allocated, not what lives on; this script keeps N live tables instead, each with
// only its newest state, its own mirror (every seat watched, as at the load test's tables) and its store
// rows, and plays them in turns (a shuffled, seeded order each round), the rules making each new
// state as a table does. No sockets and no encoding: the patches' bytes are not what is measured.
//
// Prints, over the measured stretch (after a warm-up in which every table plays a while):
//   - actions, scavenges, scavengeMs (the collector's own figure for each, summed), scavengeMaxMs;
//   - survivedKbPerScavenge: what the young generation held after each scavenge (survivors kept
//     young, mean), and promotedKbPerAction: what the old generation grew by across scavenges, per
//     action (survivors promoted: copied twice, then garbage for a full collection);
//   - fullGcs and fullMs (mark-compacts during the stretch).
// The times are the collector's own measure of each pause; on a busy machine they stretch when its
// helper threads wait for a core, so compare runs back to back.
//
//   node --max-semi-space-size=16 scripts/bench-survivors.ts [--tables 200] [--actions 60000] [--chatter]
//        [--facilitator] [--without mirror|store|mirror,store] [--json]
// (npm run bench:survivors -- … runs it with the server's own V8 flags, server/node-flags.ts.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GCProfiler } from "node:v8";
import { parseFlags, fail } from "./cli-args.ts";
import { applyChecked } from "../shared/apply.ts";
import { defaultScenario } from "../shared/scenario.ts";
import { createGame } from "../shared/setup.ts";
import { PARTY_IDS, type Viewer } from "../shared/ids.ts";
import type { Action } from "../shared/actions.ts";
import type { GameState } from "../shared/state.ts";
import { Encoder } from "@colyseus/schema";
import { StateMirror, type MirrorInput } from "../server/state-mirror.ts";
import { TableStore } from "../server/persistence/table-store.ts";
import { playBusyTable } from "../tests/helpers/busy-table.ts";

const flags = parseFlags(process.argv.slice(2), { tables: "number", actions: "number", chatter: "boolean", facilitator: "boolean", without: "string", json: "boolean" });
const tables = flags.tables ?? 200;
if (!Number.isInteger(tables) || tables < 1 || tables > 2000) fail("--tables must be a whole number from 1 to 2,000");
const measured = flags.actions ?? 60_000;
if (!Number.isInteger(measured) || measured < 1000 || measured > 1_000_000) fail("--actions must be a whole number from 1,000 to 1,000,000");
// The load test's bots do not talk (the default here too); --chatter plays busy games in which every seat talks to its cap.
const chatter = flags.chatter ?? false;
// The load test seats six players and no facilitator: the six seats are watched. --facilitator watches the facilitator's section too (a classroom's).
const facilitator = flags.facilitator ?? false;
// --without mirror, store or mirror,store: leaves that part out, to tell what each adds (the rules always run).
const without = new Set((flags.without ?? "").split(",").filter(Boolean));
for (const part of without) if (part !== "mirror" && part !== "store") fail(`--without takes mirror, store or both (mirror,store), not "${part}"`);
const withMirror = !without.has("mirror");
const withStore = !without.has("store");

const scenario = defaultScenario();
/** A few recorded games: each table replays one of them from its start, the rules making every state again. */
const GAMES = 8;
const games: Array<{ seed: number; actions: Action[] }> = [];
for (let g = 0; g < GAMES; g++) {
  const actions: Action[] = [];
  playBusyTable(scenario, { seed: 500 + g, rounds: 12, chatter, bots: "table", onAction: (_, a) => actions.push(a) });
  games.push({ seed: 500 + g, actions });
}
/** A table's game as it begins, its own (nothing of it shared with another table's, as on a server). */
function freshGame(game: number): GameState {
  const created = createGame(scenario, { seed: games[game]!.seed, rounds: 12 });
  if (!created.ok) fail(created.error.message);
  return created.value;
}

const watched = new Set<Viewer>(facilitator ? ["facilitator", ...PARTY_IDS] : PARTY_IDS);
const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as MirrorInput["seats"];
const timer = { stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false };
const clock = { stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false };

interface Table { code: string; game: number; next: number; state: GameState; mirror: StateMirror; encoder: Encoder; seq: number }

const dir = mkdtempSync(path.join(tmpdir(), "ceasefire-bench-survivors-"));
const store = TableStore.open(dir);
let made = 0;
/** A new table (as the load test replaces a finished one): a fresh mirror and store rows. */
function newTable(game: number): Table {
  const code = `SURV${made++}`;
  store.createTable({ code, createdAt: 0, options: {}, scenarioId: scenario.id, scenario, gameOptions: { seed: game }, hostKeyHash: "-" });
  const mirror = new StateMirror(code);
  return { code, game, next: 0, state: freshGame(game), mirror, encoder: new Encoder(mirror.state), seq: 1 };
}

/** One action of `t`: the rules' new state, the synced state brought up to date (its changes let go as a sent patch does), the store's row. */
function act(t: Table, at: number): Table {
  const { actions } = games[t.game]!;
  if (t.next >= actions.length) return newTable(t.game);
  // A copy, as a seat's message is read into objects of its own (the rules keep parts of it in the state).
  const action = structuredClone(actions[t.next++]!);
  const result = applyChecked(scenario, t.state, action);
  if (!result.ok) fail(`a recorded action refused on replay: ${result.error.message}`);
  t.state = result.value;
  if (withMirror) {
    t.mirror.update({ scenario, game: t.state, seats, timer, announcement: "", watched });
    t.encoder.discardChanges();
  }
  if (withStore) store.appendChange(t.code, t.seq++, [action], { submissions: [], announcement: "" }, clock, at, [{ by: "person", name: "P", at }]);
  return t;
}

// Tables start at different points of their games, as on a server where they were seated over time.
let random = 4242;
const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0);
const live: Table[] = [];
for (let i = 0; i < tables; i++) {
  let t = newTable(i % GAMES);
  const skip = next() % games[t.game]!.actions.length;
  for (let k = 0; k < skip; k++) t = act(t, k);
  live.push(t);
}

/** Plays `count` actions, a round at a time, every table once per round in a shuffled order. */
function play(count: number): number {
  let done = 0;
  const order = live.map((_, i) => i);
  while (done < count) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let k = 0; k < order.length && done < count; k++, done++) live[order[k]!] = act(live[order[k]!]!, done);
  }
  return done;
}

play(Math.max(20_000, tables * 50));
const profiler = new GCProfiler();
profiler.start();
const actions = play(measured);
const collections = profiler.stop()?.statistics ?? [];
store.close();
rmSync(dir, { recursive: true, force: true });

// V8's GC types (v8.GCProfiler): 1 scavenge, 2 mark-compact, 4 incremental marking, 8 weak callbacks, 16 minor mark-sweep.
const space = (stats: { heapSpaceStatistics: Array<{ spaceName: string; spaceUsedSize: number }> }, name: string) => stats.heapSpaceStatistics.find((s) => s.spaceName === name)?.spaceUsedSize ?? 0;
let scavenges = 0, scavengeUs = 0, scavengeMaxUs = 0, survived = 0, promoted = 0, fullGcs = 0, fullUs = 0;
for (const gc of collections) {
  if (gc.gcType === "Scavenge" || gc.gcType === "MinorMarkSweep") {
    scavenges++;
    scavengeUs += gc.cost;
    scavengeMaxUs = Math.max(scavengeMaxUs, gc.cost);
    survived += space(gc.afterGC, "new_space");
    promoted += Math.max(0, space(gc.afterGC, "old_space") - space(gc.beforeGC, "old_space"));
  } else if (gc.gcType === "MarkSweepCompact") {
    fullGcs++;
    fullUs += gc.cost;
  }
}
const round1 = (x: number) => Math.round(x * 10) / 10;
const result = {
  tables,
  chatter,
  facilitator,
  without: [...without].join(","),
  actions,
  scavenges,
  scavengeMs: round1(scavengeUs / 1000),
  scavengeMaxMs: round1(scavengeMaxUs / 1000),
  scavengeUsPerAction: round1(scavengeUs / actions),
  survivedKbPerScavenge: round1(scavenges ? survived / scavenges / 1024 : 0),
  promotedKbPerAction: round1(promoted / actions / 1024),
  fullGcs,
  fullMs: round1(fullUs / 1000),
};
if (flags.json) console.log(JSON.stringify(result));
else {
  console.log(`${actions} actions at ${tables} tables taking turns${chatter ? " (every seat talking)" : ""}${facilitator ? ", the facilitator watching" : ""}${without.size ? `, without the ${[...without].join(" and the ")}` : ""}:`);
  console.log(`  ${scavenges} scavenges, ${result.scavengeMs} ms in all (${result.scavengeUsPerAction} µs per action), the longest ${result.scavengeMaxMs} ms`);
  console.log(`  young survivors ${result.survivedKbPerScavenge} KB per scavenge, promoted ${result.promotedKbPerAction} KB per action; ${fullGcs} full collections, ${result.fullMs} ms`);
}
