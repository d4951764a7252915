// A person who takes over a seat its bot has been playing — a student arriving late, or one the
// teacher moved to this table — may find that the bot already said "done negotiating" for it. That
// was the bot's word, not theirs: the seat's talks reopen for them, through the rules' own action
// (logged, so a replay gives the same state), and the table does not move on to decisions without
// them. Nobody else can reopen a seat's talks.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, apply, createGame, defaultScenario, type PartyId } from "../../shared/index.ts";
import { expectOk, Player, until, useHarness } from "./harness.ts";

const h = useHarness();

describe("taking over a seat whose bot said it was done", () => {
  it("reopens the seat's talks for the person, who can then negotiate and say done themselves", async () => {
    const host = await (await Player.create(h, { name: "Teacher", seat: "facilitator", rounds: 6 })).ready();
    expectOk(await host.command({ type: "begin" }));
    const pipeline = () => h.table(host.code).session.pipeline;
    // The bots negotiate on the table's clock; stop as soon as one of them has said it is done.
    let done: PartyId | undefined;
    await until(h, "a bot done negotiating while the talks go on", () => {
      const s = pipeline().state;
      done = s.stage === "negotiation" ? PARTY_IDS.find((p) => s.parties[p].ready) : undefined;
      return done !== undefined;
    }, 50);
    const party = done!;

    const late = await Player.join(h, host.code, { name: "Late", seat: party });
    expect(late.party).toBe(party);
    await until(null, "the seat's talks reopened", () => !pipeline().state.parties[party].ready);
    expect(pipeline().state.stage).toBe("negotiation");
    expect(pipeline().log.actions.at(-1)).toEqual({ type: "reopen", party, by: "system" });
    // Their own "done" is theirs to say, and it counts.
    expectOk(await late.intent({ type: "ready" }));
    expect(pipeline().state.parties[party].ready || pipeline().state.stage !== "negotiation").toBe(true);
  });

  it("cannot be asked for by a facilitator, and the rules refuse it out of place", async () => {
    const host = await (await Player.create(h, { name: "Teacher", seat: "facilitator", rounds: 6 })).ready();
    expectOk(await host.command({ type: "begin" }));
    const reply = await host.command({ type: "reopen", party: "hamas" });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe("wrong_actor");

    const scenario = defaultScenario();
    const created = createGame(scenario, { seed: 1 });
    if (!created.ok) throw new Error(created.error.message);
    const briefing = apply(scenario, created.value, { type: "reopen", party: "hamas", by: "system" });
    expect(briefing.ok ? null : briefing.error.code).toBe("wrong_stage");
    const begun = apply(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error(begun.error.message);
    const notDone = apply(scenario, begun.value, { type: "reopen", party: "hamas", by: "system" });
    expect(notDone.ok ? null : notDone.error.code).toBe("already_answered");
  });
});
