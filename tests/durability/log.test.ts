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
import { TableStore } from "../../server/persistence/table-store.ts";
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
