// Per-address limits in front of Colyseus: matchmaking requests (create, join) and WebSocket
// upgrades over an address's budget are refused (HTTP 429) before they reach the matchmaker or a
// room. The address is the socket's peer address; a proxy's X-Forwarded-For / X-Real-IP is used
// only with TRUST_PROXY=1 (Colyseus's own `context.ip` believes those headers from anyone, so a
// client could dodge a limit by inventing them). The matchmaking requests let through are answered
// by server/matchmake-route.ts.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressLimiter } from "./rate-limit.ts";
import { answerMatchmaking, matchmakeRoute, notARoute } from "./matchmake-route.ts";

/** Whether TRUST_PROXY=1: read once, as the server starts (each read of process.env is a call into the runtime, and this is asked per request and per join). */
let trusted: boolean | undefined;
export const trustProxy = () => (trusted ??= process.env.TRUST_PROXY === "1");

/** The address a request came from (see the note above on proxies). */
export function addressOf(req: { headers?: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } } | undefined): string {
  if (trustProxy() && req?.headers) {
    const h = req.headers["x-real-ip"] ?? req.headers["x-forwarded-for"];
    const first = (Array.isArray(h) ? h[0] : h)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req?.socket?.remoteAddress ?? "?";
}

/** The address of a connected Colyseus client (its WebSocket's peer). */
export function clientAddress(client: unknown): string {
  const ref = (client as { ref?: { _socket?: { remoteAddress?: string } } }).ref;
  return ref?._socket?.remoteAddress ?? "?";
}

/**
 * Puts the per-address join and connection limits in front of every listener of `http`, and
 * answers the matchmaking requests it lets through itself (server/matchmake-route.ts).
 */
export function guardAddresses(http: HttpServer, limiter: AddressLimiter): void {
  wrap(http, "request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || !req.url?.startsWith("/matchmake/")) return false;
    const address = addressOf(req);
    if (!limiter.joins.take(address)) return refuse(res, "too many tables joined or created from your address; wait a moment");
    const route = matchmakeRoute(req.url);
    // Anything else under /matchmake/ is answered here too, so no path reaches the matchmaker unguarded.
    if (!route) {
      notARoute(res);
      return true;
    }
    // Only tables are held against their creator's address (other room types, such as the
    // benchmarks' bare floor room, are not tables and are never "joined" in that sense).
    if (route.roomName !== "table" || (route.method !== "create" && route.method !== "joinOrCreate")) {
      answerMatchmaking(req, res, route, () => {});
      return true;
    }
    if (!limiter.emptyTables.mayCreate(address)) return refuse(res, "your address already has tables nobody has joined yet; join one of them, or wait a minute");
    // Counted from the request until its answer names the table, which is then held until someone joins it.
    limiter.emptyTables.creating(address);
    answerMatchmaking(req, res, route, (reservation) => limiter.emptyTables.created(address, reservation?.roomId));
    return true;
  });
  wrap(http, "upgrade", (req: IncomingMessage, socket: Duplex) => {
    if (limiter.connections.take(addressOf(req))) {
      holdFirstWrites(socket);
      return false;
    }
    socket.end("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return true;
  });
}

/**
 * What the server writes to a new connection in the turn of its upgrade leaves in one write: the
 * handshake's answer (HTTP 101) and, once the room has taken the join (in the same turn: nothing in
 * between waits for I/O), the room's JOIN_ROOM message — one system call per joiner instead of
 * two. The socket is let go at the end of the turn (setImmediate), whatever became of the join.
 */
function holdFirstWrites(socket: Duplex): void {
  if (typeof socket.cork !== "function") return;
  socket.cork();
  setImmediate(() => socket.uncork());
}

function refuse(res: ServerResponse, error: string): true {
  res.writeHead(429, { "content-type": "application/json" });
  res.end(JSON.stringify({ code: 429, error }));
  return true;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function wrap(http: HttpServer, event: "request" | "upgrade", refuse: (...args: any[]) => boolean): void {
  const listeners = http.listeners(event) as Array<(...args: unknown[]) => void>;
  http.removeAllListeners(event);
  http.on(event, (...args: unknown[]) => {
    if (refuse(...args)) return;
    for (const l of listeners) l.apply(http, args);
  });
}
