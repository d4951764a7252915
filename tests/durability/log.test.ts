// The durable log holds every applied action — people's, bots', the timer's advances and the
// facilitator's commands — so replaying it with shared's replay() gives the table's state exactly.
// In-process (a manual clock moves the timers), with the store in a temporary DATA_DIR.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replay, type GameLog } from "../../shared/apply.ts";
import type { Action } from "../../shared/actions.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";
import { DatabaseSync } from "node:sqlite";
import { DATABASE_FILE, TableStore } from "../../server/persistence/table-store.ts";
import { hashSecret } from "../../server/seats.ts";
import { expectOk, Player, startHarness, until, type Harness } from "../server/harness.ts";

let h: Harness;
let store: TableStore;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ceasefire-log-"));
  store = TableStore.open(dir);
  h = await startHarness({ store });
});

afterAll(async () => {
  await h?.shutdown();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the durable log", () => {
  it("replays to the table's exact state: bots, timers and the facilitator included", async () => {
    const solo = await Player.create(h, { name: "Solo", seat: "israel", solo: true, timers: true, negotiationSeconds: 10, decisionSeconds: 10, rounds: 6 });
    await solo.ready();
    expectOk(await solo.intent({ type: "statement", text: "Israel is at the table." }));
    expectOk(await solo.command({ type: "announce", text: "Welcome" }));
    // Bots negotiate, the clock ends stages, and the host (the creator) advances one by hand.
    await until(h, "two weeks played", () => solo.publicView.round >= 3, 500);
    expectOk(await solo.command({ type: "advance" }));
    const room = h.table(solo.code);

    const [record] = store.openTables();
    expect(record!.code).toBe(solo.code);
    const actions = record!.actions as Action[];
    expect(actions.some((a) => a.type === "advance" && a.by === "system")).toBe(true);
    expect(actions.some((a) => a.type === "advance" && a.by === "facilitator")).toBe(true);
    expect(actions.some((a) => a.by !== "israel" && a.by !== "system" && a.by !== "facilitator")).toBe(true);
    const log: GameLog = { scenarioId: record!.scenarioId, options: record!.gameOptions, actions };
    const replayed = replay(record!.scenario as Scenario, log);
    expect(replayed.ok).toBe(true);
    expect(JSON.stringify(replayed.ok && replayed.value)).toBe(JSON.stringify(room.session.pipeline.state));
    expect(record!.extras.announcement).toBe("Welcome");

    // Secrets are kept only as hashes.
    expect(record!.hostKeyHash).toBe(hashSecret(solo.welcome!.hostKey!));
    expect(record!.tokens.map((t) => t.hash)).toContain(hashSecret(solo.welcome!.seatToken));
    expect(JSON.stringify(record)).not.toContain(solo.welcome!.hostKey!);
    expect(JSON.stringify(record)).not.toContain(solo.welcome!.seatToken);
    expect(record!.occupants).toEqual([{ role: "israel", name: "Solo", tokenHash: hashSecret(solo.welcome!.seatToken) }]);
  });
});

describe("a database from before the per-change progress table", () => {
  it("restores the submissions, announcement and clock kept in the table's row, and later changes win", () => {
    const oldDir = mkdtempSync(path.join(tmpdir(), "ceasefire-old-"));
    try {
      const old = TableStore.open(oldDir);
      old.createTable({ code: "OLD123", createdAt: 1000, options: {}, scenarioId: "gaza-2025", scenario: { id: "gaza-2025" }, gameOptions: { seed: 3 }, hostKeyHash: "h" });
      old.close();
      // What an older server wrote on every change: the fields in the table's own row.
      const clock = { stage: "negotiation", endsAt: 9000, remainingMs: 4000, paused: false };
      const raw = new DatabaseSync(path.join(oldDir, DATABASE_FILE));
      raw.prepare("UPDATE tables SET updated_at = ?, extras = ?, clock = ? WHERE code = ?").run(5000, JSON.stringify({ submissions: [], announcement: "Old news" }), JSON.stringify(clock), "OLD123");
      raw.close();

      const reopened = TableStore.open(oldDir);
      const [before] = reopened.openTables();
      expect(before).toMatchObject({ code: "OLD123", updatedAt: 5000, extras: { announcement: "Old news" }, clock });
      // A change by this version is kept beside the row, and read back in its place.
      const later = { ...clock, remainingMs: 2500 };
      reopened.appendChange("OLD123", 0, [{ type: "ready", by: "israel" }], { submissions: [], announcement: "New news" }, later, 6000);
      const [after] = reopened.openTables();
      expect(after).toMatchObject({ updatedAt: 6000, extras: { announcement: "New news" }, clock: later, actions: [{ type: "ready", by: "israel" }] });
      reopened.close();
    } finally {
      rmSync(oldDir, { recursive: true, force: true });
    }
  });
});
