// Scale-out: two server processes sharing one Redis (REDIS_URL) serve one set of tables. A table
// created through one process is found by its code through the other; the seat reservation sends
// the client to the process that holds the table (PUBLIC_ADDRESS), and everyone plays together.
// Skipped when Debian's redis-server is not installed.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, freePort, LiveClient, LiveServer, until } from "./live-server.ts";

const REDIS = "/usr/bin/redis-server";
let redis: ChildProcess | null = null;
let redisOutput = "";
const servers: LiveServer[] = [];

beforeAll(async () => {
  if (!existsSync(REDIS)) return;
  const redisPort = await freePort();
  redis = spawn(REDIS, ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  redis.stdout!.on("data", (d: Buffer) => (redisOutput += d.toString()));
  await until("redis to start", () => /Ready to accept connections/.test(redisOutput), 2000, 10);
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const server = new LiveServer(port, (await LiveServer.create()).dataDir, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, PUBLIC_ADDRESS: `127.0.0.1:${port}` });
    servers.push(server);
    await server.start();
  }
});

afterAll(async () => {
  for (const s of servers) await s.dispose();
  if (redis && redis.exitCode === null) {
    const gone = new Promise<void>((r) => redis!.once("exit", () => r()));
    redis.kill("SIGTERM");
    await gone;
  }
});

// CI installs redis-server; skipping there would hide the test, so CI fails instead.
if (!existsSync(REDIS) && process.env.CI) throw new Error(`CI needs Debian's redis-server at ${REDIS}`);
describe.skipIf(!existsSync(REDIS))("two processes, one Redis", () => {
  it("a table created through one process is joined by its code through the other", async () => {
    const [one, two] = servers as [LiveServer, LiveServer];
    const host = await LiveClient.create(one.url, { name: "Host", seat: "mediators", botsFillEmptySeats: false });
    const guest = await LiveClient.join(two.url, host.code, { name: "Guest", seat: "israel" });
    expect(guest.code).toBe(host.code);
    expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
    expectOk(await guest.intent({ type: "statement", text: "through the other door" }));
    await until("both see the statement", () => [host, guest].every((c) => c.publicTable.includes("through the other door")));
    expect(one.alive && two.alive).toBe(true);
  });

  it("tables created through either process (wherever the matchmaker puts them) are found from the other", async () => {
    const [one, two] = servers as [LiveServer, LiveServer];
    for (let i = 0; i < 6; i++) {
      const [via, other] = i % 2 ? [one, two] : [two, one];
      const host = await LiveClient.create(via.url, { name: `H${i}`, seat: "mediators", botsFillEmptySeats: false });
      const guest = await LiveClient.join(other.url, host.code, { name: `G${i}`, seat: "hamas" });
      expect(guest.code).toBe(host.code);
      expect(guest.welcome!.code).toBe(host.code);
      expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
      expectOk(await guest.intent({ type: "statement", text: `table ${i}` }));
      await until("the host sees it", () => host.publicTable.includes(`table ${i}`));
    }
    const health = await Promise.all([one, two].map(async (s) => ((await (await fetch(`http://127.0.0.1:${s.port}/health`)).json()) as { tables: number }).tables));
    expect(health[0]! + health[1]!).toBe(7);
  });
});
