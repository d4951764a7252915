// Frames over the server's payload cap, from several sockets, against a real server process: each
// sender is closed, the log grows by one summary line (not a stack trace per socket, which any
// client could repeat by reconnecting), and the table goes on for everyone else.
import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_CHARS } from "../../shared/protocol.ts";
import { expectOk, LiveClient, until, useLiveServer } from "./live-server.ts";

const server = useLiveServer();

describe("sockets sending frames over the payload cap", () => {
  it("are closed; the log grows by one line; the table goes on for everyone else", async () => {
    const host = await LiveClient.create(server.url, { name: "Teacher", seat: "facilitator", botsFillEmptySeats: false });
    const israel = await LiveClient.join(server.url, host.code, { name: "Isa", seat: "israel" });
    expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
    const senders: LiveClient[] = [];
    for (let i = 0; i < 4; i++) senders.push(await LiveClient.join(server.url, host.code, { name: `Big ${i}`, seat: "spectator" }));
    const linesBefore = server.output.split("\n").length;

    // Each frame is larger than the transport accepts (server/app.ts: 4 × MAX_PAYLOAD_CHARS bytes).
    for (const sender of senders) (sender.room.connection as unknown as { send(data: Buffer): void }).send(Buffer.alloc(4 * MAX_PAYLOAD_CHARS + 1024, 1));
    await until("every sender is closed", () => senders.every((s) => s.left !== null));

    expectOk(await israel.intent({ type: "statement", text: "still at the table" }));
    await until("the log has settled", () => server.output.includes("[socket]"), 400, 10);
    const added = server.output.split("\n").slice(linesBefore - 1).filter((l) => l.trim() !== "");
    if (added.length > 2) console.log(added.slice(0, 30).join("\n"));
    expect(added.filter((l) => l.includes("[socket]"))).toHaveLength(1);
    expect(added.length).toBeLessThanOrEqual(2);
    expect(server.output).not.toMatch(/\n\s+at /);
    expect(server.alive).toBe(true);
    await israel.room.leave();
    await host.room.leave();
  }, 60_000);
});
