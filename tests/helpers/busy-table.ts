// A whole game played through the reducer by the built-in policies, optionally with every seat
// talking up to its weekly message cap in long texts (public statements and private messages to
// each other party), calling back after every accepted action as a server would mirror it.
// Framework-agnostic: the state tests and scripts/bench-state.ts both drive it.
import {
  apply,
  createGame,
  defaultDecision,
  greedyPolicy,
  MAX_MESSAGES_PER_WEEK,
  MAX_TEXT,
  PARTY_IDS,
  Random,
  seedToRng,
  type Action,
  type GameState,
  type PartyId,
  type Policy,
  type Scenario,
} from "../../shared/index.ts";
import { botPolicy, tablePersonas, type Persona } from "../../shared/bots/index.ts";
import { nextTalk, talkDue } from "../../shared/bots/talk.ts";
import { viewFor } from "../../shared/views.ts";

export interface BusyTableOptions {
  seed: number;
  rounds: number;
  /** Every seat sends its whole weekly allowance of messages, each close to the longest allowed. */
  chatter: boolean;
  /**
   * Who plays: the built-in greedy policy (quick), or the table's own bots as a server seats them
   * (shared/bots, personas drawn from the seed, answering messages and making their statements).
   */
  bots?: "greedy" | "table";
  /** After every accepted action, with the new state. */
  onAction?(state: GameState, action: Action): void;
  /** During each negotiation (once the week's talk is done, once its offers are) and at the end. */
  onMilestone?(state: GameState, label: string): void;
}

/** A long message, different for every sender, week and number, so nothing in it can be shared. */
export function chatterText(from: PartyId, week: number, n: number): string {
  const opening = `${from}, week ${week}, message ${n}: `;
  return opening.padEnd(MAX_TEXT - 10, "we will keep to the schedule agreed for the exchange and the crossings, and ask the same of everyone at this table; ");
}

export function playBusyTable(scenario: Scenario, o: BusyTableOptions): GameState {
  const created = createGame(scenario, { seed: o.seed, rounds: o.rounds });
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  const random = new Random(seedToRng(o.seed ^ 0x5bd1e995));
  const personas: Record<PartyId, Persona> = tablePersonas(o.seed);
  const policies = Object.fromEntries(
    PARTY_IDS.map((p) => [p, o.bots === "table" ? botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed: o.seed }) : greedyPolicy]),
  ) as Record<PartyId, Policy>;
  // The table's bots talk as at the server: replies to private messages and the week's statements.
  const talk = () => {
    if (o.bots !== "table") return;
    for (let pass = 0; pass < 6; pass++) {
      let said = false;
      for (const p of PARTY_IDS) {
        if (state.stage !== "negotiation" && state.stage !== "decisions") return;
        const move = talkDue(scenario, state, p) ? nextTalk(scenario, viewFor(scenario, state, p), p, personas[p]) : null;
        if (move && act({ ...move.intent, by: p } as Action)) said = true;
      }
      if (!said) return;
    }
  };
  const act = (action: Action): boolean => {
    const next = apply(scenario, state, action);
    if (!next.ok) return false;
    state = next.value;
    o.onAction?.(state, action);
    return true;
  };
  act({ type: "begin", by: "system" });
  let guard = 0;
  while (state.stage !== "ended" && guard++ < 1000) {
    if (state.stage === "negotiation") {
      const week = state.round;
      if (o.chatter)
        for (let n = 1; n <= MAX_MESSAGES_PER_WEEK; n++)
          for (const from of PARTY_IDS) {
            if (state.stage !== "negotiation") break;
            const others = PARTY_IDS.filter((p) => p !== from);
            const text = chatterText(from, week, n);
            // Every third a public statement; the rest private, to each other party in turn.
            const sent = n % 3 === 0 ? act({ type: "statement", by: from, text } as Action) : act({ type: "message", by: from, to: others[n % others.length]!, text } as Action);
            if (!sent) throw new Error(`message ${n} of ${from} in week ${week} was refused`);
          }
      if (state.stage === "negotiation") o.onMilestone?.(state, `week ${week} talk`);
      // Then the offers (talk first: a party that says it is done can no longer send messages).
      for (let turn = 0; turn < 3 && state.stage === "negotiation"; turn++)
        for (const party of PARTY_IDS) {
          talk();
          if (state.stage !== "negotiation" || state.parties[party].ready) continue;
          act({ ...policies[party].negotiate({ scenario, state, party, random }), by: party } as Action);
        }
      if (state.stage === "negotiation") o.onMilestone?.(state, `week ${week} offers`);
      for (const party of PARTY_IDS) if (state.stage === "negotiation" && !state.parties[party].ready) act({ type: "ready", by: party });
    } else if (state.stage === "decisions") {
      for (const party of PARTY_IDS) {
        if (state.stage !== "decisions" || state.parties[party].decision !== null) continue;
        const decision = policies[party].decide({ scenario, state, party, random });
        if (!act({ type: "decide", by: party, decision })) act({ type: "decide", by: party, decision: defaultDecision() });
      }
      if (state.stage === "decisions") act({ type: "advance", by: "system" });
    } else act({ type: "advance", by: "system" });
  }
  o.onMilestone?.(state, "end");
  return state;
}
