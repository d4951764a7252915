// Benchmark: the durable store as a loaded server uses it, alone — what the event loop pays for it,
// and whether its checkpoints ever stall the loop. `--tables` tables (default 400) play bots' games
// into one store (server/persistence/table-store.ts, in a temporary directory, its checkpoint
// worker running as in production), `--rate` changes a second in all (default 1,400, the load
// test's pace at 400 tables), for `--seconds` (default 25): each change as a table records it
// (store-changes.ts), the tables taking turns at random (seeded); a table whose game is over is
// closed and a new one created, as the load test replaces finished games. Prints:
//   - cpuUsPerChange, cpuUsPerAction: the main thread's CPU time (the checkpoint worker's is not
//     counted: it runs on its own thread), over the run, per change and per action recorded;
//   - writeP50Us, writeP99Us, writeMaxMs: each change's time on the event loop, wall clock;
//   - writesOver5ms: changes that held the event loop 5 ms or more, and `stalls`, when (s) and how long (ms);
//   - walMb, databaseMb: the files at the end.
// Wall-clock figures include the machine's other work; run it on a quiet machine to read them.
//
//   npm run bench:store -- [--tables 400] [--rate 1400] [--seconds 25] [--json]
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFlags, fail } from "./cli-args.ts";
import { defaultScenario } from "../shared/scenario.ts";
import type { Action } from "../shared/actions.ts";
import { DATABASE_FILE, TableStore } from "../server/persistence/table-store.ts";
import { playBusyTable } from "../tests/helpers/busy-table.ts";
import { changesOf, type StoreChange } from "./store-changes.ts";

const flags = parseFlags(process.argv.slice(2), { tables: "number", rate: "number", seconds: "number", json: "boolean" });
const tables = flags.tables ?? 400;
const rate = flags.rate ?? 1400;
const seconds = flags.seconds ?? 25;
if (!Number.isInteger(tables) || tables < 1 || tables > 2000) fail("--tables must be a whole number from 1 to 2,000");
if (!(rate > 0 && rate <= 20_000)) fail("--rate must be from 1 to 20,000 changes a second");
if (!(seconds > 0 && seconds <= 300)) fail("--seconds must be from 1 to 300");

const scenario = defaultScenario();
// Bots' games, as the load test plays them (no chatter), six weeks each.
const games: StoreChange[][] = [];
for (let g = 0; g < 4; g++) {
  const log: Action[] = [];
  playBusyTable(scenario, { seed: 11 + g, rounds: 6, chatter: false, bots: "table", onAction: (_s, a) => log.push(a) });
  games.push(changesOf(log));
}

const dir = mkdtempSync(path.join(tmpdir(), "ceasefire-bench-store-"));
const store = TableStore.open(dir);
const clock = { stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false };
let created = 0;
const newTable = () => {
  const code = `S${String(created++).padStart(5, "0")}`;
  store.createTable({ code, createdAt: Date.now(), options: {}, scenarioId: scenario.id, scenario, gameOptions: { seed: created }, hostKeyHash: "-" });
  return { code, game: games[created % games.length]!, next: 0 };
};
const live = Array.from({ length: tables }, newTable);

let random = 12345;
let changes = 0;
let actions = 0;
const writes: number[] = [];
const stalls: string[] = [];
const start = performance.now();
const cpuStart = process.threadCpuUsage();

/** One change at a table drawn at random; a finished game's table closes and a new one takes its place. */
function writeOne(): void {
  random = (Math.imul(random, 1103515245) + 12345) >>> 0;
  const i = random % live.length;
  const table = live[i]!;
  const change = table.game[table.next]!;
  const at = Date.now();
  const t0 = performance.now();
  store.appendChange(table.code, change.from, change.actions, { submissions: change.held, announcement: "" }, clock, at, change.actions.map(() => ({ by: "bot", at })));
  const ms = performance.now() - t0;
  writes.push(ms);
  if (ms >= 5) stalls.push(`${((t0 - start) / 1000).toFixed(1)}s:${ms.toFixed(1)}`);
  changes++;
  actions += change.actions.length;
  if (++table.next === table.game.length) {
    store.closeTable(table.code, at);
    live[i] = newTable();
  }
}

function report(): void {
  const cpu = process.threadCpuUsage(cpuStart);
  const cpuUs = cpu.user + cpu.system;
  const size = (file: string) => {
    try {
      return Math.round(statSync(path.join(dir, file)).size / 1e5) / 10;
    } catch {
      return 0;
    }
  };
  writes.sort((a, b) => a - b);
  const at = (q: number) => writes[Math.min(writes.length - 1, Math.floor(q * writes.length))]!;
  const result = {
    tables,
    rate,
    seconds,
    changes,
    actions,
    tablesCreated: created,
    cpuUsPerChange: Math.round((cpuUs / changes) * 10) / 10,
    cpuUsPerAction: Math.round((cpuUs / actions) * 10) / 10,
    writeP50Us: Math.round(at(0.5) * 1000),
    writeP99Us: Math.round(at(0.99) * 1000),
    writeMaxMs: Math.round(writes.at(-1)! * 10) / 10,
    writesOver5ms: stalls.length,
    stalls: stalls.slice(0, 20),
    walMb: size(`${DATABASE_FILE}-wal`),
    databaseMb: size(DATABASE_FILE),
  };
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (flags.json) console.log(JSON.stringify(result));
  else {
    console.log(`${result.changes} changes (${result.actions} actions) at ${tables} tables, ${rate} a second for ${seconds} s; main thread's CPU ${result.cpuUsPerChange} µs per change, ${result.cpuUsPerAction} µs per action`);
    console.log(`each change on the event loop: p50 ${result.writeP50Us} µs, p99 ${result.writeP99Us} µs, longest ${result.writeMaxMs} ms; ${result.writesOver5ms} of 5 ms or more${stalls.length ? ` (${result.stalls.join(", ")})` : ""}`);
    console.log(`WAL ${result.walMb} MB, database ${result.databaseMb} MB`);
  }
}

// Paced in small steps, as a server's changes arrive spread over time: whether the checkpoint worker
// keeps up with the writer, or leaves the main thread to checkpoint, depends on that pace.
const tick = () => {
  const elapsed = (performance.now() - start) / 1000;
  const due = Math.floor(elapsed * rate);
  while (changes < due) writeOne();
  if (elapsed < seconds) setTimeout(tick, 5);
  else report();
};
setTimeout(tick, 5);
