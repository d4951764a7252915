// A new table makes no encoding buffer of its own: every table encodes in the process's shared
// buffers (server/lean-serializer.ts), and the 128 KB full-state buffer Colyseus makes for the
// serializer it creates as a room's state is set — a serializer the table replaces at once
// (server/table-room.ts setSerializer) — is not made either (one allocation per table created,
// about 14 a second at 400 tables).
import { afterEach, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { Player, useHarness } from "./harness.ts";

const h = useHarness();
const NativeUint8Array = globalThis.Uint8Array;

afterEach(() => {
  globalThis.Uint8Array = NativeUint8Array;
});

describe("a new table", () => {
  it("allocates no buffer of 64 KB or more, once the process's shared buffers exist", async () => {
    // The first table grows the process's shared buffers to their size.
    await (await Player.create(h, { name: "Ana", seat: "mediators", timers: false })).ready();
    const big: number[] = [];
    globalThis.Uint8Array = class extends NativeUint8Array {
      constructor(...args: unknown[]) {
        super(...(args as []));
        if (typeof args[0] === "number" && args[0] >= 64 * 1024) big.push(args[0]);
      }
    } as Uint8ArrayConstructor;
    // The table made as the matchmaker makes it (no client meanwhile: nothing else allocates).
    const made = await matchMaker.createRoom("table", { name: "Ben", seat: "israel", timers: false }).finally(() => (globalThis.Uint8Array = NativeUint8Array));
    expect(big).toEqual([]);
    // The table works as any other: its creator comes and has their seat and their section.
    const table = h.table(made.roomId);
    expect(table.session.code).toBe(made.roomId);
    const ben = await Player.join(h, made.roomId, { name: "Ben", seat: "israel" });
    expect(ben.myView?.viewer).toBe("israel");
  });
});
