// The only place views are made. A seat sees the public table plus its own secrets and the offers,
// commitments and messages it is party to; a spectator sees only the public table; the facilitator
// sees everything. Once the game has ended, every view reveals everything for the debrief.
import { PARTY_IDS, type PartyId, type Viewer, type ZoneId, type TrackKey, type OutcomeId, type Stage } from "./ids.ts";
import type { RedLine, Scenario } from "./scenario-schema.ts";
import type { Commitment, Decision, GameState, Message, NewsItem, Offer, RoundRecord, ScoreBreakdown } from "./state.ts";
import { holds } from "./metrics.ts";
import { explainOutcome, type Explanation } from "./outcome.ts";
import type { RecordOnly } from "./view-window.ts";

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

function privateView(scenario: Scenario, state: GameState, party: PartyId): PrivateView {
  const p = state.parties[party];
  return {
    party,
    objectives: p.objectives.map((id) => {
      const o = scenario.objectives.find((x) => x.id === id);
      return {
        id,
        text: o?.text ?? id,
        points: o?.points ?? 0,
        met: o ? holds(scenario, state, o.condition, state.outcome) : false,
      };
    }),
    pressure: p.pressure,
    pressureByWeek: p.pressureByWeek,
    leverage: p.leverage,
    redLines: scenario.parties[party].redLines,
    decision: p.decision,
    draft: p.draft,
    defaulted: p.defaulted,
  };
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
    tracks: { ...state.tracks },
    isfZones: [...state.isfZones],
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

const involves = (o: Offer, p: PartyId) => o.proposer === p || o.recipients.includes(p);

export function viewFor(scenario: Scenario, state: GameState, viewer: Viewer): TableView {
  const all = viewer === "facilitator" || state.stage === "ended";
  const seat = viewer !== "spectator" && viewer !== "facilitator" ? viewer : null;
  const canSee = (parties: PartyId[]) => all || (seat !== null && parties.includes(seat));
  const privates: Partial<Record<PartyId, PrivateView>> = {};
  for (const p of PARTY_IDS) if (all || p === seat) privates[p] = privateView(scenario, state, p);
  return {
    ...publicView(state),
    viewer,
    offers: state.offers.filter((o) => all || (seat !== null && involves(o, seat))),
    commitments: state.commitments.filter((c) => canSee([c.party, ...c.counterparties])),
    messages: state.messages.filter((m) => m.to === "all" || canSee([m.from, m.to as PartyId])),
    private: privates,
    explanation: state.stage === "ended" ? explanationOf(scenario, state) : null,
  };
}

function explanationOf(scenario: Scenario, state: GameState): Explanation {
  const cached = explanationCache.get(state);
  if (cached) return cached;
  const made = explainOutcome(scenario, state);
  explanationCache.set(state, made);
  return made;
}
