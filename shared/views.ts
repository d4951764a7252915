// The only place views are made. A seat sees the public table plus its own secrets and the offers,
// commitments and messages it is party to; a spectator sees only the public table; the facilitator
// sees everything. Once the game has ended, every view reveals everything for the debrief.
import { PARTY_IDS, type PartyId, type Viewer, type ZoneId, type TrackKey, type OutcomeId, type Stage } from "./ids.ts";
import type { RedLine, Scenario } from "./scenario-schema.ts";
import type { Commitment, Decision, GameState, Message, NewsItem, Offer, RoundRecord, ScoreBreakdown } from "./state.ts";
import { holds, sameConditionInputs } from "./metrics.ts";
import { explainOutcome, type Explanation } from "./outcome.ts";
import type { RecordOnly } from "./view-window.ts";
import { ObjectMemo } from "./object-memo.ts";

export interface ObjectiveView {
  id: string;
  text: string;
  points: number;
  /** Whether it holds on the current state (a forecast until the game ends). */
  met: boolean;
}

export interface PrivateView {
  party: PartyId;
  objectives: ObjectiveView[];
  pressure: number;
  /** The party's pressure at the close of each week so far (its start value is the scenario's). */
  pressureByWeek: number[];
  leverage: number;
  redLines: RedLine[];
  decision: Decision | null;
  draft: Decision | null;
  defaulted: boolean;
}

export interface PublicView {
  scenarioId: string;
  round: number;
  rounds: number;
  phase: 1 | 2 | 3;
  stage: Stage;
  tracks: Record<TrackKey, number>;
  isfZones: ZoneId[];
  trust: Record<PartyId, Record<PartyId, number>>;
  roundEvents: string[];
  news: NewsItem[];
  history: RoundRecord[];
  /** Who has said they are done negotiating, and who has decided (never what). */
  ready: PartyId[];
  decided: PartyId[];
  outcome: OutcomeId | null;
  scores: Record<PartyId, ScoreBreakdown> | null;
  winners: PartyId[];
}

export interface TableView extends PublicView {
  viewer: Viewer;
  /** Offers, commitments and messages the viewer may see. Public statements are in `messages` for all. */
  offers: Offer[];
  commitments: Commitment[];
  messages: Message[];
  /** The viewer's own secrets; every party's for the facilitator or after the end. */
  private: Partial<Record<PartyId, PrivateView>>;
  explanation: Explanation | null;
  /**
   * How many items of each list the viewer may see are left out of this view and kept in the
   * record (shared/view-window.ts, shared/record.ts); absent when nothing was left out.
   */
  recordOnly?: RecordOnly;
  /**
   * When the window of offers is not simply the newest (it keeps older open offers the viewer must
   * answer or may withdraw): the number the viewer knows each of `offers` by, in the same order
   * (shared/offer-numbers.ts). Absent otherwise.
   */
  offerPlaces?: number[];
}

// A party's secrets change far less often than the state: a message, a statement or another
// party's offer leaves them as they were. The last private view made for each party of a game is
// kept (found through the party's objectives list, made once per game and shared by all its states)
// and given again while every field is the same, so what is derived from it — its wire form
// (shared/wire-view.ts) — is made once, not once per action. The state it was last given for is
// kept with it: the facilitator's view of a state asks for every party's right after their seats.
const lastPrivate = new ObjectMemo<readonly string[], { scenario: Scenario; view: PrivateView; state: GameState; own?: Partial<Record<PartyId, PrivateView>>; every?: Partial<Record<PartyId, PrivateView>> }>();

/** A scenario's objectives by id, made once per scenario (every private view looks its party's up). */
const objectiveIndex = new ObjectMemo<Scenario, Map<string, Scenario["objectives"][number]>>();

function objectivesOf(scenario: Scenario): Map<string, Scenario["objectives"][number]> {
  let index = objectiveIndex.get(scenario);
  if (!index) {
    index = new Map();
    // The first objective of an id wins, as `find` would.
    for (const o of scenario.objectives) if (!index.has(o.id)) index.set(o.id, o);
    objectiveIndex.set(scenario, index);
  }
  return index;
}

function privateView(scenario: Scenario, state: GameState, party: PartyId): PrivateView {
  const p = state.parties[party];
  const last = lastPrivate.get(p.objectives);
  // The same state asked again (the party's seat, then the facilitator): the view just given.
  if (last && last.scenario === scenario && last.state === state) return last.view;
  const byId = objectivesOf(scenario);
  // Usually nothing the seat sees has changed: that is checked objective by objective against the
  // last view, and the view given again, without making the lists a new view needs.
  if (last && last.scenario === scenario && samePrivate(last.view, p, scenario.parties[party].redLines) && (sameInputs(last.state, state) || sameMet(last.view, scenario, state, byId))) {
    last.state = state;
    return last.view;
  }
  const view: PrivateView = {
    party,
    objectives: p.objectives.map((id) => {
      const o = byId.get(id);
      return { id, text: o?.text ?? id, points: o?.points ?? 0, met: o ? holds(scenario, state, o.condition, state.outcome) : false };
    }),
    pressure: p.pressure,
    pressureByWeek: p.pressureByWeek,
    leverage: p.leverage,
    redLines: scenario.parties[party].redLines,
    decision: p.decision,
    draft: p.draft,
    defaulted: p.defaulted,
  };
  lastPrivate.set(p.objectives, { scenario, view, state });
  return view;
}

/**
 * Whether every objective's condition has the same answer in `state` as in `before` (metrics.ts
 * sameConditionInputs), the last pair's answer kept: each party's view asks it of the same two
 * states after an action.
 */
let compared: { before: GameState; state: GameState; same: boolean } | null = null;
function sameInputs(before: GameState, state: GameState): boolean {
  if (compared === null || compared.before !== before || compared.state !== state) compared = { before, state, same: sameConditionInputs(before, state) };
  return compared.same;
}

/** Whether each objective of `view` (the same party's, of the same game) is met in `state` as it says. */
function sameMet(view: PrivateView, scenario: Scenario, state: GameState, byId: Map<string, Scenario["objectives"][number]>): boolean {
  const shown = view.objectives;
  for (let i = 0; i < shown.length; i++) {
    const o = byId.get(shown[i]!.id);
    if ((o ? holds(scenario, state, o.condition, state.outcome) : false) !== shown[i]!.met) return false;
  }
  return true;
}

/** Whether `view` (made for the same party, game and scenario) still shows the party as it is, its objectives aside. */
function samePrivate(view: PrivateView, p: GameState["parties"][PartyId], redLines: RedLine[]): boolean {
  if (view.pressure !== p.pressure || view.leverage !== p.leverage || view.defaulted !== p.defaulted) return false;
  if (view.decision !== p.decision || view.draft !== p.draft || view.redLines !== redLines) return false;
  if (view.objectives.length !== p.objectives.length) return false;
  const weeks = p.pressureByWeek;
  if (view.pressureByWeek === weeks) return true;
  if (view.pressureByWeek.length !== weeks.length) return false;
  for (let i = 0; i < weeks.length; i++) if (view.pressureByWeek[i] !== weeks[i]) return false;
  return true;
}

/**
 * Views share structure with the (immutable) state and with each other: treat them as read-only.
 * The public part of one state is built once however many views of it are asked for.
 */
const publicCache = new WeakMap<GameState, PublicView>();
const explanationCache = new WeakMap<GameState, Explanation>();

export function publicView(state: GameState): PublicView {
  const cached = publicCache.get(state);
  if (cached) return cached;
  const made = buildPublicView(state);
  publicCache.set(state, made);
  return made;
}

function buildPublicView(state: GameState): PublicView {
  return {
    scenarioId: state.scenarioId,
    round: state.round,
    rounds: state.config.rounds,
    phase: state.phase,
    stage: state.stage,
    // A copy made once per state: shared/wire-view.ts finds a state's base JSON by it.
    tracks: { ...state.tracks },
    // The state's own: a state never changes once made (the rules copy the zones before changing
    // them, shared/draft-ops.ts), so its views may hold them as they are.
    isfZones: state.isfZones,
    trust: state.trust,
    roundEvents: state.roundEvents,
    news: state.news,
    history: state.history,
    ready: PARTY_IDS.filter((p) => state.parties[p].ready),
    decided: PARTY_IDS.filter((p) => state.parties[p].decision !== null),
    outcome: state.outcome,
    scores: state.scores,
    winners: state.winners,
  };
}

/** Which offers, commitments and messages a viewer may see (everything, for the facilitator or after the end). */
export interface Visibility {
  all: boolean;
  offer(o: Offer): boolean;
  commitment(c: Commitment): boolean;
  message(m: Message): boolean;
}

/** Each viewer's visibility, with and without everything shown: they depend on nothing else, and are asked for after every action. */
const visibilities = { some: new Map<Viewer, Visibility>(), all: new Map<Viewer, Visibility>() };

export function visibilityFor(state: GameState, viewer: Viewer): Visibility {
  const all = viewer === "facilitator" || state.stage === "ended";
  const made = all ? visibilities.all : visibilities.some;
  let see = made.get(viewer);
  if (!see) made.set(viewer, (see = makeVisibility(viewer, all)));
  return see;
}

function makeVisibility(viewer: Viewer, all: boolean): Visibility {
  const seat = viewer !== "spectator" && viewer !== "facilitator" ? viewer : null;
  return {
    all,
    offer: (o) => all || (seat !== null && (o.proposer === seat || o.recipients.includes(seat))),
    commitment: (c) => all || (seat !== null && (c.party === seat || c.counterparties.includes(seat))),
    message: (m) => m.to === "all" || all || (seat !== null && (m.from === seat || m.to === seat)),
  };
}

export function viewFor(scenario: Scenario, state: GameState, viewer: Viewer): TableView {
  const see = visibilityFor(state, viewer);
  return viewWith(scenario, state, viewer, {
    offers: state.offers.filter(see.offer),
    commitments: state.commitments.filter(see.commitment),
    messages: state.messages.filter(see.message),
  });
}

/**
 * The viewer's view with the offers, commitments and messages given (those it may see, or a window
 * of them: shared/view-window.ts), everything else as viewFor makes it.
 */
export function viewWith(scenario: Scenario, state: GameState, viewer: Viewer, lists: Pick<TableView, "offers" | "commitments" | "messages">): TableView {
  return {
    ...publicView(state),
    viewer,
    offers: lists.offers,
    commitments: lists.commitments,
    messages: lists.messages,
    private: privatesFor(scenario, state, viewer),
    explanation: state.stage === "ended" ? explanationOf(scenario, state) : null,
  };
}

/** The parties' private views `viewer` may see: its own seat's; every party's for the facilitator, and for everyone once the game has ended. */
export function privatesFor(scenario: Scenario, state: GameState, viewer: Viewer): TableView["private"] {
  const all = viewer === "facilitator" || state.stage === "ended";
  const seat = viewer !== "spectator" && viewer !== "facilitator" ? viewer : null;
  if (seat && !all) {
    // A seat's own secrets alone: the same object while its private view is the same (views are
    // read-only), as the server asks for every watched seat's after every action.
    const view = privateView(scenario, state, seat);
    const entry = lastPrivate.get(state.parties[seat].objectives);
    if (entry?.view !== view) return { [seat]: view };
    return (entry.own ??= { [seat]: view });
  }
  if (!all) return {};
  // Every party's (the facilitator's, or anyone's once the game has ended): the last such object
  // given for this game while every party's private view is the same, as for a seat's own above.
  const views: PrivateView[] = [];
  let same = true;
  const entry = lastPrivate.get(state.parties[PARTY_IDS[0]!].objectives);
  const kept = entry?.every;
  for (let i = 0; i < PARTY_IDS.length; i++) {
    const view = privateView(scenario, state, PARTY_IDS[i]!);
    views.push(view);
    if (kept?.[PARTY_IDS[i]!] !== view) same = false;
  }
  if (same && kept) return kept;
  const privates: Partial<Record<PartyId, PrivateView>> = {};
  for (let i = 0; i < PARTY_IDS.length; i++) privates[PARTY_IDS[i]!] = views[i]!;
  // (The first party's entry is the one just brought up to date by privateView.)
  const first = lastPrivate.get(state.parties[PARTY_IDS[0]!].objectives);
  if (first) first.every = privates;
  return privates;
}

function explanationOf(scenario: Scenario, state: GameState): Explanation {
  const cached = explanationCache.get(state);
  if (cached) return cached;
  const made = explainOutcome(scenario, state);
  explanationCache.set(state, made);
  return made;
}
