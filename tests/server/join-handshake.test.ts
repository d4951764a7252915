// The handshake a joiner's decoder is built from (the state's types, schema's Reflection) is made
// once for every table of the process (server/lean-serializer.ts): each table hands out exactly the
// bytes Reflection would make for it, and people at two tables decode their states with it.
import { describe, expect, it } from "vitest";
import { Reflection } from "@colyseus/schema";
import { Player, useHarness } from "./harness.ts";

const h = useHarness();

type Serializing = { _serializer: { handshake(): Uint8Array; encoder: Parameters<typeof Reflection.encode>[0] } };

describe("the join handshake", () => {
  it("is the same bytes at every table, exactly what Reflection makes for each", async () => {
    const first = await (await Player.create(h, { name: "Ana", seat: "israel" })).ready();
    const second = await (await Player.create(h, { name: "Ben", seat: "hamas" })).ready();
    const guest = await Player.join(h, second.code, { name: "Cleo", seat: "qatar" });
    const [a, b] = [first, second].map((p) => (h.table(p.code) as unknown as Serializing)._serializer);
    expect(a!.handshake()).toBe(b!.handshake());
    for (const serializer of [a!, b!]) expect(Buffer.from(serializer.handshake()).equals(Buffer.from(Reflection.encode(serializer.encoder)))).toBe(true);
    // Everyone decoded their table's state with it: their seats and the table's code.
    expect(first.myView?.viewer).toBe("israel");
    expect(guest.myView?.viewer).toBe("qatar");
    expect(guest.state.seats.get("hamas").names.toArray()).toEqual(["Ben"]);
  });
});
