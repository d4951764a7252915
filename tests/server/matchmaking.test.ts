// Matchmaking as the server answers it (server/matchmake-route.ts, behind the address guard, as
// startServer sets it up): tables are created and joined by code among many open rooms, a closed
// table's code is refused, and bad requests get a clear answer and create nothing.
import type { Server as HttpServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { guardAddresses } from "../../server/address-guard.ts";
import { MAX_MATCHMAKE_BODY_BYTES } from "../../server/matchmake-route.ts";
import { openTables } from "../../server/table-room.ts";
import type { AddressLimiter } from "../../server/rate-limit.ts";
import { floorRoomDefinition } from "../../scripts/floor-room.ts";
import { TEST_PORT, Player, startHarness, until, type Harness } from "./harness.ts";

let h: Harness;
const lifted = { perSecond: 1e6, burst: 1e6 };

beforeAll(async () => {
  process.env.CORS_ORIGINS = "https://school.example";
  h = await startHarness({ addressLimits: { joins: lifted, connections: lifted, messages: lifted, emptyTables: 1e6 }, extraRooms: { floor: await floorRoomDefinition() } });
  const server = h.colyseus.server as unknown as { transport: { server: HttpServer }; addressLimiter: AddressLimiter };
  guardAddresses(server.transport.server, server.addressLimiter);
});
afterAll(async () => {
  delete process.env.CORS_ORIGINS;
  await h.shutdown();
});

const post = (path: string, body: string | undefined, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`http://localhost:${TEST_PORT}${path}`, { method: "POST", headers, ...(body === undefined ? {} : { body }) });

describe("matchmaking", () => {
  it("finds each table by its code among many open rooms, and refuses a closed table's code", async () => {
    // Other rooms open meanwhile, as on a busy server.
    for (let i = 0; i < 40; i++) await matchMaker.createRoom("floor", {});
    const hosts = [await Player.create(h, { name: "Ana", seat: "israel" }), await Player.create(h, { name: "Ben", seat: "hamas" })];
    for (const host of hosts) await host.ready();
    const guest = await Player.join(h, hosts[1]!.code, { name: "Cleo", seat: "qatar" });
    expect(guest.code).toBe(hosts[1]!.code);
    expect(guest.welcome?.seat).toBe("qatar");
    expect(h.table(hosts[1]!.code).session.seats.summary("hamas").names).toEqual(["Ben"]);

    // The first table closes: its code no longer finds a room.
    const closed = hosts[0]!.code;
    await h.table(closed).disconnect();
    await until(null, "the table closed", () => !openTables.has(closed));
    const res = await post(`/matchmake/joinById/${closed}`, JSON.stringify({ name: "Dan" }));
    expect(res.status).toBe(522);
    expect(await res.json()).toEqual({ code: 522, error: `room "${closed}" not found` });
    await expect(Player.join(h, closed, { name: "Dan" })).rejects.toThrow(/not found/);
  });

  it("still matches other room types by their conditions: joinOrCreate joins an open room before creating one", async () => {
    const first = await h.colyseus.sdk.joinOrCreate("floor", {});
    const second = await h.colyseus.sdk.joinOrCreate("floor", {});
    expect(second.roomId).toBe(first.roomId);
    await Promise.all([first.leave(true), second.leave(true)]);
  });

  it("answers malformed, oversized and unknown requests clearly, and creates nothing for them", async () => {
    const before = openTables.size;
    const malformed = await post("/matchmake/create/table", "{name: ");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: "malformed request body" });

    const huge = await post("/matchmake/create/table", JSON.stringify({ name: "Big", padding: "x".repeat(MAX_MATCHMAKE_BODY_BYTES) }));
    expect(huge.status).toBe(413);

    for (const path of ["/matchmake//create/table", "/matchmake/create/table/again", "/matchmake/create"]) {
      const odd = await post(path, JSON.stringify({ name: "Odd" }));
      expect(odd.status, path).toBe(404);
    }
    const unknownMethod = await post("/matchmake/explode/table", JSON.stringify({ name: "Eve" }));
    expect(unknownMethod.status).toBe(520);
    const badOptions = await post("/matchmake/create/table", JSON.stringify({ name: "" }));
    expect(badOptions.status).toBe(526);
    expect(((await badOptions.json()) as { error: string }).error).toMatch(/^name: /);
    // Options nested thousands deep made the table, then failed its seat reservation ("… is already
    // full"): a table nobody could join, outside its address's count of tables nobody has joined.
    const deep = await post("/matchmake/create/table", `{"name":"Deep","seat":"israel","x":${"[".repeat(6000)}${"]".repeat(6000)}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: string }).error).toMatch(/nest/);
    expect(openTables.size).toBe(before);

    // A good request right after still works, answered with the seat reservation.
    const good = await post("/matchmake/create/table", JSON.stringify({ name: "Fay", seat: "israel" }));
    expect(good.status).toBe(200);
    const reservation = (await good.json()) as { roomId: string; sessionId: string; name: string };
    expect(reservation.name).toBe("table");
    expect(openTables.has(reservation.roomId)).toBe(true);
  });

  it("names only an allowed origin in its CORS answer, never with credentials", async () => {
    const allowed = await post("/matchmake/joinById/NOSUCH", "{}", { "content-type": "application/json", origin: "https://school.example" });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://school.example");
    const other = await post("/matchmake/joinById/NOSUCH", "{}", { "content-type": "application/json", origin: "https://elsewhere.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    for (const res of [allowed, other]) expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
