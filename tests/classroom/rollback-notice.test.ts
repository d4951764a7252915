// The notice a rollback puts up ("The teacher rolled this table back to the start of week N…") is
// about that week: it comes down when the table moves on, instead of standing over every later
// week, the debrief and the projector. An announcement the teacher wrote stays until they clear it.
import { describe, expect, it } from "vitest";
import { expectOk, synced, until, useHarness } from "../server/harness.ts";
import { api, createSession, Student } from "./api.ts";

const h = useHarness();

describe("a rollback's notice", () => {
  it("stands for the week it returned to, then comes down; the teacher's own announcement stays", async () => {
    const s = await createSession({ tables: 1, rounds: 6 });
    const students: Student[] = [];
    for (let i = 0; i < 6; i++) students.push(await Student.enter(h, s.code, `P${i}`));
    const host = (path_: string, body?: unknown) => api(body === undefined ? "GET" : "POST", `/api/sessions/${s.code}/${path_}`, body, s.hostKey);
    const announcement = () => h.table(s.tables[0]!.code).session.pipeline.announcement;
    await host("command", { tables: "all", command: { type: "begin" } });
    await until(null, "week one", () => students[0]!.player.publicView.stage === "negotiation");
    // The teacher's own words stay as the table moves on to the next week.
    expect((await host("command", { tables: "all", command: { type: "announce", text: "Five minutes left" } })).status).toBe(200);
    for (const x of students) expectOk(await x.player.intent({ type: "ready" }));
    for (const x of students) expectOk(await x.player.intent({ type: "decide", decision: {} }));
    await synced(h, students.map((x) => x.player));
    expect(students[0]!.player.publicView.round).toBe(2);
    expect(announcement()).toBe("Five minutes left");
    expectOk(await students[0]!.player.intent({ type: "statement", text: "to be undone" }));

    expect((await host("rollback", { table: 1 })).status).toBe(200);
    expect(announcement()).toMatch(/rolled this table back to the start of week 2/);
    // Still up while the week is played again, through its decisions.
    for (const x of students) expectOk(await x.player.intent({ type: "ready" }));
    expect(announcement()).toMatch(/rolled this table back/);
    for (const x of students) expectOk(await x.player.intent({ type: "decide", decision: {} }));
    await synced(h, students.map((x) => x.player));
    expect(students[0]!.player.publicView.round === 3 || students[0]!.player.publicView.stage === "ended").toBe(true);
    expect(announcement()).toBe("");
    expect(students[0]!.player.state.announcement).toBe("");
  });
});
