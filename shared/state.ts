// The one canonical game state: plain, JSON-safe data (no Maps, no undefined, no classes), so a
// state can be cloned, hashed, stored and compared byte for byte after a replay.
import type {
  DdrElement,
  Mandate,
  MoveId,
  OutcomeId,
  PartyId,
  Stage,
  TermKind,
  TrackKey,
  WeaponCategory,
  ZoneId,
} from "./ids.ts";

export interface Term {
  kind: TermKind;
  /** For terms with an amount parameter. */
  amount?: number;
  /** For terms with a choice parameter. */
  option?: string;
}

/** One party's part of a package: `party` will do `term`. */
export interface Obligation {
  party: PartyId;
  term: Term;
}

export type OfferStatus = "open" | "accepted" | "rejected" | "withdrawn" | "countered" | "expired";

export interface Offer {
  id: number;
  round: number;
  proposer: PartyId;
  /** Every party that must accept before the package binds. */
  recipients: PartyId[];
  obligations: Obligation[];
  acceptedBy: PartyId[];
  status: OfferStatus;
  /** The offer this one counters, if any. */
  counterOf: number | null;
  note: string;
  /** What each party said when it answered (accepted, rejected or countered). */
  notes: Array<{ party: PartyId; text: string }>;
  /** Who closed it (rejected, withdrew or countered), when closed by a party. */
  closedBy: PartyId | null;
  reason: string;
}

export type CommitmentStatus = "pending" | "honoured" | "partial" | "broken";

export interface Commitment {
  id: number;
  offerId: number;
  round: number;
  party: PartyId;
  term: Term;
  /** The other parties to the package, who lose trust if it is broken. */
  counterparties: PartyId[];
  status: CommitmentStatus;
  /** For amounts: how much was actually delivered. */
  delivered: number;
}

export interface Message {
  id: number;
  round: number;
  from: PartyId;
  /** A party for a private message, "all" for a public statement. */
  to: PartyId | "all";
  text: string;
}

export interface Decision {
  /** Ids of this round's commitments the party breaks; every other one it honours. */
  breaks: number[];
  moves: MoveId[];
  /** Extra ISF troops pledged this week (contributors only). */
  pledge: number;
  /** New ISF mandate (Board of Peace only); null keeps the current one. */
  mandate: Exclude<Mandate, "none"> | null;
  /** Zones the ISF deploys into this week (Board of Peace only). */
  zones: ZoneId[];
  /** Percentage points decommissioned this week (Hamas only). */
  decommission: Record<WeaponCategory, number>;
  /** Roadmap elements the party puts in place this week. */
  ddr: DdrElement[];
}

export interface PartyState {
  /** Secret objective ids, dealt from the party's pool. */
  objectives: string[];
  /** Domestic pressure, 0–100: higher is worse for the party. */
  pressure: number;
  /** How much the party still holds that others want, 0–10. */
  leverage: number;
  /** Done negotiating this round. */
  ready: boolean;
  decision: Decision | null;
  /** Whether the decision was filled in at the deadline (the team's draft, or the stand-in). */
  defaulted: boolean;
  /** A team's work in progress, visible only to the seat. */
  draft: Decision | null;
  /** Domestic pressure at the close of each week resolved: the party's own trend, seen only by it. */
  pressureByWeek: number[];
}

export type NewsKind =
  | "event"
  | "commitment"
  | "move"
  | "isf"
  | "disarmament"
  | "aid"
  | "flare_up"
  | "phase"
  | "outcome"
  | "statement";

export interface NewsItem {
  round: number;
  kind: NewsKind;
  text: string;
  parties: PartyId[];
  /** For a commitment's news: how it resolved (the first party is the one who promised). */
  status?: CommitmentStatus;
}

/** A causal note kept during resolution, for the debrief's explanation. */
export interface CauseNote {
  round: number;
  factor: string;
  text: string;
  parties: PartyId[];
  /** Positive when it helped the ceasefire, negative when it hurt it. */
  sign: 1 | -1;
}

export interface RoundRecord {
  round: number;
  tracks: Record<TrackKey, number>;
  trustIsraelHamas: number;
  flareUp: boolean;
  eventIds: string[];
  offersMade: number;
  offersAccepted: number;
  honoured: number;
  broken: number;
  /** Seats whose decisions were filled in at the deadline (draft or stand-in). */
  defaulted: PartyId[];
}

export interface ScoreBreakdown {
  objectives: number;
  standing: number;
  outcome: number;
  total: number;
  objectivesMet: string[];
}

export interface GameConfig {
  seed: number;
  rounds: number;
  /**
   * A classroom session's event deck (shared/session-deck.ts): the card of week w is `deck[w - 1]`
   * ("" for a quiet week). Absent: the table draws its own cards from its state.
   */
  deck?: string[];
}

export interface GameState {
  scenarioId: string;
  config: GameConfig;
  /** State of the seeded generator; all randomness comes from here. */
  rng: number;
  round: number;
  phase: 1 | 2 | 3;
  stage: Stage;
  tracks: Record<TrackKey, number>;
  isfZones: ZoneId[];
  /** trust[a][b]: how far a trusts b, 0–100. */
  trust: Record<PartyId, Record<PartyId, number>>;
  parties: Record<PartyId, PartyState>;
  /** Event cards of the current round (the draw, plus any injected). */
  roundEvents: string[];
  /** Every card drawn so far; the deck is drawn without replacement. */
  drawn: string[];
  offers: Offer[];
  commitments: Commitment[];
  messages: Message[];
  news: NewsItem[];
  causes: CauseNote[];
  history: RoundRecord[];
  nextId: number;
  outcome: OutcomeId | null;
  scores: Record<PartyId, ScoreBreakdown> | null;
  winners: PartyId[];
}
