// A server's intent is checked once, where it enters (the protocol's schemas), and the rules then
// apply it without checking it again (shared/apply.ts applyChecked). The rules keep parts of an
// action in the state (an offer's obligations and recipients, a decision) instead of copies made by
// a second check: so they must never change an action, or those parts, at any later step.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { apply, applyChecked, parseAction } from "../../shared/apply.ts";
import { createGame } from "../../shared/setup.ts";
import type { Action } from "../../shared/actions.ts";
import type { GameState } from "../../shared/state.ts";
import { intentMessageSchema } from "../../shared/protocol.ts";
import { playBusyTable } from "../helpers/busy-table.ts";
import { deepFreeze } from "../helpers/deep-freeze.ts";

const scenario = defaultScenario();

/** A logged action as the server builds it: the seat's intent parsed by the wire schema, with the seat as its actor. */
function asServerBuildsIt(action: Action): Action {
  if (action.by === "system" || action.by === "facilitator") return action;
  const { by, ...intent } = action;
  const parsed = intentMessageSchema.safeParse({ requestId: "r", intent });
  if (!parsed.success) throw new Error(`a logged action the wire schema refuses: ${parsed.error.message}`);
  return { ...parsed.data.intent, by } as Action;
}

describe("actions checked once, where they enter", () => {
  it("give the same states as the rules' own check, with every action frozen from the moment it is applied", () => {
    const states: GameState[] = [];
    const actions: Action[] = [];
    playBusyTable(scenario, { seed: 33, rounds: 6, chatter: true, bots: "table", onAction: (s, a) => (states.push(s), actions.push(a)) });
    // The game exercises the actions whose parts the rules keep: offers, answers, decisions, talk.
    for (const type of ["propose", "accept", "decide", "message", "statement"]) expect(actions.some((a) => a.type === type)).toBe(true);
    const created = createGame(scenario, { seed: 33, rounds: 6 });
    if (!created.ok) throw new Error(created.error.message);
    // Replayed from the start on the actions alone: every later step runs on states holding frozen
    // parts of earlier actions, so a rule that changed one, however late, would throw here.
    let state = created.value;
    for (let i = 0; i < actions.length; i++) {
      const action = deepFreeze(asServerBuildsIt(actions[i]!));
      const next = applyChecked(scenario, state, action);
      if (!next.ok) throw new Error(`action ${i} (${action.type}) refused: ${next.error.message}`);
      state = next.value;
      if (i % 40 === 0 || i === actions.length - 1) expect(JSON.stringify(state)).toBe(JSON.stringify(states[i]));
    }
    expect(state.stage).toBe("ended");
  });

  it("are refused as the rules refuse them, and a refusal changes nothing", () => {
    const created = createGame(scenario, { seed: 5, rounds: 6 });
    if (!created.ok) throw new Error(created.error.message);
    const begun = applyChecked(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error(begun.error.message);
    const before = JSON.stringify(begun.value);
    const early = applyChecked(scenario, begun.value, { type: "decide", by: "hamas", decision: parseDecision() });
    expect(early.ok ? null : early.error.code).toBe("wrong_stage");
    const viaApply = apply(scenario, begun.value, { type: "decide", by: "hamas", decision: {} });
    expect(viaApply.ok ? null : viaApply.error.code).toBe("wrong_stage");
    expect(JSON.stringify(begun.value)).toBe(before);
  });

  it("leave unchecked data to apply(), which still names what is wrong", () => {
    const created = createGame(scenario, { seed: 5, rounds: 6 });
    if (!created.ok) throw new Error(created.error.message);
    const bad = apply(scenario, created.value, { type: "message", by: "hamas", to: "qatar", text: 42 });
    expect(bad.ok ? null : bad.error.field).toBe("text");
  });
});

function parseDecision() {
  const parsed = parseAction({ type: "decide", by: "hamas", decision: {} });
  if (!parsed.ok || parsed.value.type !== "decide") throw new Error("a default decision should parse");
  return parsed.value.decision;
}
