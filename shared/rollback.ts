// Rolling a table back to the start of a round: the state is a fold of the reducer over the log,
// so the state at the start of a round is the replay of the log's prefix up to the action that
// began that round. The random generator lives in the state, so the replayed round draws the same
// event card it drew the first time. Pure: no clock, no randomness of its own.
import { apply, type GameLog } from "./apply.ts";
import { createGame } from "./setup.ts";
import { err, ok, type Result } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";

export interface RoundStart {
  /** The round rolled back to (its first moment: the event drawn, negotiation open). */
  round: number;
  /** How many actions of the log lead to that moment; the rest are undone. */
  length: number;
  state: GameState;
}

/**
 * The start of the round the table is in — or, when nothing has happened in it yet, of the round
 * before. Refused (`wrong_stage`) before round one has begun. Replays `log` from scratch.
 */
export function lastRoundStart(scenario: Scenario, log: GameLog): Result<RoundStart> {
  const created = createGame(scenario, log.options);
  if (!created.ok) return created;
  // Every state on the way, with the number of actions that led to it.
  const starts = new Map<number, { length: number; state: GameState }>();
  let state = created.value;
  for (const [i, action] of log.actions.entries()) {
    const next = apply(scenario, state, action);
    if (!next.ok) return err(next.error.code, `action ${i + 1} of the log: ${next.error.message}`, `actions.${i}`);
    state = next.value;
    if (state.round > 0 && state.stage !== "ended" && !starts.has(state.round)) starts.set(state.round, { length: i + 1, state });
  }
  const current = state.round;
  if (current === 0) return err("wrong_stage", "the table has not begun: there is no round to roll back to");
  const here = starts.get(current);
  const target = here && here.length < log.actions.length ? current : current - 1;
  const start = starts.get(target);
  if (!start || target < 1) return err("wrong_stage", "nothing has happened since round one began: there is nothing to roll back");
  return ok({ round: target, length: start.length, state: start.state });
}
