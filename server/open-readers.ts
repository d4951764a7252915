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
import type { StateView } from "@colyseus/schema";
import type { SeatRole } from "../shared/protocol.ts";
import type { TableState } from "./table-schema.ts";

export class OpenReaders {
  readonly #state: TableState;
  /** The views of clients that are not spectators: they hold `open` only while the game has ended. */
  readonly #seated = new Set<StateView>();
  #ended = false;

  constructor(state: TableState) {
    this.#state = state;
  }

  /** A client's new view, for `role`: a spectator's reads `open` throughout, anyone else's once the game has ended. */
  admit(view: StateView, role: SeatRole): void {
    if (role !== "spectator") this.#seated.add(view);
    if (role === "spectator" || this.#ended) view.add(this.#state.open);
  }

  /** The client has left for good: its view is no longer kept here. */
  forget(view: StateView): void {
    this.#seated.delete(view);
  }

  /**
   * Whether the synced state just written is of an ended game. When that changed, every seated
   * view is given `open`, or loses it (removing the table's root from a view takes back its only
   * `.view()` field, `open`, with a delete the client decodes; the seats' sections are held by
   * their own entries and stay).
   */
  setEnded(ended: boolean): void {
    if (this.#ended === ended) return;
    this.#ended = ended;
    for (const view of this.#seated) {
      if (ended) view.add(this.#state.open);
      else view.remove(this.#state);
    }
  }
}
