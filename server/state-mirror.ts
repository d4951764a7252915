// The ONLY module that writes the synced Colyseus state. Everything in it is derived: the views come
// from shared's views (viewFor, the one place views are made, cut to its window by
// windowedViewFor), the seats from seats.ts, the timer from table-clock.ts. Nothing is kept here
// that the engine state or the seats do not already hold, so the mirror cannot drift from the game. Secrets travel only in `.view()` fields, and each client's
// StateView is granted here too, so what a client may see is decided in one place.
import { StateView, type ArraySchema } from "@colyseus/schema";
import type { Client } from "@colyseus/core";
import { BaseMemo, baseOf, changingSecretsJson, forgetJsonOf, inRecordJson, ITEM_JSON, lastingSecretsJson, partyBits, sameInRecord, sameLastingSecrets, type WireSection } from "../shared/wire-view.ts";
import { forgetWindows, NOTHING_IN_RECORD, sameSecrets, windowedSectionFor, windowedViewFor, type SectionView } from "../shared/view-window.ts";
import type { TableView } from "../shared/views.ts";
import { PARTY_IDS, type PartyId, type Viewer } from "../shared/ids.ts";
import type { GameState } from "../shared/state.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import type { SeatRole } from "../shared/protocol.ts";
import type { SeatSummary } from "./seats.ts";
import type { TimerSnapshot } from "./table-clock.ts";
import { FacilitatorSchema, SeatSchema, SectionSchema, TableState, TimerSchema } from "./table-schema.ts";
import { OpenReaders } from "./open-readers.ts";

export interface MirrorInput {
  scenario: Scenario;
  game: GameState;
  seats: Record<PartyId, SeatSummary & { submittedBy: string }>;
  timer: TimerSnapshot;
  announcement: string;
  /** Viewers with a connected client: only their private views are worth making now. */
  watched: ReadonlySet<Viewer>;
}

export class StateMirror {
  readonly state: TableState;
  /** The engine state each view was last made from: a view is remade only when it changed. */
  #madeFrom = new Map<Viewer, GameState>();
  #publicFrom: GameState | null = null;
  /** The engine state the spectators' section was last written from (it is written only while read). */
  #openFrom: GameState | null = null;
  /** The public base's JSON, kept while the public table is unchanged (shared/wire-view.ts). */
  #base = new BaseMemo();
  /** The windows of news and history last written into the synced lists. */
  #newsFrom: readonly object[] | null = null;
  #historyFrom: readonly object[] | null = null;
  /** Whether the last state written had ended (its windows' memory is then forgotten once). */
  #endedSeen = false;
  /** Runs before every write: a patch held back for its sender (sender-first-serializer.ts) is finished first. */
  beforeWrite: () => void = () => {};
  /** What was last written where, kept beside the synced state (see Written). */
  #written: Written;
  /** Who is given the spectators' section: spectators, and everyone once the game has ended. */
  #openReaders: OpenReaders;

  constructor(code: string) {
    const state = emptyTableState(code);
    this.state = state;
    this.#written = writtenOf(state);
    this.#openReaders = new OpenReaders(state);
  }

  /** Lets `client` receive what its seat may see: its party's section, everything, or the public table only. */
  grant(client: Client, role: SeatRole): void {
    client.view = this.viewFor(role);
  }

  /** A new view of what `role` may see, kept up to date as the game ends or is rolled back (see grant). */
  viewFor(role: SeatRole): StateView {
    const view = new StateView();
    if (role === "facilitator") view.add(this.state.facilitator);
    else if (role !== "spectator") {
      const seat = this.state.seats.get(role);
      if (seat) view.add(seat);
    }
    this.#openReaders.admit(view, role);
    return view;
  }

  /** The client has left for good: free its view (its slot would otherwise wait for a GC). */
  revoke(client: Client): void {
    if (client.view) this.release(client.view);
  }

  /** A view made by viewFor is no longer used: it is no longer kept up to date, and its slot is freed. */
  release(view: StateView): void {
    this.#openReaders.forget(view);
    view.dispose();
  }

  /**
   * Brings the synced state up to date with `input`. With `first` (the viewer of the person whose
   * message is being answered), only the public table, the seats, the clock and `first`'s own
   * section are written now: the other viewers' sections are left to the function returned, so
   * the sender's patch can leave before they are made (server/sender-first-serializer.ts). It must
   * run before anything else changes the synced state; without `first` there is nothing left to do.
   */
  update(input: MirrorInput, first?: Viewer): () => void {
    this.beforeWrite();
    const { state } = this;
    const ended = input.game.stage === "ended";
    // The public table (base, news and history) always: everyone receives it. The spectators' section
    // only while someone reads it: a spectator is connected (a watcher, a teacher's projector), or the
    // game has ended and everyone is given it (server/open-readers.ts). A private section only while
    // someone in that seat is connected: a bot's seat or an empty facilitator chair has nobody to send
    // it to. Most tables have no spectator (a solo game, a class at its seats): their every public
    // change made and synced the section's lists for nobody. A section left alone is made the moment
    // someone arrives (before their first patch, and before their whole state is made: a join or a
    // reconnection mirrors the table first, server/table-session.ts), so nothing is missing from what
    // they receive and nothing comes twice. Left alone, it stays as it was last written, unsent.
    const openRead = ended || input.watched.has("spectator");
    if (this.#publicFrom !== input.game) {
      this.#publicFrom = input.game;
      const view = windowedViewFor(input.scenario, input.game, "spectator");
      const written = this.#written;
      const base = baseOf(view, this.#base);
      if (written.public !== base) state.public = written.public = base;
      // Apart from the base (shared/wire-view.ts): saying one is done changes only these bits.
      const ready = partyBits(view.ready);
      if (written.readyBits !== ready) state.readyBits = written.readyBits = ready;
      const decided = partyBits(view.decided);
      if (written.decidedBits !== decided) state.decidedBits = written.decidedBits = decided;
      // As toWire cuts the view, item by item; a window that is the same array is already written.
      const { news, history } = view;
      if (news !== this.#newsFrom) syncItems(written.news, news, ITEM_JSON.news, newsKey(view));
      if (history !== this.#historyFrom) syncItems(written.history, history, ITEM_JSON.history, roundOf);
      this.#newsFrom = news;
      this.#historyFrom = history;
      // The end: the spectators' section is written into a new instance, which every client is
      // then given whole, once (server/open-readers.ts).
      if (this.#openReaders.endsNow(ended)) written.open = sectionWritten((state.open = new SectionSchema()));
      if (openRead) {
        this.#openFrom = input.game;
        writeSectionOf(written.open, view);
      }
    }
    // A spectator has arrived (or come back) after public changes nobody read the section for: it
    // is made now, from the spectator's own part of the view (the public table is written already).
    if (openRead && this.#openFrom !== input.game) {
      this.#openFrom = input.game;
      const open = this.#written.open;
      writeSectionOf(open, windowedSectionFor(input.scenario, input.game, "spectator", open.view ?? undefined));
    }
    // Once the game has ended every view reveals everything: the spectators' section, which every
    // client is then given (here, in the patch that ends the game), holds it all, and readers take
    // it from there (shared/wire-view.ts). The private sections are emptied (keeping only whose they
    // are) instead of each carrying the same again: a joiner at the end then receives one window of
    // the table, not two.
    this.#openReaders.setEnded(ended);
    // No seat's window is made again once the game has ended: what they remember goes with them.
    if (ended && !this.#endedSeen) forgetWindows(input.game);
    this.#endedSeen = ended;
    const sections = this.#written.sections;
    const write = (v: number) => {
      const viewer = VIEWERS[v]!;
      const target = sections[v]!;
      if (this.#madeFrom.get(viewer) === input.game) return;
      if (ended) {
        this.#madeFrom.set(viewer, input.game);
        if (target.viewer !== "") writeSection(target, emptySection(viewer), null);
        return;
      }
      if (!input.watched.has(viewer)) return;
      this.#madeFrom.set(viewer, input.game);
      // Made from the section last written here: given back as it is when nothing in it changed.
      writeSectionOf(target, windowedSectionFor(input.scenario, input.game, viewer, target.view ?? undefined));
    };
    // A private section is never sent to anyone but its viewer's clients, so writing the others'
    // after `first`'s patch has been encoded changes nothing `first` receives.
    let later: number[] | null = null;
    // Indexed loops: this runs after every action, and an array iterator is an object per loop.
    for (let v = 0; v < VIEWERS.length; v++) {
      if (first === undefined || VIEWERS[v] === first) write(v);
      else (later ??= []).push(v);
    }
    const seats = this.#written.seats;
    for (let p = 0; p < PARTY_IDS.length; p++) {
      const seat = seats[p]!;
      const summary = input.seats[PARTY_IDS[p]!];
      if (!sameNames(seat.names, summary.names)) {
        seat.schema.names.clear();
        seat.schema.names.push(...summary.names);
        seat.names = summary.names.slice();
      }
      if (seat.connected !== summary.connected) seat.schema.connected = seat.connected = summary.connected;
      if (seat.bot !== summary.bot) seat.schema.bot = seat.bot = summary.bot;
      if (seat.submittedBy !== summary.submittedBy) seat.schema.submittedBy = seat.submittedBy = summary.submittedBy;
    }
    const timer = input.timer;
    // While the clock runs, its time left changes by itself: it is written only when the clock
    // itself changed (a stage began, a resume, an extension) or when nobody's message is being
    // answered (a join, a reconnection, a drop: a joiner's whole state then counts down from a
    // fresh figure). Written after every action, it changed with every one at a timed table, and
    // every client was sent a patch for it alone: an offer between two parties reached all six
    // seats (docs/PROTOCOL.md, "Synced state"). Paused or untimed, it only changes when it is changed.
    const clock = this.#written.timer;
    const running = timer.endsAt > 0 && !timer.paused;
    const clockChanged = clock.stage !== timer.stage || clock.endsAt !== timer.endsAt || clock.paused !== timer.paused;
    if (clock.stage !== timer.stage) state.timer.stage = clock.stage = timer.stage;
    if (clock.endsAt !== timer.endsAt) state.timer.endsAt = clock.endsAt = timer.endsAt;
    if ((!running || clockChanged || first === undefined) && clock.remainingMs !== timer.remainingMs) state.timer.remainingMs = clock.remainingMs = timer.remainingMs;
    if (clock.paused !== timer.paused) state.timer.paused = clock.paused = timer.paused;
    if (this.#written.announcement !== input.announcement) state.announcement = this.#written.announcement = input.announcement;
    if (later === null) return NOTHING_LEFT;
    const rest = later;
    return () => {
      for (let i = 0; i < rest.length; i++) write(rest[i]!);
    };
  }
}

const VIEWERS: readonly Viewer[] = ["facilitator", ...PARTY_IDS];

/**
 * What the mirror last wrote into the synced state, kept beside it. Every write compares with what
 * is already there, and most find it unchanged; read back from the state, each comparison was a
 * call through the schema's accessors (and each list read a trip through its proxy), read here it
 * is a field. The mirror is the only writer of the synced state, so this never differs from it.
 */
interface Written {
  public: string;
  readyBits: number;
  decidedBits: number;
  announcement: string;
  news: SyncedList;
  history: SyncedList;
  open: SectionWritten;
  /** The viewers' sections, in the order of VIEWERS. */
  sections: SectionWritten[];
  /** The seats, in the order of PARTY_IDS. */
  seats: Array<{ schema: SeatSchema; names: readonly string[]; connected: number; bot: boolean; submittedBy: string }>;
  timer: { stage: string; endsAt: number; remainingMs: number; paused: boolean };
}

/** One section as last written, and the view it was last written from by writeSectionOf (null after writeSection). */
interface SectionWritten {
  schema: SectionSchema;
  view: SectionView | null;
  viewer: string;
  lastingSecrets: string;
  changingSecrets: string;
  inRecord: string;
  offers: SyncedList;
  commitments: SyncedList;
  messages: SyncedList;
}

/**
 * A synced list, the array of strings behind its proxy (read without the proxy's traps; written
 * through the proxy, which records the change), and what it was last made from by syncItems: each
 * item's key (an id, or a news item's place), to see which left the window, and the items
 * themselves (the window's own array, which never changes once made: shared/view-window.ts), item
 * i's JSON being the list's string i. `keys` is null until syncItems has written the list.
 */
interface SyncedList {
  list: ArraySchema<string>;
  target: { items: string[] };
  keys: number[] | null;
  from: readonly unknown[];
}

const PROXY_TARGET = Symbol.for("$proxyTarget");

function syncedList(list: ArraySchema<string>): SyncedList {
  const target = ((list as unknown as Record<symbol, { items: string[] } | undefined>)[PROXY_TARGET] ?? list) as unknown as { items: string[] };
  return { list, target, keys: null, from: [] };
}

function sectionWritten(schema: SectionSchema): SectionWritten {
  return {
    schema,
    view: null,
    viewer: schema.viewer,
    lastingSecrets: schema.lastingSecrets,
    changingSecrets: schema.changingSecrets,
    inRecord: schema.inRecord,
    offers: syncedList(schema.offers),
    commitments: syncedList(schema.commitments),
    messages: syncedList(schema.messages),
  };
}

/** A table's synced state before anything is written to it: its code, the clock, every section and seat, empty. */
export function emptyTableState(code: string): TableState {
  const state = new TableState();
  state.code = code;
  state.timer = new TimerSchema();
  state.open = new SectionSchema();
  state.facilitator = new FacilitatorSchema();
  state.facilitator.view = new SectionSchema();
  for (const party of PARTY_IDS) {
    const seat = new SeatSchema();
    seat.party = party;
    seat.view = new SectionSchema();
    state.seats.set(party, seat);
  }
  return state;
}

function writtenOf(state: TableState): Written {
  return {
    public: state.public,
    readyBits: state.readyBits,
    decidedBits: state.decidedBits,
    announcement: state.announcement,
    news: syncedList(state.news),
    history: syncedList(state.history),
    open: sectionWritten(state.open),
    sections: VIEWERS.map((viewer) => sectionWritten(viewer === "facilitator" ? state.facilitator.view : state.seats.get(viewer)!.view)),
    seats: PARTY_IDS.map((party) => {
      const schema = state.seats.get(party)!;
      return { schema, names: [...schema.names], connected: schema.connected, bot: schema.bot, submittedBy: schema.submittedBy };
    }),
    timer: { stage: state.timer.stage, endsAt: state.timer.endsAt, remainingMs: state.timer.remainingMs, paused: state.timer.paused },
  };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
const NOTHING_LEFT = () => {};

/** A section holding nothing but whose it is. */
function emptySection(viewer: Viewer): WireSection {
  return { viewer, offers: [], commitments: [], messages: [], lastingSecrets: "{}", changingSecrets: "{}", inRecord: "" };
}

/** News items have no id: each is known by its place in the whole feed (the feed only grows). */
function newsKey(view: TableView): (item: unknown, i: number) => number {
  const before = (view.recordOnly ?? NOTHING_IN_RECORD).news;
  return (_, i) => before + i;
}

// Keys of the other lists' items, as functions made once (not a closure per list per action).
const idOf = (item: { id: number }) => item.id;
const roundOf = (item: { round: number }) => item.round;

/**
 * Writes a viewer's section from its view, as writeSection(target, toWireSection(view), view)
 * would, comparing each item's JSON where it is instead of making the section's lists first. A list
 * that is the same array as in the view last written (a window unchanged by the action:
 * shared/view-window.ts) is already written, and the same counts keep the same `inRecord` JSON.
 */
function writeSectionOf(target: SectionWritten, view: SectionView): void {
  const before = target.view;
  // The very view last written (windowedSectionFor gives it again when nothing in it changed).
  if (before === view) return;
  if (target.viewer !== view.viewer) target.schema.viewer = target.viewer = view.viewer;
  const { offers, commitments, messages } = view;
  if (offers !== before?.offers) syncItems(target.offers, offers, ITEM_JSON.offer, idOf);
  if (commitments !== before?.commitments) syncItems(target.commitments, commitments, ITEM_JSON.commitment, idOf);
  if (messages !== before?.messages) syncItems(target.messages, messages, ITEM_JSON.message, idOf);
  // Each party's private view is given again while it is unchanged (shared/views.ts): the same parts
  // have the same JSON, which is already there. A part that changed (a pressure, a draft) still
  // holds the game's same objectives and red lines: their JSON, the lasting part, is made again
  // only if they differ (a section's first write, a new game), and only the changing part is remade.
  if (!before || !sameSecrets(before.private, view.private)) {
    if (!before || !sameLastingSecrets(before.private, view.private)) {
      const lasting = lastingSecretsJson(view.private);
      if (target.lastingSecrets !== lasting) target.schema.lastingSecrets = target.lastingSecrets = lasting;
    }
    const changing = changingSecretsJson(view.private);
    if (target.changingSecrets !== changing) target.schema.changingSecrets = target.changingSecrets = changing;
  }
  if (!before || !sameInRecord(before, view)) {
    const inRecord = inRecordJson(view);
    if (target.inRecord !== inRecord) target.schema.inRecord = target.inRecord = inRecord;
  }
  target.view = view;
}

/** Writes a viewer's section, touching only the items that changed. */
function writeSection(target: SectionWritten, section: WireSection, view: SectionView | null): void {
  if (target.viewer !== section.viewer) target.schema.viewer = target.viewer = section.viewer;
  // (An empty section has no items, so no key is asked for.)
  syncList(target.offers, section.offers, (_, i) => view!.offers[i]!.id);
  syncList(target.commitments, section.commitments, (_, i) => view!.commitments[i]!.id);
  syncList(target.messages, section.messages, (_, i) => view!.messages[i]!.id);
  if (target.lastingSecrets !== section.lastingSecrets) target.schema.lastingSecrets = target.lastingSecrets = section.lastingSecrets;
  if (target.changingSecrets !== section.changingSecrets) target.schema.changingSecrets = target.changingSecrets = section.changingSecrets;
  if (target.inRecord !== section.inRecord) target.schema.inRecord = target.inRecord = section.inRecord;
  target.view = null;
}

/** Whether `raw` from `at` on is where `items` begin: each the same item as `was` there (so the same JSON) or one with an equal JSON. */
function sameFrom<T>(raw: readonly string[], at: number, was: readonly unknown[], items: readonly T[], json: (item: T) => string): boolean {
  for (let i = at; i < raw.length; i++) {
    const item = items[i - at]!;
    if (was[i] !== item && raw[i] !== json(item)) return false;
  }
  return true;
}

function startsWith(keys: readonly number[], prefix: readonly number[]): boolean {
  if (prefix.length > keys.length) return false;
  for (let i = 0; i < prefix.length; i++) if (keys[i] !== prefix[i]) return false;
  return true;
}

const asIs = (text: string) => text;

/**
 * An item has left a synced list: the JSON kept for it is let go (shared/wire-view.ts forgetJsonOf).
 * Windows keep the newest items, so one that left is rarely asked for again; the synced list itself
 * holds the text while it is there. (A list of JSON strings written as they are keeps nothing.)
 */
function forget(item: unknown): void {
  if (typeof item === "object" && item !== null) forgetJsonOf(item);
}

/** Makes `list` hold the JSON strings `items` (whose keys `keyOf` gives): see syncItems. */
function syncList(synced: SyncedList, items: readonly string[], keyOf: (item: string, i: number) => number): void {
  syncItems(synced, items, asIs, keyOf);
}

/**
 * Makes `list` hold the JSON of `items` (whose keys are `keyOf`'s). Items that left the window are
 * removed where they are — a patch carries one small delete each, not every later item again —
 * then only the positions that differ are written, and the new items appended. An item the list
 * was made from is known by identity, so its JSON is not looked up again (each look-up is a
 * memo's): after most actions only the new items' JSON is asked for.
 */
function syncItems<T>(synced: SyncedList, items: readonly T[], json: (item: T) => string, keyOf: (item: T, i: number) => number): void {
  // Compared on the array behind the ArraySchema's proxy (a read through the proxy costs more than
  // the comparison); written through the proxy, which records the change.
  const { list, target } = synced;
  const raw: readonly string[] = target.items;
  const count = items.length;
  const known = synced.keys === null ? null : (synced as { keys: number[]; from: readonly unknown[] });
  // The usual case, for most viewers after most actions: the items there are unchanged (the same
  // JSON, so the same ids) and any new ones come after them. Only the new ones' keys are needed.
  if (known && known.keys.length === raw.length && known.from.length === raw.length) {
    // Or the window moved on: its oldest items left at the front, the others are unchanged, and new
    // ones come after them (a busy week's messages). The same steps as below, without their lists.
    // The first item's JSON, from the list when the item is there (found by identity: its kept
    // JSON may have been let go when another viewer's window moved on).
    let first: string | undefined;
    if (count > 0) {
      const at = known.from[0] === items[0] ? 0 : known.from.indexOf(items[0]);
      first = at >= 0 ? raw[at] : json(items[0]!);
    }
    const gone = first !== undefined && raw.length > 0 && raw[0] !== first ? raw.indexOf(first) : 0;
    const stay = raw.length - gone;
    if (gone >= 0 && stay <= count && sameFrom(raw, gone, known.from, items, json)) {
      const keys = known.keys;
      // One item gone (a busy window moving on by one): shift records the same one delete as
      // splice(0, 1), without the index of every live slot splice builds first.
      if (gone === 1) list.shift();
      else for (let i = gone - 1; i >= 0; i--) list.splice(i, 1);
      for (let i = 0; i < gone; i++) forget(known.from[i]);
      // The keys moved down in place over those gone (as keys.splice(0, gone), without the array
      // splice returns, and without copyWithin, which V8 runs as a generic builtin), the new ones
      // written after them, and the length set once: a window moving on by one keeps its length,
      // and its array, instead of shrinking and growing again (a new backing array each time).
      if (gone > 0) for (let i = 0; i < stay; i++) keys[i] = keys[i + gone]!;
      for (let i = stay; i < count; i++) {
        keys[i] = keyOf(items[i]!, i);
        list.push(json(items[i]!));
      }
      if (keys.length !== count) keys.length = count;
      synced.from = items;
      return;
    }
  }
  const keys: number[] = new Array(count);
  for (let i = 0; i < count; i++) keys[i] = keyOf(items[i]!, i);
  const before = known?.keys;
  // Usually the window only grew (or kept its items): then nothing left it, and nothing is removed.
  if (before && before.length === list.length && !startsWith(keys, before)) {
    const kept = new Set(keys);
    for (let i = before.length - 1; i >= 0; i--)
      if (!kept.has(before[i]!)) {
        list.splice(i, 1);
        if (known.from.length === before.length) forget(known.from[i]);
      }
  }
  synced.keys = keys;
  synced.from = items;
  const now: readonly string[] = target.items;
  const common = Math.min(now.length, count);
  for (let i = 0; i < common; i++) {
    const item = json(items[i]!);
    if (now[i] !== item) list[i] = item;
  }
  if (list.length > count) list.splice(count, list.length - count);
  for (let i = common; i < count; i++) list.push(json(items[i]!));
}
