// Stage timers on a controllable clock (no real waiting): the negotiation deadline moves the table
// to decisions; the decision deadline gives every seat that has not decided its stand-in decision,
// recorded in the log. The facilitator pauses, resumes, extends and announces. Team submissions:
// the last one before the deadline counts.
import { describe, expect, it } from "vitest";
import type { Action } from "../../shared/actions.ts";
import { expectOk, Player, synced, until, useHarness } from "./harness.ts";

const h = useHarness();

/** A timed table with two people and no bots, so only the clock and the people move it. */
async function timedTable() {
  const host = await Player.create(h, { name: "Fac", seat: "facilitator", negotiationSeconds: 60, decisionSeconds: 30, botsFillEmptySeats: false, rounds: 6 });
  await host.ready();
  const israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
  const hamas = await Player.join(h, host.code, { name: "Ham", seat: "hamas" });
  const all = [host, israel, hamas];
  const session = h.table(host.code).session;
  return { host, israel, hamas, all, session };
}

describe("stage timers", () => {
  it("negotiation ends at its deadline; at the decision deadline seats that did not decide get the default", async () => {
    const { host, israel, all, session } = await timedTable();
    expectOk(await host.command({ type: "begin" }));
    await synced(h, all);
    expect(israel.state.timer.stage).toBe("negotiation");
    expect(israel.state.timer.remainingMs).toBe(60_000);
    expect(israel.state.timer.endsAt).toBe(h.scheduler.now() + 60_000);

    h.scheduler.advance(59_999);
    await synced(h, all);
    expect(israel.publicView.stage).toBe("negotiation");
    h.scheduler.advance(1);
    await synced(h, all);
    expect(israel.publicView.stage).toBe("decisions");
    expect(israel.state.timer.remainingMs).toBe(30_000);
    expect(session.pipeline.log.actions.at(-1)).toEqual({ type: "advance", by: "system" });

    expectOk(await israel.intent({ type: "decide", decision: { moves: ["israel_restraint"] } }));
    h.scheduler.advance(30_000);
    await synced(h, all);
    const view = israel.publicView;
    expect(view.round).toBe(2);
    expect(view.stage).toBe("negotiation");
    const record = view.history.at(-1)!;
    expect(record.defaulted).toEqual(["mediators", "hamas", "qatar", "turkiye", "board_of_peace"]);
    // In the log: Israel's decision went to the rules at the deadline, then the table's advance.
    const tail = session.pipeline.log.actions.slice(-2) as Action[];
    expect(tail[0]).toMatchObject({ type: "decide", by: "israel", decision: { moves: ["israel_restraint"] } });
    expect(tail[1]).toEqual({ type: "advance", by: "system" });
    expect(session.pipeline.journal.filter((e) => e.actor === "timer")).toHaveLength(2);
  });

  it("the facilitator pauses (the clock stops and intents wait), resumes, extends and announces", async () => {
    const { host, israel, all } = await timedTable();
    expectOk(await host.command({ type: "begin" }));
    h.scheduler.advance(20_000);
    expectOk(await host.command({ type: "pause" }));
    await synced(h, all);
    expect(israel.state.timer.paused).toBe(true);
    expect(israel.state.timer.remainingMs).toBe(40_000);
    expect(israel.state.timer.endsAt).toBe(0);

    h.scheduler.advance(10 * 60_000);
    const refused = await israel.intent({ type: "ready" });
    expect(!refused.ok && refused.error.code).toBe("paused");
    await synced(h, all);
    expect(israel.publicView.stage).toBe("negotiation");

    expectOk(await host.command({ type: "resume" }));
    expectOk(await host.command({ type: "extend", seconds: 15 }));
    expectOk(await host.command({ type: "announce", text: "Five minutes to the break" }));
    await synced(h, all);
    expect(israel.state.timer.paused).toBe(false);
    expect(israel.state.timer.remainingMs).toBe(55_000);
    expect(israel.state.announcement).toBe("Five minutes to the break");
    h.scheduler.advance(54_999);
    await synced(h, all);
    expect(israel.publicView.stage).toBe("negotiation");
    h.scheduler.advance(1);
    await synced(h, all);
    expect(israel.publicView.stage).toBe("decisions");
  });

  it("the facilitator's advance during decisions hands in the submissions and defaults the rest", async () => {
    const { host, israel, hamas, all, session } = await timedTable();
    expectOk(await host.command({ type: "begin" }));
    expectOk(await host.command({ type: "advance" }));
    expectOk(await hamas.intent({ type: "decide", decision: { moves: ["hamas_comply"] } }));
    expectOk(await host.command({ type: "advance" }));
    await synced(h, all);
    expect(israel.publicView.round).toBe(2);
    expect(israel.publicView.history.at(-1)!.defaulted).not.toContain("hamas");
    expect(session.pipeline.log.actions.at(-1)).toEqual({ type: "advance", by: "facilitator" });
  });
});

describe("team submissions", () => {
  it("any member may replace the team's submission until every seat has decided; the last one counts", async () => {
    const { host, israel, hamas, session } = await timedTable();
    const hamas2 = await Player.join(h, host.code, { name: "Ham2", seat: "hamas" });
    const all = [host, israel, hamas, hamas2];
    await synced(h, all);
    expect([...hamas2.state.seats.get("hamas").names]).toEqual(["Ham", "Ham2"]);
    expectOk(await host.command({ type: "begin" }));
    expectOk(await host.command({ type: "advance" }));
    await synced(h, all);

    expectOk(await hamas.intent({ type: "draft", decision: { moves: ["hamas_retrench"] } }));
    await synced(h, all);
    expect(hamas2.myView!.private.hamas!.draft!.moves).toEqual(["hamas_retrench"]);

    expectOk(await hamas.intent({ type: "decide", decision: { moves: ["hamas_retrench"] } }));
    await synced(h, all);
    expect(hamas2.state.seats.get("hamas").submittedBy).toBe("Ham");
    expect(israel.state.seats.get("hamas").submittedBy).toBe("Ham");
    // A draft after the submission would hide what was handed in: refused, with a way forward.
    const draft = await hamas2.intent({ type: "draft", decision: {} });
    expect(!draft.ok && draft.error.code).toBe("already_decided");

    expectOk(await hamas2.intent({ type: "decide", decision: { moves: ["hamas_comply"] } }));
    await synced(h, all);
    expect(hamas.state.seats.get("hamas").submittedBy).toBe("Ham2");
    expect(hamas.myView!.private.hamas!.draft!.moves).toEqual(["hamas_comply"]);

    h.scheduler.advance(30_000);
    await until(null, "resolved", () => session.pipeline.state.round === 2);
    const decided = session.pipeline.log.actions.filter((a) => a.type === "decide" && a.by === "hamas");
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ decision: { moves: ["hamas_comply"] } });
    await synced(h, all);
    expect(hamas.state.seats.get("hamas").submittedBy).toBe("");
  });
});
