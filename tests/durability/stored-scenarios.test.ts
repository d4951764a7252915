// The tables' scenarios are kept once each in the database, not once per table: every table still
// reads back exactly the scenario it was created with (the built-in one, or a classroom's changed
// one), a database written before this reads back as it was, and a scenario's text leaves the
// database with the last table that plays it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, TableStore, type NewTable } from "../../server/persistence/table-store.ts";
import { defaultScenario, patchScenario } from "../../shared/scenario.ts";

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ceasefire-scenarios-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const table = (code: string, scenario: unknown): NewTable => ({ code, createdAt: 1, options: { name: "Ana", seat: "israel" }, scenarioId: "default", scenario, gameOptions: { seed: 3 }, hostKeyHash: "0".repeat(64) });
const scenarioBytes = JSON.stringify(defaultScenario()).length;

describe("stored scenarios", () => {
  it("many tables of one scenario store its text once, and each reads back exactly its own scenario", () => {
    const dir = freshDir();
    const store = TableStore.open(dir);
    const changed = patchScenario(defaultScenario(), { rounds: { default: 10 } });
    if (!changed.ok) throw new Error(changed.error.message);
    store.createTable(table("FIRST1", defaultScenario()));
    const oneTable = store.footprint().bytesInUse;
    for (let i = 0; i < 40; i++) store.createTable(table(`BUILT${i}`, defaultScenario()));
    // Forty more tables of the built-in scenario take far less room than one copy of it.
    expect(store.footprint().bytesInUse - oneTable).toBeLessThan(scenarioBytes);
    const builtIns = store.footprint().bytesInUse;
    store.createTable(table("CLASS1", changed.value));
    store.createTable(table("CLASS2", changed.value));
    // A classroom's changed scenario is one more copy, whatever its tables.
    expect(store.footprint().bytesInUse - builtIns).toBeLessThan(2 * scenarioBytes);
    store.close();

    // As after a restart: a new connection reads every table's scenario back.
    const again = TableStore.open(dir);
    const open = again.openTables();
    expect(open).toHaveLength(43);
    for (const t of open) expect(t.scenario, t.code).toEqual(t.code.startsWith("CLASS") ? changed.value : defaultScenario());
    expect(again.tableLog("CLASS2")?.scenario).toEqual(changed.value);
    again.close();
  });

  it("reads a database written before, whose rows hold their scenario themselves", () => {
    const dir = freshDir();
    const old = new DatabaseSync(path.join(dir, DATABASE_FILE));
    old.exec(`CREATE TABLE tables (code TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open',
      options TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario TEXT NOT NULL, game_options TEXT NOT NULL, host_key_hash TEXT NOT NULL,
      creator_joined INTEGER NOT NULL DEFAULT 0, extras TEXT NOT NULL DEFAULT '{"submissions":[],"announcement":""}', clock TEXT)`);
    const theirs = { ...defaultScenario(), id: "older" };
    old.prepare("INSERT INTO tables (code, created_at, updated_at, options, scenario_id, scenario, game_options, host_key_hash) VALUES (?, 1, 1, ?, ?, ?, ?, ?)").run("OLDONE", "{}", "older", JSON.stringify(theirs), '{"seed":1}', "0".repeat(64));
    old.close();

    const store = TableStore.open(dir);
    expect(store.openTables().map((t) => [t.code, t.scenario])).toEqual([["OLDONE", theirs]]);
    // New tables beside it are stored the new way; both read back.
    store.createTable(table("NEWONE", defaultScenario()));
    expect(store.tableLog("OLDONE")?.scenario).toEqual(theirs);
    expect(store.tableLog("NEWONE")?.scenario).toEqual(defaultScenario());
    store.close();
  });

  it("a scenario's text leaves the database with the last table that plays it", () => {
    const store = TableStore.open(freshDir());
    const empty = store.footprint().bytesInUse;
    store.createTable(table("AAAAAA", defaultScenario()));
    store.createTable(table("BBBBBB", defaultScenario()));
    const stored = store.footprint().bytesInUse;
    store.deleteTable("AAAAAA");
    // Still played by the other table: still there.
    expect(store.tableLog("BBBBBB")?.scenario).toEqual(defaultScenario());
    store.closeTable("BBBBBB", 1);
    expect(store.prune(2)).toBe(1);
    expect(store.footprint().bytesInUse).toBeLessThan(stored - scenarioBytes / 2);
    expect(store.footprint().bytesInUse).toBeLessThanOrEqual(empty);
    // And a new table stores it again.
    store.createTable(table("CCCCCC", defaultScenario()));
    expect(store.tableLog("CCCCCC")?.scenario).toEqual(defaultScenario());
    store.close();
  });
});
