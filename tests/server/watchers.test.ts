// Spectators have their own places at a table, per table and per address: a hundred of them from
// one address cannot keep a party player from coming back to their seat, a new team member from
// joining, or the teacher's projector (a spectator holding the host key) from opening.
import { describe, expect, it } from "vitest";
import { WATCHERS_PER_ADDRESS, WATCHER_RESERVATIONS_PER_TABLE } from "../../server/watcher-gate.ts";
import { TEST_PORT, expectOk, Player, synced, until, useHarness } from "./harness.ts";

const h = useHarness();

async function table() {
  const host = await Player.create(h, { name: "Teacher", seat: "facilitator", botsFillEmptySeats: false, negotiationSeconds: 3600 });
  await host.ready();
  const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  expectOk(await host.command({ type: "begin" }));
  return { host, israel };
}

describe("spectators' own places", () => {
  it("100 spectators from one address: a dropped party player comes back with their seat token, a new team member joins", async () => {
    const { host, israel } = await table();
    const admitted: Player[] = [];
    const refusals: string[] = [];
    for (let i = 0; i < 98; i++) {
      try {
        admitted.push(await Player.join(h, host.code, { name: `Watcher ${i}`, seat: "spectator" }));
      } catch (e) {
        refusals.push(e instanceof Error ? e.message : String(e));
      }
    }
    expect(admitted).toHaveLength(WATCHERS_PER_ADDRESS);
    expect(refusals).toHaveLength(98 - WATCHERS_PER_ADDRESS);
    expect(refusals.every((m) => /spectators from one address/.test(m))).toBe(true);
    expect(h.table(host.code).locked).toBe(false);

    // The party player's connection drops; the grace ends; they come back with their seat token.
    const token = israel.welcome!.seatToken;
    israel.room.reconnection.enabled = false;
    israel.room.connection.close(4010, "network lost");
    await until(null, "the drop is seen", () => host.state.seats.get("israel").connected === 0);
    const back = await Player.join(h, host.code, { name: "Isa", seatToken: token });
    expect(back.seat).toBe("israel");
    // A new member of the team, and a new party player, sit down.
    const mate = await Player.join(h, host.code, { name: "Mate", seat: "israel" });
    expect(mate.seat).toBe("israel");
    const qatar = await Player.join(h, host.code, { name: "Qa", seat: "any" });
    expect(qatar.seat).toBe("mediators");
    // The teacher's projector holds the host key: it is not one of the watchers.
    const projector = await Player.join(h, host.code, { name: "Projector", seat: "spectator", hostKey: host.welcome!.hostKey });
    expect(projector.seat).toBe("spectator");
    await synced(h, [host, back, mate, projector]);
    expect(host.state.seats.get("israel").connected).toBe(2);
    // A watcher who leaves frees a place.
    await admitted[0]!.room.leave(true);
    await until(null, "the place is free", () => h.table(host.code).clients.length === 5 + 4);
    const next = await Player.join(h, host.code, { name: "Next", seat: "spectator" });
    expect(next.seat).toBe("spectator");
  });

  it("a burst of spectator reservations that never connect cannot hold the party seats", async () => {
    const { host } = await table();
    const url = `http://localhost:${TEST_PORT}/matchmake/joinById/${host.code}`;
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Ghost ${i}`, seat: "spectator" }) });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(WATCHER_RESERVATIONS_PER_TABLE);
    expect(h.table(host.code).locked).toBe(false);
    const hamas = await Player.join(h, host.code, { name: "Ham", seat: "hamas" });
    expect(hamas.seat).toBe("hamas");
    await expect(h.colyseus.sdk.joinById(host.code, { name: "One more", seat: "spectator" })).rejects.toThrow();
  });
});
