// A new state shares with the state it was made from everything the action did not change: its
// lists (messages, news, history, causes, offers, commitments), their items, the parties, the
// tracks, the trust table (shared/apply.ts cloneState; shared/draft-ops.ts copies a list, an item,
// a party or the tracks the first time a rule changes them). No rule may change what an earlier state holds: a table keeps its earlier state to put
// back when a change is refused, and the views already sent were made from it. Here every state is
// frozen, deep, the moment it is made, and busy games are played on from it: a rule that changed
// anything shared, however late, would throw. The games must end as when nothing is frozen.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { apply } from "../../shared/apply.ts";
import { createGame } from "../../shared/setup.ts";
import type { Action } from "../../shared/actions.ts";
import type { GameState } from "../../shared/state.ts";
import { playBusyTable } from "../helpers/busy-table.ts";
import { deepFreeze } from "../helpers/deep-freeze.ts";

const scenario = defaultScenario();

describe("states frozen as soon as they are made", () => {
  for (const seed of [8, 41]) {
    it(`a busy game (seed ${seed}) plays to the same end; talk leaves the offers, commitments, parties and tracks shared`, () => {
      const actions: Action[] = [];
      let ended: GameState | null = null;
      playBusyTable(scenario, { seed, rounds: 6, chatter: true, bots: "table", onAction: (s, a) => (actions.push(a), (ended = s)) });
      const created = createGame(scenario, { seed, rounds: 6 });
      if (!created.ok) throw new Error(created.error.message);
      let state = deepFreeze(created.value);
      let talk = 0;
      let talkCopied = 0;
      let offersCopied = 0;
      for (let i = 0; i < actions.length; i++) {
        const action = actions[i]!;
        const next = apply(scenario, state, action);
        if (!next.ok) throw new Error(`action ${i} (${action.type}) refused: ${next.error.message}`);
        // Talk changes no offer, no commitment, no party and no track: all are the earlier state's own.
        if (action.type === "message" || action.type === "statement") {
          talk++;
          if (next.value.offers !== state.offers || next.value.commitments !== state.commitments || next.value.parties !== state.parties || next.value.tracks !== state.tracks) talkCopied++;
        }
        if (action.type === "propose" && next.value.offers !== state.offers) offersCopied++;
        state = deepFreeze(next.value);
      }
      expect(JSON.stringify(state)).toBe(JSON.stringify(ended));
      expect(state.stage).toBe("ended");
      expect(talk).toBeGreaterThan(0);
      expect(talkCopied).toBe(0);
      expect(offersCopied).toBeGreaterThan(0);
    });
  }
});
