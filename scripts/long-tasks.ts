// Reads a V8 CPU profile (`npm run loadtest -- --profile DIR`) and finds its long tasks: stretches
// in which the event loop never went idle for longer than --ms (default 10). Those are what a
// client waits behind at the tail, whatever the average: every message that arrived meanwhile is
// answered after them. For each stretch it names what it was made of — the outermost frame of the
// project's own code under each sample (its entry: a room's message handler, a timer, a join…),
// the collector, Colyseus or the socket layer — and sums them over every long task, largest first,
// then the same time by the function each sample was in.
//
//   npm run profile:long-tasks -- FILE.cpuprofile [--ms 10] [--top 20] [--list 10]
import { parseFlags, fail } from "./cli-args.ts";
import { readProfile, shortenUrl as shorten, type ProfileNode } from "./cpu-profile.ts";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const flags = parseFlags(args.filter((a) => a !== file), { ms: "number", top: "number", list: "number" });
if (!file) fail("usage: npm run profile:long-tasks -- FILE.cpuprofile [--ms 10] [--top 20] [--list 10]");
const threshold = flags.ms ?? 10;
const top = flags.top ?? 20;
const list = flags.list ?? 10;
if (!(threshold > 0 && threshold <= 10_000)) fail("--ms must be above 0 and at most 10000");
if (!Number.isInteger(top) || top < 1 || top > 1000) fail("--top must be a whole number from 1 to 1000");
if (!Number.isInteger(list) || list < 0 || list > 1000) fail("--list must be a whole number from 0 to 1000");

const profile = readProfile(file!);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const own = (url: string) => /\/(server|shared|scripts|examples)\//.test(url) && !url.includes("/node_modules/");
const label = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"}  ${shorten(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

/** What a sample's time counts as: the outermost project frame on its stack, else the kind of work. */
const entryCache = new Map<number, string>();
function entryOf(id: number): string {
  const cached = entryCache.get(id);
  if (cached !== undefined) return cached;
  const leaf = byId.get(id)!;
  let entry: string;
  if (leaf.callFrame.functionName === "(garbage collector)") entry = "(garbage collector)";
  else if (leaf.callFrame.functionName === "(program)") entry = "(program: V8 and Node outside JavaScript)";
  else {
    let outermost: ProfileNode | undefined;
    let outerFile = "";
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (own(n.callFrame.url)) outermost = n;
      else if (n.callFrame.url && !outerFile) outerFile = shorten(n.callFrame.url).split("/").slice(0, 2).join("/");
    }
    entry = outermost ? label(outermost) : `(outside the project: ${outerFile || "native"})`;
  }
  entryCache.set(id, entry);
  return entry;
}

interface Task {
  startMs: number;
  ms: number;
  parts: Map<string, number>;
  /** Self time per function (the leaf of each sample). */
  leaves: Map<string, number>;
}
// V8's convention: timeDeltas[i] is the time before samples[i]; a sample's time is the delta after it.
const tasks: Task[] = [];
let current: Task | null = null;
let clock = 0;
let busyMs = 0;
for (let i = 0; i < profile.samples.length; i++) {
  clock += (profile.timeDeltas[i] ?? 0) / 1000;
  const dt = Math.max(0, profile.timeDeltas[i + 1] ?? 0) / 1000;
  const node = byId.get(profile.samples[i]!)!;
  if (node.callFrame.functionName === "(idle)") {
    if (current && current.ms >= threshold) tasks.push(current);
    current = null;
    continue;
  }
  busyMs += dt;
  current ??= { startMs: clock, ms: 0, parts: new Map(), leaves: new Map() };
  current.ms += dt;
  const e = entryOf(node.id);
  current.parts.set(e, (current.parts.get(e) ?? 0) + dt);
  const leaf = node.callFrame.url ? label(node) : node.callFrame.functionName || "(anonymous)";
  current.leaves.set(leaf, (current.leaves.get(leaf) ?? 0) + dt);
}
if (current && current.ms >= threshold) tasks.push(current);

const inLong = new Map<string, number>();
const leavesInLong = new Map<string, number>();
for (const t of tasks) {
  for (const [k, v] of t.parts) inLong.set(k, (inLong.get(k) ?? 0) + v);
  for (const [k, v] of t.leaves) leavesInLong.set(k, (leavesInLong.get(k) ?? 0) + v);
}
const longMs = tasks.reduce((s, t) => s + t.ms, 0);
const sorted = [...tasks].sort((a, b) => b.ms - a.ms);
const pct = (x: number, of: number) => `${((x / of) * 100).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(clock / 1000).toFixed(1)} s profiled, ${(busyMs / 1000).toFixed(2)} s busy`);
console.log(`${tasks.length} tasks of at least ${threshold} ms: ${(longMs / 1000).toFixed(2)} s, ${pct(longMs, busyMs).trim()} of the busy time; longest ${sorted.slice(0, 5).map((t) => t.ms.toFixed(1)).join(", ")} ms`);
console.log(`\nwhat the long tasks were made of (entry: the outermost frame of the project's code)`);
for (const [k, ms] of [...inLong].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(ms, longMs)}  ${ms.toFixed(0).padStart(7)} ms  ${k}`);
console.log(`\nand by function (self time within the long tasks)`);
for (const [k, ms] of [...leavesInLong].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(ms, longMs)}  ${ms.toFixed(0).padStart(7)} ms  ${k}`);
if (list > 0) {
  console.log(`\nthe ${Math.min(list, sorted.length)} longest`);
  for (const t of sorted.slice(0, list)) {
    const parts = [...t.parts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, ms]) => `${ms.toFixed(1)} ms ${k}`);
    console.log(`${t.ms.toFixed(1).padStart(7)} ms at ${(t.startMs / 1000).toFixed(2)} s: ${parts.join(" | ")}`);
  }
}
