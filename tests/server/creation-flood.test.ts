// A flood of table creations from one address with no socket ever connecting: only a few empty
// tables are held at once, they close within a minute, and their rows leave the database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableStore } from "../../server/persistence/table-store.ts";
import { EMPTY_TABLES_PER_ADDRESS } from "../../server/empty-tables.ts";
import { defaultServerConfig } from "../../server/table-session.ts";
import { realScheduler } from "../../server/table-clock.ts";
import { openTables } from "../../server/table-room.ts";
import { guardAddresses } from "../../server/address-guard.ts";
import type { AddressLimiter } from "../../server/rate-limit.ts";
import type { Server as HttpServer } from "node:http";
import { floorRoomDefinition } from "../../scripts/floor-room.ts";
import { TEST_PORT, Player, startHarness, until, type Harness } from "./harness.ts";

let h: Harness;
let store: TableStore;
let dir: string;
const { unjoinedDisposeSeconds } = defaultServerConfig(realScheduler);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ceasefire-flood-"));
  store = TableStore.open(dir);
  // A room type that is not a table (the benchmarks' bare floor room) beside the tables.
  h = await startHarness({ store, extraRooms: { floor: await floorRoomDefinition() } });
  // The per-address guard, as startServer puts it in front of a listening server.
  const server = h.colyseus.server as unknown as { transport: { server: HttpServer }; addressLimiter: AddressLimiter };
  guardAddresses(server.transport.server, server.addressLimiter);
});
afterAll(async () => {
  await h.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const create = () =>
  fetch(`http://localhost:${TEST_PORT}/matchmake/create/table`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Nobody", seat: "israel" }) });

describe("a creation flood without sockets", () => {
  it("holds only a few empty tables; they are gone within a minute and the database shrinks back", async () => {
    const before = store.footprint();
    const tablesBefore = openTables.size;
    const statuses: number[] = [];
    for (let i = 0; i < 150; i++) statuses.push((await create()).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(EMPTY_TABLES_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(150 - EMPTY_TABLES_PER_ADDRESS);
    expect(openTables.size).toBe(tablesBefore + EMPTY_TABLES_PER_ADDRESS);
    expect(store.footprint().tables).toBe(before.tables + EMPTY_TABLES_PER_ADDRESS);

    expect(unjoinedDisposeSeconds).toBeLessThanOrEqual(60);
    h.scheduler.advance(unjoinedDisposeSeconds * 1000 + 1000);
    await until(null, "the empty tables close", () => openTables.size === tablesBefore);
    const after = store.footprint();
    expect(after.tables).toBe(before.tables);
    expect(after.bytesInUse).toBeLessThanOrEqual(before.bytesInUse);
    // The address may create tables again.
    expect((await create()).status).toBe(200);
    h.scheduler.advance(unjoinedDisposeSeconds * 1000 + 1000);
    await until(null, "that one closes too", () => openTables.size === tablesBefore);
  });

  it("a table someone joined stays open, and no longer counts against its creator's address", async () => {
    const host = await Player.create(h, { name: "Host", seat: "israel" });
    await host.ready();
    for (let i = 0; i < EMPTY_TABLES_PER_ADDRESS - 1; i++) expect((await create()).status).toBe(200);
    // The joined table is not one of the empty ones: one more may be created.
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(429);
    h.scheduler.advance(unjoinedDisposeSeconds * 1000 + 1000);
    await until(null, "the empty ones close", () => openTables.size === 1);
    expect(h.table(host.code)).toBeDefined();
    expect(store.has(host.code)).toBe(true);
    await host.room.leave(true);
  });

  it("only tables are held against the address: other room types are not empty tables", async () => {
    const tablesBefore = openTables.size;
    for (let i = 0; i < EMPTY_TABLES_PER_ADDRESS; i++) expect((await create()).status).toBe(200);
    const createFloor = () => fetch(`http://localhost:${TEST_PORT}/matchmake/create/floor`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    for (let i = 0; i < 3 * EMPTY_TABLES_PER_ADDRESS; i++) expect((await createFloor()).status).toBe(200);
    expect((await create()).status).toBe(429);
    h.scheduler.advance(unjoinedDisposeSeconds * 1000 + 1000);
    await until(null, "the empty tables close", () => openTables.size === tablesBefore);
  });
});
