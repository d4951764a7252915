// Small mutations used while building the next state. They operate only on a fresh copy made by
// apply(); every value is clamped to its declared bounds here, so no rule can push a track out.
import { PARTY_IDS, type PartyId, type TrackKey } from "./ids.ts";
import type { Effect, Scenario } from "./scenario-schema.ts";
import type { CauseNote, Commitment, CommitmentStatus, GameState, NewsKind, Offer, PartyState } from "./state.ts";

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Rounds to two decimals so that sums of fractions stay byte-identical across replays. */
const tidy = (value: number) => Math.round(value * 100) / 100;

/**
 * The drafts that have copied their tracks (and so may change them in place). A draft shares the
 * tracks with the state it was copied from (apply.ts cloneState): most actions move none, and
 * this is the only place the rules move one, copying them first.
 */
const ownTracks = new WeakSet<GameState>();
/** The last draft found to own its tracks: resolving a week moves tracks dozens of times, on one draft. */
let tracksOwnedBy: GameState | null = null;

export function setTrack(scenario: Scenario, s: GameState, key: TrackKey, value: number): number {
  const spec = scenario.tracks[key];
  const before = s.tracks[key];
  if (s !== tracksOwnedBy) {
    if (!ownTracks.has(s)) {
      s.tracks = { ...s.tracks };
      ownTracks.add(s);
    }
    tracksOwnedBy = s;
  }
  s.tracks[key] = tidy(clamp(value, spec.min, spec.max));
  if (key === "remainsLocated" || key === "remainsReturned") {
    // Remains located and remains returned together never exceed the remains there are.
    const room = scenario.tracks.remainsReturned.max - s.tracks.remainsReturned;
    if (s.tracks.remainsLocated > room) s.tracks.remainsLocated = Math.max(0, room);
  }
  return s.tracks[key] - before;
}

/** Adds to a track within its bounds; returns the change actually made. */
export function addTrack(scenario: Scenario, s: GameState, key: TrackKey, delta: number): number {
  return setTrack(scenario, s, key, s.tracks[key] + delta);
}

/** Per draft, the parties whose state it has copied (and so may change in place). */
const ownParties = new WeakMap<GameState, Set<PartyId>>();
/** The last draft asked about, with its entry: the rules change one draft at a time, often many times. */
let partiesOf: { draft: GameState | null; own: Set<PartyId> } = { draft: null, own: new Set() };

/**
 * The draft's own copy of `party`'s state, to change. A draft shares the parties with the state it
 * was copied from (apply.ts cloneState): most actions change no party (talk, offers, answers), or
 * one (its `ready`, its decision). The first change copies the table of parties and that party.
 */
export function ownParty(s: GameState, party: PartyId): PartyState {
  let own = partiesOf.draft === s ? partiesOf.own : ownParties.get(s);
  if (!own) {
    s.parties = { ...s.parties };
    ownParties.set(s, (own = new Set()));
  }
  if (partiesOf.draft !== s) partiesOf = { draft: s, own };
  if (!own.has(party)) {
    s.parties[party] = { ...s.parties[party] };
    own.add(party);
  }
  return s.parties[party];
}

export function addPressure(s: GameState, party: PartyId, delta: number): void {
  const p = ownParty(s, party);
  p.pressure = tidy(clamp(p.pressure + delta, 0, 100));
}

/**
 * Per draft, the rows of trust it has copied already (and so may change in place). A draft shares
 * the trust table with the state it was copied from (apply.ts cloneState): most actions change no
 * trust, and this is the only place the rules change it, copying the table and the row first.
 */
const ownTrust = new WeakMap<GameState, Set<PartyId>>();

export function addTrust(s: GameState, from: PartyId, to: PartyId, delta: number): void {
  if (from === to) return;
  let own = ownTrust.get(s);
  if (!own) {
    s.trust = { ...s.trust };
    ownTrust.set(s, (own = new Set()));
  }
  if (!own.has(from)) {
    s.trust[from] = { ...s.trust[from] };
    own.add(from);
  }
  s.trust[from][to] = tidy(clamp(s.trust[from][to] + delta, 0, 100));
}

export function addNews(s: GameState, kind: NewsKind, text: string, parties: PartyId[] = [], status?: CommitmentStatus): void {
  appendTo(s, "news", status ? { round: s.round, kind, text, parties, status } : { round: s.round, kind, text, parties });
}

/**
 * The lists a copy shares with the state it was made from until something is added (apply.ts
 * cloneState): the record's long lists, and the week's short ones (the zones the force holds, the
 * week's events, every card drawn), which most actions leave alone too.
 */
export type SharedList = "messages" | "news" | "history" | "causes" | "isfZones" | "roundEvents" | "drawn";

/** Per draft, the shared lists it has already copied (and so may add to in place). */
const copied = new WeakMap<GameState, Partial<Record<SharedList, readonly unknown[]>>>();

/**
 * Adds `item` at the end of the draft's list `key`. A draft shares these lists with the state it
 * was copied from, which must not change: the first item added copies the list (with the item),
 * later ones go on that copy.
 */
export function appendTo<K extends SharedList>(s: GameState, key: K, item: GameState[K][number]): void {
  const list = s[key] as Array<GameState[K][number]>;
  if (copied.get(s)?.[key] === list) list.push(item);
  else keepAsOwn(s, key, list.concat([item]));
}

/**
 * The draft's own list `key`, to take items from its end: the list it shares with the state it was
 * copied from is copied first (once per draft, as appendTo does).
 */
export function ownShared<K extends SharedList>(s: GameState, key: K): Array<GameState[K][number]> {
  const list = s[key] as Array<GameState[K][number]>;
  return copied.get(s)?.[key] === list ? list : keepAsOwn(s, key, list.slice());
}

/** Puts `copy` in the draft as its own list `key` (appendTo and ownShared may then change it in place). */
function keepAsOwn<K extends SharedList>(s: GameState, key: K, copy: Array<GameState[K][number]>): Array<GameState[K][number]> {
  (s[key] as Array<GameState[K][number]>) = copy;
  let own = copied.get(s);
  if (!own) copied.set(s, (own = {}));
  own[key] = copy;
  return copy;
}

/** The lists whose items the rules change after adding them: open offers, pending commitments. */
export type ChangingList = "offers" | "commitments";

/** Per draft, its own copies of these lists (which it may add to) and of the items it has changed. */
const ownChanging = new WeakMap<GameState, { offers?: Offer[]; commitments?: Commitment[]; items: Set<object> }>();

/** The last draft asked about, with its entry (ownParty). */
let changingOf: { draft: GameState | null; own: { offers?: Offer[]; commitments?: Commitment[]; items: Set<object> } } = { draft: null, own: { items: new Set() } };

function ownership(s: GameState) {
  if (changingOf.draft === s) return changingOf.own;
  let own = ownChanging.get(s);
  if (!own) ownChanging.set(s, (own = { items: new Set() }));
  changingOf = { draft: s, own };
  return own;
}

/**
 * The draft's own list of offers or commitments, to add to or to put a changed item in. A draft
 * shares both lists, and every item in them, with the state it was copied from (apply.ts
 * cloneState), which must not change: the first change copies the list; later ones use that copy.
 */
export function ownList<K extends ChangingList>(s: GameState, key: K): GameState[K] {
  const own = ownership(s);
  const list = s[key];
  if (own[key] === list) return list;
  const copy = list.slice() as GameState[K];
  s[key] = copy;
  own[key] = copy as never;
  return copy;
}

/**
 * Adds `items` at the end of the draft's list of offers or commitments (ownList): the first
 * addition copies the shared list with the items in one array of their size, where a copy and then
 * a push made the copy twice (the push grows it by half again) and kept the room it left. The list
 * lives as long as its state, which at a loaded server is alive at the next scavenge.
 */
export function addTo<K extends ChangingList>(s: GameState, key: K, items: ReadonlyArray<GameState[K][number]>): void {
  const own = ownership(s);
  const list = s[key] as Array<GameState[K][number]>;
  if (own[key] === list) {
    for (let i = 0; i < items.length; i++) list.push(items[i]!);
    return;
  }
  const copy = list.concat(items) as GameState[K];
  s[key] = copy;
  own[key] = copy as never;
}

/**
 * The draft's own copy of `offer`, one of its offers, to change: made and put in its place the
 * first time, the same copy after that. Its lists of acceptances and of notes are the offer's
 * until a rule adds to one, which replaces it with a new list (offer-book.ts accept, addNote).
 */
export function ownOffer(s: GameState, offer: Offer): Offer {
  return ownItem(s, "offers", offer, (o) => ({ ...o }));
}

/** The draft's own copy of `commitment`, one of its commitments, to change (ownOffer). */
export function ownCommitment(s: GameState, commitment: Commitment): Commitment {
  return ownItem(s, "commitments", commitment, (c) => ({ ...c }));
}

function ownItem<K extends ChangingList>(s: GameState, key: K, item: GameState[K][number], copyOf: (item: GameState[K][number]) => GameState[K][number]): GameState[K][number] {
  const own = ownership(s);
  if (own.items.has(item)) return item;
  const list = ownList(s, key) as Array<GameState[K][number]>;
  // What the rules change is recent (this week's offers and commitments): looked for from the end.
  const at = list.lastIndexOf(item);
  if (at < 0) throw new Error(`ownItem: the item is not one of the draft's ${key}`);
  const copy = copyOf(item);
  list[at] = copy;
  own.items.add(copy);
  return copy;
}

export function addCause(s: GameState, factor: string, sign: 1 | -1, text: string, parties: PartyId[] = []): void {
  const note: CauseNote = { round: s.round, factor, text, parties, sign };
  appendTo(s, "causes", note);
}

export function applyEffect(scenario: Scenario, s: GameState, effect: Effect): void {
  if ("track" in effect) {
    if ("set" in effect) setTrack(scenario, s, effect.track, effect.set);
    else addTrack(scenario, s, effect.track, effect.delta);
  } else if ("pressure" in effect) {
    const parties = effect.pressure === "all" ? PARTY_IDS : [effect.pressure];
    for (const p of parties) addPressure(s, p, effect.delta);
  } else {
    const froms = effect.trust.from === "all" ? PARTY_IDS : [effect.trust.from];
    const tos = effect.trust.to === "all" ? PARTY_IDS : [effect.trust.to];
    for (const f of froms) for (const t of tos) addTrust(s, f, t, effect.delta);
  }
}

/** Outside pressure has diminishing returns: a government already under heavy strain bends no further. */
export const PRESSURE_CEILING = 75;
export function pressParty(s: GameState, target: PartyId, amount: number): void {
  if (s.parties[target].pressure < PRESSURE_CEILING) addPressure(s, target, Math.min(amount, PRESSURE_CEILING - s.parties[target].pressure));
}
