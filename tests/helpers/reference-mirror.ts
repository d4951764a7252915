// The synced state written the straightforward way, to hold server/state-mirror.ts to: after every
// action, every watched viewer's whole view is made afresh (shared/views.ts viewFor), cut to its
// window (shared/view-window.ts windowView) and put in its wire form (shared/wire-view.ts toWire),
// and each synced list is brought to it item by item — the items that left removed where they are
// (from the back), the positions that differ written, the rest appended. Nothing is remembered
// from one action to the next but what is synced, so whatever the mirror keeps to do less, its
// synced state and every patch it makes must be the same as this one's, byte for byte. The clients'
// views are granted here too: the spectators' section to spectators, and to everyone once the game
// has ended (read from the synced public table), each view checked after every action. The
// spectators' section is written only while a spectator watches or the game has ended.
import { StateView, type ArraySchema } from "@colyseus/schema";
import { PARTY_IDS, type Viewer } from "../../shared/ids.ts";
import { viewFor, type TableView } from "../../shared/views.ts";
import { recordOnlyOf, windowView } from "../../shared/view-window.ts";
import { toWire, type WireSection } from "../../shared/wire-view.ts";
import { emptyTableState, type MirrorInput } from "../../server/state-mirror.ts";
import { SectionSchema, type TableState } from "../../server/table-schema.ts";

const VIEWERS: readonly Viewer[] = ["facilitator", ...PARTY_IDS];

export class ReferenceMirror {
  readonly state: TableState;
  /** The views granted and not yet let go, with whose they are. */
  readonly #views = new Map<StateView, Viewer>();

  constructor(code: string) {
    this.state = emptyTableState(code);
  }

  /** A client's view as `viewer`: its own section, and the spectators' section if it is a spectator or the game has ended. */
  grant(viewer: Viewer): StateView {
    const view = new StateView();
    if (viewer === "facilitator") view.add(this.state.facilitator);
    else if (viewer !== "spectator") view.add(this.state.seats.get(viewer)!);
    if (viewer === "spectator" || this.#ended()) view.add(this.state.open);
    this.#views.set(view, viewer);
    return view;
  }

  /** The client has left. */
  revoke(view: StateView): void {
    this.#views.delete(view);
    view.dispose();
  }

  /** Whether the synced public table is of an ended game. */
  #ended(): boolean {
    return this.state.public !== "" && (JSON.parse(this.state.public) as { stage: string }).stage === "ended";
  }

  /** The synced state for `input`, written in the order a table writes it: the public table, the sections, the seats, the clock. */
  update(input: MirrorInput): void {
    const { state } = this;
    const { scenario, game } = input;
    const ended = game.stage === "ended";
    // The game ends now: the spectators' section is made afresh, a new instance every view is given.
    if (ended && !this.#ended()) state.open = new SectionSchema();
    const open = windowView(viewFor(scenario, game, "spectator"));
    const wire = toWire(open);
    set(state, "public", wire.base);
    set(state, "readyBits", wire.ready);
    set(state, "decidedBits", wire.decided);
    const newsBefore = recordOnlyOf(open).news;
    sync(state.news, wire.news, (i) => newsBefore + i);
    sync(state.history, wire.history, (i) => open.history[i]!.round);
    // The spectators' section only while someone reads it: a spectator is watching, or the game has ended.
    if (ended || input.watched.has("spectator")) writeSection(state.open, wire.section, open);
    // Who reads the spectators' section: a spectator's view always, any other exactly while the
    // game has ended (taken back with the table's root, whose one `.view()` field it is).
    for (const [view, viewer] of this.#views) {
      const reads = viewer === "spectator" || ended;
      if (reads && !view.has(state.open)) view.add(state.open);
      if (!reads && view.has(state.open)) view.remove(state);
    }
    for (const viewer of VIEWERS) {
      const target = viewer === "facilitator" ? state.facilitator.view : state.seats.get(viewer)!.view;
      if (ended) {
        if (target.viewer !== "") writeSection(target, { viewer, offers: [], commitments: [], messages: [], lastingSecrets: "{}", changingSecrets: "{}", inRecord: "" }, null);
      } else if (input.watched.has(viewer)) {
        const view = windowView(viewFor(scenario, game, viewer));
        writeSection(target, toWire(view).section, view);
      }
    }
    for (const party of PARTY_IDS) {
      const seat = state.seats.get(party)!;
      const summary = input.seats[party];
      if ([...seat.names].join("\n") !== summary.names.join("\n")) {
        seat.names.clear();
        seat.names.push(...summary.names);
      }
      set(seat, "connected", summary.connected);
      set(seat, "bot", summary.bot);
      set(seat, "submittedBy", summary.submittedBy);
    }
    set(state.timer, "stage", input.timer.stage);
    set(state.timer, "endsAt", input.timer.endsAt);
    set(state.timer, "remainingMs", input.timer.remainingMs);
    set(state.timer, "paused", input.timer.paused);
    set(state, "announcement", input.announcement);
  }
}

function writeSection(target: SectionSchema, section: WireSection, view: TableView | null): void {
  set(target, "viewer", section.viewer);
  sync(target.offers, section.offers, (i) => view!.offers[i]!.id);
  sync(target.commitments, section.commitments, (i) => view!.commitments[i]!.id);
  sync(target.messages, section.messages, (i) => view!.messages[i]!.id);
  set(target, "lastingSecrets", section.lastingSecrets);
  set(target, "changingSecrets", section.changingSecrets);
  set(target, "inRecord", section.inRecord);
}

/** Each synced list's items' keys as last written. */
const keysOf = new WeakMap<ArraySchema<string>, number[]>();

function sync(list: ArraySchema<string>, items: readonly string[], keyOf: (i: number) => number): void {
  const keys = items.map((_, i) => keyOf(i));
  const before = keysOf.get(list) ?? [];
  const kept = new Set(keys);
  for (let i = before.length - 1; i >= 0; i--) if (!kept.has(before[i]!)) list.splice(i, 1);
  keysOf.set(list, keys);
  const common = Math.min(list.length, items.length);
  for (let i = 0; i < common; i++) if (list[i] !== items[i]) list[i] = items[i]!;
  if (list.length > items.length) list.splice(items.length, list.length - items.length);
  for (let i = common; i < items.length; i++) list.push(items[i]!);
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}
