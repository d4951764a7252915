// A person joining records their seat token, their seat and (for the creator) the creator's arrival
// in one transaction (server/persistence/table-store.ts together): all of it survives a restart, or
// — when a write fails — none of it, so a restart never finds a seat without its token.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TableStore } from "../../server/persistence/table-store.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ceasefire-join-record-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const reopen = () => {
  const store = TableStore.open(dir);
  try {
    return store.openTables()[0]!;
  } finally {
    store.close();
  }
};

describe("a join's record", () => {
  it("keeps the token, the seat and the creator's arrival together, or none of them", () => {
    const store = TableStore.open(dir);
    store.createTable({ code: "JOIN01", createdAt: 0, options: {}, scenarioId: "gaza-2025", scenario: { id: "gaza-2025" }, gameOptions: { seed: 1 }, hostKeyHash: "h" });
    const seated = store.together(() => {
      store.addToken("JOIN01", "t1", "israel", "Isa");
      store.seat("JOIN01", "s1", "israel", "Isa", "t1");
      store.creatorJoined("JOIN01");
      return "seated";
    });
    expect(seated).toBe("seated");
    // A second join whose last write fails: its token and seat are not kept either.
    expect(() =>
      store.together(() => {
        store.addToken("JOIN01", "t2", "hamas", "Ham");
        store.seat("JOIN01", "s2", "hamas", "Ham", "t2");
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    // The store goes on recording after the refused join.
    store.addToken("JOIN01", "t3", "qatar", "Qat");
    store.close();
    const table = reopen();
    expect(table.creatorJoined).toBe(true);
    expect(table.tokens.map((t) => t.hash).sort()).toEqual(["t1", "t3"]);
    expect(table.occupants).toEqual([{ role: "israel", name: "Isa", tokenHash: "t1" }]);
  });
});
