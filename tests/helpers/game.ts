// Helpers for driving a table through the reducer in tests: start a game, play actions that must
// succeed, and try actions that must fail without touching the state. Framework-agnostic (throws
// plain errors) so the same helpers work in throwaway scripts.
import {
  apply,
  createGame,
  defaultScenario,
  parseAction,
  PARTY_IDS,
  type Action,
  type DecisionInput,
  type GameOptions,
  type GameState,
  type Obligation,
  type PartyId,
  type Result,
  type RuleError,
  type Scenario,
  type TermKind,
  type TrackKey,
} from "../../shared/index.ts";

export const scenario: Scenario = defaultScenario();

/** An action as a client would send it (defaults may be left out). */
export type Input = { type: string; by: string } & Record<string, unknown>;

/** One party's part of a package, e.g. give("hamas", "release_hostages", 20). */
export function give(party: PartyId, kind: TermKind, param?: number | string): Obligation {
  if (param === undefined) return { party, term: { kind } };
  return typeof param === "number" ? { party, term: { kind, amount: param } } : { party, term: { kind, option: param } };
}

export const json = (value: unknown) => JSON.stringify(value);

export class Table {
  readonly scenario: Scenario;
  readonly options: GameOptions;
  state: GameState;
  /** Every accepted action, as parsed: the game's log for replay(). */
  readonly log: Action[] = [];

  constructor(options: GameOptions = { seed: 1 }, sc: Scenario = scenario) {
    const created = createGame(sc, options);
    if (!created.ok) throw new Error(`createGame failed: ${created.error.code} ${created.error.message}`);
    this.scenario = sc;
    this.options = options;
    this.state = created.value;
  }

  /** A game past its briefing, in the negotiation of week 1. */
  static begin(options: GameOptions = { seed: 1 }, sc: Scenario = scenario): Table {
    return new Table(options, sc).play({ type: "begin", by: "system" });
  }

  get tracks(): Record<TrackKey, number> {
    return this.state.tracks;
  }

  /** Applies one input; on success the table moves on and the action is logged. */
  try(input: unknown): Result<GameState> {
    const result = apply(this.scenario, this.state, input);
    if (result.ok) {
      const parsed = parseAction(input);
      if (!parsed.ok) throw new Error("apply accepted an action that parseAction refuses");
      this.log.push(parsed.value);
      this.state = result.value;
    }
    return result;
  }

  /** Plays inputs that must all be accepted. */
  play(...inputs: Input[]): this {
    for (const input of inputs) {
      const result = this.try(input);
      if (!result.ok)
        throw new Error(`expected ${json(input)} to be accepted, got ${result.error.code}: ${result.error.message}`);
    }
    return this;
  }

  /**
   * Tries an input that must be refused with `code`; checks that the state is untouched and
   * returns the error for further checks.
   */
  refuse(input: unknown, code: RuleError["code"]): RuleError {
    const before = json(this.state);
    const result = apply(this.scenario, this.state, input);
    if (result.ok) throw new Error(`expected ${json(input)} to be refused with ${code}, but it was accepted`);
    if (result.error.code !== code)
      throw new Error(`expected ${code} for ${json(input)}, got ${result.error.code}: ${result.error.message}`);
    if (json(this.state) !== before) throw new Error("a refused action changed the state");
    return result.error;
  }

  /** Proposes a package and returns the new offer's id. */
  propose(by: PartyId, to: PartyId[], obligations: Obligation[], note = ""): number {
    const id = this.state.nextId;
    this.play({ type: "propose", by, to, obligations, note });
    return id;
  }

  /** Proposes a package that every recipient accepts at once; returns the offer id. */
  deal(by: PartyId, to: PartyId[], obligations: Obligation[]): number {
    const id = this.propose(by, to, obligations);
    for (const r of to) this.play({ type: "accept", by: r, offerId: id });
    return id;
  }

  offer(id: number) {
    const offer = this.state.offers.find((o) => o.id === id);
    if (!offer) throw new Error(`no offer ${id}`);
    return offer;
  }

  commitmentsOf(offerId: number) {
    return this.state.commitments.filter((c) => c.offerId === offerId);
  }

  /** Every party not yet ready says it is done negotiating. */
  readyAll(): this {
    for (const p of PARTY_IDS) if (this.state.stage === "negotiation" && !this.state.parties[p].ready) this.play({ type: "ready", by: p });
    return this;
  }

  /** Every party decides (empty decision unless given); the last decision resolves the week. */
  decideAll(decisions: Partial<Record<PartyId, DecisionInput>> = {}): this {
    for (const p of PARTY_IDS) this.play({ type: "decide", by: p, decision: decisions[p] ?? {} });
    return this;
  }

  /** Finishes the week: ready, then the given decisions. */
  week(decisions: Partial<Record<PartyId, DecisionInput>> = {}): this {
    return this.readyAll().decideAll(decisions);
  }

  /** The tracks recorded at the end of the last resolved week (before the next event card). */
  get lastWeek() {
    const record = this.state.history[this.state.history.length - 1];
    if (!record) throw new Error("no week has been resolved yet");
    return record;
  }
}

/** The Phase One exchange: all 20 living hostages for detainees (1,000 opens Phase Two). */
export function exchangeDeal(t: Table, detainees = 1000, hostages = 20): number {
  return t.deal("israel", ["hamas"], [give("israel", "release_detainees", detainees), give("hamas", "release_hostages", hostages)]);
}

/**
 * Israel opens the crossings to 800 trucks and admits the agencies (aid then meets its target and
 * steadies the ceasefire); the Mediators host the talks in return.
 */
export function aidDeal(t: Table): number {
  return t.deal("israel", ["mediators"], [give("israel", "open_crossings", 800), give("israel", "admit_agencies"), give("mediators", "host_talks")]);
}

/** A quiet week: Israel shows restraint, Hamas complies, nothing else. */
export const calm = { israel: { moves: ["israel_restraint" as const] }, hamas: { moves: ["hamas_comply" as const] } };

/** A table in week 2, Phase Two, after the Phase One exchange (all decisions left empty). */
export function phaseTwo(options: GameOptions = { seed: 1 }): Table {
  const t = Table.begin(options);
  exchangeDeal(t);
  t.week();
  if (t.state.phase !== 2 || t.state.stage !== "negotiation") throw new Error("the exchange did not open Phase Two");
  return t;
}
