// Seats belong to the session: a session's table seats only the students the session put there (at
// their own seat), the host, and viewers with the projector link's key. A table code alone seats
// nobody — not by joinById with a seat, not with another student's seat, not as a spectator — and a
// refused join changes nothing at the table. The roster's changes (remove, rename, lock, late
// joiners, a student back on another device) reach the tables at once.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { expectOk, Player, until, useHarness } from "../server/harness.ts";
import { api, createSession, joinSession, Student, type Assignment } from "./api.ts";

const h = useHarness();
const tableOf = (code: string) => h.table(code).session;

/** Tries a join and answers the server's refusal message (or "joined", after leaving again). */
async function attempt(code: string, options: Record<string, unknown>): Promise<string> {
  try {
    const p = await Player.join(h, code, options);
    await p.room.leave();
    return "joined";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Everything a join could change at a table: who sits where. */
const seatingOf = (code: string) =>
  JSON.stringify({ seats: PARTY_IDS.map((p) => [p, tableOf(code).seats.humans(p).map((o) => o.name)]), present: tableOf(code).seats.present() });

describe("a session's tables seat only whom the session seats there", () => {
  it("refuses a student at another seat or table, and anyone with just the code; the host still sits anywhere", async () => {
    const s = await createSession({ tables: 2, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada", "israel");
    expect([ada.assignment.table, ada.assignment.seat]).toEqual([1, "israel"]);
    const [one, two] = s.tables.map((t) => t.code) as [string, string];
    const before = [seatingOf(one), seatingOf(two)];

    // Ada's own token, but another seat at her table: refused, naming the seat she was given.
    expect(await attempt(one, { name: "Ada", seat: "hamas", studentToken: ada.assignment.studentToken })).toMatch(/seated you in the israel team/);
    // Her token at the other table of the session: refused.
    expect(await attempt(two, { name: "Ada", seat: "any", studentToken: ada.assignment.studentToken })).toMatch(/not seated you at this table/);
    // The code alone (the title screen's Join tab sends just a name and a seat): refused, at every seat.
    for (const seat of ["any", "israel", "hamas", "spectator"]) expect(await attempt(one, { name: "Zed", seat })).toMatch(/classroom session/);
    // Made-up tokens and keys, and Ada's seat token without her student token: refused.
    expect(await attempt(one, { name: "Zed", seat: "israel", studentToken: "made-up-token" })).toMatch(/studentToken/);
    expect(await attempt(one, { name: "Zed", seat: "facilitator", hostKey: "made-up-key" })).toMatch(/hostKey/);
    expect(await attempt(one, { name: "Zed", seat: "israel", seatToken: ada.player.welcome!.seatToken })).toMatch(/classroom session/);
    expect(await attempt(one, { name: "Zed", seat: "spectator", viewerKey: "made-up-key" })).toMatch(/projector link/);
    // Nothing changed at either table.
    expect([seatingOf(one), seatingOf(two)]).toEqual(before);

    // The host's key seats them anywhere: the facilitator's chair, and a party seat.
    const host = await Player.join(h, two, { name: "Teacher", seat: "facilitator", hostKey: s.hostKey });
    expect(host.seat).toBe("facilitator");
    const hostAtSeat = await Player.join(h, two, { name: "Teacher", seat: "qatar", hostKey: s.hostKey });
    expect(hostAtSeat.seat).toBe("qatar");
    // The projector link's viewer key (from the console's overview) lets a second computer watch.
    const overview = await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey);
    const projector = await Player.join(h, one, { name: "Projector", seat: "spectator", viewerKey: overview.body.viewerKey });
    expect(projector.seat).toBe("spectator");
    expect(projector.publicView.private).toEqual({});
  });

  it("a moved student's old seat is closed to them; a removed student's seat goes back to a bot", async () => {
    const s = await createSession({ tables: 2, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada", "israel");
    const [one, two] = s.tables.map((t) => t.code) as [string, string];
    const oldSeatToken = ada.player.welcome!.seatToken;
    expect((await api("POST", `/api/sessions/${s.code}/move`, { student: "Ada", table: 2, seat: "qatar" }, s.hostKey)).status).toBe(200);
    await until(null, "Ada taken from her old seat", () => ada.player.left !== null && tableOf(one).seats.humans("israel").length === 0);
    // Back to the old seat with her old seat token and her student token: refused.
    expect(await attempt(one, { name: "Ada", seat: "israel", studentToken: ada.assignment.studentToken, seatToken: oldSeatToken })).toMatch(/not seated you at this table/);
    await ada.follow(h, s.code);
    expect(ada.player.code).toBe(two);
    expect(ada.player.seat).toBe("qatar");

    // Removed: her connection closes, a bot plays Qatar again, her page is told, and she cannot sit again.
    expect(tableOf(two).seats.isBot("qatar")).toBe(false);
    const removed = await api("POST", `/api/sessions/${s.code}/remove`, { student: "Ada" }, s.hostKey);
    expect(removed.status).toBe(200);
    await until(null, "Ada removed from the table", () => ada.player.left !== null && tableOf(two).seats.isBot("qatar"));
    const me = await api("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": ada.assignment.studentToken });
    expect([me.status, me.body.error.code]).toEqual([410, "removed"]);
    expect(await attempt(two, { name: "Ada", seat: "qatar", studentToken: ada.assignment.studentToken })).toMatch(/not seated you/);
    const again = await api("POST", `/api/sessions/${s.code}/students`, { name: "Ada" });
    expect([again.status, again.body.error.code]).toEqual([403, "removed"]);
    // The roster still lists her, marked removed (the record keeps what she did).
    const roster = (await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey)).body.roster;
    expect(roster.find((r: { name: string }) => r.name === "Ada")).toMatchObject({ removed: true });
  });
});

describe("the roster", () => {
  it("renames a student at their table at once, and refuses a taken name without changing anything", async () => {
    const s = await createSession({ tables: 1, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada", "israel");
    await joinSession(s.code, "Ben", "hamas");
    const taken = await api("POST", `/api/sessions/${s.code}/rename`, { student: "Ada", name: "ben" }, s.hostKey);
    expect([taken.status, taken.body.error.code]).toEqual([409, "name_taken"]);
    const renamed = await api("POST", `/api/sessions/${s.code}/rename`, { student: "Ada", name: "Ada L." }, s.hostKey);
    expect(renamed.status).toBe(200);
    await until(null, "the table shows the new name", () => ada.player.state.seats.get("israel").names.join() === "Ada L.");
    const me = await api<Assignment>("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": ada.assignment.studentToken });
    expect(me.body.name).toBe("Ada L.");
    // Her actions are credited to her under her id, whatever her name.
    expect((await api("POST", `/api/sessions/${s.code}/command`, { tables: "all", command: { type: "begin" } }, s.hostKey)).status).toBe(200);
    expectOk(await ada.player.intent({ type: "statement", text: "We are here to talk." }));
    const overview = (await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey)).body;
    expect(overview.roster.find((r: { name: string }) => r.name === "Ada L.").lastAction.type).toBe("statement");
    expect(overview.events.map((e: { action: string }) => e.action)).toContain("rename");
  });

  it("locks joining: a late joiner waits until admitted; team size changes only where teams fit", async () => {
    const s = await createSession({ tables: 1, rounds: 6, teamSize: 2 });
    await joinSession(s.code, "Ada", "israel");
    await joinSession(s.code, "Ben", "israel");
    // Two in one team (seating balances teams, so the teacher puts Ben with Ada).
    expect((await api("POST", `/api/sessions/${s.code}/move`, { student: "Ben", table: 1, seat: "israel" }, s.hostKey)).status).toBe(200);
    const tooSmall = await api("POST", `/api/sessions/${s.code}/team-size`, { teamSize: 1 }, s.hostKey);
    expect([tooSmall.status, tooSmall.body.error.code]).toEqual([409, "team_too_big"]);
    expect((await api("POST", `/api/sessions/${s.code}/team-size`, { teamSize: 3 }, s.hostKey)).body).toEqual({ teamSize: 3 });

    expect((await api("POST", `/api/sessions/${s.code}/lock`, { locked: true }, s.hostKey)).status).toBe(200);
    const late = await api("POST", `/api/sessions/${s.code}/students`, { name: "Cy" });
    expect(late.status).toBe(202);
    expect(late.body.waiting).toBe(true);
    const waitToken = late.body.studentToken as string;
    // Not seated anywhere yet: the table refuses the waiting token.
    const pending = (await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey)).body.pending;
    expect(pending.map((p: { name: string; kind: string }) => [p.name, p.kind])).toEqual([["Cy", "join"]]);
    expect(await attempt(s.tables[0]!.code, { name: "Cy", seat: "any", studentToken: waitToken })).toMatch(/not seated you/);
    const stillWaiting = await api("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": waitToken });
    expect(stillWaiting.status).toBe(202);
    // A made-up request, a bad payload: refused, nothing changes.
    expect((await api("POST", `/api/sessions/${s.code}/requests`, { request: "r-none", admit: true }, s.hostKey)).status).toBe(404);
    expect((await api("POST", `/api/sessions/${s.code}/requests`, { request: pending[0].id, admit: "yes" }, s.hostKey)).status).toBe(400);
    const admitted = await api("POST", `/api/sessions/${s.code}/requests`, { request: pending[0].id, admit: true }, s.hostKey);
    expect(admitted.body).toEqual({ name: "Cy", admitted: true });
    const seated = await api<Assignment>("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": waitToken });
    expect(seated.status).toBe(200);
    const cy = await Player.join(h, seated.body.tableCode, { name: "Cy", seat: seated.body.seat, studentToken: waitToken });
    expect(cy.seat).toBe(seated.body.seat);

    // Unlocked again: a new name is seated at once.
    await api("POST", `/api/sessions/${s.code}/lock`, { locked: false }, s.hostKey);
    expect((await api("POST", `/api/sessions/${s.code}/students`, { name: "Dee" })).status).toBe(201);
  });

  it("gives a student their seat back on another device: by their rejoin code, or by the teacher's approval", async () => {
    const s = await createSession({ tables: 1, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada", "hamas");
    const code = ada.assignment.rejoinCode;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    // The name alone is taken (someone else must not get her seat by typing her name).
    const plain = await api("POST", `/api/sessions/${s.code}/students`, { name: "Ada" });
    expect([plain.status, plain.body.error.code]).toEqual([409, "name_taken"]);
    const wrong = await api("POST", `/api/sessions/${s.code}/students`, { name: "Ada", rejoinCode: code === "AAAAAA" ? "BBBBBB" : "AAAAAA" });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, "wrong_rejoin_code"]);
    // With her code (typed in lower case, with a dash): the same seat, a new token; the dead phone's token stops working.
    const back = await api<Assignment>("POST", `/api/sessions/${s.code}/students`, { name: "ada", rejoinCode: `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}` });
    expect(back.status).toBe(201);
    expect([back.body.table, back.body.seat, back.body.name]).toEqual([1, "hamas", "Ada"]);
    expect(back.body.studentToken).not.toBe(ada.assignment.studentToken);
    await until(null, "the old device taken from the seat", () => ada.player.left !== null);
    const phone = await Player.join(h, back.body.tableCode, { name: "Ada", seat: "hamas", studentToken: back.body.studentToken });
    expect(phone.seat).toBe("hamas");
    expect((await api("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": ada.assignment.studentToken })).status).toBe(404);

    // Without the code: she asks the teacher, who lets her back in from the roster.
    const ask = await api("POST", `/api/sessions/${s.code}/students`, { name: "Ada", askTeacher: true });
    expect(ask.status).toBe(202);
    const request = (await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey)).body.pending[0];
    expect([request.name, request.kind]).toEqual(["Ada", "rejoin"]);
    await api("POST", `/api/sessions/${s.code}/requests`, { request: request.id, admit: true }, s.hostKey);
    const now = await api<Assignment>("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": ask.body.studentToken });
    expect([now.status, now.body.seat]).toEqual([200, "hamas"]);
    await until(null, "the second device taken from the seat", () => phone.left !== null);
    // A refused request: the waiting page is told.
    const again = await api("POST", `/api/sessions/${s.code}/students`, { name: "Ada", askTeacher: true });
    const second = (await api("GET", `/api/sessions/${s.code}/overview`, undefined, s.hostKey)).body.pending[0];
    await api("POST", `/api/sessions/${s.code}/requests`, { request: second.id, admit: false }, s.hostKey);
    const refused = await api("GET", `/api/sessions/${s.code}/students/me`, undefined, undefined, { "x-student-token": again.body.studentToken });
    expect([refused.status, refused.body.error.code]).toEqual([403, "not_admitted"]);
  });
});

describe("a student who reloads their page", () => {
  it("sits again at their seat, connected, once", async () => {
    const s = await createSession({ tables: 1, rounds: 6 });
    const ada = await Student.enter(h, s.code, "Ada", "qatar");
    const table = tableOf(ada.assignment.tableCode);
    const seatToken = ada.player.welcome!.seatToken;
    // The reload: the old page's connection is lost, the new page joins with the same tokens.
    ada.player.room.connection.close(4010, "page reloaded");
    const again = await Player.join(h, ada.assignment.tableCode, { name: "Ada", seat: "qatar", studentToken: ada.assignment.studentToken, seatToken });
    expect(again.seat).toBe("qatar");
    await until(null, "one connected Ada", () => table.seats.summary("qatar").connected === 1 && table.seats.humans("qatar").length === 1);
    expect(table.seats.summary("qatar").names).toEqual(["Ada"]);
  });
});
