// Durability: a real server with two tables of six people mid-game is killed with SIGKILL and
// started again on the same DATA_DIR. Every acknowledged action is still there: each table's views
// equal the views before the kill, held decisions, the announcement and a paused clock included;
// the people get back in with their seat tokens (the host's key still works) and finish the game.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { expectOk, LiveClient, LiveServer, until, useLiveServer } from "./live-server.ts";

const server = useLiveServer();

interface Table {
  code: string;
  hostKey: string;
  clients: LiveClient[];
}

async function openTable(label: string, seed: number): Promise<Table> {
  const host = await LiveClient.create(server.url, { name: `${label}-mediators`, seat: "mediators", seed, rounds: 6, negotiationSeconds: 3600, decisionSeconds: 3600 });
  const clients = [host];
  for (const party of PARTY_IDS.slice(1)) clients.push(await LiveClient.join(server.url, host.code, { name: `${label}-${party}`, seat: party }));
  return { code: host.code, hostKey: host.welcome!.hostKey!, clients };
}

/** What must survive the restart, as every client of the table sees it. */
function snapshot(t: Table) {
  const c0 = t.clients[0]!;
  const seats: Record<string, string> = {};
  c0.state.seats.forEach((s: { submittedBy: string }, party: string) => (seats[party] = s.submittedBy));
  return {
    public: c0.state.public as string,
    // The public news and history, which the state carries apart from the views.
    record: JSON.stringify({ news: [...c0.state.news], history: [...c0.state.history] }),
    views: t.clients.map((c) => c.ownView),
    submittedBy: seats,
    announcement: c0.state.announcement as string,
    stage: c0.state.timer.stage as string,
    paused: c0.state.timer.paused as boolean,
    remainingMs: c0.state.timer.remainingMs as number,
  };
}

async function settled(t: Table): Promise<void> {
  // Every client has the same public table and its own view.
  await until("the table's clients agree", () => t.clients.every((c) => c.state.public === t.clients[0]!.state.public && c.ownView !== ""));
}

/** Plays on until the game ends: everyone says ready, then everyone hands in the default decision. */
async function finish(t: Table): Promise<void> {
  for (let step = 0; step < 60 && t.clients[0]!.stage !== "ended"; step++) {
    const stage = t.clients[0]!.stage;
    const round = JSON.parse(t.clients[0]!.state.public as string).round as number;
    if (stage === "negotiation") await Promise.all(t.clients.map((c) => c.intent({ type: "ready" })));
    else if (stage === "decisions") await Promise.all(t.clients.map((c) => c.intent({ type: "decide", decision: {} })));
    await until("the table to move on", () => {
      const view = JSON.parse(t.clients[0]!.state.public as string) as { stage: string; round: number };
      return view.stage !== stage || view.round !== round;
    });
  }
  expect(t.clients[0]!.stage).toBe("ended");
  // The others' patches leave after the acting seat's (server/table-room.ts): each client sees the end in its own time.
  await until("every client to see the end", () => t.clients.every((c) => c.stage === "ended"));
}

describe("a server killed with SIGKILL", () => {
  it("restores every table exactly, and its people finish the game", async () => {
    const a = await openTable("A", 11);
    const b = await openTable("B", 12);
    for (const t of [a, b]) expectOk(await t.clients[0]!.command({ type: "begin" }, t.hostKey));

    // Table A: talk, then the decisions stage with three decisions handed in (held until all six).
    expectOk(await a.clients[1]!.intent({ type: "statement", text: "We are here to talk." }));
    expectOk(await a.clients[2]!.intent({ type: "message", to: "qatar", text: "A word in private." }));
    expectOk(await a.clients[0]!.command({ type: "advance" }, a.hostKey));
    for (const c of a.clients.slice(0, 3)) expectOk(await c.intent({ type: "decide", decision: {} }));
    // Table B: talk, two seats ready, an announcement, and the facilitator pauses the clock.
    expectOk(await b.clients[3]!.intent({ type: "statement", text: "Qatar offers its good offices." }));
    expectOk(await b.clients[4]!.intent({ type: "message", to: "israel", text: "Between us." }));
    expectOk(await b.clients[1]!.intent({ type: "ready" }));
    expectOk(await b.clients[5]!.intent({ type: "ready" }));
    expectOk(await b.clients[0]!.command({ type: "announce", text: "Ten minutes to the break" }, b.hostKey));
    expectOk(await b.clients[0]!.command({ type: "pause" }, b.hostKey));
    await settled(a);
    await settled(b);
    const before = { a: snapshot(a), b: snapshot(b) };
    expect(before.a.stage).toBe("decisions");
    expect(Object.values(before.a.submittedBy).filter(Boolean)).toHaveLength(3);
    expect(before.b.paused).toBe(true);

    await server.kill("SIGKILL");
    await until("every client sees the server gone", () => [...a.clients, ...b.clients].every((c) => c.left !== null));
    await server.start();
    expect(server.output).toContain("restored 2 table(s)");

    // Everyone comes back with the seat token from their welcome, to a table with the same code.
    const back = async (t: Table): Promise<Table> => ({
      ...t,
      clients: await Promise.all(t.clients.map((c) => LiveClient.join(server.url, t.code, { name: c.name, seatToken: c.welcome!.seatToken }))),
    });
    const a2 = await back(a);
    const b2 = await back(b);
    for (const [i, c] of a2.clients.entries()) expect(c.welcome!.seat).toBe(a.clients[i]!.welcome!.seat);
    await settled(a2);
    await settled(b2);
    const after = { a: snapshot(a2), b: snapshot(b2) };

    expect(after.a.public).toBe(before.a.public);
    expect(after.a.record).toBe(before.a.record);
    expect(after.a.views).toEqual(before.a.views);
    expect(after.a.submittedBy).toEqual(before.a.submittedBy);
    expect(after.a.stage).toBe("decisions");
    expect(after.a.paused).toBe(false);
    expect(after.a.remainingMs).toBeGreaterThan(0);
    expect(after.a.remainingMs).toBeLessThanOrEqual(before.a.remainingMs);
    expect(after.b.public).toBe(before.b.public);
    expect(after.b.record).toBe(before.b.record);
    expect(after.b.views).toEqual(before.b.views);
    expect(after.b.announcement).toBe("Ten minutes to the break");
    expect(after.b.paused).toBe(true);
    expect(after.b.remainingMs).toBe(before.b.remainingMs);
    // Nobody's seat went to a bot while its people were coming back.
    a2.clients[0]!.state.seats.forEach((s: { bot: boolean }) => expect(s.bot).toBe(false));

    // The host key still works; the games go on to the end.
    expectOk(await b2.clients[0]!.command({ type: "resume" }, b.hostKey));
    await finish(a2);
    await finish(b2);
    expect(server.alive).toBe(true);
  }, 120_000);

  it("a graceful stop (SIGTERM) keeps the tables as well, and a left seat's token stays revoked", async () => {
    const host = await LiveClient.create(server.url, { name: "G-host", seat: "mediators", botsFillEmptySeats: false, negotiationSeconds: 3600 });
    const israel = await LiveClient.join(server.url, host.code, { name: "G-isr", seat: "israel" });
    const hamas = await LiveClient.join(server.url, host.code, { name: "G-ham", seat: "hamas" });
    expectOk(await host.command({ type: "begin" }, host.welcome!.hostKey!));
    expectOk(await israel.intent({ type: "statement", text: "before the deploy" }));
    await hamas.room.leave(true);
    await until("israel sees the statement", () => host.ownView.includes("before the deploy"));
    const before = { public: host.state.public as string, view: israel.ownView };

    await server.kill("SIGTERM");
    expect(server.child!.exitCode).toBe(0);
    await server.start();
    const back = await LiveClient.join(server.url, host.code, { name: "G-isr", seatToken: israel.welcome!.seatToken });
    await until("the view arrives", () => back.ownView !== "");
    expect(back.state.public).toBe(before.public);
    expect(back.ownView).toBe(before.view);
    await expect(LiveClient.join(server.url, host.code, { name: "G-ham", seatToken: hamas.welcome!.seatToken })).rejects.toThrow(/seatToken/);
  }, 60_000);
});
