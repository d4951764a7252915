// Reads V8 heap snapshots (`node --heapsnapshot-signal=SIGUSR2`, or v8.writeHeapSnapshot) and prints
// what the heap holds, summed per kind of object (constructor, or string/array/code…), largest
// first. Given two snapshots — an empty server and the same server with N tables — it prints what
// grew, which is what the tables hold (docs/OPERATIONS.md, "Memory per table").
//
//   node scripts/heap-snapshot-summary.ts AFTER.heapsnapshot [BEFORE.heapsnapshot] [--top 30] [--per N]
// --per N divides the growth by N (the number of tables) to show it per table.
// --retained NAME[,NAME…] (e.g. ConfiguredTableRoom,TableSession,Root,StateView,WebSocketClient)
// prints what each object of the first kind holds — what the roots reach only through such objects
// — by the fields it is reached through (--depth steps) and by kind (heap-retained.ts).
import { readFileSync } from "node:fs";
import { parseFlags, fail } from "./cli-args.ts";
import { printRetained, type FullSnapshot } from "./heap-retained.ts";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per kind of object. */
function summarise(file: string): Map<string, { bytes: number; count: number }> {
  const snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    // Objects by constructor; strings, arrays, code and the rest by their kind (their "names" are contents).
    const key = type === "object" || type === "native" || type === "closure" ? `${type}:${snap.strings[snap.nodes[i + nameAt]!]}` : type;
    const entry = out.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += snap.nodes[i + sizeAt]!;
    entry.count++;
    out.set(key, entry);
  }
  return out;
}

const args = process.argv.slice(2);
const files = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--")));
const flags = parseFlags(args.filter((a) => !files.includes(a)), { top: "number", per: "number", retained: "string", depth: "number" });
if (files.length < 1 || files.length > 2) fail("usage: node scripts/heap-snapshot-summary.ts AFTER.heapsnapshot [BEFORE.heapsnapshot] [--top 30] [--per N] [--retained NAME[,NAME…] [--depth 4]]");
const top = flags.top ?? 30;
const per = flags.per ?? 1;
if (!Number.isInteger(top) || top < 1 || top > 1000) fail("--top must be a whole number from 1 to 1000");
if (!(per >= 1)) fail("--per must be at least 1");
if (flags.depth !== undefined && !(Number.isInteger(flags.depth) && flags.depth >= 1 && flags.depth <= 20)) fail("--depth must be a whole number from 1 to 20");

if (flags.retained !== undefined) {
  printRetained(JSON.parse(readFileSync(files[0]!, "utf8")) as FullSnapshot, flags.retained, top, flags.depth ?? 4);
  process.exit(0);
}
const after = summarise(files[0]!);
const before = files[1] ? summarise(files[1]) : new Map<string, { bytes: number; count: number }>();
const rows = [...new Set([...after.keys(), ...before.keys()])].map((key) => {
  const a = after.get(key) ?? { bytes: 0, count: 0 };
  const b = before.get(key) ?? { bytes: 0, count: 0 };
  return { key, bytes: (a.bytes - b.bytes) / per, count: (a.count - b.count) / per };
});
const total = rows.reduce((s, r) => s + r.bytes, 0);
console.log(`${files[1] ? "growth" : "heap"}${per > 1 ? ` per ${per === 1 ? "" : "1/" + per}` : ""}: ${(total / 1024).toFixed(0)} KB in all`);
for (const r of rows.sort((x, y) => y.bytes - x.bytes).slice(0, top))
  console.log(`${(r.bytes / 1024).toFixed(1).padStart(9)} KB ${String(Math.round(r.count)).padStart(8)} ×  ${r.key}`);
