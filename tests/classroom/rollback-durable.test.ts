// A rollback on a server that records its tables (server/persistence): the durable log forgets the
// undone actions with the table, so play goes on after the rollback (the next actions take the freed
// log positions) and the stored record replays to exactly the live table. Also: a session's table
// is recorded as having no creator, so nobody becomes its creator after a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replay, type GameLog } from "../../shared/apply.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";
import { TableStore } from "../../server/persistence/table-store.ts";
import { expectOk, startHarness, synced, until, type Harness } from "../server/harness.ts";
import { api, createSession, Student } from "./api.ts";

let h: Harness;
let store: TableStore;
const dir = mkdtempSync(path.join(tmpdir(), "classroom-store-"));
beforeAll(async () => {
  store = TableStore.open(dir);
  h = await startHarness({ store });
});
afterAll(async () => {
  await h.colyseus.cleanup();
  await h.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("rolling back a recorded table", () => {
  it("keeps the durable log equal to the live one, and play goes on", async () => {
    const s = await createSession({ tables: 1, rounds: 6, scenario: { weights: { aidTarget: 550 } } });
    const students: Student[] = [];
    for (let i = 0; i < 6; i++) students.push(await Student.enter(h, s.code, `P${i}`));
    const host = (path_: string, body?: unknown) => api(body === undefined ? "GET" : "POST", `/api/sessions/${s.code}/${path_}`, body, s.hostKey);
    await host("command", { tables: "all", command: { type: "begin" } });
    await until(null, "week one", () => students[0]!.player.publicView.stage === "negotiation");
    for (const x of students) expectOk(await x.player.intent({ type: "ready" }));
    for (const x of students) expectOk(await x.player.intent({ type: "decide", decision: {} }));
    await synced(h, students.map((x) => x.player));
    expectOk(await students[0]!.player.intent({ type: "statement", text: "to be undone" }));
    expectOk(await students[1]!.player.intent({ type: "ready" }));

    const back = await host("rollback", { table: 1 });
    expect(back.status).toBe(200);
    expect(back.body.undone).toBe(2);
    // Play goes on: the next actions take the log positions the undone ones had.
    expectOk(await students[2]!.player.intent({ type: "statement", text: "after the rollback" }));
    for (const x of students) expectOk(await x.player.intent({ type: "ready" }));

    const table = h.table(s.tables[0]!.code).session;
    const stored = store.openTables().find((t) => t.code === table.code)!;
    expect(stored.creatorJoined).toBe(true);
    expect(stored.actions).toEqual(JSON.parse(JSON.stringify(table.pipeline.log.actions)));
    const log: GameLog = { scenarioId: stored.scenarioId, options: stored.gameOptions, actions: stored.actions as GameLog["actions"] };
    const replayed = replay(stored.scenario as Scenario, log);
    expect(replayed.ok && replayed.value).toEqual(table.pipeline.state);
    expect((stored.scenario as Scenario).weights.aidTarget).toBe(550);
  });
});
