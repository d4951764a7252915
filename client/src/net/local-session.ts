// A table run in the page by the shared engine, with the built-in bots at the other five seats.
// Used by the dev preview (to see every screen without a server) and for offline practice. It
// goes through apply() exactly as the server does, so its views are real TableViews.
import {
  apply,
  createGame,
  defaultDecision,
  defaultScenario,
  greedyPolicy,
  offersAwaiting,
  PARTY_IDS,
  randomPolicy,
  Random,
  seedToRng,
  viewFor,
  type Action,
  type GameState,
  type PartyId,
  type PartyIntentInput,
  type Policy,
  type Scenario,
} from "../../../shared/index.ts";
import { nextTalk } from "../../../shared/bots/talk.ts";
import { keepQuotedWord } from "../../../shared/bots/talk-quote.ts";
import { keepNamedPromises } from "../../../shared/bots/named-promises.ts";
import { withNote } from "../../../shared/bots/bot-policy.ts";
import type { ConnectionStatus, RecordResult, Reply, SeatInfo, Snapshot, SoloOptions, TableCommand, TableSession } from "./session.ts";
import { windowView } from "../../../shared/view-window.ts";
import { recordPage, type RecordQuery } from "../../../shared/record.ts";
import { HistoryFill } from "./record-reading.ts";

/** Negotiation moves a bot makes per week on its own initiative (answers to offers are extra). */
const BOT_TURNS = 3;
/** How the practice table's bots weigh what they say (shared/bots/talk.ts) and the packages they name. */
const TALK_PERSONA = "pragmatist" as const;

export type PreviewStage = "briefing" | "negotiation" | "decisions" | "ended";

export class LocalSession implements TableSession {
  readonly kind = "local" as const;
  readonly code: string;
  readonly seat: PartyId;
  readonly name: string;
  readonly hostKey = "local";
  readonly scenario: Scenario = defaultScenario();
  private state: GameState;
  private readonly policies: Record<PartyId, Policy>;
  private readonly random: Random;
  private readonly turns = new Map<string, number>();
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private snapshot: Snapshot;
  /** The page shows this table as it would an online one: a window of now, earlier weeks from the record. */
  private readonly history = new HistoryFill(
    (q) => this.record(q),
    () => this.publish(),
  );

  constructor(options: SoloOptions) {
    const seed = options.seed ?? 20251010;
    const created = createGame(this.scenario, options.rounds === undefined ? { seed } : { seed, rounds: options.rounds });
    if (!created.ok) throw new Error(created.error.message);
    this.state = created.value;
    this.seat = options.party;
    this.name = options.name;
    this.code = `LOCAL${seed % 1000}`;
    const bot = options.difficulty === "easy" ? randomPolicy : greedyPolicy;
    this.policies = Object.fromEntries(PARTY_IDS.map((p) => [p, bot])) as Record<PartyId, Policy>;
    this.random = new Random(seedToRng(seed ^ 0x2545f491));
    this.snapshot = this.makeSnapshot();
  }

  current(): Snapshot {
    return this.snapshot;
  }

  subscribe(cb: (s: Snapshot) => void): () => void {
    this.listeners.add(cb);
    cb(this.snapshot);
    return () => this.listeners.delete(cb);
  }

  onConnection(_cb: (status: ConnectionStatus, detail: string) => void): () => void {
    return () => {};
  }

  async send(intent: PartyIntentInput): Promise<Reply> {
    const result = this.act({ ...intent, by: this.seat } as Action);
    if (!result.ok) return result;
    this.runBots();
    this.publish();
    return { ok: true };
  }

  async command(command: TableCommand): Promise<Reply> {
    if (command.type !== "begin" && command.type !== "advance" && command.type !== "inject")
      return { ok: false, error: { code: "bad_payload", message: "this practice table has no timers to pause or extend" } };
    const result = this.act({ ...command, by: "facilitator" } as Action);
    if (!result.ok) return result;
    this.runBots();
    this.publish();
    return { ok: true };
  }

  async record(query: RecordQuery): Promise<RecordResult> {
    const page = recordPage(this.scenario, this.state, this.seat, query);
    return page.ok ? { ok: true, page: page.value } : { ok: false, error: page.error };
  }

  async leave(): Promise<void> {
    this.listeners.clear();
  }

  /** Plays the human seat with its bot too, until the table reaches `stage` (for previews). */
  fastForward(stage: PreviewStage, round = 2): void {
    if (stage === "briefing") return;
    this.act({ type: "begin", by: "system" });
    const target = Math.min(round, this.state.config.rounds);
    const reached = () => this.state.stage === "ended" || (this.state.stage === stage && this.state.round >= target);
    let guard = 0;
    while (!reached() && guard++ < 200) {
      if (this.state.stage === "negotiation") {
        this.runBots();
        for (let turn = 0; turn < BOT_TURNS && this.state.stage === "negotiation"; turn++) {
          const intent = this.policies[this.seat].negotiate({ scenario: this.scenario, state: this.state, party: this.seat, random: this.random });
          this.act({ ...intent, by: this.seat } as Action);
          if (this.state.stage === "negotiation") this.runBots();
        }
        if (this.state.stage === "negotiation" && !this.state.parties[this.seat].ready) this.act({ type: "ready", by: this.seat });
        // Bots finish the week's talks (runBots would also decide, so stop at the stage change).
        for (const p of PARTY_IDS) if (this.state.stage === "negotiation" && !this.state.parties[p].ready) this.act({ type: "ready", by: p });
      } else if (this.state.stage === "decisions") {
        const week = this.state.round;
        for (const p of PARTY_IDS) {
          if (this.state.stage !== "decisions") break;
          if (stage === "decisions" && p === this.seat && week >= target) continue;
          if (this.state.parties[p].decision === null) this.botDecide(p);
        }
        if (stage === "decisions" && week >= target) break;
      } else break;
    }
    if (this.state.stage !== "ended") this.runBots();
    this.publish();
  }

  private act(action: Action): Reply {
    const next = apply(this.scenario, this.state, action);
    if (!next.ok) return { ok: false, error: next.error };
    this.state = next.value;
    return { ok: true };
  }

  private botDecide(p: PartyId): void {
    const chosen = this.policies[p].decide({ scenario: this.scenario, state: this.state, party: p, random: this.random });
    // A bot keeps the promises of a package it named in a message, as at the server.
    const decision = keepNamedPromises(this.scenario, viewFor(this.scenario, this.state, p), p, chosen);
    if (!this.act({ type: "decide", by: p, decision }).ok) this.act({ type: "decide", by: p, decision: defaultDecision() });
  }

  /** Lets every bot seat act until none has anything left to do this week. */
  private runBots(includeHuman = false): void {
    const bots = PARTY_IDS.filter((p) => includeHuman || p !== this.seat);
    for (let pass = 0; pass < 40; pass++) {
      let acted = false;
      // Replies and statements first, as at the server; a package a bot named is accepted as said.
      for (const p of bots) {
        const talk = nextTalk(this.scenario, viewFor(this.scenario, this.state, p), p, TALK_PERSONA);
        if (talk && this.act({ ...talk.intent, by: p } as Action).ok) acted = true;
      }
      if (this.state.stage === "negotiation") {
        for (const p of bots) {
          if (this.state.stage !== "negotiation") break;
          const key = `${this.state.round}:${p}`;
          const used = this.turns.get(key) ?? 0;
          const answering = offersAwaiting(this.state, p).length > 0;
          if (!answering && (this.state.parties[p].ready || used >= BOT_TURNS)) continue;
          const kept = answering ? keepQuotedWord(this.scenario, viewFor(this.scenario, this.state, p), p, TALK_PERSONA) : null;
          const intent = kept ? withNote(kept.intent, kept.reason) : this.policies[p].negotiate({ scenario: this.scenario, state: this.state, party: p, random: this.random });
          if (intent.type === "ready" && answering) continue;
          this.turns.set(key, used + 1);
          const done = this.act({ ...intent, by: p } as Action);
          if (!done.ok && !this.state.parties[p].ready) this.act({ type: "ready", by: p });
          acted = true;
        }
        for (const p of bots) {
          const key = `${this.state.round}:${p}`;
          if (this.state.stage === "negotiation" && !this.state.parties[p].ready && (this.turns.get(key) ?? 0) >= BOT_TURNS) {
            this.act({ type: "ready", by: p });
            acted = true;
          }
        }
      } else if (this.state.stage === "decisions") {
        for (const p of bots) {
          if (this.state.stage !== "decisions") break;
          if (this.state.parties[p].decision === null) {
            this.botDecide(p);
            acted = true;
          }
        }
      }
      if (!acted) break;
    }
  }

  private makeSnapshot(): Snapshot {
    const seats: Partial<Record<PartyId, SeatInfo>> = {};
    for (const p of PARTY_IDS) {
      const human = p === this.seat;
      seats[p] = {
        party: p,
        names: human ? [this.name] : [],
        connected: human ? 1 : 0,
        bot: !human,
        submittedBy: this.state.parties[p].decision !== null ? (human ? this.name : "Bot") : "",
      };
    }
    return {
      code: this.code,
      seat: this.seat,
      view: this.history.fill(windowView(viewFor(this.scenario, this.state, this.seat))),
      seats,
      timer: null,
      announcement: "",
    };
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const cb of this.listeners) cb(this.snapshot);
  }
}
