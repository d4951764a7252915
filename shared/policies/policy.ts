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
import type { Result } from "../result.ts";
import { offersAwaiting } from "../legal.ts";

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
}

export interface PlayedGame {
  state: GameState;
  log: GameLog;
  refused: number;
}

/** Negotiation moves per party per week before it is made to say it is done. */
const NEGOTIATION_TURNS = 3;
/** Rounds of answering at the end of a week's negotiation (counters can bounce back a few times). */
const ANSWER_PASSES = 3;

export function playGame(
  scenario: Scenario,
  options: GameOptions,
  policies: Record<PartyId, Policy>,
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

  /**
   * Before the week's negotiation closes, each party is asked about every offer still awaiting it,
   * as a person at the table would be: an offer is not left unanswered because many arrived at once.
   * A party stops when its policy does something other than answer one of them (a counter may send
   * a new offer back, hence a few passes).
   */
  const answerTheRest = () => {
    for (let pass = 0; pass < ANSWER_PASSES && state.stage === "negotiation"; pass++) {
      let answered = false;
      for (const party of PARTY_IDS) {
        for (let left = offersAwaiting(state, party).length; left > 0 && state.stage === "negotiation"; left--) {
          const awaiting = new Set(offersAwaiting(state, party).map((o) => o.id));
          const intent = policies[party].negotiate({ scenario, state, party, random });
          const answers = (intent.type === "accept" || intent.type === "reject" || intent.type === "counter") && awaiting.has(intent.offerId);
          if (!answers || !tryAction({ ...intent, by: party } as Action)) break;
          answered = true;
        }
      }
      if (!answered) return;
    }
  };

  tryAction({ type: "begin", by: "system" });
  let guard = 0;
  while (state.stage !== "ended" && guard++ < 10_000) {
    if (state.stage === "negotiation") {
      for (let turn = 0; turn < NEGOTIATION_TURNS && state.stage === "negotiation"; turn++)
        for (const party of PARTY_IDS) {
          if (state.stage !== "negotiation" || state.parties[party].ready) continue;
          const intent = policies[party].negotiate({ scenario, state, party, random });
          tryAction({ ...intent, by: party } as Action);
        }
      answerTheRest();
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
