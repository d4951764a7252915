// A table nobody is at closes by itself: a finished game soon (its debrief stays on the players'
// pages), a classroom session's finished table after a longer wait (the teacher's console copies
// its record from the room), an unfinished one only after the long idle wait (people come back to
// unfinished games).
import { describe, expect, it } from "vitest";
import { defaultServerConfig } from "../../server/table-session.ts";
import { realScheduler } from "../../server/table-clock.ts";
import { expectOk, Player, synced, until, useHarness } from "./harness.ts";

const h = useHarness();
import { api, createSession, Student } from "../classroom/api.ts";

const { endedDisposeSeconds, sessionEndedDisposeSeconds, idleDisposeSeconds } = defaultServerConfig(realScheduler);
const isOpen = (code: string) => h.table(code) !== undefined;

async function leave(p: Player): Promise<void> {
  await p.room.leave(true);
  await until(null, `${p.name} gone`, () => p.left !== null);
}

describe("closing empty tables", () => {
  it("a finished game closes soon after the last person leaves", async () => {
    const me = await Player.create(h, { name: "Solo", seat: "qatar", solo: true, difficulty: "easy", rounds: 6 });
    await me.ready();
    await until(null, "the game has begun", () => me.publicView.stage === "negotiation");
    for (let step = 0; step < 400 && me.publicView.stage !== "ended"; step++) {
      const view = me.publicView;
      if (view.stage === "negotiation" && !view.ready.includes("qatar")) await me.intent({ type: "ready" });
      if (view.stage === "decisions" && me.state.seats.get("qatar").submittedBy === "") await me.intent({ type: "decide", decision: {} });
      h.scheduler.advance(150);
      await synced(h, [me]);
    }
    expect(me.publicView.stage).toBe("ended");
    const code = me.code;
    await leave(me);
    h.scheduler.advance(endedDisposeSeconds * 1000 - 1000);
    expect(isOpen(code)).toBe(true);
    h.scheduler.advance(2000);
    await until(null, "the finished table closes", () => !isOpen(code));
  });

  it("a classroom session's finished table waits longer, and the console still has its record after it closes", async () => {
    expect(sessionEndedDisposeSeconds).toBeGreaterThan(endedDisposeSeconds);
    const s = await createSession({ tables: 1, rounds: 6 });
    const code = s.tables[0]!.code;
    const student = await Student.enter(h, s.code, "Noor", "qatar");
    const host = (method: string, path: string, body?: unknown) => api(method, `/api/sessions/${s.code}/${path}`, body, s.hostKey);
    // The teacher moves the table from stage to stage; the bots play the other seats.
    for (let step = 0; step < 60 && student.player.publicView.stage !== "ended"; step++) {
      expectOk((await host("POST", "command", { tables: [1], command: { type: "advance" } })).body[0]);
      h.scheduler.advance(150);
      await synced(h, [student.player]);
    }
    expect(student.player.publicView.stage).toBe("ended");
    await leave(student.player);
    h.scheduler.advance(endedDisposeSeconds * 1000 + 1000);
    expect(isOpen(code)).toBe(true);
    h.scheduler.advance(sessionEndedDisposeSeconds * 1000);
    await until(null, "the finished session table closes", () => !isOpen(code));
    // The console's look at the closed table is its final state.
    const view = await host("GET", "tables/1/view");
    expect(view.status).toBe(200);
    expect(view.body.stage).toBe("ended");
  });

  it("an unfinished game waits much longer for its people", async () => {
    const host = await Player.create(h, { name: "Host", seat: "israel", rounds: 6 });
    await host.ready();
    expectOk(await host.command({ type: "begin" }));
    const code = host.code;
    await leave(host);
    h.scheduler.advance(endedDisposeSeconds * 1000 + 1000);
    expect(isOpen(code)).toBe(true);
    h.scheduler.advance(idleDisposeSeconds * 1000);
    await until(null, "the idle table closes", () => !isOpen(code));
    expect(endedDisposeSeconds).toBeLessThan(idleDisposeSeconds);
  });
});
