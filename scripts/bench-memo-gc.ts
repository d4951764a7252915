// Benchmark: what the views' memos cost the garbage collector, kept in WeakMaps or on their keys
// (shared/object-memo.ts). A server holds one memo entry or more for every item, state and list of
// every table in play; a WeakMap entry is an ephemeron, which V8's full collection settles in its
// pause. This plays the same pattern without sockets or rules — tables whose items each get their
// JSON and size memoised, states whose views are memoised (in a WeakMap both times, as in the server), a few live states per table, and
// short-lived garbage at an action's rate — once with WeakMaps and once with ObjectMemo, each in a
// fresh process with the server's V8 settings, and prints the main thread's collector pauses.
//
//   npm run bench:memo-gc -- [--actions 2000000] [--tables 500] [--json]
// Prints per kind: the run's time and CPU, full collections (count, total and longest pause), scavenges (total, longest),
// and the event loop's lag p99 (V8's incremental marking steps run on the main thread too).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { ObjectMemo } from "../shared/object-memo.ts";
import { recordGcPauses } from "../server/gc-pauses.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { parseFlags } from "./cli-args.ts";

interface Memo<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

interface Figures {
  kind: string;
  actions: number;
  seconds: number;
  cpuSeconds: number;
  fullCollections: number;
  fullPauseTotalMs: number;
  fullPauseMaxMs: number;
  scavengeTotalMs: number;
  scavengeMaxMs: number;
  lagP99Ms: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function play(kind: "weakmap" | "memo", total: number, tables: number): Promise<Figures> {
  const made = <K extends object, V>(): Memo<K, V> => (kind === "weakmap" ? new WeakMap<K, V>() : new ObjectMemo<K, V>());
  const json = made<object, string>();
  const size = made<object, number>();
  // States' memos are WeakMaps either way, as in the server (shared/object-memo.ts says why).
  const views = new WeakMap<object, object>();
  const table = Array.from({ length: tables }, () => ({ items: [] as object[], states: [] as object[] }));
  const gc = recordGcPauses();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let actions = 0;
  const began = performance.now();
  const cpu = process.cpuUsage();
  await new Promise<void>((done) => {
    const turn = () => {
      for (let k = 0; k < 200; k++) {
        const t = table[actions++ % tables]!;
        const item = { id: actions, kind: "message", text: `words of message ${actions}`, to: ["qatar", "turkiye"], round: actions % 12 };
        t.items.push(item);
        if (t.items.length > 400) t.items.shift();
        json.set(item, JSON.stringify(item));
        size.set(item, 40 + (actions % 50));
        const state = { items: t.items.slice(-50), round: actions, parties: { qatar: { trust: actions }, turkiye: { trust: -actions } } };
        views.set(state, { list: state.items.map((i) => ({ id: (i as { id: number }).id, json: json.get(i) })), secrets: "x".repeat(100) });
        t.states.push(state);
        if (t.states.length > 3) t.states.shift();
        // What an action leaves behind at once.
        for (let g = 0; g < 20; g++) void { g, actions, text: `scratch ${g}` };
      }
      if (actions < total) setImmediate(turn);
      else done();
    };
    turn();
  });
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  const f = gc();
  lag.disable();
  return {
    kind,
    actions,
    seconds: round1(seconds),
    cpuSeconds: round1((used.user + used.system) / 1e6),
    fullCollections: f.gcMajorPauses,
    fullPauseTotalMs: round1(f.gcMajorTotalMs),
    fullPauseMaxMs: round1(f.gcMajorMaxMs),
    scavengeTotalMs: round1(f.gcTotalMs - f.gcMajorTotalMs),
    scavengeMaxMs: round1(f.gcMinorMaxMs),
    lagP99Ms: round1(lag.percentile(99) / 1e6),
  };
}

const self = fileURLToPath(import.meta.url);
const at = process.argv.indexOf("--play");
if (at >= 0) {
  const [kind, actions, tables] = process.argv.slice(at + 1);
  const figures = await play(kind as "weakmap" | "memo", Number(actions), Number(tables));
  process.stdout.write(`RESULT ${JSON.stringify(figures)}\n`);
} else {
  const given = parseFlags(process.argv.slice(2), { actions: "number", tables: "number", json: "boolean" });
  const flags = { actions: given.actions ?? 2_000_000, tables: given.tables ?? 500, json: given.json ?? false };
  const results: Figures[] = [];
  for (const kind of ["weakmap", "memo"]) {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, self, "--play", kind, String(flags.actions), String(flags.tables)], { stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`the ${kind} run exited with ${code}`))));
    });
    results.push(JSON.parse(/^RESULT (.*)$/m.exec(out)![1]!) as Figures);
  }
  if (flags.json) console.log(JSON.stringify(results));
  else
    for (const r of results)
      console.log(
        `${r.kind.padEnd(8)} ${r.actions} actions in ${r.seconds} s (CPU ${r.cpuSeconds} s): ${r.fullCollections} full collections, pauses ${r.fullPauseTotalMs} ms in all (longest ${r.fullPauseMaxMs} ms); scavenges ${r.scavengeTotalMs} ms (longest ${r.scavengeMaxMs} ms); event-loop lag p99 ${r.lagP99Ms} ms`,
      );
}
