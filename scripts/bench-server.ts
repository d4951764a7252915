// Benchmark: action → own-patch latency at the table server, next to the framework's floor.
//
//   npm run bench:server -- --tables 50 [--json] [--actions 20] [--think 100] [--limit 300]
//
// A server process (this file with --serve, loopback only) hosts the `table` rooms and a bare
// `floor` room that only sets one field and sends the patch. This process drives N tables of six
// SDK clients, then N floor rooms of six clients, with the same pacing: in each room one client at
// a time sends an action (a public statement or a private message at a table; a number at the
// floor), waits for the patch it caused, pauses `--think` ms, and the next client goes. Latency is
// from send to the sender's first state change. Bounded: `--actions` per client and `--limit`
// seconds for the whole run. --json prints { tables, clients, p50Ms, p99Ms, floorP50Ms, floorP99Ms }.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { Client, type Room as SDKRoom } from "@colyseus/sdk";
import { parseFlags, fail } from "./cli-args.ts";

const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;

async function serve(): Promise<void> {
  const { defineRoom, Room } = await import("@colyseus/core");
  const { schema, t } = await import("@colyseus/schema");
  const { startServer } = await import("../server/app.ts");
  const FloorState = schema({ value: t.number().default(0) }, "FloorState");
  // The framework's floor: set one field, send the patch at once. Nothing else.
  class FloorRoom extends Room<{ state: InstanceType<typeof FloorState> }> {
    override maxClients = 6;
    override onCreate() {
      this.state = new FloorState();
      this.onMessage("set", (_client, value: unknown) => {
        this.state.value = typeof value === "number" ? value : 0;
        this.broadcastPatch();
      });
    }
  }
  const running = await startServer(0, { clientDist: null, extraRooms: { floor: defineRoom(FloorRoom) } }, "127.0.0.1");
  process.stdout.write(`LISTENING ${running.port}\n`);
  const stop = () => void running.close().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.once("disconnect", stop);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A client that can await the next state change after it sends something. */
class Timed {
  room: SDKRoom;
  #waiter: ((at: number) => void) | null = null;
  constructor(room: SDKRoom) {
    this.room = room;
    room.onStateChange(() => {
      const w = this.#waiter;
      this.#waiter = null;
      w?.(performance.now());
    });
    room.onMessage("*", () => {});
  }
  /** Sends, and resolves with the ms until this client's next patch. */
  timed(type: string, payload: unknown): Promise<number> {
    return new Promise((resolve) => {
      const t0 = performance.now();
      this.#waiter = (at) => resolve(at - t0);
      this.room.send(type, payload);
    });
  }
}

async function runRooms(rooms: Timed[][], actions: number, think: number, act: (room: Timed[], i: number) => [Timed, string, unknown]): Promise<number[]> {
  const samples: number[] = [];
  const warmup = 2;
  await Promise.all(
    rooms.map(async (clients, r) => {
      await sleep((r * think) / rooms.length); // spread the rooms' start over one think time
      for (let i = 0; i < actions * clients.length + warmup; i++) {
        const [client, type, payload] = act(clients, i);
        const ms = await client.timed(type, payload);
        if (i >= warmup) samples.push(ms);
        await sleep(think * (0.5 + Math.random()));
      }
    }),
  );
  return samples.sort((a, b) => a - b);
}

async function bench(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { tables: "number", json: "boolean", actions: "number", think: "number", limit: "number" });
  const tables = flags.tables ?? 50;
  const actions = flags.actions ?? 20;
  const think = flags.think ?? 100;
  const limit = flags.limit ?? 300;
  if (!Number.isInteger(tables) || tables < 1 || tables > 500) fail("--tables must be a whole number from 1 to 500");
  if (!Number.isInteger(actions) || actions < 1 || actions > 1000) fail("--actions must be a whole number from 1 to 1000");
  const say = (line: string) => {
    if (!flags.json) console.log(line);
  };

  const child: ChildProcess = spawn(process.execPath, [new URL(import.meta.url).pathname, "--serve"], { stdio: ["ignore", "pipe", "inherit"] });
  const killer = setTimeout(() => {
    console.error(`the benchmark took longer than ${limit} s; stopping`);
    child.kill("SIGTERM");
    process.exit(1);
  }, limit * 1000);
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const m = /^LISTENING (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
  });
  const sdk = new Client(`ws://127.0.0.1:${port}`);

  say(`seating ${tables} tables of six…`);
  const tableRooms: Timed[][] = [];
  for (let t = 0; t < tables; t++) {
    const host = await sdk.create("table", { name: "Host", seat: SEATS[0], timers: false, rounds: 12 });
    const code = host.roomId;
    let hostKey = "";
    host.onMessage("welcome", (w: { hostKey?: string }) => (hostKey = w.hostKey ?? hostKey));
    const clients = [new Timed(host)];
    for (const seat of SEATS.slice(1)) clients.push(new Timed(await sdk.joinById(code, { name: `P-${seat}`, seat })));
    while (!hostKey) await sleep(1);
    await clients[0]!.timed("command", { requestId: "begin", hostKey, command: { type: "begin" } });
    tableRooms.push(clients);
  }
  say(`playing ${actions} actions per client…`);
  const tableSamples = await runRooms(tableRooms, actions, think, (clients, i) => {
    const k = i % clients.length;
    const intent = i % 2 === 0 ? { type: "statement", text: `public word ${i}` } : { type: "message", to: SEATS[(k + 1) % SEATS.length], text: `private word ${i}` };
    return [clients[k]!, "intent", { requestId: `b${i}`, intent }];
  });
  await Promise.all(tableRooms.flat().map((c) => c.room.leave(true)));

  say(`the floor: ${tables} bare rooms of six…`);
  const floorRooms: Timed[][] = [];
  for (let t = 0; t < tables; t++) {
    const first = await sdk.create("floor", {});
    const clients = [new Timed(first)];
    for (let k = 1; k < 6; k++) clients.push(new Timed(await sdk.joinById(first.roomId, {})));
    floorRooms.push(clients);
  }
  const floorSamples = await runRooms(floorRooms, actions, think, (clients, i) => [clients[i % clients.length]!, "set", i + 1]);
  await Promise.all(floorRooms.flat().map((c) => c.room.leave(true)));

  clearTimeout(killer);
  child.kill("SIGTERM");
  const result = {
    tables,
    clients: tables * 6,
    p50Ms: round2(percentile(tableSamples, 50)),
    p99Ms: round2(percentile(tableSamples, 99)),
    floorP50Ms: round2(percentile(floorSamples, 50)),
    floorP99Ms: round2(percentile(floorSamples, 99)),
  };
  if (flags.json) console.log(JSON.stringify(result));
  else {
    console.log(`${tableSamples.length} table actions, ${floorSamples.length} floor actions (think ${think} ms)`);
    console.log(`table: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
    console.log(`floor: p50 ${result.floorP50Ms} ms, p99 ${result.floorP99Ms} ms`);
    console.log(`p99 table/floor: ${round2(result.p99Ms / result.floorP99Ms)}× (target ≤ 2×); p50 target < 10 ms`);
  }
  process.exit(0);
}

if (process.argv.includes("--serve")) await serve();
else await bench();
