// A change that leaves the held submissions, the announcement and the clock as the last change wrote
// them records its actions alone (server/persistence/table-store.ts appendChange): after a restart
// the table must read back exactly as if every change had written them all — the time of the last
// change, the clock with its remaining time at that moment, the submissions and the announcement.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, TableStore, type ClockRecord, type TableExtras } from "../../server/persistence/table-store.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ceasefire-progress-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const running = (endsAt: number, at: number): ClockRecord => ({ stage: "negotiation", endsAt, remainingMs: Math.max(0, endsAt - at), paused: false });
const none: TableExtras = { submissions: [], announcement: "" };
const reopen = () => {
  const store = TableStore.open(dir);
  try {
    return store.openTables()[0]!;
  } finally {
    store.close();
  }
};
const progressAt = () => {
  const db = new DatabaseSync(path.join(dir, DATABASE_FILE));
  try {
    return (db.prepare("SELECT updated_at FROM table_progress WHERE code = 'ROW001'").get() as { updated_at: number }).updated_at;
  } finally {
    db.close();
  }
};

describe("the progress row of a table", () => {
  it("reads back after a restart as the last change left it, whether or not that change wrote it", () => {
    const store = TableStore.open(dir);
    store.createTable({ code: "ROW001", createdAt: 500, options: {}, scenarioId: "gaza-2025", scenario: { id: "gaza-2025" }, gameOptions: { seed: 1 }, hostKeyHash: "h" });
    store.appendChange("ROW001", 0, [{ type: "begin", by: "system" }], none, running(61_000, 1_000), 1_000);
    // A message: nothing but the action changes; the clock runs on towards the same deadline.
    store.appendChange("ROW001", 1, [{ type: "statement", by: "israel", text: "a" }], none, running(61_000, 2_500), 2_500);
    store.close();
    expect(progressAt()).toBe(1_000);
    expect(reopen()).toMatchObject({ updatedAt: 2_500, clock: running(61_000, 2_500), extras: none });
    expect(reopen().actions).toHaveLength(2);

    // A new process writes its first change's row; then an announcement changes it, and a paused clock.
    const again = TableStore.open(dir);
    again.appendChange("ROW001", 2, [{ type: "statement", by: "hamas", text: "b" }], none, running(61_000, 3_000), 3_000);
    const submission = { decision: { moves: [] }, by: "Isa" };
    const held: TableExtras = { submissions: [["israel", submission]], announcement: "Ten minutes left" };
    again.appendChange("ROW001", 3, [{ type: "draft", by: "israel", decision: {} }], held, running(61_000, 4_000), 4_000);
    const paused: ClockRecord = { stage: "negotiation", endsAt: 0, remainingMs: 30_000, paused: true };
    again.appendChange("ROW001", 4, [], held, paused, 5_000);
    again.appendChange("ROW001", 4, [{ type: "statement", by: "qatar", text: "c" }], { submissions: [["israel", submission]], announcement: "Ten minutes left" }, paused, 6_000);
    again.close();
    expect(progressAt()).toBe(5_000);
    const after = reopen();
    expect(after).toMatchObject({ updatedAt: 6_000, clock: paused, extras: held });
    expect(after.actions).toHaveLength(5);

    // A change that does alter something writes the row at once.
    const third = TableStore.open(dir);
    third.appendChange("ROW001", 5, [{ type: "statement", by: "qatar", text: "d" }], none, paused, 7_000);
    third.appendChange("ROW001", 6, [{ type: "statement", by: "qatar", text: "e" }], none, running(90_000, 8_000), 8_000);
    third.close();
    expect(progressAt()).toBe(8_000);
    expect(reopen()).toMatchObject({ updatedAt: 8_000, clock: running(90_000, 8_000), extras: none });
  });
});
