// A table where a lot has been said (540 long statements, about 250 KB of them in its record),
// killed with SIGKILL and started again: the people who rejoin with their seat tokens, and newcomers
// (a spectator, a team member), all decode the whole table — every seat, the timer, and the same
// views as before the kill. The synced state holds only the window of now, so it stays small.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import type { Reply } from "../../shared/protocol.ts";
import { LiveClient, sleep, until, useLiveServer } from "./live-server.ts";

const server = useLiveServer();

const statement = (party: string, week: number, i: number) => `${party} week ${week} #${i}: `.padEnd(470, "we keep to the agreed exchange schedule and ask the others to do the same; ");

/** Sends, waiting out the per-client message limit (20 a second) as a patient client would. */
async function patiently(send: () => Promise<Reply>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const reply = await send();
    if (reply.ok) return;
    if (reply.error.code !== "rate_limited") throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
    await sleep(100);
  }
  throw new Error("still rate limited");
}

const wholeTable = (c: LiveClient) => ({ seats: [...c.state.seats.keys()].sort(), stage: c.state.timer.stage as string, timed: (c.state.timer.endsAt as number) > 0 || (c.state.timer.remainingMs as number) > 0 });

describe("a large table after a crash", () => {
  it("everyone who rejoins, and everyone new, gets the whole table", async () => {
    // A fixed seed: the weeks are skipped with nothing exchanged, and a table that exchanges nothing
    // can collapse in its second week on some seeds (a real outcome); on this one it reaches week 3.
    const host = await LiveClient.create(server.url, { name: "Teacher", seat: "facilitator", seed: 1, botsFillEmptySeats: false, negotiationSeconds: 3600, decisionSeconds: 3600 });
    const key = host.welcome!.hostKey!;
    const players: LiveClient[] = [];
    for (const party of PARTY_IDS) players.push(await LiveClient.join(server.url, host.code, { name: `P-${party}`, seat: party }));
    await patiently(() => host.command({ type: "begin" }, key));
    for (let week = 1; week <= 3; week++) {
      await Promise.all(players.map(async (p) => { for (let i = 0; i < 30; i++) await patiently(() => p.intent({ type: "statement", text: statement(p.welcome!.seat, week, i) })); }));
      if (week < 3) for (let i = 0; i < 2; i++) await patiently(() => host.command({ type: "advance" }, key));
    }
    // The last word, said once everyone has finished (the synced window holds the newest statements).
    await patiently(() => players[0]!.intent({ type: "statement", text: "that is all for this week" }));
    await until("every client has the last statement", () => [host, ...players].every((c) => c.ownView.includes("that is all for this week")), 3000, 10);
    // The projector's public table (a seated client is not sent the spectators' section before the end).
    const wallBefore = await LiveClient.join(server.url, host.code, { name: "Projector", seat: "spectator" });
    await until("the projector has the last statement", () => wallBefore.publicTable.includes("that is all for this week"), 3000, 10);
    // The synced state the facilitator holds (the public part and its own section), as JSON.
    expect(JSON.stringify(host.state.toJSON()).length).toBeLessThan(64 * 1024);
    const before = { facilitator: host.ownView, parties: players.map((p) => p.ownView), open: wallBefore.publicTable };
    const tokens = { host: host.welcome!.seatToken, players: players.map((p) => p.welcome!.seatToken) };

    await server.kill("SIGKILL");
    await server.start();

    const back = await LiveClient.join(server.url, host.code, { name: "Teacher", seatToken: tokens.host });
    const backPlayers: LiveClient[] = [];
    for (let i = 0; i < PARTY_IDS.length; i++) backPlayers.push(await LiveClient.join(server.url, host.code, { name: `P-${PARTY_IDS[i]}`, seatToken: tokens.players[i] }));
    const wall = await LiveClient.join(server.url, host.code, { name: "Projector", seat: "spectator" });
    const mate = await LiveClient.join(server.url, host.code, { name: "Mate", seat: "qatar" });
    for (const c of [back, ...backPlayers, wall, mate]) {
      await until(`${c.name} has its view`, () => c.ownView !== "", 3000, 10);
      expect(wholeTable(c)).toEqual({ seats: [...PARTY_IDS].sort(), stage: "negotiation", timed: true });
    }
    expect(back.ownView).toBe(before.facilitator);
    backPlayers.forEach((p, i) => expect(p.ownView).toBe(before.parties[i]));
    expect(wall.publicTable).toBe(before.open);
    expect(mate.ownView).toBe(before.parties[PARTY_IDS.indexOf("qatar")]);
    for (const c of [back, ...backPlayers, wall, mate]) await c.room.leave();
  }, 240_000);
});
