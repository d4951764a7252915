// Colyseus's WebSocket transport, pinging only the connections that have gone quiet.
//
// To notice connections that died without closing (a phone put to sleep, a network gone), the
// transport pings every client every 3 s and closes one that has not answered two pings running.
// Each ping is a frame written to its socket on its own: at 200 tables (1,200 clients) that was
// 1.8% of the server's busy time in a CPU profile, mostly for clients that had just sent a message
// and so were plainly alive. Here a connection that has received anything since the last round (a
// message, a pong) counts as answered and is not pinged; one that has received nothing is pinged,
// and closed after the same number of unanswered rounds as before. A dead connection is therefore
// closed exactly as soon as before; a live one is pinged at most every other round while it is
// silent, and not at all while it talks.
//
// A connection's own errors (a frame over the payload cap, a broken frame) close it; Colyseus's
// transport printed each with its whole stack, a dozen lines a time that any client could make
// again by reconnecting. Here they are summed up in one line a minute at most (logSocketError).
import { WebSocketTransport } from "@colyseus/ws-transport";
import type { WebSocket } from "ws";

type OnConnection = WebSocketTransport["onConnection"];

type Watched = WebSocket & { pingCount: number; _socket?: { bytesRead?: number }; [HEARD_UP_TO]?: number };
const HEARD_UP_TO = Symbol("bytes read at the last round");

export class HeartbeatTransport extends WebSocketTransport {
  protected override onConnection(...args: Parameters<OnConnection>): ReturnType<OnConnection> {
    const [rawClient] = args;
    const before = rawClient.listeners("error");
    // Colyseus adds its error listener first, before anything it awaits: it is replaced at once.
    const connecting = super.onConnection(...args);
    for (const listener of rawClient.listeners("error")) if (!before.includes(listener)) rawClient.off("error", listener as (err: Error) => void);
    rawClient.on("error", logSocketError);
    return connecting;
  }

  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    this.pingInterval = setInterval(() => {
      for (const client of this.wss.clients as Set<Watched>) heartbeatRound(client, pingMaxRetries);
    }, pingInterval);
  }
}

/** One round for one connection: heard from since the last round, pinged, or closed as dead. */
export function heartbeatRound(client: Watched, pingMaxRetries: number): void {
  const read = client._socket?.bytesRead;
  if (read !== undefined && read !== client[HEARD_UP_TO]) {
    client[HEARD_UP_TO] = read;
    client.pingCount = 0;
    return;
  }
  if (client.pingCount >= pingMaxRetries) {
    client.terminate();
    return;
  }
  client.pingCount++;
  client.ping(noop);
}

function noop(): void {}

/** At most one line a minute for connections closed on their own errors, with how many there were. */
const SOCKET_ERROR_LINE_MS = 60_000;
let lastSocketErrorLine = -Infinity;
let unloggedSocketErrors = 0;

export function logSocketError(err: Error): void {
  const now = Date.now();
  if (now - lastSocketErrorLine < SOCKET_ERROR_LINE_MS) {
    unloggedSocketErrors++;
    return;
  }
  const more = unloggedSocketErrors > 0 ? ` (and ${unloggedSocketErrors} more since the last such line)` : "";
  console.error(`[socket] a connection was closed on its error: ${err.message}${more}`);
  lastSocketErrorLine = now;
  unloggedSocketErrors = 0;
}
