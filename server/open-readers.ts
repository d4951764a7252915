// Who receives the spectators' section `open` (server/table-schema.ts), a `.view()` field: it goes
// to a client only while its StateView holds it.
//
// Before the end, `open` holds the public statements and public offers, which each seat's own
// section (and the facilitator's, which holds everything) carries too: a seated client sent `open`
// received every public statement and public offer twice, and read one copy (shared/wire-view.ts
// WireReader reads a viewer's own section until the end). So until the game ends only spectators
// (watchers and a teacher's projector) are given `open`. Once it has ended, the private sections
// are emptied and `open` alone carries the whole table (server/state-mirror.ts): every client is
// given it then, in the same patch, and so is anyone who joins or comes back after the end. A
// classroom host's rollback can take an ended game back before its end (shared/rollback.ts): the
// seated clients then lose `open` again, in the patch that gives them back their own sections.
//
// Who reads `open` also decides when it is written (server/state-mirror.ts): before the end, only
// while a spectator is connected (seats.ts `watched()` counts every spectator, a watcher or a
// projector); a spectator who arrives or comes back finds it brought up to date before their whole
// state is made. Most tables have no spectator, and their public changes no longer make it for nobody.
//
// At the end the section is written into a new instance (server/state-mirror.ts), which every view
// is given. An object already in the state, let into a view, travels whole in that view's next
// patch, and whatever of it changed in the same patch travels again after it: at the end, when
// nearly all of the section changes, a seated client received the final table twice (a 52 KB patch
// for 27 KB of table in a six-week test game). An object made in this patch travels once, with its
// items, to each view it is let into; a spectator too receives it whole, which is about what the
// change at the end would have sent it anyway.
import type { StateView } from "@colyseus/schema";
import type { SeatRole } from "../shared/protocol.ts";
import type { TableState } from "./table-schema.ts";

export class OpenReaders {
  readonly #state: TableState;
  /** Every client's view, and whether it is a spectator's (holding `open` throughout; the others, only while the game has ended). */
  readonly #views = new Map<StateView, boolean>();
  #ended = false;

  constructor(state: TableState) {
    this.#state = state;
  }

  /** A client's new view, for `role`: a spectator's reads `open` throughout, anyone else's once the game has ended. */
  admit(view: StateView, role: SeatRole): void {
    const spectator = role === "spectator";
    this.#views.set(view, spectator);
    if (spectator || this.#ended) view.add(this.#state.open);
  }

  /** The client has left for good: its view is no longer kept here. */
  forget(view: StateView): void {
    this.#views.delete(view);
  }

  /** Whether a synced state of a game that has `ended` ends it now: `open` is then to be written into a new instance. */
  endsNow(ended: boolean): boolean {
    return ended && !this.#ended;
  }

  /**
   * Whether the synced state just written is of an ended game. When it ends, every view is given
   * `open` (the new instance); when a rollback takes it back before its end, every view but the
   * spectators' loses it (removing the table's root from a view takes back its only `.view()`
   * field, `open`, with a delete the client decodes; the seats' sections are held by their own
   * entries and stay).
   */
  setEnded(ended: boolean): void {
    if (this.#ended === ended) return;
    this.#ended = ended;
    for (const [view, spectator] of this.#views) {
      if (ended) view.add(this.#state.open);
      else if (!spectator) view.remove(this.#state);
    }
  }
}
