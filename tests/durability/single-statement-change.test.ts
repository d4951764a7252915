// Most accepted changes are one statement — a message, an offer, an answer: its action alone, the
// progress row left as it was — and are committed as that statement, without a BEGIN and a COMMIT
// around it (server/persistence/table-store.ts appendChange). Committed means committed: when
// appendChange returns, another connection to the database (a restarted server) reads the action;
// a statement the database refuses keeps nothing and leaves the store recording; and inside
// together() it joins the transaction already open, kept or dropped with it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, TableStore, type ClockRecord, type TableExtras } from "../../server/persistence/table-store.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ceasefire-single-statement-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clock: ClockRecord = { stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false };
const none: TableExtras = { submissions: [], announcement: "" };

/** The table's log as a second connection reads it, while the store is still open. */
function logSeenFromOutside(): string[] {
  const db = new DatabaseSync(path.join(dir, DATABASE_FILE));
  try {
    return (db.prepare("SELECT action FROM actions WHERE code = 'ONE001' ORDER BY seq").all() as Array<{ action: string }>).map((r) => {
      const action = JSON.parse(r.action) as { type: string; text?: string };
      return action.text ?? action.type;
    });
  } finally {
    db.close();
  }
}

describe("a change of one statement", () => {
  it("is committed when it returns, refused whole, and joins a transaction already open", () => {
    const store = TableStore.open(dir);
    try {
      store.createTable({ code: "ONE001", createdAt: 0, options: {}, scenarioId: "gaza-2025", scenario: { id: "gaza-2025" }, gameOptions: { seed: 1 }, hostKeyHash: "h" });
      // The first change writes the progress row too (two statements, one transaction); the next is one statement.
      store.appendChange("ONE001", 0, [{ type: "begin", by: "system" }], none, clock, 1_000);
      store.appendChange("ONE001", 1, [{ type: "statement", by: "israel", text: "first" }], none, clock, 2_000, [{ by: "person", name: "Isa", at: 2_000 }]);
      expect(logSeenFromOutside()).toEqual(["begin", "first"]);

      // The same log position again: the database refuses the statement, and nothing of it is kept.
      expect(() => store.appendChange("ONE001", 1, [{ type: "statement", by: "hamas", text: "twice" }], none, clock, 3_000)).toThrow();
      store.appendChange("ONE001", 2, [{ type: "statement", by: "qatar", text: "after" }], none, clock, 4_000);
      expect(logSeenFromOutside()).toEqual(["begin", "first", "after"]);

      // Inside together(): kept with the transaction, or dropped with it.
      expect(() =>
        store.together(() => {
          store.appendChange("ONE001", 3, [{ type: "statement", by: "turkiye", text: "dropped" }], none, clock, 5_000);
          throw new Error("disk full");
        }),
      ).toThrow("disk full");
      store.together(() => store.appendChange("ONE001", 3, [{ type: "statement", by: "turkiye", text: "kept" }], none, clock, 6_000));
      expect(logSeenFromOutside()).toEqual(["begin", "first", "after", "kept"]);
    } finally {
      store.close();
    }
    const reopened = TableStore.open(dir);
    try {
      const table = reopened.openTables()[0]!;
      expect(table.actions).toHaveLength(4);
      expect(table.updatedAt).toBe(6_000);
      expect(table.credits[1]).toEqual({ by: "person", name: "Isa", at: 2_000 });
    } finally {
      reopened.close();
    }
  });
});
