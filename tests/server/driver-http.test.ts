// The load driver's clients send their matchmaking requests through scripts/driver-http.ts (node:http
// with kept-alive connections) instead of the global fetch. The load test's figures rely on those
// clients joining exactly as other clients do: a table made and joined through it seats its
// players, and a refused join gives the same error as through fetch. A request sent on a kept-alive
// connection the server has just closed is sent again on a new one, so a join never fails for it.
import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { plainFetch } from "../../scripts/driver-http.ts";
import { startHarness, sleep, TEST_PORT, type Harness } from "./harness.ts";
import type { Welcome } from "../../shared/protocol.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.shutdown();
});

/** The welcome a room receives after joining. */
function welcomeOf(room: Room): Promise<Welcome> {
  return new Promise((resolve) => room.onMessage("welcome", (w: Welcome) => resolve(w)));
}

/** The error a promise fails with (null if it does not fail). */
async function failureOf(attempt: Promise<unknown>): Promise<{ message: string; code: unknown } | null> {
  try {
    await attempt;
    return null;
  } catch (e) {
    return { message: (e as Error).message, code: (e as { code?: unknown }).code };
  }
}

describe("the load driver's matchmaking requests", () => {
  it("create and join a table as fetch does, and a refused join fails with the same error", async () => {
    const sdk = new Client(`ws://127.0.0.1:${TEST_PORT}`, { fetchFn: plainFetch });
    const host = await sdk.create("table", { name: "Host", seat: "mediators", timers: false, rounds: 6, botsFillEmptySeats: false });
    const hostWelcome = welcomeOf(host);
    // A second request on the same kept-alive connection.
    const guest = await sdk.joinById(host.roomId, { name: "Guest", seat: "israel" });
    const guestWelcome = welcomeOf(guest);
    expect((await hostWelcome).seat).toBe("mediators");
    expect((await guestWelcome).seat).toBe("israel");
    expect(h.table(host.roomId).state.seats.get("israel")!.connected).toBe(1);

    const viaFetch = await failureOf(new Client(`ws://127.0.0.1:${TEST_PORT}`).joinById("NO-SUCH-TABLE", { name: "Late", seat: "hamas" }));
    const viaDriver = await failureOf(sdk.joinById("NO-SUCH-TABLE", { name: "Late", seat: "hamas" }));
    expect(viaFetch).not.toBeNull();
    expect(viaDriver).toEqual(viaFetch);

    await Promise.all([host.leave(true), guest.leave(true)]);
    await sleep(20);
  });

  it("sends a request again on a new connection when the kept-alive one it went out on was closed", async () => {
    // A server that answers the first request of each connection and resets the connection on its
    // second, as a server closing an idle connection just as a request arrives does.
    const connections: Socket[] = [];
    const server = createServer((socket) => {
      connections.push(socket);
      let requests = 0;
      socket.on("data", (data) => {
        if (!data.toString("latin1").includes("\r\n\r\n")) return;
        requests++;
        if (requests === 1) {
          const body = JSON.stringify({ answer: connections.length });
          socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`);
        } else socket.resetAndDestroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/matchmake/joinById/x`;
    try {
      const first = await plainFetch(url, { method: "POST", body: "{}" });
      expect(await first.json()).toEqual({ answer: 1 });
      // The second goes out on the kept-alive connection, which is reset: it is sent again, on a new one.
      const second = await plainFetch(url, { method: "POST", body: "{}" });
      expect(second.ok).toBe(true);
      expect(await second.json()).toEqual({ answer: 2 });
      expect(connections.length).toBe(2);
    } finally {
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
