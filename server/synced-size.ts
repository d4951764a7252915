// How many bytes the whole synced state is for someone joining a table now, per kind of viewer:
// what Colyseus sends a joiner (the shared part, then the viewer's own section), encoded by the
// same encoder a room uses. For the state bench (scripts/bench-state.ts) and the tests that hold
// the synced state to its bound; a room measures its own through its serializer instead.
import { Encoder, StateView } from "@colyseus/schema";
import { PARTY_IDS, type Viewer } from "../shared/ids.ts";
import type { TableState } from "./table-schema.ts";

export class SyncedSize {
  readonly state: TableState;
  readonly #encoder: Encoder<TableState>;
  // Larger than any table's state, so the shared part and a section always fit in one buffer.
  readonly #buffer = new Uint8Array(8 * 1024 * 1024);

  /** Watch `state` from now on (before it is first written, as a room would). */
  constructor(state: TableState) {
    this.state = state;
    this.#encoder = new Encoder(state);
  }

  /** Forgets the changes made since the last call, as sending a patch does. */
  patched(): void {
    this.#encoder.discardChanges();
  }

  /** Bytes a joiner in the seat of `viewer` receives in its first state. */
  joinerBytes(viewer: Viewer): number {
    const it = { offset: 0 };
    const shared = this.#encoder.encodeAll(it, this.#buffer);
    if (viewer === "spectator") return shared.byteLength;
    const view = new StateView();
    if (viewer === "facilitator") view.add(this.state.facilitator);
    else view.add(this.state.seats.get(viewer)!);
    const whole = this.#encoder.encodeAllView(view, it.offset, { ...it }, this.#buffer);
    view.dispose();
    return whole.byteLength;
  }

  /** The largest joiner's state over every kind of viewer, and whose it is. */
  largest(): { viewer: Viewer; bytes: number } {
    let best: { viewer: Viewer; bytes: number } = { viewer: "spectator", bytes: this.joinerBytes("spectator") };
    for (const viewer of ["facilitator", ...PARTY_IDS] as const) {
      const bytes = this.joinerBytes(viewer);
      if (bytes > best.bytes) best = { viewer, bytes };
    }
    return best;
  }
}
