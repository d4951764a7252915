// Per-address limits in front of Colyseus: matchmaking requests (create, join) and WebSocket
// upgrades over an address's budget are refused (HTTP 429) before they reach the matchmaker or a
// room. The address is the socket's peer address; a proxy's X-Forwarded-For / X-Real-IP is used
// only with TRUST_PROXY=1 (Colyseus's own `context.ip` believes those headers from anyone, so a
// client could dodge a limit by inventing them).
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressLimiter } from "./rate-limit.ts";

export const trustProxy = () => process.env.TRUST_PROXY === "1";

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

/** Puts the per-address join and connection limits in front of every listener of `http`. */
export function guardAddresses(http: HttpServer, limiter: AddressLimiter): void {
  wrap(http, "request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || !req.url?.startsWith("/matchmake/")) return false;
    const address = addressOf(req);
    if (!limiter.joins.take(address)) return refuse(res, "too many tables joined or created from your address; wait a moment");
    // Only tables are held against their creator's address (other room types, such as the
    // benchmarks' bare floor room, are not tables and are never "joined" in that sense).
    if (!/^\/matchmake\/(create|joinOrCreate)\/table(?:[/?]|$)/.test(req.url)) return false;
    if (!limiter.emptyTables.mayCreate(address)) return refuse(res, "your address already has tables nobody has joined yet; join one of them, or wait a minute");
    followCreation(address, res, limiter);
    return false;
  });
  wrap(http, "upgrade", (req: IncomingMessage, socket: Duplex) => {
    if (limiter.connections.take(addressOf(req))) return false;
    socket.end("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return true;
  });
}

function refuse(res: ServerResponse, error: string): true {
  res.writeHead(429, { "content-type": "application/json" });
  res.end(JSON.stringify({ code: 429, error }));
  return true;
}

/** Counts a table creation against its address until the answer names the table (held until someone joins it). */
function followCreation(address: string, res: ServerResponse, limiter: AddressLimiter): void {
  limiter.emptyTables.creating(address);
  let settled = false;
  const settle = (code: string | undefined) => {
    if (settled) return;
    settled = true;
    limiter.emptyTables.created(address, code);
  };
  // The answer (a seat reservation naming the table) is written in chunks, then ended.
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    keep(args[0]);
    return write(...args);
  }) as typeof res.write;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== "function") keep(args[0]);
    let code: string | undefined;
    if (res.statusCode === 200) {
      try {
        const roomId = (JSON.parse(Buffer.concat(chunks).toString()) as { roomId?: unknown }).roomId;
        if (typeof roomId === "string") code = roomId;
      } catch {
        // Not a seat reservation: nothing to hold.
      }
    }
    settle(code);
    return end(...args);
  }) as typeof res.end;
  res.once("close", () => settle(undefined));
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
