// The two tables every accepted change writes — `actions` (the rules' log) and `table_progress` (the
// held decisions, the announcement and the clock) — how they are laid out, and the upgrade from the
// earlier layout.
//
// Every accepted action is its own transaction while hundreds of tables play at once. The earlier
// layout kept both in WITHOUT ROWID tables, which SQLite advises only for rows much smaller than a
// page. Keyed by (code, seq), each action's JSON went into the middle of the B-tree beside its
// table's earlier actions: with hundreds of tables taking turns, every commit changed a page
// somewhere in the tree, and the pages, filled with whole actions, split every few inserts (a split
// rewrites three or four pages). A progress row holding a week's decisions (about 1.5 KB with six)
// is larger than a WITHOUT ROWID row may be on its page (about 1 KB), so it spilled onto an overflow
// page, freed and taken again on every rewrite.
//
// Now both are ordinary rowid tables. Every new action goes on the log's last page, whichever table
// it belongs to, and a full page simply starts the next one; a small unique index on (code, seq)
// finds a table's log (its entries a few dozen bytes, so its pages split rarely) and keeps one
// action per position. A progress row is updated in place (an upsert keeps its rowid, so its index
// on the code is left alone) and fits on its page. Fewer pages are written per commit (into the
// WAL, then copied again by the checkpoints), the commit costs less CPU, and the WAL fills more
// slowly. What is read back is the same rows in the same order.
import type { DatabaseSync } from "node:sqlite";

const ACTIONS = `
CREATE TABLE IF NOT EXISTS actions (
  code TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  credit TEXT,
  at INTEGER
)`;
const ACTIONS_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS actions_by_table ON actions (code, seq)";
const PROGRESS = `
CREATE TABLE IF NOT EXISTS table_progress (
  code TEXT PRIMARY KEY,
  updated_at INTEGER NOT NULL,
  extras TEXT NOT NULL,
  clock TEXT NOT NULL
)`;

/** A table's progress row written, or rewritten in place (the statement table-store.ts prepares). */
export const WRITE_PROGRESS =
  "INSERT INTO table_progress (updated_at, extras, clock, code) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET updated_at = excluded.updated_at, extras = excluded.extras, clock = excluded.clock";

/** The tables of the database still in the earlier, WITHOUT ROWID layout (of `actions` and `table_progress`). */
export function earlierLayout(db: DatabaseSync): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN ('actions', 'table_progress')").all() as Array<{ name: string; sql: string }>;
  return rows.filter((r) => /WITHOUT\s+ROWID/i.test(r.sql)).map((r) => r.name);
}

/**
 * Creates the two tables (and the log's index), or brings a database written by an earlier version
 * to this layout: each table's rows are copied, in order, into a new table, in one transaction (a
 * crash midway leaves the database as it was). One-way: docs/OPERATIONS.md, "Backups".
 */
export function prepareChangeRows(db: DatabaseSync): void {
  db.exec(ACTIONS);
  db.exec(PROGRESS);
  const columns = (db.prepare("PRAGMA table_info(actions)").all() as Array<{ name: string }>).map((c) => c.name);
  // Databases from before credits were kept: their actions have none (read back as null).
  if (!columns.includes("credit")) db.exec("ALTER TABLE actions ADD COLUMN credit TEXT");
  // When each action was recorded (ms since the epoch; table-store.ts appendChange). Actions from before have none (null).
  if (!columns.includes("at")) db.exec("ALTER TABLE actions ADD COLUMN at INTEGER");
  const earlier = earlierLayout(db);
  if (earlier.length > 0) {
    db.exec("BEGIN IMMEDIATE");
    try {
      if (earlier.includes("actions")) {
        db.exec(ACTIONS.replace("IF NOT EXISTS actions", "actions_upgraded"));
        db.exec("INSERT INTO actions_upgraded (code, seq, action, credit, at) SELECT code, seq, action, credit, at FROM actions ORDER BY code, seq");
        db.exec("DROP TABLE actions");
        db.exec("ALTER TABLE actions_upgraded RENAME TO actions");
      }
      if (earlier.includes("table_progress")) {
        db.exec(PROGRESS.replace("IF NOT EXISTS table_progress", "progress_upgraded"));
        db.exec("INSERT INTO progress_upgraded (code, updated_at, extras, clock) SELECT code, updated_at, extras, clock FROM table_progress ORDER BY code");
        db.exec("DROP TABLE table_progress");
        db.exec("ALTER TABLE progress_upgraded RENAME TO table_progress");
      }
      db.exec(ACTIONS_INDEX);
      db.exec("COMMIT");
    } catch (e) {
      db.exec("ROLLBACK");
      throw e;
    }
  }
  db.exec(ACTIONS_INDEX);
}
