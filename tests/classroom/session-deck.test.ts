// The same cards at every table of a session, through the real server: three tables of one session,
// an event injected at one and a rollback at another; every table's cards for each week are the
// session's deck (plus the injected card where it was injected). And a rollback of two weeks in one
// command, with bots seated and moving, lands at the start of the earlier week.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { dealSessionDeck } from "../../shared/session-deck.ts";
import { LINE_INCIDENT_CARD } from "../../shared/line-incident.ts";
import { expectOk, until, useHarness } from "../server/harness.ts";
import { api, createSession, Student } from "./api.ts";

const scenario = defaultScenario();
const h = useHarness();
const tableOf = (code: string) => h.table(code).session;

describe("a session's deck", () => {
  it("gives every table the same card each week, an injection and a rollback notwithstanding", async () => {
    const seed = 20250;
    const s = await createSession({ tables: 3, rounds: 6, seed, timers: false });
    const host = (path: string, body: unknown) => api("POST", `/api/sessions/${s.code}/${path}`, body, s.hostKey);
    const dealt = dealSessionDeck(scenario, seed, 6);
    if (!dealt.ok) throw new Error(dealt.error.message);
    const deck = dealt.value;
    const tables = s.tables.map((t) => tableOf(t.code));
    const state = (n: number) => tables[n - 1]!.pipeline.state;
    // A student at each table, so that the tables differ in what is said and done.
    const students = await Promise.all([1, 2, 3].map((n) => Student.enter(h, s.code, `Student ${n}`)));
    expect(students.map((x) => x.assignment.table).sort()).toEqual([1, 2, 3]);

    expectOk((await host("command", { tables: "all", command: { type: "begin" } })).body[0]);
    const injected = scenario.events.find((e) => !deck.includes(e.id))!.id;
    const weekEverywhere = async () => {
      for (const n of [1, 2, 3]) {
        const before = state(n).round;
        while (state(n).round === before && state(n).stage !== "ended") expect((await host("command", { tables: [n], command: { type: "advance" } })).status).toBe(200);
      }
    };
    await weekEverywhere(); // week 1 → 2
    expectOk((await host("command", { tables: [1], command: { type: "inject", eventId: injected } })).body[0]);
    // Another table still in play takes a step in week two, then the teacher takes it back to the
    // start of week one (two weeks' starts back) in one command: week one's card comes again.
    const n = [2, 3].find((k) => state(k).stage !== "ended" && state(k).round === 2);
    expect(n, "a table still in week two").toBeDefined();
    const student = students.find((x) => x.assignment.table === n)!;
    expectOk(await student.player.intent({ type: "statement", text: "we want another go from week one" }));
    const back = await host("rollback", { table: n, weeks: 2 });
    expect(back.body).toMatchObject({ table: n, round: 1 });
    expect(state(n!).round).toBe(1);
    expect(state(n!).roundEvents).toEqual(deck[0] ? [deck[0]] : []);
    for (let i = 0; i < 8 && ![1, 2, 3].every((n) => state(n).stage === "ended"); i++) await weekEverywhere();

    const expected = deck.map((id) => (id === "" ? [] : [id]));
    for (const n of [1, 2, 3]) {
      // An incident at the line is each table's own roll (line-incident.ts), not the session's deck.
      const weeks = state(n).history.map((r) => r.eventIds.filter((id) => id !== LINE_INCIDENT_CARD));
      expect(weeks.length, `table ${n} weeks`).toBeGreaterThan(0);
      for (const [i, cards] of weeks.entries()) expect(cards, `table ${n}, week ${i + 1}`).toEqual(n === 1 && i === 1 ? [...expected[i]!, injected] : expected[i]);
    }
    // The console is told the deck the session plays.
    const overview = await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey);
    expect(overview.body.deck).toEqual(deck);
  });

  it("a session without one seed deals no deck: each table draws from its own play", async () => {
    const s = await createSession({ tables: 1, rounds: 6, timers: false });
    expect(tableOf(s.tables[0]!.code).pipeline.state.config.deck).toBeUndefined();
  });
});

describe("rolling back several weeks in one command", () => {
  it("with bots seated, two weeks back is the start of the earlier week, and students are told", async () => {
    const s = await createSession({ tables: 1, rounds: 8, botsFillEmptySeats: true });
    const host = (path: string, body: unknown) => api("POST", `/api/sessions/${s.code}/${path}`, body, s.hostKey);
    const ada = await Student.enter(h, s.code, "Ada");
    const table = tableOf(s.tables[0]!.code);
    expectOk((await host("command", { tables: "all", command: { type: "begin" } })).body[0]);
    const startOf: number[] = [];
    // Three weeks, the bots negotiating in each (the scheduler moves their clocks), the host ending each stage.
    for (let week = 1; week <= 3; week++) {
      await until(h, `week ${week}`, () => table.pipeline.state.round === week);
      startOf[week] = table.pipeline.log.actions.length;
      h.scheduler.advance(5_000);
      if (week < 3) {
        await host("command", { tables: [1], command: { type: "advance" } });
        await host("command", { tables: [1], command: { type: "advance" } });
      }
    }
    expect(table.pipeline.log.actions.length).toBeGreaterThan(startOf[3]!);
    const atStartOfWeek2 = table.pipeline.log.actions.slice(0, startOf[2]);
    const back = await host("rollback", { table: 1, weeks: 2 });
    expect(back.status).toBe(200);
    expect(back.body.round).toBe(2);
    // Exactly the log that began week two, and the state of that moment.
    expect(table.pipeline.log.actions).toEqual(atStartOfWeek2);
    expect(table.pipeline.state.round).toBe(2);
    expect(table.pipeline.state.stage).toBe("negotiation");
    await until(null, "Ada is told", () => ada.player.state.announcement.includes("start of week 2"));
    // Going back to a week not reached changes nothing.
    const length = table.pipeline.log.actions.length;
    const refused = await host("rollback", { table: 1, toWeek: 5 });
    expect(refused.status).toBe(409);
    expect(table.pipeline.log.actions.length).toBe(length);
    const bad = await host("rollback", { table: 1, weeks: 1, toWeek: 1 });
    expect(bad.status).toBe(400);
  });
});
