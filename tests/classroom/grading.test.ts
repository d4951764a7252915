// A record a teacher can grade from: students play two weeks at two tables (statements, messages,
// an offer, decisions), one is moved to the other table, one is taken off the roster and a bot
// plays on in their seat. The exports — JSON, the participation CSV, the who-did-what CSV and the
// printable report — are parsed back and checked against what each student did and the tables' logs.
import { describe, expect, it } from "vitest";
import { expectOk, until, useHarness } from "../server/harness.ts";
import { api, createSession, parseCsv, Student } from "./api.ts";
import type { SessionExport } from "../../server/classroom/session-export.ts";
import { ACTIONS_HEADER, PARTICIPATION_HEADER } from "../../server/classroom/participation.ts";

const h = useHarness();

describe("the record a teacher grades from", () => {
  it("credits every action and message to the student who made it, and marks what bots did", async () => {
    const s = await createSession({ name: "Grading", tables: 2, rounds: 6, seed: 5 });
    const host = (method: string, path: string, body?: unknown) => api(method, `/api/sessions/${s.code}/${path}`, body, s.hostKey);
    const ana = await Student.enter(h, s.code, "Ana", "israel");
    const ben = await Student.enter(h, s.code, "Ben, \"the\" mediator", "mediators");
    const cy = await Student.enter(h, s.code, "Cy", "hamas");
    const people = { ana, ben, cy };
    /** What each student did that the table accepted: action types in order. */
    const did: Record<keyof typeof people, string[]> = { ana: [], ben: [], cy: [] };
    const act = async (who: keyof typeof people, intent: Record<string, unknown>, types: string[]) => {
      expectOk(await people[who].player.intent(intent));
      did[who].push(...types);
    };
    expect((await host("POST", "command", { tables: "all", command: { type: "begin" } })).status).toBe(200);

    // Week 1: statements, a message, an offer; then every student decides.
    await act("ana", { type: "statement", text: "Israel wants every hostage home." }, ["statement"]);
    await act("ben", { type: "message", to: "hamas", text: "Can we talk about the remains?" }, ["message"]);
    await act("cy", { type: "statement", text: "We will not disarm without guarantees." }, ["statement"]);
    const anaParty = ana.assignment.seat;
    const to = anaParty === "hamas" ? "israel" : "hamas";
    await act("ana", { type: "propose", to: [to], obligations: [{ party: anaParty, term: { kind: "halt_strikes" } }], note: "A first step." }, ["propose"]);
    expect((await host("POST", "command", { tables: "all", command: { type: "advance" } })).status).toBe(200);
    // A decision is the student's `decide`: the table logs it as their draft, then as the team's decision.
    for (const who of ["ana", "ben", "cy"] as const) await act(who, { type: "decide", decision: {} }, ["draft"]);
    // Bots decide for the empty seats; the week resolves when every seat has decided.
    await until(h, "week 2 everywhere", () => s.tables.every((t) => h.table(t.code).session.pipeline.state.round === 2), 200);
    for (const who of ["ana", "ben", "cy"] as const) did[who].push("decide");

    // Week 2: Cy moves to the other table (another seat); Ben is taken off the roster (a bot plays on).
    const cyFrom = cy.assignment.table;
    const cyTo = cyFrom === 1 ? 2 : 1;
    expect((await host("POST", "move", { student: "Cy", table: cyTo, seat: "qatar" })).status).toBe(200);
    await until(null, "Cy left her old seat", () => cy.player.left !== null);
    await cy.follow(h, s.code);
    await act("cy", { type: "message", to: "mediators", text: "Qatar will host the next round." }, ["message"]);
    const benTable = ben.assignment.tableCode;
    expect((await host("POST", "remove", { student: "Ben, \"the\" mediator" })).status).toBe(200);
    await until(null, "Ben's seat played by a bot", () => h.table(benTable).session.seats.isBot("mediators"));
    // Nobody sends anything for the Mediators there any more: what happens there now is the bot's.
    await until(h, "the bot acted for the Mediators", () => {
      const { log, credits } = h.table(benTable).session.pipeline;
      return log.actions.some((a, i) => a.by === "mediators" && credits[i]?.by === "bot");
    }, 300);

    // ── the JSON export ──────────────────────────────────────────────────────────────────────
    const json = await host("GET", "export.json");
    expect(json.status).toBe(200);
    const data = json.body as SessionExport;
    // Each table's credits line up with its log, and equal the live table's.
    for (const t of data.tables) {
      const live = h.table(t.code).session.pipeline;
      expect(t.credits).toHaveLength(t.log!.actions.length);
      expect(t.credits).toEqual(live.credits.slice(0, t.credits!.length));
    }
    const ids = Object.fromEntries(data.participation.map((r) => [r.name, r.student]));
    const idOf = { ana: ids.Ana!, ben: ids['Ben, "the" mediator']!, cy: ids.Cy! };
    // Every action credited to a student, in the tables' logs, is one they did; and all they did is there.
    for (const who of ["ana", "ben", "cy"] as const) {
      const theirs = data.tables.flatMap((t) => t.log!.actions.filter((_, i) => t.credits![i]?.by === "person" && (t.credits![i] as { student?: string }).student === idOf[who]).map((a) => a.type));
      expect(theirs.sort()).toEqual([...did[who]].sort());
    }
    // The participation summary counts the same things.
    const row = (who: keyof typeof idOf) => data.participation.find((r) => r.student === idOf[who])!;
    expect([row("ana").actions, row("ana").offers, row("ana").messages, row("ana").decisions]).toEqual([did.ana.length, 1, 1, 1]);
    expect([row("ben").actions, row("ben").messages, row("ben").decisions, row("ben").removed]).toEqual([did.ben.length, 1, 1, true]);
    expect([row("cy").actions, row("cy").messages, row("cy").decisions]).toEqual([did.cy.length, 2, 1]);
    // Where each played, and for how many weeks: Cy at both tables (week 1 at the first, week 2 at the second).
    expect(row("cy").seats).toEqual([
      { table: cyFrom, seat: "hamas", weeks: [1] },
      { table: cyTo, seat: "qatar", weeks: [2] },
    ]);
    expect(data.tables[cyFrom - 1]!.players.map((p) => [p.name, p.weeks])).toContainEqual(["Cy", [1]]);
    expect(data.tables[cyTo - 1]!.players.map((p) => [p.name, p.seat, p.weeks])).toContainEqual(["Cy", "qatar", [2]]);
    // Bots are credited as bots, in the seats they played.
    const benExport = data.tables.find((t) => t.code === benTable)!;
    expect(benExport.botActions.mediators).toBeGreaterThan(0);

    // ── the who-did-what CSV: one row per action, matching the JSON's logs ───────────────────────
    const actions = await host("GET", "export.actions.csv");
    expect(actions.type).toContain("text/csv");
    const [header, ...rows] = parseCsv(actions.text);
    expect(header).toEqual(ACTIONS_HEADER);
    expect(rows).toHaveLength(data.tables.reduce((n, t) => n + t.log!.actions.length, 0));
    const col = (name: string) => ACTIONS_HEADER.indexOf(name);
    for (const r of rows) {
      const t = data.tables[Number(r[col("table")]) - 1]!;
      const i = Number(r[col("seq")]);
      expect(r[col("type")]).toBe(t.log!.actions[i]!.type);
      const credit = t.credits![i]!;
      expect(r[col("student")]).toBe(credit.by === "person" ? (credit.student ?? "") : "");
      if (credit.by !== "person") expect(r[col("by")]).toBe(credit.by);
    }
    const anaMessages = rows.filter((r) => r[col("student")] === idOf.ana && r[col("type")] === "statement");
    expect(anaMessages.map((r) => [r[col("by")], r[col("week")], r[col("text")]])).toEqual([["Ana", "1", "Israel wants every hostage home."]]);
    expect(rows.find((r) => r[col("student")] === idOf.cy && r[col("type")] === "message")![col("week")]).toBe("2");

    // ── the participation CSV ─────────────────────────────────────────────────────────────────
    const part = await host("GET", "export.participation.csv");
    const [pHeader, ...pRows] = parseCsv(part.text);
    expect(pHeader).toEqual(PARTICIPATION_HEADER);
    const pCol = (name: string) => PARTICIPATION_HEADER.indexOf(name);
    for (const r of data.participation) {
      const line = pRows.find((x) => x[pCol("student")] === r.student)!;
      expect([line[pCol("name")], line[pCol("actions")], line[pCol("offers")], line[pCol("messages")], line[pCol("decisions")], line[pCol("weeks")]])
        .toEqual([r.name, String(r.actions), String(r.offers), String(r.messages), String(r.decisions), String(r.weeks)]);
    }

    // ── the printable report ────────────────────────────────────────────────────────────────
    const html = (await host("GET", "export.html")).text;
    expect(html).toContain("<h2>Participation</h2>");
    expect(html).toContain("Ben, &quot;the&quot; mediator");
    expect(html).toContain("taken off the roster");
    // Nothing escaped twice (party names with an apostrophe).
    expect(html).not.toContain("&amp;#39;");
    // The chart's legend is an HTML list under the chart (it wraps; nothing is cut off at the chart's edge).
    const legend = html.match(/<ul class="legend">([\s\S]*?)<\/ul>/)![1]!;
    for (const t of data.tables) {
      const item = legend.match(new RegExp(`<strong>Table ${t.number}</strong>: ([^<]*)</li>`))![1]!;
      const values = item.split(", ").map(Number);
      expect(values).toHaveLength(t.history.length);
      values.forEach((v, i) => expect(Math.abs(v - t.history[i]!.tracks.stability)).toBeLessThan(0.51));
    }
    expect(html.match(/<svg viewBox[^>]*>[\s\S]*?<\/svg>/)![0]).not.toContain("Table 1:");
  });
});
