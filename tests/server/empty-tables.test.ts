// The count of tables an address created and nobody joined: a join or a close frees a place, and a
// place also frees itself after EMPTY_TABLE_HOLD_MS (the table may live in another process, whose
// joins this one never sees).
import { expect, it } from "vitest";
import { EMPTY_TABLES_PER_ADDRESS, EMPTY_TABLE_HOLD_MS, EmptyTables } from "../../server/empty-tables.ts";

it("holds an address's empty tables until they are joined, closed, or the hold lapses", () => {
  let now = 1_000;
  const tables = new EmptyTables(() => now);
  for (let i = 0; i < EMPTY_TABLES_PER_ADDRESS; i++) {
    expect(tables.mayCreate("10.0.0.1")).toBe(true);
    tables.creating("10.0.0.1");
    tables.created("10.0.0.1", `T${i}`);
  }
  expect(tables.mayCreate("10.0.0.1")).toBe(false);
  // Another address is not affected; a creation under way counts too.
  expect(tables.mayCreate("10.0.0.2")).toBe(true);
  tables.release("T0");
  expect(tables.mayCreate("10.0.0.1")).toBe(true);
  tables.creating("10.0.0.1");
  expect(tables.mayCreate("10.0.0.1")).toBe(false);
  tables.created("10.0.0.1", undefined);
  expect(tables.mayCreate("10.0.0.1")).toBe(true);
  tables.creating("10.0.0.1");
  tables.created("10.0.0.1", "T9");
  expect(tables.mayCreate("10.0.0.1")).toBe(false);
  now += EMPTY_TABLE_HOLD_MS;
  expect(tables.heldBy("10.0.0.1")).toBe(0);
  expect(tables.mayCreate("10.0.0.1")).toBe(true);
});
