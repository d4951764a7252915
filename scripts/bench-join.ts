// Benchmark: the server's CPU for a table's life outside its actions — creating a table, joining
// it, leaving it and closing it — measured as the server process's CPU time, so its figures hold on
// a busy machine (wall-clock times do not).
//
//   npm run bench:join -- [--tables 200] [--open 400] [--at-once 10] [--passes 3] [--json] [--limit 300] [--profile DIR]
//
// A server process (this file with --serve, loopback only, with its durable store in a temporary
// directory, as in production) holds `--open` other rooms that stay open throughout, as a busy
// server holds other tables: matchmaking that walks every room costs what it would there. The
// driver (this process, @colyseus/sdk over WebSockets) then, `--at-once` tables at a time (a
// classroom's tables joined together):
// 1. creates `--tables` tables (`create`: the creator's request, the new table, their join);
// 2. joins each with five more people by code (`joinById`);
// 3. has all six leave, and waits for the tables to close (2 s after their last person left).
// A first pass over a quarter as many tables (at least 10) warms the server's code up unmeasured;
// then `--passes` measured passes, each figure printed as its median over them.
// Before and after each phase, once every client has its first state, it reads the server's CPU
// time (process.cpuUsage: user + system, every thread) over IPC. It prints, per phase, the server's
// CPU µs per unit (`createUs` per table, `joinUs` per joiner, `leaveCloseUs` per table), and
// `tableUs`: a table's whole life (its creation, its six people coming and going, its closing).
// `idleUsPerSec`: the server's CPU with nothing happening (timers, the open rooms), measured for a
// second before the first phase. It is not subtracted: the closing phase includes the 2 s wait, so
// about idleUsPerSec × 2.5 / tables of its figure is the idle server's (some 50 µs at the defaults).
// --profile DIR writes the server's CPU profile there (for npm run profile:summary).
// --json prints { tables, passes, openRooms, createUs, joinUs, leaveCloseUs, tableUs, idleUsPerSec, seconds }.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Client, type Room as SDKRoom } from "@colyseus/sdk";
import { parseFlags, fail } from "./cli-args.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";

const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;
/** The bench's tables close this long after their last person leaves (production: 15 minutes unfinished). */
const CLOSE_AFTER_SECONDS = 2;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function serve(open: number): Promise<void> {
  const { startServer } = await import("../server/app.ts");
  const { TableStore } = await import("../server/persistence/table-store.ts");
  const { defineRoom, matchMaker, Room } = await import("@colyseus/core");
  // Other rooms open throughout: idle, never disposed, waking once a second like a table.
  class OpenRoom extends Room {
    override autoDispose = false;
    override patchRate = 1000;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "ceasefire-join-"));
  const store = TableStore.open(dataDir);
  // Every client is on loopback, one address: lift the per-address budgets (as the load test does).
  const lifted = { perSecond: 1e6, burst: 1e6 };
  const running = await startServer(
    0,
    { clientDist: null, store, idleDisposeSeconds: CLOSE_AFTER_SECONDS, addressLimits: { joins: lifted, connections: lifted, messages: lifted, emptyTables: 1e6 }, extraRooms: { open: defineRoom(OpenRoom) } },
    "127.0.0.1",
  );
  for (let i = 0; i < open; i++) await matchMaker.createRoom("open", {});
  process.on("message", (m: unknown) => {
    const ask = (m as { cpuAsk?: unknown } | null)?.cpuAsk;
    if (typeof ask !== "number") return;
    const used = process.cpuUsage();
    process.send!({ cpuAsk: ask, cpuUs: used.user + used.system });
  });
  process.stdout.write(`LISTENING ${running.port}\n`);
  const stop = () =>
    void running.close().finally(() => {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  process.once("SIGTERM", stop);
  process.once("disconnect", stop);
}

let asked = 0;
/** The server's CPU time so far (µs), asked over IPC (other modules of the server may use the channel too). */
function serverCpu(server: ChildProcess): Promise<number> {
  const ask = ++asked;
  return new Promise((resolve) => {
    const answer = (m: unknown) => {
      const reply = m as { cpuAsk?: number; cpuUs?: number } | null;
      if (reply?.cpuAsk !== ask || typeof reply.cpuUs !== "number") return;
      server.off("message", answer);
      resolve(reply.cpuUs);
    };
    server.on("message", answer);
    server.send({ cpuAsk: ask });
  });
}

/** Resolves once the client has its first whole state (the server's work for its join is done). */
function firstState(room: SDKRoom): Promise<void> {
  return new Promise((resolve) => {
    if (room.state && (room.state as { seats?: unknown }).seats) return resolve();
    room.onStateChange.once(() => resolve());
  });
}

/** The bench reads no messages; registering them keeps the SDK from warning about each. */
function quiet(room: SDKRoom): void {
  for (const type of ["welcome", "reply"]) room.onMessage(type, () => {});
}

async function tablesOpen(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return ((await res.json()) as { tables: number }).tables;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--serve") return serve(Number(argv[1] ?? 0));
  const flags = parseFlags(argv, { tables: "number", open: "number", "at-once": "number", passes: "number", json: "boolean", limit: "number", profile: "string" });
  const tables = flags.tables ?? 200;
  const open = flags.open ?? 400;
  const atOnce = flags["at-once"] ?? 10;
  const passes = flags.passes ?? 3;
  const limit = flags.limit ?? 300;
  if (!Number.isInteger(tables) || tables < 1 || tables > 1000) fail("--tables must be a whole number from 1 to 1000");
  if (!Number.isInteger(open) || open < 0 || open > 5000) fail("--open must be a whole number from 0 to 5000");
  if (!Number.isInteger(atOnce) || atOnce < 1 || atOnce > 100) fail("--at-once must be a whole number from 1 to 100");
  if (!Number.isInteger(passes) || passes < 1 || passes > 20) fail("--passes must be a whole number from 1 to 20");
  if (!(limit > 0 && limit <= 3600)) fail("--limit must be above 0 and at most 3600 seconds");
  const began = performance.now();
  const say = (line: string) => process.stderr.write(flags.json ? "" : `[${((performance.now() - began) / 1000).toFixed(1)} s] ${line}\n`);

  const profile = flags.profile ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(flags.profile)] : [];
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, import.meta.filename, "--serve", String(open)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const killer = setTimeout(() => {
    process.stderr.write(`error: the benchmark ran past --limit ${limit} s\n`);
    server.kill("SIGTERM");
    process.exit(1);
  }, limit * 1000);
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on("line", (line) => (line.startsWith("LISTENING ") ? resolve(Number(line.slice(10))) : process.stderr.write(`[server] ${line}\n`)));
    server.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
  const sdk = new Client(`ws://127.0.0.1:${port}`);
  say(`server up with ${open} other rooms open; ${tables} tables, ${atOnce} at a time`);

  const inBatches = async <T>(n: number, one: (i: number) => Promise<T>): Promise<T[]> => {
    const out: T[] = [];
    for (let i = 0; i < n; i += atOnce) out.push(...(await Promise.all(Array.from({ length: Math.min(atOnce, n - i) }, (_, k) => one(i + k)))));
    return out;
  };

  /** One pass of the three phases over `n` tables: the server's CPU µs per unit of each. */
  const pass = async (n: number) => {
    let at = await serverCpu(server);
    const hosts = await inBatches(n, async () => {
      const host = await sdk.create("table", { name: "Host", seat: SEATS[0], timers: false });
      quiet(host);
      await firstState(host);
      return host;
    });
    let now = await serverCpu(server);
    const createUs = (now - at) / n;
    at = now;
    const joiners = await inBatches(n, async (i) => {
      const rooms: SDKRoom[] = [];
      for (const seat of SEATS.slice(1)) {
        const room = await sdk.joinById(hosts[i]!.roomId, { name: `P-${seat}`, seat });
        quiet(room);
        await firstState(room);
        rooms.push(room);
      }
      return rooms;
    });
    now = await serverCpu(server);
    const joinUs = (now - at) / (n * 5);
    at = now;
    await inBatches(n, (i) => Promise.all([hosts[i]!, ...joiners[i]!].map((r) => r.leave(true))));
    while ((await tablesOpen(port)) > 0) await sleep(100);
    now = await serverCpu(server);
    return { createUs, joinUs, leaveCloseUs: (now - at) / n };
  };

  // Warm-up (not measured): the server's code paths compiled, as on a server that has run a while.
  say("warming up…");
  await pass(Math.max(10, Math.round(tables / 4)));
  const idleFrom = await serverCpu(server);
  await sleep(1000);
  const idleUsPerSec = (await serverCpu(server)) - idleFrom;
  const measured: Array<Awaited<ReturnType<typeof pass>>> = [];
  for (let k = 0; k < passes; k++) {
    say(`measuring, pass ${k + 1} of ${passes}…`);
    measured.push(await pass(tables));
  }
  // Each figure is its median over the passes (the machine's other work moves single passes).
  const median = (of: (m: (typeof measured)[number]) => number) => {
    const sorted = measured.map(of).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const createUs = median((m) => m.createUs);
  const joinUs = median((m) => m.joinUs);
  const leaveCloseUs = median((m) => m.leaveCloseUs);

  const result = {
    tables,
    passes,
    openRooms: open,
    createUs: Math.round(createUs),
    joinUs: Math.round(joinUs),
    leaveCloseUs: Math.round(leaveCloseUs),
    tableUs: Math.round(median((m) => m.createUs + 5 * m.joinUs + m.leaveCloseUs)),
    idleUsPerSec: Math.round(idleUsPerSec),
    seconds: Math.round((performance.now() - began) / 10) / 100,
  };
  clearTimeout(killer);
  // The server writes its profile (--profile) as it exits.
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
  if (flags.json) console.log(JSON.stringify(result));
  else {
    console.log(`server CPU per table created (its creator joined): ${result.createUs} µs`);
    console.log(`server CPU per person joining by code:             ${result.joinUs} µs`);
    console.log(`server CPU per table left by its six and closed:   ${result.leaveCloseUs} µs`);
    console.log(`a table's whole life outside its actions:          ${result.tableUs} µs`);
    console.log(`(idle server: ${result.idleUsPerSec} µs of CPU a second with ${open} other rooms open; run ${result.seconds} s)`);
  }
  process.exit(0);
}

void main().catch((e) => {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exit(1);
});
