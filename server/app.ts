// Builds the game server: the `table` room type on a WebSocket transport, and on the same port an
// HTTP side with GET /health and the built client (client/dist) or a placeholder page.
// Importable: tests and the benchmark build a server with their own clock and settings.
import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import { defineRoom, defineServer, type RegisteredHandler, type Server } from "@colyseus/core";
import { HeartbeatTransport } from "./heartbeat-transport.ts";
import { Encoder } from "@colyseus/schema";
import { openTables, tableRoomWith } from "./table-room.ts";
import { defaultServerConfig, type ServerConfig } from "./table-session.ts";
import { realScheduler } from "./table-clock.ts";
import { MAX_PAYLOAD_CHARS } from "../shared/protocol.ts";
import { AddressLimiter } from "./rate-limit.ts";
import { guardAddresses } from "./address-guard.ts";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { recordGcPauses } from "./gc-pauses.ts";
import { takePatchCounts } from "./patch-delivery.ts";
import { stopPm2Agent } from "./pm2-agent.ts";
import { getHeapSpaceStatistics } from "node:v8";
import { classroomRouter } from "./classroom/http.ts";
import { installMatchmakeCors } from "./cors.ts";
import { RedisPresence } from "@colyseus/redis-presence";
import { RedisDriver } from "@colyseus/redis-driver";
import { RoomDirectory } from "./room-directory.ts";

export interface BuildOptions extends Partial<ServerConfig> {
  /** Directory of the built client; null serves the placeholder page. Default: client/dist if present. */
  clientDist?: string | null;
  /** More room types (the benchmark adds its bare floor room). */
  extraRooms?: Record<string, RegisteredHandler>;
  /** Scale-out: Redis for Colyseus's presence and matchmaking driver (several processes, one set of tables). */
  redisUrl?: string;
  /** This process's address as clients reach it (host:port), handed out in seat reservations. */
  publicAddress?: string;
}

// The state grows with the game (offers, messages, news, history; everything at the end), and the
// whole state goes to a client when it joins: room for a finished game's state up front, instead of
// the encoder growing its buffer (with a warning) mid-game. A finished six-party game's whole state
// is about 50–60 KB. Each room keeps a few buffers of this size (its patch buffer grows to twice
// it), so it is not larger than that needs: at 256 KB, rooms held over 1 MB each outside the heap.
// A larger state is still encoded correctly: the table's serializer grows what it needs
// (server/full-state-serializer.ts).
Encoder.BUFFER_SIZE = Math.max(Encoder.BUFFER_SIZE, 128 * 1024);

export const DEFAULT_CLIENT_DIST = path.resolve(import.meta.dirname, "../client/dist");

const PLACEHOLDER = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Ceasefire Table</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Ceasefire Table</h1><p>The game server is running. The browser client has not been built yet:
run <code>npm start</code> again once <code>client/</code> has a Vite build, or connect an agent
(see <code>docs/PROTOCOL.md</code> and <code>examples/external-bot.ts</code>).</p></body></html>`;

/** A ready-to-listen server (call `listen(port)`); nothing is bound yet. */
export function buildServer(options: BuildOptions = {}): Server {
  const config: ServerConfig = { ...defaultServerConfig(options.scheduler ?? realScheduler), ...stripUndefined(options) };
  config.addressLimiter ??= new AddressLimiter(config.addressLimits);
  const dist = options.clientDist === undefined ? (existsSync(path.join(DEFAULT_CLIENT_DIST, "index.html")) ? DEFAULT_CLIENT_DIST : null) : options.clientDist;
  const started = Date.now();
  // Cross-origin calls to matchmaking only from the server's own origin and configured ones (cors.ts).
  installMatchmakeCors();
  const stats = process.env.HEALTH_STATS === "1" ? processStats() : null;
  const server = defineServer({
    // Frames above this are closed by the socket layer; messages up to it get a friendly
    // `payload_too_large` reply from the table instead (the check is MAX_PAYLOAD_CHARS of JSON).
    // Pings only the connections that have gone quiet (heartbeat-transport.ts).
    transport: new HeartbeatTransport({ maxPayload: 4 * MAX_PAYLOAD_CHARS }),
    // One process: its rooms found by code in one step (room-directory.ts); with Redis, Redis's driver.
    ...(options.redisUrl ? { presence: new RedisPresence(options.redisUrl), driver: new RedisDriver(options.redisUrl) } : { driver: new RoomDirectory() }),
    ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
    rooms: { table: defineRoom(tableRoomWith(config)), ...options.extraRooms },
    greet: false,
    // main.ts installs its own SIGTERM/SIGINT handling; tests must not get process-wide handlers.
    gracefullyShutdown: false,
    express: (app) => {
      // Classroom sessions: a host, several tables, students joining by a 5-character code.
      // With Redis, a session's requests reach its home process from any (PUBLIC_ADDRESS, docs/OPERATIONS.md).
      app.use("/api/sessions", classroomRouter({ scheduler: config.scheduler, store: config.store ?? null, shared: !!options.redisUrl, ...(options.redisUrl && options.publicAddress ? { home: options.publicAddress } : {}) }));
      app.get("/health", (_req, res) => {
        const base = { ok: true, tables: openTables.size, uptimeSeconds: Math.round((Date.now() - started) / 1000) };
        // HEALTH_STATS=1 (the load test) adds the process's event-loop lag, CPU and memory.
        // `&gc` (with node --expose-gc) collects garbage first, so the heap figure is what is really held.
        res.json(stats && _req.query.stats !== undefined ? { ...base, ...stats(_req.query.gc !== undefined) } : base);
      });
      if (dist) {
        app.use(express.static(dist, { index: "index.html" }));
        app.get("/", (_req, res) => res.sendFile(path.join(dist, "index.html")));
      } else {
        app.get("/", (_req, res) => res.type("html").send(PLACEHOLDER));
      }
    },
  });
  return Object.assign(server, { addressLimiter: config.addressLimiter });
}

/** Event-loop lag (since the last call), CPU and memory of this process, for /health?stats. */
function processStats(): (collect: boolean) => Record<string, number> {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let cpu = process.cpuUsage();
  let at = performance.now();
  const gcPauses = recordGcPauses();
  return (collect) => {
    const pauses = gcPauses();
    const gc = (globalThis as { gc?: () => void }).gc;
    if (collect && gc) gc();
    const used = process.cpuUsage(cpu);
    const now = performance.now();
    const memory = process.memoryUsage();
    const out = {
      lagP50Ms: lag.percentile(50) / 1e6,
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
      // The collector's share of the stalls (gc-pauses.ts); read before a forced collection would count.
      ...pauses,
      // Patches sent and not sent (carrying nothing for their client) since the last call (patch-delivery.ts).
      ...takePatchCounts(),
      cpuPercent: ((used.user + used.system) / 1000 / Math.max(1, now - at)) * 100,
      rssMb: process.memoryUsage.rss() / 1024 / 1024,
      heapUsedMb: memory.heapUsed / 1024 / 1024,
      heapTotalMb: memory.heapTotal / 1024 / 1024,
      // Buffers and other memory outside the JavaScript heap (socket and encoder buffers).
      externalMb: memory.external / 1024 / 1024,
      arrayBuffersMb: memory.arrayBuffers / 1024 / 1024,
      // What V8 has reserved for new objects (young generation) and for long-lived ones.
      ...Object.fromEntries(getHeapSpaceStatistics().map((space) => [`${space.space_name.replace(/_space$/, "").replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}SpaceMb`, space.space_size / 1024 / 1024])),
    };
    lag.reset();
    cpu = process.cpuUsage();
    at = now;
    return out;
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== "clientDist" && k !== "extraRooms" && k !== "redisUrl" && k !== "publicAddress")) as Partial<T>;
}

/**
 * Builds the server and listens on `port` (0 for any free port; `hostname` e.g. "127.0.0.1" for
 * loopback only). Resolves once it accepts connections.
 */
export async function startServer(port: number, options: BuildOptions = {}, hostname?: string): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = buildServer(options);
  await server.listen(port, hostname);
  // PM2's agent, loaded by Colyseus, lists every socket each second on the loop (pm2-agent.ts).
  stopPm2Agent();
  // Per-address limits on creating/joining tables and on connections (server/address-guard.ts).
  const limiter = (server as { addressLimiter?: AddressLimiter }).addressLimiter;
  if (server.transport.server && limiter) guardAddresses(server.transport.server, limiter);
  const address = server.transport.server?.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return { server, port: actual, close: () => server.gracefullyShutdown(false) };
}
