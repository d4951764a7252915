// The scenarios the tables play, kept once each in the database rather than once per table.
//
// Every table's row used to hold its whole scenario, about 64 KB of JSON: made afresh with
// JSON.stringify (about 160 µs) and written (as much again) for every new table, though almost
// every table plays the same built-in scenario, and a classroom's tables their session's. Now a
// scenario's JSON and its SHA-256 are made once per scenario object (scenarioText), the text is
// stored once under its hash in `scenarios`, and a table's row names the hash. A table restored
// after a restart gets its scenario back exactly as stored; tables of one scenario share one
// parsed copy. Rows written before this (their scenario in the row itself) are read as they were.
import { createHash } from "node:crypto";
import type { DatabaseSync, StatementSync } from "node:sqlite";

const texts = new WeakMap<object, { json: string; hash: string }>();

/**
 * A scenario's JSON and the SHA-256 of it, made once per scenario object: a scenario is checked data
 * the server never changes after loading it (a teacher's changes make a new object).
 */
export function scenarioText(scenario: object): { json: string; hash: string } {
  let text = texts.get(scenario);
  if (!text) {
    const json = JSON.stringify(scenario);
    text = { json, hash: createHash("sha256").update(json).digest("hex") };
    texts.set(scenario, text);
  }
  return text;
}

export class StoredScenarios {
  #db: DatabaseSync;
  #s: Record<"put" | "get" | "hashOf" | "dropUnused", StatementSync>;
  /**
   * Hashes known to be in `scenarios` (so a new table of a stored scenario writes nothing more).
   * Only this process deletes from it: one process per database, as the store requires.
   */
  #stored = new Set<string>();
  /** Parsed scenarios by hash, shared by the tables restored with them. */
  #parsed = new Map<string, unknown>();

  /** Adds the `scenarios` table and the tables' `scenario_hash` column to the database, if missing. */
  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec("CREATE TABLE IF NOT EXISTS scenarios (hash TEXT PRIMARY KEY, json TEXT NOT NULL)");
    if (!(db.prepare("PRAGMA table_info(tables)").all() as Array<{ name: string }>).some((c) => c.name === "scenario_hash"))
      db.exec("ALTER TABLE tables ADD COLUMN scenario_hash TEXT");
    db.exec("CREATE INDEX IF NOT EXISTS tables_by_scenario ON tables (scenario_hash) WHERE scenario_hash IS NOT NULL");
    this.#s = {
      put: db.prepare("INSERT OR IGNORE INTO scenarios (hash, json) VALUES (?, ?)"),
      get: db.prepare("SELECT json FROM scenarios WHERE hash = ?"),
      hashOf: db.prepare("SELECT scenario_hash FROM tables WHERE code = ?"),
      dropUnused: db.prepare("DELETE FROM scenarios WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM tables WHERE scenario_hash = ?)"),
    };
  }

  /** Makes sure `scenario` is stored; returns the hash a table's row names it by. */
  keep(scenario: object): string {
    const { json, hash } = scenarioText(scenario);
    if (!this.#stored.has(hash)) {
      this.#s.put.run(hash, json);
      this.#stored.add(hash);
    }
    return hash;
  }

  /** A table row's scenario: by its hash, or (rows from before) the JSON the row holds itself. */
  read(hash: string | null | undefined, inRow: string): unknown {
    if (!hash) return JSON.parse(inRow) as unknown;
    let parsed = this.#parsed.get(hash);
    if (parsed === undefined) {
      const row = this.#s.get.get(hash) as { json: string } | undefined;
      if (!row) throw new Error(`scenario ${hash.slice(0, 12)}… is missing from the database`);
      parsed = JSON.parse(row.json) as unknown;
      this.#parsed.set(hash, parsed);
    }
    return parsed;
  }

  /** The hash the table `code` names (before its row is deleted), or null. */
  hashOf(code: string): string | null {
    const row = this.#s.hashOf.get(code) as { scenario_hash: string | null } | undefined;
    return row?.scenario_hash ?? null;
  }

  /** Deletes the stored scenarios no table names any longer (after tables were deleted). */
  dropUnused(hashes: Iterable<string | null>): void {
    for (const hash of new Set(hashes)) {
      if (!hash) continue;
      if (Number(this.#s.dropUnused.run(hash, hash).changes) > 0) {
        this.#stored.delete(hash);
        this.#parsed.delete(hash);
      }
    }
  }
}
