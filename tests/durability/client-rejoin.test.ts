// The browser client's own way back after a server restart (client/src/net/online-session.ts),
// run in Node against a real server process: the connection ends, the session retries joining the
// same code with its seat token (with backoff), and the person is at the same seat with the same
// view, the host still holding the host key. The page's globals (location, sessionStorage) are
// stood in for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveServer, until } from "./live-server.ts";

let server: LiveServer;

beforeAll(async () => {
  server = await LiveServer.create();
  await server.start();
  const store = new Map<string, string>();
  Object.assign(globalThis, {
    __DEV_SERVER__: false,
    location: { search: `?server=${encodeURIComponent(`http://127.0.0.1:${server.port}`)}`, protocol: "http:", host: `127.0.0.1:${server.port}`, hostname: "127.0.0.1" },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) },
  });
});

afterAll(async () => {
  await server?.dispose();
});

describe("the browser client after a server restart", () => {
  it("rejoins by itself, to the same seat and the same table", async () => {
    const { OnlineSession } = await import("../../client/src/net/online-session.ts");
    const host = await OnlineSession.create({ name: "Teacher", seat: "mediators", botsFillEmptySeats: false, negotiationSeconds: 3600 });
    const student = await OnlineSession.join({ code: host.code, name: "Student", seat: "israel" });
    const statuses: string[] = [];
    student.onConnection((status) => statuses.push(status));
    expect((await host.command({ type: "begin" })).ok).toBe(true);
    expect((await student.send({ type: "statement", text: "before the crash" })).ok).toBe(true);
    await until("the student sees it", () => student.current()?.view.messages.some((m) => m.text === "before the crash") ?? false);
    const before = JSON.stringify(student.current()!.view);

    await server.kill("SIGKILL");
    await server.start();
    await until("the student is back", () => statuses.includes("reconnected"), 6000, 10);
    expect(statuses[0]).toBe("dropped");
    expect(student.seat).toBe("israel");
    await until("the view arrives", () => JSON.stringify(student.current()!.view) === before, 2000, 10);
    // The session sends on its new connection, and the host's key still commands the table.
    expect((await student.send({ type: "statement", text: "after the restart" })).ok).toBe(true);
    await until("the host is back too", () => host.current()?.view.messages.some((m) => m.text === "after the restart") ?? false, 6000, 10);
    expect((await host.command({ type: "announce", text: "we are back" })).ok).toBe(true);
    await student.leave();
    await host.leave();
  }, 90_000);
});
