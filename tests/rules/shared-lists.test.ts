// The rules' copy of a state shares its messages, news, weekly history, noted causes, trust table, zones held, week's events
// and cards drawn with the state it was made from, and only
// the action that adds to one of them copies it (shared/apply.ts cloneState, shared/draft-ops.ts
// appendTo). No action may change an earlier state's lists: a table keeps its earlier state to put
// back when a change is refused, and the views of a state already sent are made from it.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { apply, replay } from "../../shared/apply.ts";
import { createGame } from "../../shared/setup.ts";
import type { Action } from "../../shared/actions.ts";
import type { GameState } from "../../shared/state.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();

describe("messages, news, history and causes shared between a state and its copy", () => {
  it("leave every earlier state's messages, news and history as they were, and are shared by the actions that add nothing to them", () => {
    const states: Array<{ state: GameState; messages: number; news: number; history: number; causes: number; json: string }> = [];
    const actions: Action[] = [];
    let sharedMessages = 0;
    let sharedNews = 0;
    let sharedCauses = 0;
    let copiedCauses = 0;
    let sharedTrust = 0;
    let copiedTrust = 0;
    let copied = 0;
    playBusyTable(scenario, {
      seed: 21,
      rounds: 6,
      chatter: true,
      bots: "table",
      onAction: (state, action) => {
        const before = states[states.length - 1];
        if (before) {
          // The state before this action: its lists hold what they held (no item added, none changed).
          expect(before.state.messages.length).toBe(before.messages);
          expect(before.state.news.length).toBe(before.news);
          expect(before.state.history.length).toBe(before.history);
          expect(before.state.causes.length).toBe(before.causes);
          if (states.length % 25 === 0) expect(JSON.stringify([before.state.messages, before.state.news, before.state.history, before.state.causes, before.state.trust])).toBe(before.json);
          if (state.messages === before.state.messages) sharedMessages++;
          else copied++;
          if (state.news === before.state.news) sharedNews++;
          if (state.causes === before.state.causes) sharedCauses++;
          else copiedCauses++;
          if (state.trust === before.state.trust) sharedTrust++;
          else copiedTrust++;
        }
        actions.push(action);
        states.push({ state, messages: state.messages.length, news: state.news.length, history: state.history.length, causes: state.causes.length, json: states.length % 25 === 24 ? JSON.stringify([state.messages, state.news, state.history, state.causes, state.trust]) : "" });
      },
    });
    // The game talked (copies) and did other things (shares); the news change only with events and weeks.
    expect(copied).toBeGreaterThan(50);
    expect(sharedMessages).toBeGreaterThan(20);
    expect(sharedNews).toBeGreaterThan(states.length / 2);
    // Causes are noted when a week resolves: most actions share the list, and the weeks added to it.
    expect(copiedCauses).toBeGreaterThan(0);
    expect(sharedCauses).toBeGreaterThan(states.length / 2);
    // So is the trust table: most actions leave it as it was, the weeks and some answers change it.
    expect(copiedTrust).toBeGreaterThan(0);
    expect(sharedTrust).toBeGreaterThan(states.length / 2);
    // Every earlier state is still what its own prefix of the log replays to.
    const created = createGame(scenario, { seed: 21, rounds: 6 });
    if (!created.ok) throw new Error(created.error.message);
    for (const at of [10, Math.floor(states.length / 2), states.length - 1]) {
      const replayed = replay(scenario, { scenarioId: scenario.id, options: { seed: 21, rounds: 6 }, actions: actions.slice(0, at + 1) });
      expect(replayed.ok && JSON.stringify(replayed.value)).toBe(JSON.stringify(states[at]!.state));
    }
  });

  it("share the zones the force holds, the week's events and the cards drawn until a rule adds to them, and leave earlier states' as they were", () => {
    type Week = Pick<GameState, "isfZones" | "roundEvents" | "drawn">;
    const weekOf = (s: GameState): Week => ({ isfZones: s.isfZones, roundEvents: s.roundEvents, drawn: s.drawn });
    const seen: Array<{ lists: Week; json: string }> = [];
    const shared = { isfZones: 0, roundEvents: 0, drawn: 0 };
    const changed = { isfZones: 0, roundEvents: 0, drawn: 0 };
    for (const seed of [5, 6]) {
      let before: { lists: Week; json: string } | null = null;
      playBusyTable(scenario, {
        seed,
        rounds: 12,
        chatter: false,
        bots: "table",
        onAction: (state) => {
          const now = weekOf(state);
          if (before) {
            for (const key of ["isfZones", "roundEvents", "drawn"] as const) {
              if (now[key] === before.lists[key]) shared[key]++;
              else changed[key]++;
            }
          }
          before = { lists: now, json: JSON.stringify(now) };
          seen.push(before);
        },
      });
    }
    // No later action changed what an earlier state holds.
    for (const { lists, json } of seen) expect(JSON.stringify(lists)).toBe(json);
    // Most actions share all three; the weeks' cards and the zones deployed made new lists.
    for (const key of ["isfZones", "roundEvents", "drawn"] as const) expect(shared[key]).toBeGreaterThan(seen.length / 2);
    expect(changed.roundEvents).toBeGreaterThan(10);
    expect(changed.drawn).toBeGreaterThan(10);
    expect(changed.isfZones).toBeGreaterThan(0);
  });

  it("a refused action leaves the state's lists as they were", () => {
    const created = createGame(scenario, { seed: 3, rounds: 6 });
    if (!created.ok) throw new Error(created.error.message);
    const begun = apply(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error(begun.error.message);
    const state = begun.value;
    const messages = state.messages.length;
    const refused = apply(scenario, state, { type: "message", by: "israel", to: "israel", text: "to myself" });
    expect(refused.ok).toBe(false);
    expect(state.messages.length).toBe(messages);
    const sent = apply(scenario, state, { type: "message", by: "israel", to: "hamas", text: "a word" });
    expect(sent.ok && sent.value.messages.length).toBe(messages + 1);
    expect(state.messages.length).toBe(messages);
  });
});
