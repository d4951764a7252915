// The ONLY module that writes the synced Colyseus state. Everything in it is derived: the views come
// from shared's viewFor (the one place views are made), the seats from seats.ts, the timer from
// table-clock.ts. Nothing is kept here that the engine state or the seats do not already hold, so
// the mirror cannot drift from the game. Secrets travel only in `.view()` fields, and each client's
// StateView is granted here too, so what a client may see is decided in one place.
import { StateView, type ArraySchema } from "@colyseus/schema";
import type { Client } from "@colyseus/core";
import { viewFor } from "../shared/views.ts";
import { toWire, type WireSection } from "../shared/wire-view.ts";
import { PARTY_IDS, type PartyId, type Viewer } from "../shared/ids.ts";
import type { GameState } from "../shared/state.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import type { SeatRole } from "../shared/protocol.ts";
import type { SeatSummary } from "./seats.ts";
import type { TimerSnapshot } from "./table-clock.ts";
import { FacilitatorSchema, SeatSchema, SectionSchema, TableState, TimerSchema } from "./table-schema.ts";

export interface MirrorInput {
  scenario: Scenario;
  game: GameState;
  seats: Record<PartyId, SeatSummary & { submittedBy: string }>;
  timer: TimerSnapshot;
  announcement: string;
  /** Viewers with a connected client: only their private views are worth making now. */
  watched: ReadonlySet<Viewer>;
}

const sameList = (a: ArrayLike<string>, b: readonly string[]) => a.length === b.length && b.every((x, i) => a[i] === x);

export class StateMirror {
  readonly state: TableState;
  /** The engine state each view was last made from: a view is remade only when it changed. */
  #madeFrom = new Map<Viewer, GameState>();
  #publicFrom: GameState | null = null;

  constructor(code: string) {
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
    this.state = state;
  }

  /** Lets `client` receive what its seat may see: its party's section, everything, or the public table only. */
  grant(client: Client, role: SeatRole): void {
    const view = new StateView();
    if (role === "facilitator") view.add(this.state.facilitator);
    else if (role !== "spectator") {
      const seat = this.state.seats.get(role);
      if (seat) view.add(seat);
    }
    client.view = view;
  }

  /** The client has left for good: free its view (its slot would otherwise wait for a GC). */
  revoke(client: Client): void {
    client.view?.dispose();
  }

  update(input: MirrorInput): void {
    const { state } = this;
    // The public table (base, news, history and the spectators' section) always: everyone receives
    // it. A private section only while someone in that seat is connected: a bot's seat or an empty
    // facilitator chair has nobody to send it to, and its section is made the moment someone
    // arrives (before their first patch).
    if (this.#publicFrom !== input.game) {
      this.#publicFrom = input.game;
      const wire = toWire(viewFor(input.scenario, input.game, "spectator"));
      setIfChanged(state, "public", wire.base);
      syncList(state.news, wire.news);
      syncList(state.history, wire.history);
      writeSection(state.open, wire.section);
    }
    // Once the game has ended every view reveals everything: the spectators' section, which every
    // client receives, then holds it all, and readers take it from there (shared/wire-view.ts).
    // The private sections are left as they were instead of each carrying the same again.
    const ended = input.game.stage === "ended";
    const write = (viewer: Viewer, target: SectionSchema | undefined) => {
      if (!target || ended || !input.watched.has(viewer) || this.#madeFrom.get(viewer) === input.game) return;
      this.#madeFrom.set(viewer, input.game);
      writeSection(target, toWire(viewFor(input.scenario, input.game, viewer)).section);
    };
    write("facilitator", state.facilitator.view);
    for (const party of PARTY_IDS) write(party, state.seats.get(party)?.view);
    for (const party of PARTY_IDS) {
      const seat = state.seats.get(party);
      const summary = input.seats[party];
      if (!seat) continue;
      if (!sameList(seat.names, summary.names)) {
        seat.names.clear();
        seat.names.push(...summary.names);
      }
      setIfChanged(seat, "connected", summary.connected);
      setIfChanged(seat, "bot", summary.bot);
      setIfChanged(seat, "submittedBy", summary.submittedBy);
    }
    const timer = input.timer;
    setIfChanged(state.timer, "stage", timer.stage);
    setIfChanged(state.timer, "endsAt", timer.endsAt);
    setIfChanged(state.timer, "remainingMs", timer.remainingMs);
    setIfChanged(state.timer, "paused", timer.paused);
    setIfChanged(state, "announcement", input.announcement);
  }
}

/** Writes a viewer's section, touching only the items that changed. */
function writeSection(target: SectionSchema, section: WireSection): void {
  setIfChanged(target, "viewer", section.viewer);
  syncList(target.offers, section.offers);
  syncList(target.commitments, section.commitments);
  syncList(target.messages, section.messages);
  setIfChanged(target, "secrets", section.secrets);
}

/** Makes `list` equal `items` by changing only the positions that differ (a patch then carries only those). */
function syncList(list: ArraySchema<string>, items: readonly string[]): void {
  const common = Math.min(list.length, items.length);
  for (let i = 0; i < common; i++) if (list[i] !== items[i]) list[i] = items[i]!;
  if (list.length > items.length) list.splice(items.length, list.length - items.length);
  for (let i = common; i < items.length; i++) list.push(items[i]!);
}

// Assigning an equal value would still mark the field changed and resend it.
function setIfChanged<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}
