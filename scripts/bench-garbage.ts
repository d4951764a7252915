// Measures how a table answers one client while another socket at it sends 5,000 frames the server
// cannot decode (docs/OPERATIONS.md): the round trip of a refused intent (request → reply) before
// and during the flood, the garbage sender's close code, and the lines the flood added to the log.
// Runs a real server process on a free loopback port with its own data directory; the garbage
// sender runs in a process of its own, so that sending does not slow the measuring client.
//   npm run bench:garbage [-- --frames 5000]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";

const ROOT = path.resolve(import.meta.dirname, "..");
const frames = Number(process.argv[process.argv.indexOf("--frames") + 1] || 5000) || 5000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A request frame (Colyseus ROOM_REQUEST, 21) for "intent" whose msgpack payload claims 65,535 items and has none. */
const frame = (i: number) => Buffer.concat([Buffer.from([21, i & 0x7f, 0xa6]), Buffer.from("intent"), Buffer.from([0xdc, 0xff, 0xff])]);

const sendAt = process.argv.indexOf("--send");
if (sendAt >= 0) await sendGarbage(process.argv[sendAt + 1]!, process.argv[sendAt + 2]!);
else await measure();

/** The sender: joins as a spectator, waits for "go" on stdin, sends the frames, reports how it was closed. */
async function sendGarbage(url: string, code: string): Promise<void> {
  const sender: Room = await new Client(url).joinById(code, { name: "Garbage", seat: "spectator" });
  sender.onMessage("*", () => {});
  let closedWith: number | null = null;
  sender.onLeave((c: number) => (closedWith = c));
  await sleep(200);
  process.stdout.write("ready\n");
  await new Promise<void>((r) => process.stdin.once("data", () => r()));
  const connection = sender.connection as unknown as { send(data: Buffer): void };
  let sent = 0;
  for (; sent < frames && closedWith === null; sent++) connection.send(frame(sent));
  for (let i = 0; i < 300 && closedWith === null; i++) await sleep(10);
  process.stdout.write(`sent ${sent} closed ${closedWith ?? "still-open"}\n`);
  process.exit(0);
}

async function measure(): Promise<void> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), "ceasefire-bench-"));
  let log = "";
  const server = spawn(process.execPath, [path.join(ROOT, "server/main.ts")], { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  while (!log.includes("is running")) await sleep(20);

  const url = `ws://127.0.0.1:${port}`;
  const host: Room = await new Client(url).create("table", { name: "Teacher", seat: "facilitator", botsFillEmptySeats: false });
  const player: Room = await new Client(url).joinById(host.roomId, { name: "Isa", seat: "israel" });
  for (const r of [host, player]) r.onMessage("*", () => {});
  let senderOut = "";
  const sender = spawn(process.execPath, [path.join(ROOT, "scripts/bench-garbage.ts"), "--frames", String(frames), "--send", url, host.roomId], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  sender.stdout.on("data", (d: Buffer) => (senderOut += d.toString()));
  while (!senderOut.includes("ready")) await sleep(20);
  await sleep(300);

  let n = 0;
  /** One round trip: an intent the rules refuse (no such offer), so nothing changes at the table. */
  const roundTrip = async () => {
    const t = performance.now();
    await player.request("intent", { requestId: `rt-${++n}`, intent: { type: "accept", offerId: 999999 } });
    return performance.now() - t;
  };
  /** Round trips every `everyMs` for `forMs` (under the 20-a-second message limit). */
  const sample = async (forMs: number, everyMs: number) => {
    const out: number[] = [];
    const end = performance.now() + forMs;
    while (performance.now() < end) {
      out.push(await roundTrip());
      await sleep(everyMs);
    }
    return out;
  };
  const summary = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
    return `p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms (${s.length} round trips)`;
  };

  const baseline = await sample(3000, 60);
  const logBefore = log.split("\n").length;
  const during = sample(1500, 60);
  sender.stdin.write("go\n");
  const flood = await during;
  while (!senderOut.includes("closed")) await sleep(20);
  await sleep(300);
  const added = log.split("\n").slice(logBefore - 1).filter((l) => l.trim() !== "");
  const [, sent, closedWith] = /sent (\d+) closed (\S+)/.exec(senderOut)!;

  console.log(`round trip before the flood:  ${summary(baseline)}`);
  console.log(`round trip during the flood:  ${summary(flood)}`);
  console.log(`garbage frames sent: ${sent}; sender closed with: ${closedWith}`);
  console.log(`log lines added by the flood: ${added.length}`);

  await player.leave();
  await host.leave();
  server.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
