// Connections that talk are not pinged; a dead connection is still closed as soon as before (after
// the same number of unanswered rounds), and a quiet live one stays open (server/heartbeat-transport.ts).
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { HeartbeatTransport, heartbeatRound } from "../../server/heartbeat-transport.ts";

/** A stand-in for a server-side connection: bytes it has read, pings sent to it, whether it was closed. */
function connection() {
  const c = { pingCount: 0, _socket: { bytesRead: 100 }, pings: 0, closed: false, ping: () => void c.pings++, terminate: () => void (c.closed = true) };
  return c;
}
const round = (c: ReturnType<typeof connection>) => heartbeatRound(c as never, 2);

describe("the heartbeat", () => {
  it("pings only quiet connections, and closes a dead one after the same rounds as pinging every one would", () => {
    const talking = connection();
    const dead = connection();
    const quiet = connection();
    // All freshly connected: heard from.
    for (const c of [talking, dead, quiet]) round(c);
    const deadAt: number[] = [];
    for (let r = 1; r <= 8; r++) {
      talking._socket.bytesRead += 40; // a message every round
      const quietPings = quiet.pings;
      round(talking);
      if (!dead.closed) round(dead);
      if (dead.closed && deadAt.length === 0) deadAt.push(r);
      round(quiet);
      if (quiet.pings > quietPings) quiet._socket.bytesRead += 6; // its pong arrives before the next round
    }
    expect(talking.pings).toBe(0);
    expect(talking.closed).toBe(false);
    // Silent from the start: pinged in rounds 1 and 2, closed in round 3 — as Colyseus's own rule does.
    expect(dead.pings).toBe(2);
    expect(deadAt).toEqual([3]);
    // Answering its pings: pinged every other round, never closed.
    expect(quiet.pings).toBe(4);
    expect(quiet.closed).toBe(false);
  });

  it("over real sockets: a client that stops answering is closed, one that answers stays", async () => {
    const transport = new HeartbeatTransport({ pingInterval: 30, pingMaxRetries: 2 });
    await new Promise<void>((resolve) => transport.listen(0, "127.0.0.1", undefined, () => resolve()));
    const port = (transport.server!.address() as AddressInfo).port;
    const open = (autoPong: boolean) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { autoPong });
        ws.once("open", () => resolve(ws));
        ws.once("error", reject);
      });
    const [answering, silent] = await Promise.all([open(true), open(false)]);
    let pinged = 0;
    answering.on("ping", () => pinged++);
    const closed = new Promise<number>((resolve) => silent.once("close", (code) => resolve(code)));
    // The silent one is closed within a few rounds (well before the transport's own 1 s close of a socket in no room).
    const code = await closed;
    expect(code).toBe(1006);
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(pinged).toBeGreaterThan(0);
    answering.close();
    transport.shutdown();
  });
});
