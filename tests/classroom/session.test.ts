// Classroom sessions through the real server: a host creates a session over HTTP, students join by
// code and sit at their tables with real SDK clients, and the host steers every table from the
// session (begin, pause, resume, extend, inject, advance, roll back, announce) to the end. Then the
// debrief exports are parsed back and checked against the tables' own logs.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { replay, type GameLog } from "../../shared/apply.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { lastRoundStart } from "../../shared/rollback.ts";
import type { SessionExport } from "../../server/classroom/session-export.ts";
import { CSV_HEADER, sessionHtml } from "../../server/classroom/session-export.ts";
import { sessions } from "../../server/classroom/http.ts";
import { expectOk, Player, synced, until, useHarness } from "../server/harness.ts";
import { api, createSession, joinSession, parseCsv, Student } from "./api.ts";

const scenario = defaultScenario();
const h = useHarness();

const tableOf = (code: string) => h.table(code).session;

describe("creating a session and joining it", () => {
  it("gives a 5-character code without look-alike letters, a link, a QR code and a long host key", async () => {
    const s = await createSession({ name: "Year 12 politics", tables: 2, rounds: 6 });
    expect(s.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{5}$/);
    expect(Buffer.from(s.hostKey, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(s.joinLink).toMatch(new RegExp(`\\?join=${s.code}$`));
    expect(s.tables).toHaveLength(2);
    const qr = await api("GET", `/api/sessions/${s.code}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.type).toContain("image/svg+xml");
    expect(qr.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const info = await api("GET", `/api/sessions/${s.code.toLowerCase()}`);
    expect(info.body).toEqual({ code: s.code, name: "Year 12 politics", status: "open", tables: 2 });
  });

  it("refuses bad settings with a message naming the field", async () => {
    for (const [settings, field] of [
      [{ tables: 13 }, "tables"],
      [{ tables: 0 }, "tables"],
      [{ tables: 2, rounds: 20 }, "rounds"],
      [{ tables: 2, negotiationSeconds: 5 }, "negotiationSeconds"],
      [{ tables: 2, colour: "red" }, ""],
      [{ tables: 2, scenario: { rounds: { default: 40 } } }, "scenario"],
    ] as const) {
      const r = await api("POST", "/api/sessions", settings);
      expect(r.status, JSON.stringify(settings)).toBe(400);
      expect(r.body.error.message).toContain(field);
    }
    const notJson = await api("POST", "/api/sessions", "{tables: 2");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("bad_payload");
    expect(notJson.body.error.message).toContain("body must be JSON");
    // An address that cannot be decoded is refused as such, not blamed on a body it does not have.
    const badAddress = await api("GET", "/api/sessions/%ZZ");
    expect(badAddress.status).toBe(400);
    expect(badAddress.body.error.message).toContain("address could not be read");
  });

  it("plays the teacher's scenario changes at every table", async () => {
    const s = await createSession({ tables: 2, scenario: { weights: { aidTarget: 500 } } });
    for (const t of s.tables) expect(tableOf(t.code).scenario.weights.aidTarget).toBe(500);
    // A student's page is handed the changed scenario, so its hints follow the teacher's rules.
    const ada = await Student.enter(h, s.code, "Ada");
    expect((ada.player.welcome!.scenario as { weights: { aidTarget: number } }).weights.aidTarget).toBe(500);
    // A table playing the built-in scenario sends none.
    const plain = await Player.create(h, { name: "Solo", seat: "israel" });
    await plain.ready();
    expect(plain.welcome!.scenario).toBeUndefined();
  });

  it("refuses unknown and ended codes, duplicate names and a full session, changing nothing", async () => {
    const unknown = await api("POST", "/api/sessions/ZZZZ9/students", { name: "Ada" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("unknown_session");

    const s = await createSession({ tables: 1, teamSize: 1 });
    const names = ["Ada", "Ben", "Cy", "Dee", "Eve", "Fay"];
    const seats = [];
    for (const n of names) seats.push((await joinSession(s.code, n)).seat);
    expect(new Set(seats).size).toBe(6);

    const dup = await api("POST", `/api/sessions/${s.code}/students`, { name: " ada " });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("name_taken");
    const full = await api("POST", `/api/sessions/${s.code}/students`, { name: "Gus" });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("session_full");
    const noName = await api("POST", `/api/sessions/${s.code}/students`, { name: "   " });
    expect(noName.status).toBe(400);
    expect(noName.body.error.field).toBe("name");
    // Nor a name nobody can see on the roster: a word joiner, soft hyphens, a blank "filler" letter.
    for (const invisible of ["\u2060", "\u00ad\u00ad", "\u3164", "\u034f"]) {
      const hidden = await api("POST", `/api/sessions/${s.code}/students`, { name: invisible });
      expect(hidden.status, JSON.stringify(invisible)).toBe(400);
      expect(hidden.body.error.field).toBe("name");
      const renamed = await api("POST", `/api/sessions/${s.code}/rename`, { student: "Ada", name: invisible }, s.hostKey);
      expect(renamed.status, JSON.stringify(invisible)).toBe(400);
    }
    expect(sessions.get(s.code)!.students.size).toBe(6);
    expect([...sessions.get(s.code)!.students.values()].map((st) => st.name)).toContain("Ada");

    expect((await api("POST", `/api/sessions/${s.code}/end`, {}, s.hostKey)).status).toBe(200);
    const ended = await api("POST", `/api/sessions/${s.code}/students`, { name: "Hal" });
    expect(ended.status).toBe(410);
    expect(ended.body.error.code).toBe("session_ended");
  });

  it("balances teams, honours preferences, or seats students against them", async () => {
    const s = await createSession({ tables: 2, teamSize: 3 });
    const first = await joinSession(s.code, "Pat", "hamas");
    expect(first.seat).toBe("hamas");
    const second = await joinSession(s.code, "Quin", "hamas");
    // Table 2 has nobody yet: the balanced choice is table 2, where Hamas is free.
    expect([second.table, second.seat]).toEqual([2, "hamas"]);
    for (let i = 0; i < 22; i++) await joinSession(s.code, `S${i}`);
    const counts = (await sessions.get(s.code)!.overview()).tables.map((t) => t.seats.map((x) => x.assigned.length));
    for (const row of counts) expect(Math.max(...row) - Math.min(...row)).toBeLessThanOrEqual(1);

    const against = await createSession({ tables: 1, againstPreference: true });
    for (let i = 0; i < 12; i++) {
      const preference = PARTY_IDS[(i * 5) % 6]!;
      expect((await joinSession(against.code, `T${i}`, preference)).seat).not.toBe(preference);
    }
  });
});

describe("the host's authority", () => {
  it("refuses every host action without the host key, and nothing changes", async () => {
    const s = await createSession({ tables: 2, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada");
    const ben = await Student.enter(h, s.code, "Ben");
    expectOk((await api("POST", `/api/sessions/${s.code}/command`, { tables: "all", command: { type: "begin" } }, s.hostKey)).body[0] ? { ok: true } as never : { ok: true } as never);
    await until(null, "begun", () => ada.player.publicView.stage === "negotiation");

    const session = sessions.get(s.code)!;
    const before = () => JSON.stringify({
      states: s.tables.map((t) => [tableOf(t.code).pipeline.state, tableOf(t.code).pipeline.log.actions.length, tableOf(t.code).clock.snapshot(), tableOf(t.code).pipeline.announcement]),
      students: [...session.students.values()],
      status: session.status,
      events: session.events.length,
    });
    const snapshot = before();
    const attempts: Array<[string, string, unknown]> = [
      ["GET", "overview", undefined],
      ["POST", "command", { tables: "all", command: { type: "pause" } }],
      ["POST", "command", { tables: [1], command: { type: "advance" } }],
      ["POST", "command", { tables: [1], command: { type: "inject", eventId: scenario.events[0]!.id } }],
      ["POST", "command", { tables: "all", command: { type: "announce", text: "hello" } }],
      ["POST", "command", { tables: "all", command: { type: "extend", seconds: 60 } }],
      ["POST", "rollback", { table: 1 }],
      ["POST", "move", { student: "Ada", table: 2, seat: "qatar" }],
      ["POST", "swap", { a: "Ada", b: "Ben" }],
      ["POST", "end", {}],
      ["GET", "tables/1/view", undefined],
      ["GET", "export.json", undefined],
      ["GET", "export.csv", undefined],
      ["GET", "export.html", undefined],
    ];
    for (const key of [undefined, "", "not-the-key", s.hostKey.slice(0, -1) + (s.hostKey.endsWith("A") ? "B" : "A"), ada.assignment.studentToken]) {
      for (const [method, path, body] of attempts) {
        const r = await api(method, `/api/sessions/${s.code}/${path}`, body, key);
        expect(r.status, `${method} ${path} with ${key}`).toBe(403);
        expect(r.body.error.code).toBe("not_facilitator");
      }
      // The student token sent the student's way is no host key either.
      const r = await api("POST", `/api/sessions/${s.code}/command`, { tables: "all", command: { type: "pause" } }, undefined, { "x-host-key": key ?? "" });
      expect(r.status).toBe(403);
    }
    // A student's attempt at a facilitator command at their own table.
    const reply = await ada.player.command({ type: "advance" }, "guess");
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe("not_facilitator");
    // A student cannot take the facilitator's chair at a session's table (nobody is its creator).
    await expect(h.colyseus.sdk.joinById(ada.assignment.tableCode, { name: "Sneak", seat: "facilitator" })).rejects.toThrow(/host key/);
    expect(ada.player.welcome!.hostKey).toBeUndefined();
    expect(before()).toBe(snapshot);
    void ben;
  });
});

describe("the debrief export", () => {
  it("escapes what students typed in the printable report and quotes it in the CSV", async () => {
    const s = await createSession({ name: 'Class "A", <b>bold</b>', tables: 1 });
    await joinSession(s.code, "<img src=x onerror=alert(1)>");
    const html = await api("GET", `/api/sessions/${s.code}/export.html`, undefined, s.hostKey);
    expect(html.text).not.toContain("<img src=x");
    expect(html.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html.text).not.toContain("<b>bold</b>");
    const json = await api("GET", `/api/sessions/${s.code}/export.json`, undefined, s.hostKey);
    expect(json.body.session.name).toBe('Class "A", <b>bold</b>');
    expect(json.body.tables[0].students).toEqual([{ name: "<img src=x onerror=alert(1)>", seat: "mediators" }]);
    const csv = await api("GET", `/api/sessions/${s.code}/export.csv`, undefined, s.hostKey);
    expect(parseCsv(csv.text)).toEqual([CSV_HEADER]);
  });
});

describe("moving students", () => {
  it("a student moved to another table and seat keeps a consistent view", async () => {
    const s = await createSession({ tables: 2, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada", "israel");
    const ben = await Student.enter(h, s.code, "Ben", "hamas");
    expect([ada.assignment.table, ada.assignment.seat]).toEqual([1, "israel"]);
    expect(ada.player.myView!.private.israel).toBeDefined();
    const oldCode = ada.assignment.tableCode;

    const moved = await api("POST", `/api/sessions/${s.code}/move`, { student: "ada", table: 2, seat: "qatar" }, s.hostKey);
    expect(moved.status).toBe(200);
    await until(null, "Ada's old connection closed", () => ada.player.left !== null);
    await ada.follow(h, s.code);
    expect(ada.assignment).toMatchObject({ table: 2, seat: "qatar", version: 2 });
    expect(ada.player.code).toBe(s.tables[1]!.code);
    const view = ada.player.myView!;
    expect(view.viewer).toBe("qatar");
    expect(Object.keys(view.private)).toEqual(["qatar"]);
    // Only her own seat's private view reached her.
    for (const p of PARTY_IDS) if (p !== "qatar") expect(ada.player.state.seats.get(p).view).toBeUndefined();
    await until(null, "the old table forgot her", () => !tableOf(oldCode).seats.humans("israel").some((o) => o.name === "Ada"));
    expect(tableOf(s.tables[1]!.code).seats.humans("qatar").map((o) => o.name)).toEqual(["Ada"]);

    // A swap of roles, across tables: both follow.
    const swapped = await api("POST", `/api/sessions/${s.code}/swap`, { a: "Ada", b: "Ben" }, s.hostKey);
    expect(swapped.status).toBe(200);
    await until(null, "both kicked", () => ada.player.left !== null && ben.player.left !== null);
    await ada.follow(h, s.code);
    await ben.follow(h, s.code);
    expect([ada.assignment.table, ada.assignment.seat, ben.assignment.table, ben.assignment.seat]).toEqual([2, "hamas", 2, "qatar"]);
    expect(ada.player.myView!.viewer).toBe("hamas");
    expect(ben.player.myView!.viewer).toBe("qatar");

    const full = await createSession({ tables: 1, teamSize: 1 });
    for (const n of ["A1", "A2"]) await joinSession(full.code, n);
    const refused = await api("POST", `/api/sessions/${full.code}/move`, { student: "A1", table: 1, seat: "israel" }, full.hostKey);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("team_full");
    const nobody = await api("POST", `/api/sessions/${full.code}/move`, { student: "Zed", table: 1, seat: "qatar" }, full.hostKey);
    expect(nobody.status).toBe(404);
  });
});

describe("a class of 18 at three tables, steered by the host to the end", () => {
  it("begins, pauses, resumes, extends, injects, skips, rolls back and exports", async () => {
    const s = await createSession({ name: "Period 3", tables: 3, rounds: 6, negotiationSeconds: 240, decisionSeconds: 90, seed: 11 });
    const students: Student[] = [];
    for (let i = 0; i < 18; i++) students.push(await Student.enter(h, s.code, `Student ${i + 1}`, PARTY_IDS[i % 6]));
    const byTable = [1, 2, 3].map((n) => students.filter((x) => x.assignment.table === n));
    for (const group of byTable) expect(group.map((x) => x.assignment.seat).sort()).toEqual([...PARTY_IDS].sort());
    const host = (method: string, path: string, body?: unknown) => api(method, `/api/sessions/${s.code}/${path}`, body, s.hostKey);
    const all = students.map((x) => x.player);
    const view = (n: number) => byTable[n - 1]![0]!.player.publicView;

    // Every table is waiting; nobody is a bot.
    let overview = (await host("GET", "overview")).body;
    expect(overview.tables.map((t: { stage: string }) => t.stage)).toEqual(["briefing", "briefing", "briefing"]);
    expect(overview.tables.every((t: { seats: Array<{ connected: number; bot: boolean }> }) => t.seats.every((x) => x.connected === 1 && !x.bot))).toBe(true);

    const begun = await host("POST", "command", { tables: "all", command: { type: "begin" } });
    expect(begun.body.every((r: { ok: boolean }) => r.ok)).toBe(true);
    await until(null, "round one everywhere", () => [1, 2, 3].every((n) => view(n).stage === "negotiation"));

    // Pause all: intents are refused; resume: they go through.
    await host("POST", "command", { tables: "all", command: { type: "pause" } });
    overview = (await host("GET", "overview")).body;
    expect(overview.tables.every((t: { paused: boolean }) => t.paused)).toBe(true);
    const refused = await byTable[0]![0]!.player.intent({ type: "statement", text: "hello" });
    expect(!refused.ok && refused.error.code).toBe("paused");
    await host("POST", "command", { tables: "all", command: { type: "resume" } });
    expectOk(await byTable[0]![0]!.player.intent({ type: "statement", text: "hello" }));

    // Extend one table's timer by a minute.
    const remaining = () => tableOf(s.tables[0]!.code).clock.snapshot().remainingMs;
    const was = remaining();
    await host("POST", "command", { tables: [1], command: { type: "extend", seconds: 60 } });
    expect(remaining()).toBe(was + 60_000);

    // Inject an event into table 2 only; announce to all.
    const event = scenario.events.find((e) => !view(2).roundEvents.includes(e.id))!;
    const injected = await host("POST", "command", { tables: [2], command: { type: "inject", eventId: event.id } });
    expect(injected.body).toEqual([{ table: 2, ok: true }]);
    await until(null, "table 2 sees the event", () => view(2).roundEvents.includes(event.id));
    expect(view(1).roundEvents).not.toContain(event.id);
    await host("POST", "command", { tables: "all", command: { type: "announce", text: "Ten minutes left in this lesson" } });
    await until(null, "announcement everywhere", () => all.every((p) => p.state.announcement === "Ten minutes left in this lesson"));
    const badEvent = await host("POST", "command", { tables: [3], command: { type: "inject", eventId: "no_such_card" } });
    expect(badEvent.body).toEqual([{ table: 3, ok: false, code: "unknown_event", message: expect.any(String) }]);

    // Week after week: students say ready and decide; the host skips table 3's negotiation.
    const week = async (n: number) => {
      const group = byTable[n - 1]!;
      const v = view(n);
      if (v.stage === "negotiation") for (const x of group) if (!x.player.publicView.ready.includes(x.assignment.seat)) await x.player.intent({ type: "ready" });
      if (view(n).stage === "decisions") for (const x of group) if (x.player.state.seats.get(x.assignment.seat).submittedBy === "") await x.player.intent({ type: "decide", decision: {} });
    };
    for (const n of [1, 2]) await week(n);
    expectOk((await host("POST", "command", { tables: [3], command: { type: "advance" } })).body[0]);
    await until(null, "table 3 skipped to decisions", () => view(3).stage === "decisions");
    await week(3);
    for (const group of byTable) await synced(h, group.map((x) => x.player));
    await until(null, "week two everywhere", () => [1, 2, 3].every((n) => view(n).round === 2));

    // Table 2 plays a little of week two, then is rolled back to the start of it.
    const t2 = tableOf(s.tables[1]!.code);
    const startOfWeek2 = t2.pipeline.log.actions.length;
    const stateAtStart = t2.pipeline.state;
    expectOk(await byTable[1]![0]!.player.intent({ type: "statement", text: "we walk out" }));
    expectOk(await byTable[1]![1]!.player.intent({ type: "ready" }));
    const back = await host("POST", "rollback", { table: 2 });
    expect(back.body).toEqual({ table: 2, round: 2, undone: 2 });
    expect(t2.pipeline.log.actions.length).toBe(startOfWeek2);
    expect(t2.pipeline.state).toEqual(stateAtStart);
    await until(null, "table 2's students see week two afresh", () => byTable[1]!.every((x) => x.player.publicView.ready.length === 0 && x.player.publicView.round === 2));
    // Nothing happened since: a second rollback goes to the start of week one.
    const again = await host("POST", "rollback", { table: 2 });
    expect(again.body.round).toBe(1);
    await until(null, "table 2 in week one", () => view(2).round === 1);
    // At the very start of week one there is nothing left to undo: refused, nothing changes.
    expect(lastRoundStart(scenario, t2.pipeline.log).ok).toBe(false);
    const length = t2.pipeline.log.actions.length;
    const third = await host("POST", "rollback", { table: 2 });
    expect(third.status).toBe(409);
    expect(t2.pipeline.log.actions.length).toBe(length);

    // Play everything out; the host skips the decisions of table 1 in the last weeks.
    for (let step = 0; step < 60 && ![1, 2, 3].every((n) => view(n).stage === "ended"); step++) {
      for (const n of [1, 2, 3]) {
        if (view(n).stage === "ended") continue;
        if (n === 1 && view(1).stage === "decisions" && view(1).round >= 5) await host("POST", "command", { tables: [1], command: { type: "advance" } });
        else await week(n);
      }
      for (const group of byTable) await synced(h, group.map((x) => x.player));
    }
    for (const n of [1, 2, 3]) expect(view(n).stage).toBe("ended");
    overview = (await host("GET", "overview")).body;
    expect(overview.tables.every((t: { outcome: string | null }) => t.outcome !== null)).toBe(true);

    // The exports, parsed back, agree with each table's own log.
    const json = await host("GET", "export.json");
    expect(json.status).toBe(200);
    const data = json.body as SessionExport;
    expect(data.tables).toHaveLength(3);
    for (const t of data.tables) {
      const live = tableOf(t.code);
      const log = t.log as GameLog;
      expect(log.actions).toEqual(JSON.parse(JSON.stringify(live.pipeline.log.actions)));
      const replayed = replay(scenario, log);
      expect(replayed.ok).toBe(true);
      if (!replayed.ok) continue;
      const state = replayed.value;
      expect(t.outcome).toBe(state.outcome);
      expect(t.history).toEqual(JSON.parse(JSON.stringify(state.history)));
      expect(t.offers.made).toBe(log.actions.filter((a) => a.type === "propose" || a.type === "counter").length);
      expect(t.offers.made).toBe(state.offers.length);
      expect(t.commitments.broken).toBe(state.commitments.filter((c) => c.status === "broken").length);
      expect(t.students.map((x) => x.seat).sort()).toEqual([...PARTY_IDS].sort());
    }
    // Table 2's log keeps no trace of the undone actions.
    expect(data.tables[1]!.log!.actions.some((a) => a.type === "statement" && "text" in a && a.text === "we walk out")).toBe(false);
    expect(data.hostEvents.map((e) => e.action)).toEqual(expect.arrayContaining(["begin", "pause", "resume", "extend", "inject", "announce", "advance", "rollback"]));

    const csv = await host("GET", "export.csv");
    expect(csv.type).toContain("text/csv");
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(CSV_HEADER);
    const body = rows.slice(1);
    expect(body).toHaveLength(data.tables.reduce((n, t) => n + t.history.length, 0));
    for (const t of data.tables) {
      const mine = body.filter((r) => r[0] === String(t.number));
      expect(mine.map((r) => Number(r[CSV_HEADER.indexOf("stability")]))).toEqual(t.history.map((r) => r.tracks.stability));
      expect(mine.map((r) => Number(r[CSV_HEADER.indexOf("offersMade")]))).toEqual(t.history.map((r) => r.offersMade));
      expect(mine.every((r) => r[CSV_HEADER.indexOf("outcome")] === t.outcome)).toBe(true);
    }

    const html = await host("GET", "export.html");
    expect(html.type).toContain("text/html");
    expect(html.text).toContain("<h1>Period 3</h1>");
    for (const t of data.tables) expect(html.text).toContain(`Table ${t.number}`);
    expect(html.text.match(/<polyline/g)).toHaveLength(3);

    // The report's scores read as the debrief's: a total that only rounding made equal to the top
    // one keeps its decimal, and the top score is marked.
    const close = structuredClone(data);
    const first = close.tables[0]!;
    first.scores = Object.fromEntries(PARTY_IDS.map((p, i) => [p, { ...first.scores![p], total: i === 0 ? 112 : i === 1 ? 112.1 : 60 + i }])) as typeof first.scores;
    first.winners = ["israel"];
    const report = sessionHtml(close, scenario);
    expect(report).toContain(` 112, ${scenario.parties.israel.name} 112.1 ★ top score, `);
  });
});

describe("abuse", () => {
  // Last in this file: it uses up this server's allowance for creating sessions from this address.
  it("refuses creating sessions in bulk from one address", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40 && !codes.includes(429); i++) codes.push((await api("POST", "/api/sessions", { tables: 0 })).status);
    expect(codes).toContain(429);
    const refused = await api("POST", "/api/sessions", { tables: 1 });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
  });
});
