// The target load: one server process, one session of ten tables, sixty students with real SDK
// clients, played to the end with the host skipping phases for every table at once. Every client
// ends with the outcome; every table's state is the replay of its log. (No timing is asserted:
// `npm run bench:classroom` prints how long it takes.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { replay } from "../../shared/apply.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { startHarness, synced, until, type Harness } from "../server/harness.ts";
import { api, createSession, Student } from "./api.ts";

const scenario = defaultScenario();
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.colyseus.cleanup();
  await h.shutdown();
});

describe("sixty students at ten tables", () => {
  it("join, are seated one per party at every table, and play to the end", async () => {
    const s = await createSession({ name: "Whole year group", tables: 10, rounds: 6, teamSize: 1, seed: 21 });
    const students: Student[] = [];
    for (let i = 0; i < 60; i++) students.push(await Student.enter(h, s.code, `Student ${i + 1}`, PARTY_IDS[(i * 7) % 6]));
    const full = await api("POST", `/api/sessions/${s.code}/students`, { name: "Latecomer" });
    expect(full.body.error.code).toBe("session_full");
    const groups = Array.from({ length: 10 }, (_, t) => students.filter((x) => x.assignment.table === t + 1));
    for (const g of groups) expect(g.map((x) => x.assignment.seat).sort()).toEqual([...PARTY_IDS].sort());
    const host = (method: string, path: string, body?: unknown) => api(method, `/api/sessions/${s.code}/${path}`, body, s.hostKey);

    const overview = (await host("GET", "overview")).body;
    expect(overview.tables.every((t: { seats: Array<{ connected: number; bot: boolean }> }) => t.seats.every((x) => x.connected === 1 && !x.bot))).toBe(true);

    expect((await host("POST", "command", { tables: "all", command: { type: "begin" } })).body.every((r: { ok: boolean }) => r.ok)).toBe(true);
    for (let week = 0; week < 12 && !groups.every((g) => g[0]!.player.publicView.stage === "ended"); week++) {
      for (const g of groups) {
        if (g[0]!.player.publicView.stage !== "negotiation") continue;
        for (const x of g) await x.player.intent({ type: "ready" });
      }
      for (const g of groups) await synced(h, g.map((x) => x.player));
      // Half of each table decides; the host's skip gives the others the default decision.
      for (const g of groups) for (const x of g.slice(0, 3)) if (x.player.publicView.stage === "decisions") await x.player.intent({ type: "decide", decision: {} });
      await host("POST", "command", { tables: "all", command: { type: "advance" } });
      for (const g of groups) await synced(h, g.map((x) => x.player));
    }
    await until(null, "every client sees the end", () => students.every((x) => x.player.publicView.stage === "ended"));
    for (const t of s.tables) {
      const table = h.table(t.code).session;
      const replayed = replay(scenario, table.pipeline.log);
      expect(replayed.ok && replayed.value).toEqual(table.pipeline.state);
      expect(table.pipeline.state.history.some((r) => r.defaulted.length === 3)).toBe(true);
    }
    const data = (await host("GET", "export.json")).body;
    expect(data.tables.every((t: { outcome: string | null }) => t.outcome !== null)).toBe(true);
  });
});
