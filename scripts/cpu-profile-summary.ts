// Reads a V8 CPU profile (`node --cpu-prof`, or `npm run loadtest -- --profile DIR`) and prints
// where the time went: self time summed per function and per file, largest first, as a share of
// the profile. Used to find what puts the server's tail above the framework's floor (docs/OPERATIONS.md).
//
//   node scripts/cpu-profile-summary.ts FILE.cpuprofile [--top 30]
import { parseFlags, fail } from "./cli-args.ts";
import { readProfile, shortenUrl as shorten } from "./cpu-profile.ts";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const flags = parseFlags(args.filter((a) => a !== file), { top: "number" });
if (!file) fail("usage: node scripts/cpu-profile-summary.ts FILE.cpuprofile [--top 30]");
const top = flags.top ?? 30;
if (!Number.isInteger(top) || top < 1 || top > 1000) fail("--top must be a whole number from 1 to 1000");

const profile = readProfile(file!);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Each sample's time is the delta that follows it (V8's convention: timeDeltas[i] precedes samples[i]).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + Math.max(0, dt));
}
const fn = new Map<string, number>();
const files = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  if (!n) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? shorten(url) : "(native)";
  const key = `${functionName || "(anonymous)"}  ${where}${url ? `:${lineNumber + 1}` : ""}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  // Idle time is the loop waiting, not any file's work.
  if (functionName !== "(idle)") files.set(where, (files.get(where) ?? 0) + us);
  total += us;
}
const idle = [...fn].filter(([k]) => k.startsWith("(idle)")).reduce((s, [, v]) => s + v, 0);
const busy = total - idle;
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (self time; share of busy time ${(busy / 1e6).toFixed(2)} s)`);
  for (const [k, us] of [...m].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(idle / 1e6).toFixed(2)} s idle`);
show("by function", fn);
show("by file", files);
