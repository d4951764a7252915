// What every change writes (server/persistence/change-rows.ts): a database written by the earlier
// version, its logs and progress rows in WITHOUT ROWID tables, opens and reads back the same tables,
// and play goes on in it; and many tables writing in turns each read back their own log, in order.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { earlierLayout } from "../../server/persistence/change-rows.ts";
import { DATABASE_FILE, TableStore, type ClockRecord, type TableExtras } from "../../server/persistence/table-store.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ceasefire-actions-layout-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const none: TableExtras = { submissions: [], announcement: "" };
const clock: ClockRecord = { stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false };
const statement = (by: string, text: string) => ({ type: "statement", by, text });

const held: TableExtras = { submissions: [["israel", { decision: { moves: [] }, by: "Isa" }]], announcement: "Five minutes left" };
const paused: ClockRecord = { stage: "decisions", endsAt: 0, remainingMs: 42_000, paused: true };

/** A database as the earlier version left it: two open tables, their logs and one's progress row in the WITHOUT ROWID layout (one action without a credit). */
function writeEarlierDatabase(): void {
  const db = new DatabaseSync(path.join(dir, DATABASE_FILE));
  db.exec(`
    CREATE TABLE tables (
      code TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open',
      options TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario TEXT NOT NULL, game_options TEXT NOT NULL, host_key_hash TEXT NOT NULL,
      creator_joined INTEGER NOT NULL DEFAULT 0, extras TEXT NOT NULL DEFAULT '{"submissions":[],"announcement":""}', clock TEXT);
    CREATE TABLE actions (code TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, credit TEXT, at INTEGER, PRIMARY KEY (code, seq)) WITHOUT ROWID;
    CREATE TABLE table_progress (code TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, extras TEXT NOT NULL, clock TEXT NOT NULL) WITHOUT ROWID;
  `);
  db.prepare("INSERT INTO table_progress (code, updated_at, extras, clock) VALUES ('OLDBBB', 1400, ?, ?)").run(JSON.stringify(held), JSON.stringify(paused));
  const table = db.prepare("INSERT INTO tables (code, created_at, updated_at, options, scenario_id, scenario, game_options, host_key_hash, clock) VALUES (?, ?, ?, '{}', 'gaza-2025', ?, ?, 'hash', ?)");
  table.run("OLDAAA", 100, 100, JSON.stringify({ id: "gaza-2025" }), JSON.stringify({ seed: 7 }), JSON.stringify(clock));
  table.run("OLDBBB", 200, 200, JSON.stringify({ id: "gaza-2025" }), JSON.stringify({ seed: 8 }), JSON.stringify(clock));
  const action = db.prepare("INSERT INTO actions (code, seq, action, credit, at) VALUES (?, ?, ?, ?, ?)");
  // The two tables' actions interleaved, as a server writes them.
  action.run("OLDBBB", 0, JSON.stringify(statement("hamas", "b0")), JSON.stringify({ by: "bot" }), 1_000);
  action.run("OLDAAA", 0, JSON.stringify(statement("israel", "a0")), null, 1_100);
  action.run("OLDAAA", 1, JSON.stringify(statement("qatar", "a1")), JSON.stringify({ by: "person", name: "Noor" }), 1_200);
  action.run("OLDBBB", 1, JSON.stringify(statement("turkiye", "b1")), JSON.stringify({ by: "bot" }), 1_300);
  db.close();
}

const reopen = () => {
  const store = TableStore.open(dir);
  try {
    return store.openTables();
  } finally {
    store.close();
  }
};

describe("the tables' logs in the database", () => {
  it("opens a database written by the earlier version and reads back the same tables, and play goes on", () => {
    writeEarlierDatabase();
    const [a, b] = reopen();
    expect(a).toMatchObject({ code: "OLDAAA", updatedAt: 1_200, actions: [statement("israel", "a0"), statement("qatar", "a1")], credits: [null, { by: "person", name: "Noor" }] });
    expect(b).toMatchObject({ code: "OLDBBB", updatedAt: 1_400, extras: held, clock: paused, actions: [statement("hamas", "b0"), statement("turkiye", "b1")], credits: [{ by: "bot" }, { by: "bot" }] });
    const db = new DatabaseSync(path.join(dir, DATABASE_FILE));
    expect(earlierLayout(db)).toEqual([]);
    db.close();

    // The upgraded log takes the next actions, refuses a second action at a position already
    // taken (nothing of that change is kept), and reads the same again after another restart.
    const store = TableStore.open(dir);
    store.appendChange("OLDAAA", 2, [statement("egypt", "a2")], none, clock, 2_000, [{ by: "bot" }]);
    expect(() => store.appendChange("OLDAAA", 1, [statement("hamas", "again")], { submissions: [], announcement: "kept?" }, clock, 2_100)).toThrow();
    const log = store.tableLog("OLDAAA");
    expect(log?.log.actions).toEqual([statement("israel", "a0"), statement("qatar", "a1"), statement("egypt", "a2")]);
    expect(log?.log.options).toEqual({ seed: 7 });
    store.appendChange("OLDBBB", 2, [], { ...held, announcement: "One minute left" }, paused, 2_200);
    store.close();
    const after = reopen();
    expect(after[0]).toMatchObject({ updatedAt: 2_000, extras: none, actions: [statement("israel", "a0"), statement("qatar", "a1"), statement("egypt", "a2")] });
    expect(after[1]).toMatchObject({ updatedAt: 2_200, extras: { ...held, announcement: "One minute left" }, clock: paused });
    const last = TableStore.open(dir);
    last.deleteTable("OLDBBB");
    last.close();
    expect(reopen().map((t) => t.code)).toEqual(["OLDAAA"]);
  });

  it("gives each of many tables writing in turns its own log, in order", () => {
    const store = TableStore.open(dir);
    const codes = Array.from({ length: 40 }, (_, i) => `TURN${String(i).padStart(2, "0")}`);
    for (const code of codes) store.createTable({ code, createdAt: 0, options: {}, scenarioId: "gaza-2025", scenario: { id: "gaza-2025" }, gameOptions: { seed: 1 }, hostKeyHash: "h" });
    // Round after round, the tables in a different order each time; table i plays i % 7 + 3 actions.
    for (let seq = 0; seq < 10; seq++) {
      const order = seq % 2 === 0 ? codes : [...codes].reverse();
      order.forEach((code, i) => {
        if (seq < (codes.indexOf(code) % 7) + 3) store.appendChange(code, seq, [statement("qatar", `${code}:${seq}`)], none, clock, seq * 100 + i, [{ by: "bot", seq }]);
      });
    }
    store.close();
    const tables = reopen();
    expect(tables.map((t) => t.code).sort()).toEqual(codes);
    for (const t of tables) {
      const length = (codes.indexOf(t.code) % 7) + 3;
      expect(t.actions).toEqual(Array.from({ length }, (_, seq) => statement("qatar", `${t.code}:${seq}`)));
      expect(t.credits).toEqual(Array.from({ length }, (_, seq) => ({ by: "bot", seq })));
    }
  });
});
