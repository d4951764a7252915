// Joining a table: options are checked where they enter and a bad one refuses the join with a
// readable message; seats, teams and `any`; the creator is the host; /health answers.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { expectOk, Player, synced, useHarness } from "./harness.ts";

const h = useHarness();

describe("joining", () => {
  it("a bad create option refuses the table with a message naming it", async () => {
    await expect(h.colyseus.sdk.create("table", { name: "A", rounds: 99 })).rejects.toThrow(/rounds/);
    await expect(h.colyseus.sdk.create("table", { name: "", seat: "israel" })).rejects.toThrow(/name/);
    await expect(h.colyseus.sdk.create("table", { name: "A", seat: "king" })).rejects.toThrow(/seat/);
    await expect(h.colyseus.sdk.create("table", { name: "A", seat: "spectator", solo: true })).rejects.toThrow(/solo/);
  });

  it("a bad join option refuses the join; the table is unaffected", async () => {
    const host = await Player.create(h, { name: "Host", seat: "israel" });
    await host.ready();
    await expect(h.colyseus.sdk.joinById(host.code, { seat: "hamas" })).rejects.toThrow(/name/);
    await expect(h.colyseus.sdk.joinById(host.code, { name: "X", seat: "facilitator" })).rejects.toThrow(/hostKey/);
    await expect(h.colyseus.sdk.joinById(host.code, { name: "X", seat: "facilitator", hostKey: "wrong" })).rejects.toThrow(/hostKey/);
    await expect(h.colyseus.sdk.joinById(host.code, { name: "X", seatToken: "forged" })).rejects.toThrow(/seatToken/);
    // A name nobody can see (a word joiner, a soft hyphen, a blank "filler" letter, a lone combining mark).
    for (const invisible of ["\u2060", "\u00ad\u00ad", "\u3164", "\u034f", "\u180e \u2060"])
      await expect(h.colyseus.sdk.joinById(host.code, { name: invisible, seat: "hamas" }), JSON.stringify(invisible)).rejects.toThrow(/name/);
    expect(host.state.seats.get("hamas").names.length).toBe(0);
    expect(host.left).toBeNull();
    expectOk(await host.command({ type: "announce", text: "still fine" }));
  });

  it("a solo game seats only its player: others may watch, and the player comes back with their seat token", async () => {
    const player = await Player.create(h, { name: "Solo", seat: "israel", solo: true });
    await player.ready();
    for (const seat of ["hamas", "israel", "any"])
      await expect(h.colyseus.sdk.joinById(player.code, { name: "Stranger", seat }), seat).rejects.toThrow(/solo game/);
    expect(h.table(player.code).session.seats.humans("hamas").length).toBe(0);
    expect(h.table(player.code).session.seats.humans("israel").length).toBe(1);
    const watcher = await Player.join(h, player.code, { name: "Watcher", seat: "spectator" });
    expect(watcher.welcome!.seat).toBe("spectator");
    const token = player.welcome!.seatToken;
    await player.room.leave(false);
    await expect(h.colyseus.sdk.joinById(player.code, { name: "Stranger", seat: "israel" })).rejects.toThrow(/solo game/);
    const back = await Player.join(h, player.code, { name: "Solo", seatToken: token });
    expect(back.welcome!.seat).toBe("israel");
  });

  it("the creator gets the host key; `any` fills free seats in order; names are cleaned; teams share a seat", async () => {
    const host = await Player.create(h, { name: "Host", seat: "spectator" });
    await host.ready();
    expect(host.welcome!.hostKey).toBeTruthy();
    expect(host.welcome!.code).toBe(host.code);
    expect(host.code).toMatch(/^[A-Z2-9]{6}$/);
    const joined: Player[] = [];
    for (let i = 0; i < 6; i++) joined.push(await Player.join(h, host.code, { name: `  P\u0007${i}\u202e  `, seat: "any" }));
    expect(joined.map((p) => p.seat)).toEqual([...PARTY_IDS]);
    expect(joined[0]!.welcome!.name).toBe("P0");
    expect(joined[0]!.welcome!.hostKey).toBeUndefined();
    await expect(h.colyseus.sdk.joinById(host.code, { name: "Late", seat: "any" })).rejects.toThrow(/every seat is taken/);
    const teammate = await Player.join(h, host.code, { name: "Mate", seat: "qatar" });
    await synced(h, [host, teammate]);
    expect([...host.state.seats.get("qatar").names]).toEqual(["P3", "Mate"]);
    expect(host.state.seats.get("qatar").connected).toBe(2);
    // The host key also lets a second person join as facilitator.
    const fac = await Player.join(h, host.code, { name: "Co-teacher", seat: "facilitator", hostKey: host.welcome!.hostKey });
    expect(fac.seat).toBe("facilitator");
  });

  it("GET /health answers, and / serves a page (a placeholder when the client is not built)", async () => {
    const res = await h.colyseus.http.get("/health");
    expect(res.statusCode).toBe(200);
    expect((res.data as { ok: boolean }).ok).toBe(true);
    const page = await h.colyseus.http.get("/");
    expect(page.statusCode).toBe(200);
    expect(String(page.data)).toContain("Ceasefire Table");
  });
});
