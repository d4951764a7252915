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

/** Where to roll back to: N weeks back (1 = the start of the current week), or the start of week K. */
export type RollbackTarget = { weeks: number } | { toWeek: number };

/** The state at the start of every round the log reached, with the number of actions that led to it. */
function roundStarts(scenario: Scenario, log: GameLog): Result<{ current: number; length: number; starts: Map<number, { length: number; state: GameState }> }> {
  const created = createGame(scenario, log.options);
  if (!created.ok) return created;
  const starts = new Map<number, { length: number; state: GameState }>();
  let state = created.value;
  for (const [i, action] of log.actions.entries()) {
    const next = apply(scenario, state, action);
    if (!next.ok) return err(next.error.code, `action ${i + 1} of the log: ${next.error.message}`, `actions.${i}`);
    state = next.value;
    if (state.round > 0 && state.stage !== "ended" && !starts.has(state.round)) starts.set(state.round, { length: i + 1, state });
  }
  return ok({ current: state.round, length: log.actions.length, starts });
}

/**
 * The start of the round the table is in — or, when nothing has happened in it yet, of the round
 * before. Refused (`wrong_stage`) before round one has begun. Replays `log` from scratch.
 */
export function lastRoundStart(scenario: Scenario, log: GameLog): Result<RoundStart> {
  return rollbackPoint(scenario, log, { weeks: 1 });
}

/**
 * Where a rollback lands, in one step however far back it goes (so nothing — a bot, a timer — can
 * act between two partial rollbacks). `{ weeks: 1 }` is the start of the current week, or of the
 * week before when nothing has happened in this one yet; each further week goes one week earlier.
 * `{ toWeek: K }` is the start of week K, which must have begun and not be the untouched current
 * week's own start. Refused (`wrong_stage` / `out_of_range`) with nothing changed otherwise.
 */
export function rollbackPoint(scenario: Scenario, log: GameLog, target: RollbackTarget): Result<RoundStart> {
  const replayed = roundStarts(scenario, log);
  if (!replayed.ok) return replayed;
  const { current, length, starts } = replayed.value;
  if (current === 0) return err("wrong_stage", "the table has not begun: there is no week to roll back to");
  let week: number;
  if ("toWeek" in target) {
    if (!Number.isInteger(target.toWeek) || target.toWeek < 1) return err("out_of_range", "the week to roll back to is a whole number from 1", "toWeek");
    if (target.toWeek > current) return err("out_of_range", `the table is in week ${current}: it cannot roll back to week ${target.toWeek}`, "toWeek");
    week = target.toWeek;
  } else {
    if (!Number.isInteger(target.weeks) || target.weeks < 1) return err("out_of_range", "the number of weeks to roll back is a whole number from 1", "weeks");
    const here = starts.get(current);
    // The first week back is the current week's start, unless the table is already standing there.
    const first = here && here.length < length ? current : current - 1;
    if (first < 1) return err("wrong_stage", "nothing has happened since round one began: there is nothing to roll back");
    week = first - (target.weeks - 1);
    if (week < 1) return err("out_of_range", `the table can go back at most to the start of week 1 (${Math.max(0, first)} weeks back)`, "weeks");
  }
  const start = starts.get(week);
  if (!start || start.length >= length) return err("wrong_stage", week === current ? `the table is at the start of week ${week}: there is nothing to roll back` : "nothing has happened since round one began: there is nothing to roll back");
  return ok({ round: week, length: start.length, state: start.state });
}
