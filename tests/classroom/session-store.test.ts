// A classroom session's durable record (server/persistence/session-store.ts): a session written
// through to the database and read back by a fresh store on the same file — what a restart does —
// is the same session for its teacher and its students: the code, settings and scenario, the
// tables, the students (each found again by the token in their hands, a wrong token refused), the
// host's event log, and the host key (checked against its hash; a wrong key refused). No secret is
// stored, a corrupt record is skipped without stopping the others, ended sessions past their keep
// time are deleted, and a table whose room is gone gets its debrief record from the tables' store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultScenario, patchScenario } from "../../shared/scenario.ts";
import { ClassSession, type TableAccess } from "../../server/classroom/class-session.ts";
import { sessionSettingsSchema } from "../../server/classroom/session-options.ts";
import { KEEP_ENDED_MS, restoreSessions, sessions } from "../../server/classroom/http.ts";
import { DATABASE_FILE, TableStore } from "../../server/persistence/table-store.ts";
import type { Scheduler } from "../../server/table-clock.ts";

let dir: string;
let store: TableStore;
let now = 1_750_000_000_000;
const clock: Scheduler = { now: () => now, setTimeout: () => ({ cancel() {} }) };

/** Tables as rooms that have closed: every table is created afresh when needed, none is live. */
function fakeTables(): TableAccess & { created: string[] } {
  const created: string[] = [];
  return {
    created,
    async create() {
      const code = `T${String(created.length + 1).padStart(5, "0")}`;
      created.push(code);
      return code;
    },
    table: () => undefined,
    command: () => undefined,
    rollback: () => undefined,
    kick: () => {},
    seating: () => false,
  };
}

const settings = sessionSettingsSchema.parse({ name: "Year 10 history", tables: 2, rounds: 6, teamSize: 2, seed: 42, scenario: { weights: { aidTarget: 500 } } });
const patched = patchScenario(defaultScenario(), settings.scenario);
if (!patched.ok) throw new Error(patched.error.message);
const scenario = patched.value;

/** What a restart does: the store closed, a new one opened on the same file. */
function reopenStore(): TableStore {
  store.close();
  store = TableStore.open(dir);
  return store;
}

function loadOne(code: string, access: TableAccess): ClassSession {
  const saved = store.sessions.load().sessions.find((s) => s.code === code);
  if (!saved) throw new Error(`session ${code} not stored`);
  return ClassSession.restore(saved, access, clock, store.sessions);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "session-store-"));
  store = TableStore.open(dir);
  sessions.clear();
});
afterEach(() => {
  store.close();
  sessions.clear();
  rmSync(dir, { recursive: true, force: true });
});

describe("a classroom session's record", () => {
  it("reads back as the same session: code, settings, tables, students, events and host key", async () => {
    const access = fakeTables();
    const session = await ClassSession.create("QRS23", settings, scenario, access, clock, store.sessions);
    const join = async (name: string, party: "israel" | "hamas" | "none") => {
      const r = await session.join(name, party === "none" ? null : party);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const ada = await join("Ada", "israel");
    const ben = await join("Ben", "hamas");
    await join("Cy", "none");
    now += 1000;
    expect((await session.move("ada", 2, "qatar")).ok).toBe(true);
    expect((await session.swap("Ben", "Cy")).ok).toBe(true);
    // A command to tables whose rooms are gone: refused per table, and logged.
    expect((await session.command("all", { type: "begin" })).ok).toBe(true);
    await session.reopen(1);
    expect(session.tables[0]!.code).toBe("T00003");
    const before = await session.overview();
    const adaNow = session.whereIs(ada.studentToken);

    reopenStore();
    const back = loadOne("QRS23", access);
    expect(back.code).toBe("QRS23");
    expect(back.createdAt).toBe(session.createdAt);
    expect(back.status).toBe("open");
    expect(back.settings).toEqual(settings);
    expect(back.scenario.weights.aidTarget).toBe(500);
    expect(back.tables.map((t) => [t.number, t.code])).toEqual([[1, "T00003"], [2, "T00002"]]);
    // The console's view: the same students where they were, the same tables, the same event log.
    const after = await back.overview();
    expect(after.students).toEqual(before.students);
    expect(after.tables.map((t) => [t.number, t.code, t.seats.map((s) => s.assigned)])).toEqual(before.tables.map((t) => [t.number, t.code, t.seats.map((s) => s.assigned)]));
    expect(back.events).toEqual(session.events);
    expect(back.events.map((e) => e.action)).toEqual(["move", "swap", "begin"]);

    // A student's token still finds their seat (after her move: table 2, qatar, version 2)…
    const found = back.whereIs(ada.studentToken);
    expect(found).toEqual(adaNow);
    expect(found.ok && "table" in found.value && [found.value.table, found.value.seat, found.value.version, found.value.tableCode]).toEqual([2, "qatar", 2, "T00002"]);
    const benBack = await back.join("Ben", "hamas", ben.studentToken);
    expect(benBack.ok && benBack.value.studentToken).toBe(ben.studentToken);
    expect(back.students.size).toBe(3);
    // …and a wrong token is refused (a fresh join under a taken name too).
    for (const wrong of ["", "not-a-token", ada.studentToken.slice(0, -1) + (ada.studentToken.endsWith("A") ? "B" : "A")]) {
      const r = back.whereIs(wrong);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe("unknown_student");
    }
    expect((await back.join("Ada", null, "not-a-token")).ok).toBe(false);

    // The host key works against its stored hash; the key itself is not known any more.
    expect(back.hostKey).toBe("");
    expect(back.isHost(session.hostKey)).toBe(true);
    for (const wrong of [undefined, "", "not-the-key", session.hostKey.slice(0, -1) + (session.hostKey.endsWith("A") ? "B" : "A"), ada.studentToken])
      expect(back.isHost(wrong)).toBe(false);

    // Changes after the restore are recorded too: a new student, and the end of the session.
    const dee = await back.join("Dee", null);
    expect(dee.ok).toBe(true);
    await back.end();
    reopenStore();
    const again = loadOne("QRS23", access);
    expect(again.status).toBe("ended");
    expect(again.students.size).toBe(4);
    expect(again.events.map((e) => e.action)).toEqual(["move", "swap", "begin", "end"]);
    const late = await again.join("Eve", null);
    expect(!late.ok && late.error.code).toBe("session_ended");
    expect(dee.ok && again.whereIs(dee.value.studentToken).ok).toBe(true);
  });

  it("keeps a session table's seating list with the table, for a restart in whichever process holds it", () => {
    store.createTable({ code: "SEAT23", createdAt: now, options: { sessionTable: true }, scenarioId: scenario.id, scenario, gameOptions: { seed: 1, rounds: 6 }, hostKeyHash: "0".repeat(64) });
    expect(store.openTables().find((t) => t.code === "SEAT23")!.seating).toBeNull();
    const entries = [{ tokenHash: "a".repeat(64), student: "s1", name: "Ada", seat: "israel" }];
    store.setSeating("SEAT23", entries);
    reopenStore();
    expect(store.openTables().find((t) => t.code === "SEAT23")!.seating).toEqual(entries);
  });

  it("keeps no secret: only the hashes of the host key and the students' tokens", async () => {
    const session = await ClassSession.create("HJK45", settings, scenario, fakeTables(), clock, store.sessions);
    const tokens: string[] = [];
    for (const n of ["Ada", "Ben"]) {
      const r = await session.join(n, null);
      tokens.push(r.ok ? r.value.studentToken : "");
    }
    const raw = new DatabaseSync(path.join(dir, DATABASE_FILE));
    const everything = JSON.stringify(
      ["class_sessions", "class_tables", "class_students", "class_events"].map((t) => raw.prepare(`SELECT * FROM ${t}`).all()),
    );
    raw.close();
    expect(everything).toContain("HJK45");
    expect(everything).toContain("Ada");
    for (const secret of [session.hostKey, ...tokens]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(everything).not.toContain(secret);
    }
  });

  it("skips a corrupt record without stopping the others, and deletes ended sessions past their keep time", async () => {
    const access = fakeTables();
    const good = await ClassSession.create("GOOD2", settings, scenario, access, clock, store.sessions);
    expect((await good.join("Ada", null)).ok).toBe(true);
    const old = await ClassSession.create("OLD34", settings, scenario, access, clock, store.sessions);
    await old.end();
    await ClassSession.create("BAD56", settings, scenario, access, clock, store.sessions);
    const raw = new DatabaseSync(path.join(dir, DATABASE_FILE));
    raw.prepare("UPDATE class_sessions SET settings = ? WHERE code = ?").run("{not json", "BAD56");
    raw.close();
    // GOOD2's table 1 is in the tables' store (its room is gone): its debrief record is replayed from there.
    store.createTable({ code: good.tables[0]!.code, createdAt: now, options: {}, scenarioId: scenario.id, scenario, gameOptions: { seed: 42, rounds: 6 }, hostKeyHash: "0".repeat(64) });

    now += KEEP_ENDED_MS + 1;
    reopenStore();
    const report = await restoreSessions(store, { scheduler: clock, access });
    expect(report.restored).toEqual(["GOOD2"]);
    expect(report.failed.map((f) => f.code)).toEqual(["BAD56"]);
    expect(sessions.get("GOOD2")?.students.size).toBe(1);
    expect(sessions.has("BAD56")).toBe(false);
    // The ended one is gone from the database as well; the corrupt one keeps its code reserved.
    expect(store.sessions.has("OLD34")).toBe(false);
    expect(store.sessions.has("BAD56")).toBe(true);
    expect(sessions.get("GOOD2")!.isHost(good.hostKey)).toBe(true);
    const [stored, unknown] = sessions.get("GOOD2")!.tables;
    expect(stored!.state?.config.rounds).toBe(6);
    expect(stored!.log?.options).toEqual({ seed: 42, rounds: 6 });
    expect(unknown!.state).toBeNull();
  });
});
