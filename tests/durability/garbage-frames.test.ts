// 5,000 frames the server cannot decode, from one socket, against a real server process: the sender
// is closed with CLOSE_UNDECODABLE, the log grows by a bounded number of lines (no stack trace per
// frame), and another client at the table is answered as before. (How fast it is answered meanwhile
// is measured by `npm run bench:garbage`, not asserted here.)
import { describe, expect, it } from "vitest";
import { CLOSE_UNDECODABLE } from "../../server/frame-guard.ts";
import { expectOk, LiveClient, until, useLiveServer } from "./live-server.ts";

const server = useLiveServer();

/** A request frame (Colyseus ROOM_REQUEST, 21) for "intent" whose msgpack payload claims 65,535 items and has none. */
export function malformedFrame(requestId: number): Buffer {
  return Buffer.concat([Buffer.from([21, requestId & 0x7f, 0xa6]), Buffer.from("intent"), Buffer.from([0xdc, 0xff, 0xff])]);
}

describe("a socket sending garbage", () => {
  it("is closed; the log grows by a few lines; the table goes on for everyone else", async () => {
    const host = await LiveClient.create(server.url, { name: "Teacher", seat: "facilitator", botsFillEmptySeats: false });
    const israel = await LiveClient.join(server.url, host.code, { name: "Isa", seat: "israel" });
    const sender = await LiveClient.join(server.url, host.code, { name: "Garbage", seat: "spectator" });
    expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
    const linesBefore = server.output.split("\n").length;

    const connection = sender.room.connection as unknown as { send(data: Buffer): void };
    for (let i = 0; i < 5000; i++) {
      if (sender.left !== null) break;
      connection.send(malformedFrame(i));
    }
    await until("the garbage sender is closed", () => sender.left !== null);
    expect(sender.left).toBe(CLOSE_UNDECODABLE);

    // The others are answered, and act, as before.
    expectOk(await israel.intent({ type: "statement", text: "still at the table" }));
    expectOk(await host.command({ type: "announce", text: "carry on" }, host.welcome!.hostKey!));
    await until("the log has settled", () => server.output.includes("undecodable"), 400, 10);
    const added = server.output.split("\n").slice(linesBefore - 1).filter((l) => l.trim() !== "");
    if (added.length > 5) console.log(added.slice(0, 30).join("\n"));
    expect(added.length).toBeLessThanOrEqual(5);
    expect(added.filter((l) => l.includes("undecodable"))).toHaveLength(1);
    expect(server.output).not.toMatch(/\n\s+at /);
    expect(server.alive).toBe(true);
    await israel.room.leave();
    await host.room.leave();
  }, 60_000);
});
