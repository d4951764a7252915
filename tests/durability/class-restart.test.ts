// Durability of a classroom session: a real server with a session of two tables — three students
// joined, one moved by the teacher, both tables begun from the console — is killed with SIGKILL and
// started again on the same DATA_DIR. The class carries on: the join code still answers, each
// student's token finds the same table and seat (and the table is there to sit at), the teacher's
// host key opens the console with the same students, tables and rounds and still steers the tables,
// a late student can join, and a wrong host key is still refused.
import { describe, expect, it } from "vitest";
import { LiveClient, LiveServer, until, useLiveServer } from "./live-server.ts";

const server = useLiveServer();

interface Reply<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
}

async function api<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${server.port}/api/sessions${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

const asHost = (key: string) => ({ authorization: `Bearer ${key}` });
const asStudent = (token: string) => ({ "x-student-token": token });

interface Assignment {
  studentToken: string;
  name: string;
  table: number;
  tableCode: string;
  seat: string;
  version: number;
}

/** What the console shows that must survive: the students, and each table's code, week and stage. */
function consoleView(overview: any) { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    code: overview.code,
    name: overview.name,
    status: overview.status,
    students: overview.students,
    tables: (overview.tables as any[]).map((t) => ({ number: t.number, code: t.code, open: t.open, round: t.round, stage: t.stage, assigned: t.seats.map((s: any) => s.assigned) })), // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

describe("a classroom session on a server killed with SIGKILL", () => {
  it("comes back with its code, host key, students, tables and rounds", async () => {
    const created = await api("POST", "", { name: "Year 11 — period 3", tables: 2, rounds: 6, negotiationSeconds: 3600, decisionSeconds: 3600 });
    expect(created.status).toBe(201);
    const { code, hostKey } = created.body as { code: string; hostKey: string };

    const students: Assignment[] = [];
    for (const [name, preference] of [["Ada", "israel"], ["Ben", "hamas"], ["Cy", "qatar"]]) {
      const r = await api<Assignment>("POST", `/${code}/students`, { name, preference });
      expect(r.status).toBe(201);
      students.push(r.body);
    }
    const moved = await api("POST", `/${code}/move`, { student: "Ben", table: 2, seat: "turkiye" }, asHost(hostKey));
    expect(moved.status).toBe(200);
    const begun = await api<Array<{ table: number; ok: boolean }>>("POST", `/${code}/command`, { tables: "all", command: { type: "begin" } }, asHost(hostKey));
    expect(begun.status).toBe(200);
    expect(begun.body).toEqual([{ table: 1, ok: true }, { table: 2, ok: true }]);
    // The roster, an announcement and a student's statement: each must come back as it was.
    expect((await api("POST", `/${code}/rename`, { student: "Cy", name: "Cyrus" }, asHost(hostKey))).status).toBe(200);
    expect((await api("POST", `/${code}/lock`, { locked: true }, asHost(hostKey))).status).toBe(200);
    expect((await api("POST", `/${code}/command`, { tables: "all", command: { type: "announce", text: "Two weeks left" } }, asHost(hostKey))).status).toBe(200);
    const ada0 = students[0]!;
    const speaker = await LiveClient.join(server.url, ada0.tableCode, { name: ada0.name, seat: ada0.seat, studentToken: ada0.studentToken });
    expect((await speaker.intent({ type: "statement", text: "Israel is ready to talk." })).ok).toBe(true);

    const where = async (token: string) => (await api<Assignment>("GET", `/${code}/students/me`, undefined, asStudent(token))).body;
    const before = {
      info: (await api("GET", `/${code}`)).body,
      seats: await Promise.all(students.map((s) => where(s.studentToken))),
      console: consoleView((await api("GET", `/${code}/overview`, undefined, asHost(hostKey))).body),
    };
    expect(before.seats[1]).toMatchObject({ name: "Ben", table: 2, seat: "turkiye", version: 2 });
    expect(before.console.students).toHaveLength(3);
    expect(before.console.tables.map((t) => [t.round, t.stage])).toEqual([[1, "negotiation"], [1, "negotiation"]]);

    await server.kill("SIGKILL");
    await server.start();
    expect(server.output).toContain("restored 2 table(s)");
    expect(server.output).toContain("restored 1 classroom session(s)");
    // No secret reaches the log.
    expect(server.output).not.toContain(hostKey);

    // The join code still answers.
    const info = await api("GET", `/${code}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual(before.info);
    expect(info.body).toMatchObject({ code, status: "open", tables: 2 });

    // Each student's token finds the same table and seat — and the table is there to sit at.
    for (const [i, s] of students.entries()) {
      const r = await api<Assignment>("GET", `/${code}/students/me`, undefined, asStudent(s.studentToken));
      expect(r.status).toBe(200);
      expect(r.body).toEqual(before.seats[i]);
    }
    const ada = before.seats[0]!;
    // The roster as it was: the rename and the lock; the statement still credited to Ada.
    const roster = (await api("GET", `/${code}/overview`, undefined, asHost(hostKey))).body;
    expect(roster.locked).toBe(true);
    expect(roster.roster.map((r: { name: string }) => r.name)).toEqual(["Ada", "Ben", "Cyrus"]);
    const actions = (await api("GET", `/${code}/export.json`, undefined, asHost(hostKey))).body.actions as Array<{ type: string; by: string; text: string }>;
    expect(actions.filter((a) => a.type === "statement").map((a) => [a.by, a.text])).toEqual([["Ada", "Israel is ready to talk."]]);
    expect((await api("POST", `/${code}/students`, { name: "Late" })).status).toBe(202);
    // (with her student token: a session's table seats only whom the session seats there, after a restart too)
    const seated = await LiveClient.join(server.url, ada.tableCode, { name: ada.name, seat: ada.seat, studentToken: ada.studentToken });
    expect(seated.welcome!.seat).toBe("israel");
    await until("Ada's view", () => seated.ownView !== "");
    expect(JSON.parse(seated.ownView).round).toBe(1);
    // The announcement is still up, until the host clears it.
    expect(seated.state.announcement).toBe("Two weeks left");
    // A token the session never gave is refused; joining again with a real one finds the same seat.
    expect((await api("GET", `/${code}/students/me`, undefined, asStudent("made-up-token"))).status).toBe(404);
    const again = await api<Assignment>("POST", `/${code}/students`, { name: "Ada", studentToken: ada.studentToken });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(ada);

    // The host key opens the console: the same students, tables and rounds.
    const overview = await api("GET", `/${code}/overview`, undefined, asHost(hostKey));
    expect(overview.status).toBe(200);
    expect(consoleView(overview.body)).toEqual(before.console);
    expect((overview.body.events as Array<{ action: string }>).map((e) => e.action)).toEqual(["move", "begin", "rename", "lock", "announce"]);

    // A wrong host key, or none, is still refused; the right one still steers the restored tables.
    for (const headers of [asHost("not-the-key"), asHost(hostKey.slice(0, -1) + (hostKey.endsWith("A") ? "B" : "A")), asHost(ada.studentToken), {}]) {
      const r = await api("GET", `/${code}/overview`, undefined, headers);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("not_facilitator");
      expect((await api("POST", `/${code}/command`, { tables: "all", command: { type: "pause" } }, headers)).status).toBe(403);
    }
    const paused = await api("POST", `/${code}/command`, { tables: "all", command: { type: "pause" } }, asHost(hostKey));
    expect(paused.body).toEqual([{ table: 1, ok: true }, { table: 2, ok: true }]);
    await until("Ada's table paused", () => seated.state.timer.paused === true);

    // The console's "Open facilitator view" link carries the session's key: it still opens a
    // restored table's facilitator view (every party's secrets); another key does not.
    const coach = await LiveClient.join(server.url, ada.tableCode, { name: "Teacher", seat: "facilitator", hostKey });
    await until("the facilitator view", () => coach.ownView !== "");
    expect(Object.keys(JSON.parse(coach.ownView).private)).toHaveLength(6);
    await expect(LiveClient.join(server.url, ada.tableCode, { name: "Intruder", seat: "facilitator", hostKey: "not-the-key" })).rejects.toThrow(/host key/);

    // A late student can still join once the host opens joining again, and is recorded like the others.
    expect((await api("POST", `/${code}/lock`, { locked: false }, asHost(hostKey))).status).toBe(200);
    const dee = await api<Assignment>("POST", `/${code}/students`, { name: "Dee" });
    expect(dee.status).toBe(201);
    expect(dee.body.tableCode).toMatch(/^[A-Z2-9]{6}$/);
    expect([before.console.tables[0]!.code, before.console.tables[1]!.code]).toContain(dee.body.tableCode);
    const later = await api("GET", `/${code}/overview`, undefined, asHost(hostKey));
    expect((later.body.students as Array<{ name: string }>).map((s) => s.name)).toEqual(["Ada", "Ben", "Cyrus", "Dee"]);

    // …and all of it survives a second kill: Dee's seat, the pause event, the ended session.
    expect((await api("POST", `/${code}/end`, {}, asHost(hostKey))).status).toBe(200);
    await server.kill("SIGKILL");
    await server.start();
    expect((await api("GET", `/${code}/students/me`, undefined, asStudent(dee.body.studentToken))).body).toEqual(dee.body);
    const ended = await api("GET", `/${code}/overview`, undefined, asHost(hostKey));
    expect(ended.body.status).toBe("ended");
    expect((ended.body.events as Array<{ action: string }>).map((e) => e.action)).toEqual(["move", "begin", "rename", "lock", "announce", "pause", "unlock", "end"]);
    // An ended session keeps refusing new students, as before the restart.
    expect((await api("POST", `/${code}/students`, { name: "Eve" })).status).toBe(410);
    expect(server.alive).toBe(true);
  }, 120_000);
});
