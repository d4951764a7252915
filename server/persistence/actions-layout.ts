// How the tables' logs are laid out in the database, and the upgrade from the earlier layout.
//
// Every accepted action is one row of `actions`, written in its own transaction while hundreds of
// tables play at once. The earlier layout kept the rows in a WITHOUT ROWID table keyed by
// (code, seq), so each action's JSON went into the middle of the B-tree, beside its table's
// earlier actions: with hundreds of tables taking turns, every commit changed a page somewhere in
// the tree, and the pages, filled with whole actions, split every few inserts (a split rewrites
// three or four pages). SQLite advises WITHOUT ROWID only for rows much smaller than a page.
//
// Now the rows live in an ordinary rowid table, so every new action goes on the table's last page,
// whichever table it belongs to, and a page filling up simply starts the next one; a small index on
// (code, seq) finds a table's log, its entries a few dozen bytes each, so its pages split rarely.
// Fewer pages are written per commit (into the WAL, then copied by the checkpoints), the commit
// costs less CPU, and the WAL fills more slowly. Reading a table's log back goes through the index:
// the same rows in the same order.
import type { DatabaseSync } from "node:sqlite";

/** The log's table; `credit` and `at` are added here too, for databases from before them. */
export const ACTIONS_TABLE = `
CREATE TABLE IF NOT EXISTS actions (
  code TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  credit TEXT,
  at INTEGER
)`;

const ACTIONS_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS actions_by_table ON actions (code, seq)";

/** Whether the database keeps its logs in the earlier, WITHOUT ROWID layout. */
export function hasEarlierActionsLayout(db: DatabaseSync): boolean {
  const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'actions'").get() as { sql: string } | undefined;
  return row !== undefined && /WITHOUT\s+ROWID/i.test(row.sql);
}

/**
 * Creates the log's table and index, or brings a database written by an earlier version to this
 * layout: its rows are copied, each table's in order, into the new table in one transaction (a
 * crash midway leaves the old table as it was). One-way: docs/OPERATIONS.md, "Backups".
 */
export function prepareActions(db: DatabaseSync): void {
  db.exec(ACTIONS_TABLE);
  const columns = (db.prepare("PRAGMA table_info(actions)").all() as Array<{ name: string }>).map((c) => c.name);
  // Databases from before credits were kept: their actions have none (read back as null).
  if (!columns.includes("credit")) db.exec("ALTER TABLE actions ADD COLUMN credit TEXT");
  // When each action was recorded (ms since the epoch; table-store.ts appendChange). Actions from before have none (null).
  if (!columns.includes("at")) db.exec("ALTER TABLE actions ADD COLUMN at INTEGER");
  if (hasEarlierActionsLayout(db)) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(ACTIONS_TABLE.replace("IF NOT EXISTS actions", "actions_upgraded"));
      db.exec("INSERT INTO actions_upgraded (code, seq, action, credit, at) SELECT code, seq, action, credit, at FROM actions ORDER BY code, seq");
      db.exec("DROP TABLE actions");
      db.exec("ALTER TABLE actions_upgraded RENAME TO actions");
      db.exec(ACTIONS_INDEX);
      db.exec("COMMIT");
    } catch (e) {
      db.exec("ROLLBACK");
      throw e;
    }
  }
  db.exec(ACTIONS_INDEX);
}
