// Scale-out: two server processes sharing one Redis (REDIS_URL) serve one set of tables. A table
// created through one process is found by its code through the other; the seat reservation sends
// the client to the process that holds the table (PUBLIC_ADDRESS), and everyone plays together.
// A classroom session lives in the process that created it, with tables in both: its HTTP API
// answers through either process (the other forwards to it), students join through either and sit
// at their tables through the process that does not hold them, and the host's console sees and
// steers every table from either process (commands, moves, swaps, rollbacks). When the session's
// process crashes, the other answers 503 for it; once it is started again on the same data it
// restores its tables and the session, registers as the session's home again, and the class goes on.
// Skipped when Debian's redis-server is not installed.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { expectOk, freePort, LiveClient, LiveServer, sleep, until } from "./live-server.ts";

const REDIS = "/usr/bin/redis-server";
let redis: ChildProcess | null = null;
let redisPort = 0;
let redisOutput = "";
const servers: LiveServer[] = [];

interface Reply<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

/** The classroom HTTP API of one process. */
async function api<T = any>(server: LiveServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${server.port}/api/sessions${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get("content-type") ?? "").includes("json") && text ? JSON.parse(text) : text, headers: res.headers };
}

const tablesOn = async (s: LiveServer) => ((await (await fetch(`http://127.0.0.1:${s.port}/health`)).json()) as { tables: number }).tables;
/** The port of the process an SDK client's WebSocket went to (the one holding its table). */
const portOf = (c: LiveClient) => Number(new URL((c.room.connection as { url?: string }).url!).port);

beforeAll(async () => {
  if (!existsSync(REDIS)) return;
  redisPort = await freePort();
  redis = spawn(REDIS, ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  redis.stdout!.on("data", (d: Buffer) => (redisOutput += d.toString()));
  await until("redis to start", () => /Ready to accept connections/.test(redisOutput), 2000, 10);
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const server = new LiveServer(port, (await LiveServer.create()).dataDir, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, PUBLIC_ADDRESS: `127.0.0.1:${port}` });
    servers.push(server);
    await server.start();
  }
});

afterAll(async () => {
  for (const s of servers) await s.dispose();
  if (redis && redis.exitCode === null) {
    const gone = new Promise<void>((r) => redis!.once("exit", () => r()));
    redis.kill("SIGTERM");
    await gone;
  }
});

// CI installs redis-server; skipping there would hide the test, so CI fails instead.
if (!existsSync(REDIS) && process.env.CI) throw new Error(`CI needs Debian's redis-server at ${REDIS}`);
describe.skipIf(!existsSync(REDIS))("two processes, one Redis", () => {
  it("a table created through one process is joined by its code through the other", async () => {
    const [one, two] = servers as [LiveServer, LiveServer];
    const host = await LiveClient.create(one.url, { name: "Host", seat: "mediators", botsFillEmptySeats: false });
    const guest = await LiveClient.join(two.url, host.code, { name: "Guest", seat: "israel" });
    expect(guest.code).toBe(host.code);
    expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
    expectOk(await guest.intent({ type: "statement", text: "through the other door" }));
    await until("both see the statement", () => [host, guest].every((c) => c.ownView.includes("through the other door")));
    expect(one.alive && two.alive).toBe(true);
  });

  it("tables created through either process (wherever the matchmaker puts them) are found from the other", async () => {
    const [one, two] = servers as [LiveServer, LiveServer];
    for (let i = 0; i < 6; i++) {
      const [via, other] = i % 2 ? [one, two] : [two, one];
      const host = await LiveClient.create(via.url, { name: `H${i}`, seat: "mediators", botsFillEmptySeats: false });
      const guest = await LiveClient.join(other.url, host.code, { name: `G${i}`, seat: "hamas" });
      expect(guest.code).toBe(host.code);
      expect(guest.welcome!.code).toBe(host.code);
      expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
      expectOk(await guest.intent({ type: "statement", text: `table ${i}` }));
      await until("the host sees it", () => host.ownView.includes(`table ${i}`));
    }
    const health = await Promise.all([one, two].map(async (s) => ((await (await fetch(`http://127.0.0.1:${s.port}/health`)).json()) as { tables: number }).tables));
    expect(health[0]! + health[1]!).toBe(7);
  });
});

describe.skipIf(!existsSync(REDIS))("a classroom session across two processes", () => {
  it("students join through either process, the host sees and steers tables on both from either, and the session outlives a crash of its process", async () => {
    const [one, two] = servers as [LiveServer, LiveServer];
    const byPort = new Map([one, two].map((s) => [s.port, s]));
    const other = (s: LiveServer) => (s === one ? two : one);
    // The matchmaker puts each table in the process with the fewest rooms, by counts each process
    // publishes about once a second: a session's tables usually land on both, but not always.
    // Sessions are created (through process one) until one has tables in both processes.
    let created: { code: string; hostKey: string; tables: Array<{ number: number; code: string }> } | null = null;
    for (let attempt = 0; attempt < 8 && !created; attempt++) {
      const before = await Promise.all([one, two].map(tablesOn));
      const r = await api(one, "POST", "", { name: `Scale-out ${attempt}`, tables: 4, teamSize: 1, rounds: 6 });
      expect(r.status).toBe(201);
      const after = await Promise.all([one, two].map(tablesOn));
      if (after[0]! > before[0]! && after[1]! > before[1]!) created = r.body;
      else await sleep(1200);
    }
    if (!created) throw new Error("no session got tables in both processes");
    const { code, hostKey, tables } = created;
    const host = { authorization: `Bearer ${hostKey}` };

    // The teacher opens every table's facilitator view with the session's key (handed to tables in
    // the other process too), joining through process one: the WebSocket goes to the table's process.
    const holder = new Map<string, LiveServer>();
    const teacher = new Map<string, LiveClient>();
    for (const t of tables) {
      const view = await LiveClient.join(one.url, t.code, { name: "Teacher", seat: "facilitator", hostKey });
      expect(view.welcome!.seat).toBe("facilitator");
      holder.set(t.code, byPort.get(portOf(view))!);
      teacher.set(t.code, view);
    }
    expect(new Set(holder.values()).size).toBe(2);
    // A made-up classroom ticket finds nothing in either process: an ordinary table, the creator's.
    const forged = await LiveClient.create(two.url, { name: "Forger", seat: "mediators", classroomTicket: "x".repeat(43), botsFillEmptySeats: false });
    expect(forged.welcome!.hostKey).toBeTruthy();
    await forged.room.leave();

    // Students join the session through either process (the public page too), then sit at their
    // table by its code through the process that does not hold it.
    expect((await api(two, "GET", `/${code.toLowerCase()}`)).body).toMatchObject({ code, tables: 4, status: "open" });
    const students: Array<{ name: string; table: number; tableCode: string; seat: string; studentToken: string; client: LiveClient }> = [];
    for (let i = 0; i < 8; i++) {
      const via = i % 2 ? one : two;
      const joined = await api(via, "POST", `/${code}/students`, { name: `Student ${i}` });
      expect(joined.status).toBe(201);
      const a = joined.body as { name: string; table: number; tableCode: string; seat: string; studentToken: string };
      expect(a.tableCode).toBe(tables[a.table - 1]!.code);
      const held = holder.get(a.tableCode)!;
      const client = await LiveClient.join(other(held).url, a.tableCode, { name: a.name, seat: a.seat, studentToken: a.studentToken });
      expect(client.welcome!.seat).toBe(a.seat);
      expect(portOf(client)).toBe(held.port);
      students.push({ ...a, client });
      // Asking where they sit works through either process.
      const me = await api(other(via), "GET", `/${code}/students/me`, undefined, { "x-student-token": a.studentToken });
      expect(me.status).toBe(200);
      expect(me.body.tableCode).toBe(a.tableCode);
    }
    expect(new Set(students.map((s) => holder.get(s.tableCode))).size).toBe(2);

    // The console through process two: every student, every table open with its students seated.
    const overview = await api(two, "GET", `/${code}/overview`, undefined, host);
    expect(overview.status).toBe(200);
    expect(overview.body.students.map((s: { name: string }) => s.name).sort()).toEqual(students.map((s) => s.name).sort());
    for (const t of overview.body.tables as Array<{ number: number; code: string; open: boolean; stage: string; seats: Array<{ party: string; names: string[]; connected: number; assigned: string[] }> }>) {
      expect(t.open).toBe(true);
      expect(t.stage).toBe("briefing");
      for (const s of students.filter((s) => s.table === t.number)) {
        const seat = t.seats.find((x) => x.party === s.seat)!;
        expect(seat.assigned).toEqual([s.name]);
        expect(seat.names).toEqual([s.name]);
        expect(seat.connected).toBe(1);
      }
    }

    // A command through process two reaches the tables in both processes.
    const begun = await api(two, "POST", `/${code}/command`, { tables: "all", command: { type: "begin" } }, host);
    expect(begun.status).toBe(200);
    expect(begun.body).toEqual(tables.map((t) => ({ table: t.number, ok: true })));
    for (const view of teacher.values()) await until("the table to begin", () => view.stage === "negotiation");
    for (const s of students) await until(`${s.name} sees the negotiation`, () => s.client.stage === "negotiation");
    const after = await api(one, "GET", `/${code}/overview`, undefined, host);
    expect(after.body.tables.map((t: { stage: string }) => t.stage)).toEqual(tables.map(() => "negotiation"));
    expect(after.body.events.map((e: { action: string }) => e.action)).toEqual(["begin"]);

    // A move through process two takes the student from their seat in the table's own process.
    const mover = students.find((s) => holder.get(s.tableCode) === one)!;
    const target = tables.find((t) => holder.get(t.code) === two)!;
    const taken = new Set(students.filter((s) => s.tableCode === target.code).map((s) => s.seat));
    const free = PARTY_IDS.find((p) => !taken.has(p));
    const moved = await api(two, "POST", `/${code}/move`, { student: mover.name, table: target.number, seat: free }, host);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ table: target.number, tableCode: target.code, version: 2 });
    await until(`${mover.name} taken from the old seat`, () => mover.client.left !== null);

    // The debrief downloads through the other process, as a file.
    const csv = await api(two, "GET", `/${code}/export.csv`, undefined, host);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain(`session-${code}.csv`);

    // A wrong host key is refused through either process; an unknown code is unknown through both.
    for (const via of [one, two]) {
      for (const key of [{ authorization: "Bearer not-the-key" }, { "x-host-key": "not-the-key" }, {}] as Array<Record<string, string>>) {
        const refused = await api(via, "GET", `/${code}/overview`, undefined, key);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe("not_facilitator");
        const command = await api(via, "POST", `/${code}/command`, { tables: "all", command: { type: "pause" } }, key);
        expect(command.status).toBe(403);
      }
      const unknown = await api(via, "GET", "/ZZZZZ");
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("unknown_session");
    }
    const still = await api(one, "GET", `/${code}/overview`, undefined, host);
    expect(still.body.tables.every((t: { paused: boolean }) => !t.paused)).toBe(true);
    // A request that claims to come from another process (with a key that does not check out) is
    // not forwarded again: process two does not hold the session, so it does not know the code.
    const claimed = await api(two, "GET", `/${code}`, undefined, { "x-ceasefire-forwarded-by": `127.0.0.1:${one.port}`, "x-ceasefire-forward-key": "made-up" });
    expect(claimed.status).toBe(404);

    // A rollback, through process one (the session's), of a table process two holds: the table
    // replays its own log there (remoteRoomCall). The teacher pauses it first, as before any
    // rollback: the bots stop, so the actions to undo are known (the log, from the export).
    const speaker = students.find((s) => holder.get(s.tableCode) === two && s.client.left === null)!;
    const rolled = tables.find((t) => t.code === speaker.tableCode)!;
    const rolledView = teacher.get(rolled.code)!;
    expectOk(await speaker.client.intent({ type: "statement", text: "words to take back" }));
    await until("the table sees the statement", () => [rolledView.ownView, speaker.client.ownView].every((v) => v.includes("words to take back")));
    const paused = await api(two, "POST", `/${code}/command`, { tables: [rolled.number], command: { type: "pause" } }, host);
    expect(paused.body).toEqual([{ table: rolled.number, ok: true }]);
    const logOf = async (via: LiveServer, n: number) => ((await api(via, "GET", `/${code}/export.json`, undefined, host)).body.tables[n - 1].log.actions) as Array<{ type: string; text?: string }>;
    const played = await logOf(two, rolled.number);
    const roundStart = played.findIndex((a) => a.type === "begin") + 1;
    expect(roundStart).toBeGreaterThan(0);
    expect(played.slice(roundStart).some((a) => a.type === "statement" && a.text === "words to take back")).toBe(true);
    const rollback = await api(one, "POST", `/${code}/rollback`, { table: rolled.number }, host);
    expect(rollback.status).toBe(200);
    expect(rollback.body).toEqual({ table: rolled.number, round: 1, undone: played.length - roundStart });
    // Everyone at the table, in its own process, is back at the start of week 1: the statement is gone.
    await until("the statement gone from the teacher's view", () => !rolledView.ownView.includes("words to take back"));
    await until("the statement gone from the student's view", () => !speaker.client.ownView.includes("words to take back"));
    const rolledBack = await api(two, "GET", `/${code}/overview`, undefined, host);
    expect(rolledBack.body.tables[rolled.number - 1]).toMatchObject({ round: 1, stage: "negotiation", paused: true });
    expect(rolledBack.body.events.at(-1)).toMatchObject({ action: "rollback", tables: [rolled.number], results: [{ table: rolled.number, ok: true }] });
    // A table that has not played since its week began has nothing to roll back: refused, unchanged.
    const again = await api(two, "POST", `/${code}/rollback`, { table: rolled.number }, host);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("wrong_stage");
    expect(await logOf(two, rolled.number)).toEqual(played.slice(0, roundStart));

    // A swap, through process two, of a student at a table in process one and one at a table in
    // process two: each is taken from the old seat in that table's own process, and each page
    // (students/me) follows to the other's seat.
    const x = students.find((s) => holder.get(s.tableCode) === one && s.client.left === null)!;
    const y = students.find((s) => holder.get(s.tableCode) === two && s.client.left === null)!;
    const swapped = await api(two, "POST", `/${code}/swap`, { a: x.name, b: y.name }, host);
    expect(swapped.status).toBe(200);
    expect(swapped.body).toMatchObject([
      { session: code, name: x.name, table: y.table, tableCode: y.tableCode, seat: y.seat, version: 2 },
      { session: code, name: y.name, table: x.table, tableCode: x.tableCode, seat: x.seat, version: 2 },
    ]);
    for (const s of [x, y]) {
      await until(`${s.name} taken from the old seat`, () => s.client.left !== null);
      const seat = teacher.get(s.tableCode)!.state.seats.get(s.seat);
      await until(`${s.name} gone from the old seat at its table`, () => !seat.names.includes(s.name));
    }
    for (const [s, to] of [[x, y], [y, x]] as const) {
      const me = await api(one, "GET", `/${code}/students/me`, undefined, { "x-student-token": s.studentToken });
      expect(me.body).toMatchObject({ name: s.name, table: to.table, tableCode: to.tableCode, seat: to.seat, version: 2 });
    }
    const afterSwap = await api(one, "GET", `/${code}/overview`, undefined, host);
    const seatOf = (t: number, party: string) => (afterSwap.body.tables[t - 1].seats as Array<{ party: string; names: string[]; assigned: string[] }>).find((s) => s.party === party)!;
    for (const [s, to] of [[x, y], [y, x]] as const) {
      expect(afterSwap.body.students.find((o: { name: string }) => o.name === s.name)).toMatchObject({ table: to.table, seat: to.seat });
      expect(seatOf(to.table, to.seat).assigned).toContain(s.name);
      expect(seatOf(s.table, s.seat).assigned).not.toContain(s.name);
      expect(seatOf(s.table, s.seat).names).not.toContain(s.name);
    }
    expect(afterSwap.body.events.at(-1)).toMatchObject({ action: "swap", detail: `${x.name} ⇄ ${y.name}` });
    // This test's record of where they sit follows the swap.
    const [xWas, yWas] = [x, y].map((s) => ({ table: s.table, tableCode: s.tableCode, seat: s.seat }));
    Object.assign(x, yWas);
    Object.assign(y, xWas);

    for (const c of [...teacher.values(), ...students.map((s) => s.client)]) if (c.left === null) await c.room.leave();
    expect(one.alive && two.alive).toBe(true);

    // The whole class paused (nothing moves at any table: no clock, no bot), and what the console
    // shows and every table's log noted, to compare after the crash.
    const pausedAll = await api(two, "POST", `/${code}/command`, { tables: "all", command: { type: "pause" } }, host);
    expect(pausedAll.body).toEqual(tables.map((t) => ({ table: t.number, ok: true })));
    const consoleView = (o: any) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
      students: o.students,
      tables: (o.tables as any[]).map((t) => ({ number: t.number, code: t.code, open: t.open, round: t.round, stage: t.stage, paused: t.paused, assigned: t.seats.map((s: any) => s.assigned) })), // eslint-disable-line @typescript-eslint/no-explicit-any
    });
    const before = consoleView((await api(two, "GET", `/${code}/overview`, undefined, host)).body);
    expect(before.tables.every((t) => t.open && t.paused)).toBe(true);
    const logsBefore = (await api(two, "GET", `/${code}/export.json`, undefined, host)).body.tables.map((t: { log: unknown }) => t.log);
    const heldByOne = await tablesOn(one);

    // The session's own process down (SIGKILL: a crash): its calls through the other answer 503 until it is back.
    await one.kill("SIGKILL");
    const down = await api(two, "GET", `/${code}`);
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe("session_unavailable");

    // Redis keeps nothing on disk here (--save ""): say it lost the session's entry meanwhile. Then
    // only the home registering itself again when it restores the session brings forwarding back.
    expect(execFileSync("/usr/bin/redis-cli", ["-p", String(redisPort), "HDEL", "ceasefire:sessions", code]).toString().trim()).toBe("1");
    // …and back on the same port and data directory: it restores its tables from SQLite (with the
    // same codes) and the session, registering itself in Redis as its home again.
    await one.start();
    expect(one.output).toContain(`restored ${heldByOne} table(s)`);
    expect(await tablesOn(one)).toBe(heldByOne);
    // Forwarding resumes: the join code answers through process two, and the same host key opens
    // the console there, with every student and every table (both processes') open as it was.
    const info = await api(two, "GET", `/${code}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ code, tables: 4, status: "open" });
    const back = await api(two, "GET", `/${code}/overview`, undefined, host);
    expect(back.status).toBe(200);
    expect(consoleView(back.body)).toEqual(before);
    expect((await api(two, "GET", `/${code}/export.json`, undefined, host)).body.tables.map((t: { log: unknown }) => t.log)).toEqual(logsBefore);
    expect((await api(two, "GET", `/${code}/overview`, undefined, { authorization: "Bearer not-the-key" })).status).toBe(403);
    // A student whose table lived in the restarted process finds it again through process two (its
    // page asks where to sit; the matchmaker sends the WebSocket to process one), and the console,
    // through process two, steers the tables of both processes again.
    const returning = students.find((s) => s !== mover && holder.get(s.tableCode) === one)!;
    const where = await api(two, "GET", `/${code}/students/me`, undefined, { "x-student-token": returning.studentToken });
    expect(where.body).toMatchObject({ tableCode: returning.tableCode, seat: returning.seat });
    const seated = await LiveClient.join(two.url, returning.tableCode, { name: returning.name, seat: returning.seat, studentToken: returning.studentToken });
    expect(seated.welcome!.seat).toBe(returning.seat);
    expect(portOf(seated)).toBe(one.port);
    expect(seated.state.timer.paused).toBe(true);
    const resumed = await api(two, "POST", `/${code}/command`, { tables: "all", command: { type: "resume" } }, host);
    expect(resumed.body).toEqual(tables.map((t) => ({ table: t.number, ok: true })));
    await until(`${returning.name}'s table resumed`, () => seated.state.timer.paused === false);
    await seated.room.leave();
    expect(one.alive && two.alive).toBe(true);
  }, 120_000);
});
