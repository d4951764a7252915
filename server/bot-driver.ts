// Bots in empty seats. A bot is a built-in policy from shared/ acting through the same intent path
// as a person (submit → validate → authorise → apply), on a short timer: it is never called from
// inside another intent, so one action can never recurse into the next.
//
// What a bot sees: the bot policy turns the engine state into the seat's own view (viewFor) before
// the bot reads anything, and everything a bot does is an ordinary intent that the rules check like
// anyone else's. So a bot knows no more, and can do no more, than a person in its seat.
import { PARTY_IDS, type PartyId } from "../shared/ids.ts";
import type { PartyIntentInput } from "../shared/actions.ts";
import type { GameState } from "../shared/state.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import { offersAwaiting } from "../shared/legal.ts";
import { defaultDecision } from "../shared/decisions.ts";
import { Random, seedToRng } from "../shared/rng.ts";
import type { Policy } from "../shared/policies/index.ts";
import { botPolicy, tablePersonas, type Persona } from "../shared/bots/index.ts";
import { nextTalk, talkDue } from "../shared/bots/talk.ts";
import { viewFor } from "../shared/views.ts";
import type { Difficulty } from "../shared/protocol.ts";
import { turnAfter, type Scheduler, type TimerHandle } from "./table-clock.ts";
import { FALLBACK_REASON } from "../shared/bots/reasons.ts";

/** Proposals a bot makes per week before saying it is done (as in shared's playGame). */
export const NEGOTIATION_TURNS = 3;
/** Tries at a week's decisions before the default decision, which the rules always accept. */
const DECISION_TRIES = 3;

export interface BotTable {
  scenario: Scenario;
  state(): GameState;
  isBot(party: PartyId): boolean;
  paused(): boolean;
  /** Whether anyone (a player, a spectator, the facilitator) is at the table or within the grace. */
  anyoneHere(): boolean;
  /** Whether the seat has submitted this week's decisions (held until every seat has). */
  hasSubmitted(party: PartyId): boolean;
  /** The one intent path. Returns whether the rules accepted the intent. */
  submit(party: PartyId, intent: PartyIntentInput): boolean;
}

export interface BotOptions {
  scheduler: Scheduler;
  /** Typical pause before a bot acts; each act waits 0.75–1.25 times this. */
  delayMs: number;
  difficulty: Difficulty;
  seed: number;
  /** The seats' policies; by default the negotiating bots of shared/bots for this table. */
  policies?: Record<PartyId, Policy>;
}

/**
 * One negotiating bot per seat (shared/bots), with a persona drawn from the table's seed and the
 * table's difficulty. The bot policy hands each bot only its seat's view.
 */
export function policiesFor(difficulty: Difficulty, seed: number): Record<PartyId, Policy> {
  const personas = tablePersonas(seed);
  return Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty, seed })])) as Record<PartyId, Policy>;
}

interface Week {
  key: string;
  proposals: number;
  decisionTries: number;
}

export class BotDriver {
  #table: BotTable;
  #options: BotOptions;
  #policies: Record<PartyId, Policy>;
  #personas: Record<PartyId, Persona>;
  /** Seats whose talk the rules refused this week (`round:stage`): silent until the week moves on. */
  #muted = new Map<PartyId, string>();
  #random: Random;
  #timers = new Map<PartyId, TimerHandle>();
  #weeks = new Map<PartyId, Week>();
  #stopped = false;

  constructor(table: BotTable, options: BotOptions) {
    this.#table = table;
    this.#options = options;
    this.#policies = options.policies ?? policiesFor(options.difficulty, options.seed);
    this.#personas = tablePersonas(options.seed);
    // The bots' randomness is separate from the game's, so it never changes the rules' draws.
    this.#random = new Random(seedToRng(options.seed ^ 0x5bd1e995));
  }

  /** Sets a timer for every bot seat that has something to do and none set. Call after any change. */
  schedule(): void {
    // Bots wait while nobody is at the table: no one to play for, and no CPU spent on it.
    if (this.#stopped || this.#table.paused() || !this.#table.anyoneHere()) return;
    const state = this.#table.state();
    for (const party of PARTY_IDS) {
      if (this.#timers.has(party) || !this.#table.isBot(party) || !this.#wantsToAct(state, party)) continue;
      const delay = this.#options.delayMs * (0.75 + 0.5 * this.#random.next());
      // The timer only queues the bot's turn (server/table-turns.ts): bots whose timers fall due
      // together then think one after another, with the loop's other work between them. The seat
      // keeps its handle until the turn has run, so it is never scheduled twice meanwhile.
      const handle = turnAfter(this.#options.scheduler, delay, () => {
        this.#timers.delete(party);
        this.#act(party);
      });
      this.#timers.set(party, handle);
    }
  }

  /** Cancels every pending bot move (on pause, or when the table closes). */
  cancelAll(): void {
    for (const handle of this.#timers.values()) handle.cancel();
    this.#timers.clear();
  }

  stop(): void {
    this.#stopped = true;
    this.cancelAll();
  }

  #week(state: GameState, party: PartyId): Week {
    const key = `${state.round}:${state.stage}`;
    let week = this.#weeks.get(party);
    if (!week || week.key !== key) {
      week = { key, proposals: 0, decisionTries: 0 };
      this.#weeks.set(party, week);
    }
    return week;
  }

  /** What the bot says now, if anything. Talk is optional: should working it out fail, the seat falls silent for the week rather than the room failing. */
  #talkFor(state: GameState, party: PartyId) {
    if (!this.#mayTalk(state, party)) return null;
    try {
      return talkDue(this.#table.scenario, state, party) ? nextTalk(this.#table.scenario, viewFor(this.#table.scenario, state, party), party, this.#personas[party]) : null;
    } catch {
      this.#muted.set(party, `${state.round}:${state.stage}`);
      return null;
    }
  }

  #mayTalk(state: GameState, party: PartyId): boolean {
    return this.#muted.get(party) !== `${state.round}:${state.stage}`;
  }

  #wantsToAct(state: GameState, party: PartyId): boolean {
    // Replies to private messages and the week's few statements (shared/bots/talk.ts).
    if (this.#mayTalk(state, party) && talkDue(this.#table.scenario, state, party)) return true;
    // Every offer awaiting a bot gets an answer: answers are never rationed, only proposals are.
    if (state.stage === "negotiation") return offersAwaiting(state, party).length > 0 || !state.parties[party].ready;
    if (state.stage === "decisions") return !this.#table.hasSubmitted(party) && this.#week(state, party).decisionTries < DECISION_TRIES;
    return false;
  }

  #act(party: PartyId): void {
    const table = this.#table;
    const state = table.state();
    // The seat may have been taken over, or the table paused, since the timer was set.
    if (this.#stopped || table.paused() || !table.anyoneHere() || !table.isBot(party) || !this.#wantsToAct(state, party)) return;
    const ctx = { scenario: table.scenario, state, party, random: this.#random };
    // Talk first: a person who wrote is waiting for the answer. Said through the one intent path.
    const talk = this.#talkFor(state, party);
    if (talk) {
      if (!table.submit(party, talk.intent)) this.#muted.set(party, `${state.round}:${state.stage}`);
      this.schedule();
      return;
    }
    // Nothing to say after all: stop asking until the week moves on, so the seat cannot loop.
    if (this.#mayTalk(state, party) && talkDue(table.scenario, state, party)) this.#muted.set(party, `${state.round}:${state.stage}`);
    if (state.stage === "negotiation") {
      const week = this.#week(state, party);
      const awaiting = offersAwaiting(state, party);
      if (awaiting.length > 0) this.#answer(party, awaiting.map((o) => o.id), this.#policies[party].negotiate(ctx));
      else {
        const intent: PartyIntentInput = week.proposals < NEGOTIATION_TURNS ? this.#policies[party].negotiate(ctx) : { type: "ready" };
        if (intent.type !== "ready") week.proposals++;
        // A proposal the rules refuse is not retried: the bot is done for the week instead.
        if (!table.submit(party, intent) && intent.type !== "ready") table.submit(party, { type: "ready" });
      }
    } else if (state.stage === "decisions") {
      this.#week(state, party).decisionTries++;
      const decision = this.#policies[party].decide(ctx);
      if (!table.submit(party, { type: "decide", decision })) table.submit(party, { type: "decide", decision: defaultDecision() });
    }
    // Whatever happened, the table's after-change hook calls schedule() again; a refused intent
    // changes nothing, so make sure this seat is looked at again.
    this.schedule();
  }

  /**
   * Submits the policy's answer to one of the offers awaiting the bot (the oldest, or one it
   * singled out, such as a package it named in a message). If the policy did something else, or
   * the rules refuse its answer, the bot turns the oldest offer down with a reason instead, so no
   * offer is left hanging and no refused move is tried again.
   */
  #answer(party: PartyId, awaiting: readonly number[], intent: PartyIntentInput): void {
    const answers = intent.type === "accept" || intent.type === "reject" || intent.type === "counter";
    if (answers && awaiting.includes(intent.offerId) && this.#table.submit(party, intent)) return;
    // Withdrawing its own offer first clears the way to accept a package it named (talk-quote.ts).
    if (intent.type === "withdraw" && this.#table.submit(party, intent)) return;
    this.#table.submit(party, { type: "reject", offerId: awaiting[0]!, reason: FALLBACK_REASON });
  }
}
