// Benchmark: a whole class on one server process — a session of `--tables` tables (default 10) with
// six students each (default 60), joined over HTTP and seated with SDK clients, played to the end
// with every student saying ready and deciding each week. Prints the time to seat everyone, the
// median and worst week, and the process's memory. Everything runs in this process (server and
// clients), so the figures are an upper bound on the server's share.
//
//   npm run bench:classroom [-- --tables 10] [-- --rounds 6]
import { Client, type Room } from "@colyseus/sdk";
import { startServer } from "../server/app.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) ? v : fallback;
};
const tables = arg("tables", 10);
const rounds = arg("rounds", 6);

const running = await startServer(0, { clientDist: null, rateLimit: { perSecond: 1000, burst: 1000 } }, "127.0.0.1");
const base = `http://127.0.0.1:${running.port}`;
const post = async (path: string, body: unknown, key?: string) => {
  const r = await fetch(base + path, { method: "POST", headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
  return (await r.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
};

interface Seated { room: Room; seat: string; table: number; view(): { stage: string; round: number } | null }
const started = performance.now();
const session = await post("/api/sessions", { tables, rounds, teamSize: 1, negotiationSeconds: 3600, decisionSeconds: 3600 });
const students: Seated[] = [];
for (let i = 0; i < tables * 6; i++) {
  const a = await post(`/api/sessions/${session.code}/students`, { name: `S${i}` });
  const room = await new Client(base).joinById(a.tableCode, { name: a.name, seat: a.seat, studentToken: a.studentToken });
  room.onMessage("*", () => {});
  students.push({ room, seat: a.seat, table: a.table, view: () => { const raw = (room.state as any)?.public; return raw ? JSON.parse(raw) : null; } }); // eslint-disable-line @typescript-eslint/no-explicit-any
}
const seatedMs = performance.now() - started;
const until = async (check: () => boolean) => { for (let i = 0; i < 20_000 && !check(); i++) await new Promise((r) => setTimeout(r, 2)); };
await post(`/api/sessions/${session.code}/command`, { tables: "all", command: { type: "begin" } }, session.hostKey);
await until(() => students.every((s) => s.view()?.stage === "negotiation"));
const weeks: number[] = [];
let n = 0;
for (let week = 1; week <= rounds + 1 && !students.every((s) => s.view()?.stage === "ended"); week++) {
  const t0 = performance.now();
  for (const s of students) if (s.view()?.stage === "negotiation") s.room.send("intent", { requestId: `r${++n}`, intent: { type: "ready" } });
  await until(() => students.every((s) => s.view()?.stage !== "negotiation"));
  for (const s of students) if (s.view()?.stage === "decisions") s.room.send("intent", { requestId: `r${++n}`, intent: { type: "decide", decision: {} } });
  await until(() => students.every((s) => { const v = s.view(); return v !== null && (v.stage === "ended" || v.round > week); }));
  weeks.push(performance.now() - t0);
}
const sorted = [...weeks].sort((a, b) => a - b);
const mem = process.memoryUsage();
console.log(`${tables} tables, ${students.length} students: seated in ${Math.round(seatedMs)} ms; ${weeks.length} weeks, median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, worst ${Math.round(sorted[sorted.length - 1] ?? 0)} ms per week (all tables at once); rss ${Math.round(mem.rss / 2 ** 20)} MB, heap ${Math.round(mem.heapUsed / 2 ** 20)} MB`);
for (const s of students) await s.room.leave(true).catch(() => {});
await running.close();
process.exit(0);
