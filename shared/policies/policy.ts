// Built-in policies and the loop that plays a whole game with them. Policies send the same actions
// people send, through apply(); an illegal choice is simply refused like anyone else's.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Action, PartyIntentInput } from "../actions.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Decision, GameState } from "../state.ts";
import { Random, seedToRng } from "../rng.ts";
import { apply, type GameLog } from "../apply.ts";
import { createGame, type GameOptions } from "../setup.ts";
import { defaultDecision } from "../decisions.ts";
import { offersAwaiting } from "../legal.ts";
import type { Result } from "../result.ts";

export interface PolicyContext {
  scenario: Scenario;
  state: GameState;
  party: PartyId;
  random: Random;
}

export interface Policy {
  name: string;
  /** The next negotiation move; `{ type: "ready" }` when done. */
  negotiate(ctx: PolicyContext): PartyIntentInput;
  decide(ctx: PolicyContext): Decision;
  /** Submits no decision at all: the table's deadline decides for the seat. */
  passive?: boolean;
  /** Moves it makes each time its turn comes round (default 1): a script flooding the table with offers takes many. */
  movesPerTurn?: number;
}

export interface PlayedGame {
  state: GameState;
  log: GameLog;
  refused: number;
}

/** Negotiation moves per party per week before it is made to say it is done. */
const NEGOTIATION_TURNS = 3;

export interface LoopOptions {
  /**
   * At the server's pace: a seat answers every offer awaiting it before the week ends, up to this
   * many answers a week (the server's bots answer up to 60), even after it has said it is done
   * proposing; its "done" is sent once the answering is over. A policy that would not answer is
   * taken to refuse. Without it (0), the three turns are all a seat gets and the forced "done"
   * leaves the rest open.
   */
  answersPerWeek?: number;
}

export function playGame(
  scenario: Scenario,
  options: GameOptions,
  policies: Record<PartyId, Policy>,
  loop: LoopOptions = {},
): Result<PlayedGame> {
  const created = createGame(scenario, options);
  if (!created.ok) return created;
  let state = created.value;
  // The policies' own randomness is separate from the game's, so it never changes the rules' draws.
  const random = new Random(seedToRng(options.seed ^ 0x5bd1e995));
  const actions: Action[] = [];
  let refused = 0;
  const tryAction = (action: Action): boolean => {
    const next = apply(scenario, state, action);
    if (!next.ok) {
      refused++;
      return false;
    }
    state = next.value;
    actions.push(action);
    return true;
  };

  /** Every seat answers what awaits it, in turns, until nothing does or it has used its answers for the week. */
  const answerAwaiting = (perWeek: number) => {
    const used = new Map<PartyId, number>();
    for (let progress = true; progress && state.stage === "negotiation"; ) {
      progress = false;
      for (const party of PARTY_IDS) {
        const first = offersAwaiting(state, party)[0];
        if (state.stage !== "negotiation" || !first || (used.get(party) ?? 0) >= perWeek) continue;
        used.set(party, (used.get(party) ?? 0) + 1);
        progress = true;
        const intent = policies[party].negotiate({ scenario, state, party, random });
        const answers = intent.type === "accept" || intent.type === "reject" || intent.type === "counter";
        if (!answers || !tryAction({ ...intent, by: party } as Action)) tryAction({ type: "reject", by: party, offerId: first.id, reason: "" });
      }
    }
  };

  tryAction({ type: "begin", by: "system" });
  let guard = 0;
  while (state.stage !== "ended" && guard++ < 10_000) {
    if (state.stage === "negotiation") {
      const answering = (loop.answersPerWeek ?? 0) > 0;
      const done = new Set<PartyId>();
      const isDone = (party: PartyId) => state.parties[party].ready || done.has(party);
      for (let turn = 0; turn < NEGOTIATION_TURNS && state.stage === "negotiation"; turn++)
        for (const party of PARTY_IDS) {
          for (let move = 0; move < (policies[party].movesPerTurn ?? 1); move++) {
            if (state.stage !== "negotiation" || isDone(party)) break;
            const intent = policies[party].negotiate({ scenario, state, party, random });
            if (answering && intent.type === "ready") done.add(party);
            else tryAction({ ...intent, by: party } as Action);
          }
        }
      if (answering) answerAwaiting(loop.answersPerWeek!);
      for (const party of PARTY_IDS)
        if (state.stage === "negotiation" && !state.parties[party].ready) tryAction({ type: "ready", by: party });
    } else if (state.stage === "decisions") {
      for (const party of PARTY_IDS) {
        if (state.stage !== "decisions" || state.parties[party].decision !== null || policies[party].passive) continue;
        const decision = policies[party].decide({ scenario, state, party, random });
        if (!tryAction({ type: "decide", by: party, decision })) tryAction({ type: "decide", by: party, decision: defaultDecision() });
      }
      // The decision deadline passes for the seats that submitted nothing.
      if (state.stage === "decisions") tryAction({ type: "advance", by: "system" });
    } else {
      tryAction({ type: "advance", by: "system" });
    }
  }
  return { ok: true, value: { state, log: { scenarioId: scenario.id, options, actions }, refused } };
}
